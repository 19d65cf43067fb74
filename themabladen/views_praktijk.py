"""Integriteit in de praktijk: the VIK pages, sheets of another kind (Themablad.Kind.PRAKTIJK).

They are kept through the same editorial core as sheets; only their index and page differ.
"""

from django.shortcuts import get_object_or_404, render

from .models import Themablad
from .views import sheet_page_extras

INDEX = ("/integriteit-in-de-praktijk/", "Integriteit in de praktijk")


def practice_index(request):
    pages = Themablad.objects.published().practice_pages().prefetch_related("text_blocks")
    return render(request, "praktijk/index.html", {"pages": pages})


def practice_detail(request, slug):
    page = get_object_or_404(
        Themablad.objects.published().practice_pages().with_sections(), slug=slug
    )
    context = {"themablad": page, "breadcrumbs": [INDEX], **sheet_page_extras(page)}
    return render(request, "praktijk/detail.html", context)
