"""The parts of a sheet for its templates, in the order the section registry declares."""

from django import template
from django.core.exceptions import ObjectDoesNotExist

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


# What a page shows besides the sheet (themabladen.views.sheet_page_extras).
PAGE_EXTRAS = ("changes", "more_changes", "passages", "contact_points")


@register.simple_tag(takes_context=True)
def sheet_page(context, template_name):
    """The page of the context's sheet below the site's header (templates/jinja2/)."""
    themablad = context["themablad"]
    try:
        stewardship = themablad.stewardship
    except ObjectDoesNotExist:  # never looked after yet: no "laatst herzien"
        stewardship = None
    return render_jinja(
        template_name,
        themablad=themablad,
        parts=page_parts(themablad),
        stewardship=stewardship,
        **{name: context.get(name) for name in PAGE_EXTRAS},
    )
