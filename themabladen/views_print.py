"""A sheet on paper: a print view and a server-rendered PDF of the same template."""

from django.shortcuts import get_object_or_404, render

from portal.pdf import render_pdf

from .models import Themablad


def _published_sheet(slug):
    # A sheet whose text is not available yet has nothing to put on paper; practice pages have
    # no print version.
    return get_object_or_404(
        Themablad.objects.published().sheets().filter(available=True).with_sections(), slug=slug
    )


def themablad_print(request, slug):
    themablad = _published_sheet(slug)
    return render(request, "print/themablad.html", {"themablad": themablad})


def themablad_pdf(request, slug):
    themablad = _published_sheet(slug)
    return render_pdf(
        request,
        "print/themablad.html",
        {"themablad": themablad},
        filename=f"themablad-{themablad.slug}.pdf",
    )
