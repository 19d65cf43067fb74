import re
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from portal.compiled import CompiledQuery
from portal.redactie.models import Revision
from portal.search.models import Kind
from portal.search.service import run_search

from .models import Article, ContactPoint, Law, LegalReference, Themablad
from .sections import page_parts

# On a sheet page, the latest changes; the rest is on /wijzigingen/?themablad=<slug>.
SHEET_CHANGES = 5
# A sheet without text shows what other sheets say about its subject: these kinds of passage,
# at most this many of each, best first.
PASSAGE_KINDS = [
    (Kind.KADER, "Uit het kader van andere themabladen"),
    (Kind.DILEMMA, "Dilemma’s"),
    (Kind.CASUS, "Casuïstiek"),
]
PASSAGES_PER_KIND = 5


# One query, compiled once (portal.compiled): one change more than shown says whether there
# are more.
_LATEST_CHANGES = CompiledQuery(
    lambda page: Revision.objects.public_changes().filter(themablad=page)[: SHEET_CHANGES + 1],
    page=int,
)


def themablad_list(request):
    themabladen = Themablad.objects.published().sheets().by_number()
    return render(request, "themabladen/list.html", {"themabladen": themabladen})


def published_page_or_404(slug: str, kind: str) -> Themablad:
    """The published sheet or practice page at `slug` with all its page shows (its stewardship,
    its "laatst herzien", included), in the compiled queries of `Themablad.objects.page()`."""
    try:
        return Themablad.objects.page(slug=slug, kind=kind)
    except Themablad.DoesNotExist:
        raise Http404("Geen gepubliceerde pagina met dit adres.") from None


def themablad_detail(request, slug):
    themablad = published_page_or_404(slug, Themablad.Kind.THEMABLAD)
    context = {
        "themablad": themablad,
        "breadcrumbs": [("/themabladen/", "Themabladen")],
        **sheet_page_extras(themablad),
    }
    return render(request, "themabladen/detail.html", context, using="jinja2")


def sheet_page_extras(themablad: Themablad) -> dict:
    """What a sheet page shows besides the sheet's own parts (also in the editors' preview)."""
    changes = _LATEST_CHANGES.run(page=themablad.pk, using=themablad._state.db or DEFAULT_DB_ALIAS)
    try:
        stewardship = themablad.stewardship
    except ObjectDoesNotExist:  # never looked after yet: no "laatst herzien"
        stewardship = None
    extras = {
        "parts": page_parts(themablad),
        "stewardship": stewardship,
        "changes": changes[:SHEET_CHANGES],
        "more_changes": len(changes) > SHEET_CHANGES,
    }
    if not themablad.available:
        extras["passages"] = passages_about(themablad)
        extras["contact_points"] = ContactPoint.objects.all()
    return extras


def passages_about(themablad: Themablad) -> list[tuple[str, list]]:
    """What the other published sheets say about a sheet's subject, found by the search engine:
    its trefwoorden when the editors gave it any (they name the subject best), else its title.
    A corrected query is about another word than the subject: nothing is shown for it then."""
    query = " ".join(tag.name for tag in themablad.tags.all()) or themablad.title
    groups = []
    for kind, label in PASSAGE_KINDS:
        found = run_search(query, kind=kind)
        if found.suggestion:
            continue
        hits = [hit for hit in found.hits if getattr(hit.themablad, "pk", None) != themablad.pk]
        if hits:
            groups.append((label, hits[:PASSAGES_PER_KIND]))
    return groups


def _citing_references():
    return (
        # Practice pages citing an article are named on its page as such (praktijk_tags).
        LegalReference.objects.filter(
            themablad__status=Themablad.Status.PUBLISHED, themablad__kind=Themablad.Kind.THEMABLAD
        )
        .select_related("themablad", "article__law")
        .order_by(F("themablad__number").asc(nulls_last=True), "themablad__title", "position")
    )


@dataclass
class CitedArticle:
    article: Article
    references: list = field(default_factory=list)


@dataclass
class CitedLaw:
    """A law on the legislation index: each article once, in number order, with every sheet
    citing it; `whole` are the sheets that name the law without an article."""

    law: Law
    whole: list = field(default_factory=list)
    articles: list[CitedArticle] = field(default_factory=list)


def cited_laws(references) -> list[CitedLaw]:
    laws: dict[int, CitedLaw] = {}
    articles: dict[int, CitedArticle] = {}
    for reference in references:
        entry = laws.setdefault(reference.law_id, CitedLaw(reference.law))
        if reference.article_id is None:
            entry.whole.append(reference)
            continue
        if reference.article_id not in articles:
            articles[reference.article_id] = CitedArticle(reference.article)
            entry.articles.append(articles[reference.article_id])
        articles[reference.article_id].references.append(reference)
    for entry in laws.values():
        entry.articles.sort(key=lambda cited: article_sort_key(cited.article))
    return sorted(laws.values(), key=lambda entry: entry.law.name.casefold())


def law_list(request):
    references = _citing_references().select_related("law")
    return render(request, "regelgeving/list.html", {"laws": cited_laws(references)})


def _cited(model):
    """Only what a published sheet cites has a page: a law or article added in the admin is not
    shown to employees before a reviewed sheet names it (its own changes are reviewed then)."""
    return model.objects.filter(
        legalreference__themablad__status=Themablad.Status.PUBLISHED
    ).distinct()


def law_detail(request, key):
    law = get_object_or_404(_cited(Law), key=key)
    references = _citing_references().filter(law=law)
    articles = sorted({ref.article for ref in references if ref.article}, key=article_sort_key)
    return render(
        request,
        "regelgeving/law.html",
        {
            "law": law,
            "references": references,
            "articles": articles,
            "crumbs": [("/regelgeving/", "Wet- en regelgeving")],
        },
    )


def article_detail(request, key, number):
    article = get_object_or_404(_cited(Article).select_related("law"), law__key=key, number=number)
    references = _citing_references().filter(article=article)
    crumbs = [
        ("/regelgeving/", "Wet- en regelgeving"),
        (article.law.get_absolute_url(), article.law.name),
    ]
    return render(
        request,
        "regelgeving/article.html",
        {"article": article, "references": references, "crumbs": crumbs},
    )


_NUMBER = re.compile(r"(\d+)")


def article_sort_key(article: Article):
    """Natural order: 5, 8, 9, 10, 55a, 55b, 76, 138ab (not 10 before 5, as text sorts)."""
    parts = _NUMBER.split(article.number.strip().casefold())
    return [int(part) if part.isdigit() else part for part in parts]
