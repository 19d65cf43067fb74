from dataclasses import dataclass, field

from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from themabladen.models import Themablad

from .ecli import InvalidECLI, normalize_ecli
from .models import Casus, CasusUitspraak, Uitspraak


def _published_casussen():
    return (
        Casus.objects.filter(themablad__status=Themablad.Status.PUBLISHED)
        .select_related("themablad")
        .prefetch_related(
            Prefetch("citations", queryset=CasusUitspraak.objects.select_related("uitspraak"))
        )
    )


def casus_list(request):
    casussen = _published_casussen().order_by("themablad__number", "position")
    return render(request, "casuistiek/list.html", {"casussen": casussen})


@dataclass
class RulingRow:
    uitspraak: Uitspraak
    casussen: list = field(default_factory=list)


@dataclass
class RulingGroup:
    label: str
    anchor: str
    url: str = ""
    rows: list[RulingRow] = field(default_factory=list)


# How the ruling index can be ordered: by the subject (the sheet of the citing case) or by court.
ORDERINGS = {"themablad": "Onderwerp (themablad)", "instantie": "Instantie"}


def ruling_groups(citations, by: str) -> list[RulingGroup]:
    """Each ruling once per group, with the cases citing it; `citations` in the sheets' order."""
    groups: dict[str, RulingGroup] = {}
    rows: dict[tuple[str, int], RulingRow] = {}
    for citation in citations:
        casus, uitspraak = citation.casus, citation.uitspraak
        if by == "instantie":
            key = uitspraak.court_code
            group = groups.setdefault(
                key, RulingGroup(uitspraak.court_name, f"instantie-{key.lower()}")
            )
        else:
            sheet = casus.themablad
            key = sheet.slug
            group = groups.setdefault(
                key, RulingGroup(sheet.title, f"themablad-{key}", sheet.get_absolute_url())
            )
        row = rows.get((key, uitspraak.pk))
        if row is None:
            row = rows[(key, uitspraak.pk)] = RulingRow(uitspraak)
            group.rows.append(row)
        if casus not in row.casussen:
            row.casussen.append(casus)
    result = list(groups.values())
    if by == "instantie":
        result.sort(key=lambda group: group.label)
        for group in result:
            group.rows.sort(key=lambda row: (-row.uitspraak.year, row.uitspraak.ecli))
    return result


def uitspraak_list(request):
    by = request.GET.get("indeling", "")
    by = by if by in ORDERINGS else "themablad"
    citations = (
        CasusUitspraak.objects.filter(casus__themablad__status=Themablad.Status.PUBLISHED)
        .select_related("uitspraak", "casus__themablad")
        .order_by(
            F("casus__themablad__number").asc(nulls_last=True),
            "casus__themablad__title",
            "casus__position",
            "casus__pk",
            "position",
            "pk",
        )
    )
    groups = ruling_groups(citations, by)
    return render(
        request,
        "uitspraken/list.html",
        {
            "groups": groups,
            "by": by,
            "orderings": ORDERINGS.items(),
            "count": len({row.uitspraak.pk for group in groups for row in group.rows}),
        },
    )


def uitspraak_detail(request, ecli):
    try:
        normal = normalize_ecli(ecli)
    except InvalidECLI as error:
        raise Http404("Dit is geen geldige ECLI.") from error
    if normal != ecli:
        return redirect("uitspraken:detail", ecli=normal, permanent=True)
    uitspraak = get_object_or_404(Uitspraak.objects.cited_on_published(), ecli=normal)
    casussen = (
        _published_casussen().filter(citations__uitspraak=uitspraak).order_by("themablad__number")
    )
    return render(
        request,
        "uitspraken/detail.html",
        {"uitspraak": uitspraak, "casussen": casussen, "crumbs": [("/uitspraken/", "Uitspraken")]},
    )
