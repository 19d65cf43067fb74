from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from portal.tagging import tags_used_by
from themabladen.models import Themablad

from .models import Dilemma


def dilemma_list(request):
    """Every published dilemma grouped by sheet, optionally narrowed to one sheet or one tag."""
    sheets = Themablad.objects.published().filter(dilemmas__isnull=False).distinct().by_number()
    dilemmas = Dilemma.objects.order_by("placements__position").prefetch_related("options", "tags")
    selected_sheet = request.GET.get("themablad", "")
    selected_tag = request.GET.get("tag", "")
    if selected_tag:
        dilemmas = dilemmas.filter(tags__slug=selected_tag)
    groups = sheets.filter(slug=selected_sheet) if selected_sheet else sheets
    groups = groups.prefetch_related(Prefetch("dilemmas", queryset=dilemmas, to_attr="shown"))
    groups = [sheet for sheet in groups if sheet.shown]
    tags = tags_used_by(Dilemma.objects.published())
    return render(
        request,
        "dilemmas/list.html",
        {
            "groups": groups,
            "sheets": sheets,
            "tags": tags,
            "selected_sheet": selected_sheet,
            "selected_tag": selected_tag,
            "count": sum(len(sheet.shown) for sheet in groups),
        },
    )


def dilemma_detail(request, pk):
    dilemma = get_object_or_404(
        Dilemma.objects.published().prefetch_related("options", "tags"), pk=pk
    )
    # Each sheet with what the dilemma is about: its kader and its cases.
    themabladen = dilemma.themabladen.published().by_number().prefetch_related("kader", "casussen")
    return render(
        request,
        "dilemmas/detail.html",
        {"dilemma": dilemma, "themabladen": themabladen, "crumbs": [("/dilemmas/", "Dilemma’s")]},
    )
