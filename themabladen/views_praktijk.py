"""Integriteit in de praktijk: the VIK pages, sheets of another kind (Themablad.Kind.PRAKTIJK).

They are kept through the same editorial core as sheets; only their index and page differ.
"""

from django.shortcuts import render

from .models import Themablad
from .views import published_page_or_404, sheet_page_extras

INDEX = ("/integriteit-in-de-praktijk/", "Integriteit in de praktijk")


def practice_index(request):
    pages = Themablad.objects.published().practice_pages().prefetch_related("text_blocks")
    return render(request, "praktijk/index.html", {"pages": pages})


def practice_detail(request, slug):
    page = published_page_or_404(slug, Themablad.Kind.PRAKTIJK)
    context = {"themablad": page, "breadcrumbs": [INDEX], **sheet_page_extras(page)}
    return render(request, "praktijk/detail.html", context, using="jinja2")
