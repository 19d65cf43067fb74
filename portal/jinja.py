"""The Jinja2 environment (templates/jinja2/): sheet and practice pages, and the pieces the
whole site shows.

A sheet page is mostly its parts: kader, dilemma's with their answers, casuïstiek with the
rulings they cite, guidelines, legislation. Rendered by Django's template language the page took
about 6 of its cold 15 ms; Jinja2 compiles a template to Python and renders the same HTML in a
fraction of that. So sheet and practice pages (and their previews) are Jinja2 templates, with
their own base.html; the other pages stay in Django's templates and reach the shared pieces
(header, footer, breadcrumbs, a sheet's parts, answer options, rulings) through template tags
(portal_tags, sheet_tags), so each piece of markup exists once.

Site wiring (like the settings, which name it): it may import from every app.

The filters are the site's own (portal.templatetags.portal_tags) and Django's; `url()` and
`static()` are Django's `reverse()` and `static()`, remembered (portal.urlnames). An undefined
name renders as nothing, as in Django's templates, but reading further into it fails, so a
misspelt field shows up in the tests.
"""

from functools import partial

from django.utils.safestring import SafeString
from jinja2 import Environment, Template
from markupsafe import Markup
from markupsafe import escape as markupsafe_escape

try:
    from markupsafe import _escape_inner  # MarkupSafe's own, in C: not part of its API
except ImportError:  # a MarkupSafe without it: the same text, at markupsafe's own speed

    def _escape_inner(text: str) -> str:
        return str(markupsafe_escape(text))


from portal.compiled import related_all
from portal.dates import local_date
from portal.templatetags.portal_tags import (
    first_words,
    kader_groups,
    rich_text,
    site_assets_html,
    site_footer_html,
    site_header_html,
)
from portal.urlnames import addresses_fixed, reverse, static
from themabladen.templatetags.print_tags import print_footer_style


def truncatewords(value, count) -> str:
    """Django's truncatewords filter for the plain texts these pages truncate, without its lazy
    Truncator (7 µs a call): the first `count` words, then " …" if there were more."""
    try:
        count = int(count)
    except ValueError:
        return value
    if count <= 0:
        return ""
    words = str(value).split()
    if len(words) <= count:
        return " ".join(words)
    text = " ".join(words[:count])
    return text if text.endswith(" …") else f"{text} …"


def url(name: str, *args) -> str:
    return reverse(name, args=args)


class PortalTemplate(Template):
    """A render reads the URL configuration and script prefix in force once, not for each of
    a page's thirty links (portal.urlnames)."""

    def render(self, *args, **kwargs) -> str:
        with addresses_fixed():
            return super().render(*args, **kwargs)

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = escape
        return template


_markup = partial(str.__new__, Markup)
_OWN_HTML = (str, Markup, SafeString)  # what gives itself as its HTML (str: has none)


def escape(value) -> Markup:
    """markupsafe.escape, which every {{ }} of an autoescaped template calls, without Markup's
    own constructor (a Python function: a twentieth of a sheet page)."""
    if type(value) is str:
        return _markup(_escape_inner(value))
    if hasattr(value, "__html__"):
        html = value.__html__()
        # Markup() asks what it is given for its HTML again; these give themselves.
        return _markup(html) if type(html) in _OWN_HTML else Markup(html)
    return _markup(_escape_inner(str(value)))


class PortalEnvironment(Environment):
    template_class = PortalTemplate

    def make_globals(self, d=None) -> dict:
        # Jinja2 lays a template's globals over the environment's in a ChainMap, so that
        # globals changed after templates are loaded still show. The portal's are set once,
        # below, before any template loads; and every include and import walks the ChainMap
        # in Python (its keys, and their difference with the imported template's): some 3 %
        # of a cold sheet page. A plain dict holds the same.
        return {**self.globals, **(d or {})}


def environment(**options) -> Environment:
    # Every include and import looks its template up again, and Jinja2's default cache (400
    # templates) is an LRU that takes a lock and reorders on every hit: some 3 % of a cold
    # sheet page. The portal has a few dozen templates; a plain dict holds them all.
    env = PortalEnvironment(**{"cache_size": -1, **options})
    env.filters.update(
        rich_text=rich_text,
        kader_groups=kader_groups,
        first_words=first_words,
        truncatewords=truncatewords,
        date=local_date,
        related=related_all,
    )
    env.globals.update(
        url=url,
        static=static,
        site_header=site_header_html,
        site_assets=site_assets_html,
        site_footer=site_footer_html,
        print_footer_style=print_footer_style,
    )
    return env
