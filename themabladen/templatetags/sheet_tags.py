"""The parts of a sheet for its templates, in the order the section registry declares."""

from django import template

from themabladen.sections import page_parts

register = template.Library()


@register.simple_tag
def sheet_parts(themablad):
    return page_parts(themablad)
