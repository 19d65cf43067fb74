from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Article, Law, LegalReference, Themablad


def themablad_list(request):
    themabladen = Themablad.objects.published().sheets().by_number()
    return render(request, "themabladen/list.html", {"themabladen": themabladen})


def themablad_detail(request, slug):
    themablad = get_object_or_404(Themablad.objects.published().sheets().with_sections(), slug=slug)
    breadcrumbs = [("/themabladen/", "Themabladen")]
    return render(
        request, "themabladen/detail.html", {"themablad": themablad, "breadcrumbs": breadcrumbs}
    )


def _citing_references():
    return (
        # Practice pages citing an article are named on its page as such (praktijk_tags).
        LegalReference.objects.filter(
            themablad__status=Themablad.Status.PUBLISHED, themablad__kind=Themablad.Kind.THEMABLAD
        )
        .select_related("themablad", "article__law")
        .order_by("themablad__number")
    )


def law_list(request):
    laws = (
        Law.objects.filter(legalreference__themablad__status=Themablad.Status.PUBLISHED)
        .distinct()
        .prefetch_related(
            Prefetch("legalreference_set", queryset=_citing_references(), to_attr="citing"),
        )
        .order_by("name")
    )
    return render(request, "regelgeving/list.html", {"laws": laws})


def _cited(model):
    """Only what a published sheet cites has a page: a law or article added in the admin is not
    shown to employees before a reviewed sheet names it (its own changes are reviewed then)."""
    return model.objects.filter(
        legalreference__themablad__status=Themablad.Status.PUBLISHED
    ).distinct()


def law_detail(request, key):
    law = get_object_or_404(_cited(Law), key=key)
    references = _citing_references().filter(law=law)
    articles = sorted({ref.article for ref in references if ref.article}, key=_article_sort_key)
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


def _article_sort_key(article: Article):
    digits = "".join(ch for ch in article.number if ch.isdigit())
    return (int(digits or 0), article.number)
