from django.db.models import Prefetch
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


def uitspraak_list(request):
    uitspraken = Uitspraak.objects.cited_on_published().order_by("ecli")
    return render(request, "uitspraken/list.html", {"uitspraken": uitspraken})


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
