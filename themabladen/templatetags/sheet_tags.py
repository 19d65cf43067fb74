"""The parts of a sheet for its templates, in the order the section registry declares."""

from django import template

from portal.templatetags.portal_tags import render_jinja
from themabladen.sections import page_parts

register = template.Library()


@register.simple_tag
def sheet_parts(themablad):
    return page_parts(themablad)


@register.simple_tag
def sheet_sections(themablad, paper=False):
    """The sheet's inleiding and parts (templates/jinja2/themabladen/parts.html)."""
    return render_jinja(
        "themabladen/parts.html", themablad=themablad, parts=page_parts(themablad), paper=paper
    )
