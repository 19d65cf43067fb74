from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from dilemmas.models import Dilemma
from themabladen.models import Themablad

from .tagging import tags_used_by


def home(request):
    themabladen = Themablad.objects.published().sheets().by_number()
    return render(request, "home.html", {"themabladen": themabladen})


def accessibility(request):
    return render(request, "accessibility.html")


def tag_index(request):
    tags = tags_used_by(Themablad.objects.published(), Dilemma.objects.published())
    return render(request, "tags/index.html", {"tags": tags})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    themabladen = Themablad.objects.published().filter(tags=tag).by_number()
    dilemmas = Dilemma.objects.published().filter(tags=tag).prefetch_related("themabladen")
    if not themabladen and not dilemmas:
        raise Http404("Dit trefwoord wordt niet gebruikt.")
    return render(
        request,
        "tags/detail.html",
        {
            "tag": tag,
            "themabladen": themabladen,
            "dilemmas": dilemmas,
            "crumbs": [("/tags/", "Trefwoorden")],
        },
    )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
