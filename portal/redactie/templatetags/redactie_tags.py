from django import template
from django.utils.html import format_html, format_html_join

from portal.redactie import compare
from portal.redactie.models import RecordVersion, Revision

register = template.Library()


@register.simple_tag
def awaiting_review_count():
    return Revision.objects.awaiting_review().count()


@register.simple_tag
def awaiting_record_review_count():
    return RecordVersion.objects.awaiting_review().count()


# How each piece of a compared line is marked. Colour is not the only cue (WCAG 1.4.1): del and
# ins are struck through and underlined (static/css/review.css), and a screen reader hears what
# the piece is.
_MARKUP = {
    "same": "{}",
    "del": '<del><span class="visually-hidden">verwijderd: </span>{}</del>',
    "ins": '<ins><span class="visually-hidden">toegevoegd: </span>{}</ins>',
}


@register.filter
def marked(segments) -> str:
    """Pieces from compare.word_diff as HTML; every text escaped (format_html)."""
    pieces = ((format_html(_MARKUP[kind], text),) for kind, text in segments)
    return format_html_join("", "{}", pieces)


@register.simple_tag
def word_diff(old, new):
    """(old side, new side) of two texts, for `marked`: `{% word_diff a b as sides %}`."""
    return compare.word_diff(old or "", new or "")
