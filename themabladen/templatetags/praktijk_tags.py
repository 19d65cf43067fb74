"""Links to the pages of Integriteit in de praktijk from what they explain.

The links are data the editors keep on the practice page, reviewed with it: its related sheets
(Gerelateerde themabladen), the articles it cites (Wet- en regelgeving) and "tonen bij
uitspraken". The sheet, article and ruling pages read them back here, so one link shows both ways.
"""

from django import template

from themabladen.models import Themablad

register = template.Library()


@register.inclusion_tag("praktijk/links.html")
def practice_links(*, sheet=None, article=None, rulings=False):
    if sheet is not None:
        return {"pages": sheet.named_by_practice_pages}  # prefetched with the sheet
    pages = Themablad.objects.published().practice_pages()
    if article is not None:
        pages = pages.filter(legal_references__article=article)
    elif rulings:
        pages = pages.filter(shown_with_rulings=True)
    else:
        pages = pages.none()
    return {"pages": list(pages.distinct())}
