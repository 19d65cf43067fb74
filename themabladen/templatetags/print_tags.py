"""Helpers for the printed sheet."""

import re
from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.dates import local_date

register = template.Library()

_CSS_UNSAFE = re.compile(r"[^0-9A-Za-z ]")


@register.filter
def css_string(value) -> str:
    """A quoted CSS string for `content:`; everything but letters, digits and spaces is a hex
    escape, so no text (quotes, backslashes, `</style>`) can end the string or the element."""
    # The space after each escape ends it (and is swallowed), so a real space may follow.
    escaped = _CSS_UNSAFE.sub(lambda found: f"\\{ord(found[0]):06x} ", str(value or ""))
    return mark_safe(f'"{escaped}"')


def sheet_footer(themablad) -> str:
    version = local_date(themablad.updated_at, "j F Y")
    return f"{themablad.heading} – {themablad.title} – versie {version}"


@register.simple_tag
def print_footer_style(themablad):
    """Browser printing of the sheet page gets the print view's footer: name and version date
    (page numbers come from print.css). Chromium has no `string-set`, hence this one rule."""
    return _footer_style(sheet_footer(themablad))


@lru_cache(maxsize=256)
def _footer_style(footer: str) -> str:
    # The same few texts on every request (one a sheet and version); escaped once each.
    return format_html(
        '<style media="print">@page {{ @bottom-left {{ content: {}; font-size: 8pt; }} }}</style>',
        css_string(footer),
    )


@register.simple_tag
def sheet_footer_text(themablad):
    return sheet_footer(themablad)
