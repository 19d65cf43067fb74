import sys
from datetime import date, datetime, time

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
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


# How long a client (or the proxy) should wait before trying again while the database is away.
RETRY_AFTER_SECONDS = 30


def bad_request(request, exception):
    return HttpResponse(loader.render_to_string("400.html"), status=400)


def server_error(request):
    # Rendered without the request (no context processors, no session, no database): the error
    # may be that the database is gone. The traceback is logged (django.request), never shown.
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable()
    return HttpResponseServerError(loader.render_to_string("500.html"))


def database_unavailable():
    """503 while the database cannot be reached. Each request tries it again (Django opens a new
    connection after a failed one), so the portal recovers by itself when it is back."""
    return HttpResponse(
        loader.render_to_string("503.html"),
        status=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


@login_not_required  # also with PORTAL_REQUIRE_LOGIN=1: the load balancer has no account
@never_cache
@require_safe
def health(request):
    """For the load balancer: 200 only when the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(
            "database onbereikbaar\n",
            status=503,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


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
            # Before 1900 there were no changes; year 1 does not even fit in UTC (OverflowError).
            if since.year < 1900:
                raise ValueError(since_text)
        except ValueError:
            since = None
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
