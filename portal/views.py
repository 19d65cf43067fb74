from datetime import date, datetime, time

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from dilemmas.models import Dilemma
from portal.redactie.models import Revision
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


CHANGES_PER_PAGE = 50


def _changes(themablad=None):
    changes = Revision.objects.public_changes()
    return changes.filter(themablad=themablad) if themablad is not None else changes


def changes(request):
    """Wijzigingen: every approved change of a published sheet, newest first; narrowed to one
    sheet (`?themablad=<slug>`) or to those since a date (`?sinds=2026-11-01`)."""
    themablad = None
    slug = request.GET.get("themablad", "")
    if slug:
        themablad = get_object_or_404(Themablad.objects.published(), slug=slug)
    found = _changes(themablad)
    since_text = request.GET.get("sinds", "").strip()
    since, problem = None, ""
    if since_text:
        try:
            since = date.fromisoformat(since_text)
        except ValueError:
            problem = f"‘{since_text[:40]}’ is geen datum; kies een datum, bijvoorbeeld 2026-11-01."
        else:
            start = timezone.make_aware(datetime.combine(since, time.min))
            found = found.filter(published_at__gte=start)
    page = Paginator(found, CHANGES_PER_PAGE).get_page(request.GET.get("pagina"))
    crumbs = [(themablad.get_absolute_url(), themablad.title)] if themablad else []
    return render(
        request,
        "wijzigingen/list.html",
        {
            "page": page,
            "themablad": themablad,
            "since": since,
            "since_text": since_text,
            "problem": problem,
            "crumbs": crumbs,
        },
        status=400 if problem else 200,
    )


class ChangesFeed(Feed):
    """The same approved changes as an Atom feed, for feed readers and the intranet."""

    feed_type = Atom1Feed
    title = "Wijzigingen in het Integriteitsportaal"
    subtitle = "Goedgekeurde wijzigingen in de themabladen bij de beroepscode van de politie."
    link = "/wijzigingen/"
    feed_url = "/wijzigingen/atom/"
    author_name = "Redactie Integriteitsportaal"
    ITEMS = 50

    def items(self):
        return _changes()[: self.ITEMS]

    def item_title(self, item):
        when = timezone.localtime(item.published_at)
        return f"{item.themablad.title}: gewijzigd op {when:%d-%m-%Y}"

    def item_description(self, item):
        return item.note or NO_NOTE

    def item_link(self, item):
        return f"{item.themablad.get_absolute_url()}#wijziging-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.themablad.title]


NO_NOTE = "Bijgewerkt, zonder toelichting."
