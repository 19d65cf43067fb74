"""Links to the pages of Integriteit in de praktijk from what they explain.

The links are data the editors keep on the practice page, reviewed with it: its related sheets
(Gerelateerde themabladen), the articles it cites (Wet- en regelgeving) and "tonen bij
uitspraken". The sheet, article and ruling pages read them back here, so one link shows both ways.
"""

from django import template

from portal.templatetags.portal_tags import render_jinja
from themabladen.models import Themablad

register = template.Library()


@register.simple_tag
def practice_links(*, article=None, rulings=False):
    """The practice pages naming an article, or shown with the rulings (a sheet's page reads
    them from its sheet: templates/jinja2/themabladen/page.html)."""
    pages = Themablad.objects.published().practice_pages()
    if article is not None:
        pages = pages.filter(legal_references__article=article)
    elif rulings:
        pages = pages.filter(shown_with_rulings=True)
    else:
        pages = pages.none()
    return render_jinja("praktijk/links.html", pages=list(pages.distinct()))
