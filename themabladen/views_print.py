"""A sheet on paper: a print view and a server-rendered PDF of the same template."""

from django.http import Http404
from django.shortcuts import render

from portal.pdf import render_pdf

from .models import Themablad
from .views import published_page_or_404


def _published_sheet(slug):
    # A sheet whose text is not available yet has nothing to put on paper; practice pages have
    # no print version.
    themablad = published_page_or_404(slug, Themablad.Kind.THEMABLAD)
    if not themablad.available:
        raise Http404("Dit themablad heeft nog geen tekst om af te drukken.")
    return themablad


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
