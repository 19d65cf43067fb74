"""The Jinja2 environment for the parts of a sheet (templates/jinja2/).

A sheet page is mostly its parts: kader, dilemma's with their answers, casuïstiek with the
rulings they cite, guidelines, legislation. Rendered by Django's template language they took
about 5 of a cold sheet page's 8 ms; Jinja2 compiles a template to Python and renders the same
HTML in a fraction of that. The rest of the site stays in Django's templates: the parts reach
them through template tags (themabladen.templatetags.sheet_tags, portal_tags' answer_options and
rulings), so each piece of markup exists once.

The filters are the site's own (portal.templatetags.portal_tags) and Django's; `url()` is
Django's `reverse()`, remembered (portal.urlnames). An undefined name renders as nothing, as
in Django's templates, but reading further into it fails, so a misspelt field shows up in the
tests.
"""

from django.template.defaultfilters import date, truncatewords
from jinja2 import Environment

from portal.templatetags.portal_tags import first_words, kader_groups, rich_text
from portal.urlnames import reverse


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def environment(**options) -> Environment:
    env = Environment(**options)
    env.filters.update(
        rich_text=rich_text,
        kader_groups=kader_groups,
        first_words=first_words,
        truncatewords=truncatewords,
        date=date,
    )
    env.globals.update(url=url)
    return env
