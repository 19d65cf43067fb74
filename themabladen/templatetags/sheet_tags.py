"""A sheet's parts for Django's templates (the print version), in the order the section
registry declares: templates/jinja2/themabladen/parts.html, as on the sheet's page."""

from django import template

from portal.templatetags.portal_tags import render_jinja
from themabladen.sections import page_parts

register = template.Library()


@register.simple_tag
def sheet_sections(themablad, paper=False):
    """The sheet's inleiding and parts (templates/jinja2/themabladen/parts.html)."""
    return render_jinja(
        "themabladen/parts.html", themablad=themablad, parts=page_parts(themablad), paper=paper
    )
