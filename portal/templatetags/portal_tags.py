"""Shared template tags: navigation and the portal's small text markup.

Stored text is plain: paragraphs separated by a blank line, list items on lines starting "- ".
Rendering escapes everything first, so markup typed into any field is shown as text, never run.
"""

import html
from functools import lru_cache
from itertools import groupby

from django import template
from django.conf import settings
from django.template import engines
from django.utils.safestring import mark_safe

from portal.urlnames import addresses_in_force

register = template.Library()

NAVIGATION = [
    ("themabladen", "Themabladen", "/themabladen/"),
    ("praktijk", "In de praktijk", "/integriteit-in-de-praktijk/"),
    ("dilemmas", "Dilemma’s", "/dilemmas/"),
    ("casuistiek", "Casuïstiek", "/casuistiek/"),
    ("uitspraken", "Uitspraken", "/uitspraken/"),
    ("regelgeving", "Wet- en regelgeving", "/regelgeving/"),
]


def render_jinja(name: str, **context) -> str:
    """A template of the Jinja2 engine (templates/jinja2/, portal.jinja), for a Django
    template: what both engines' pages show is written once, in Jinja2."""
    return mark_safe(engines["jinja2"].env.get_template(name).render(context))


def _macro(name: str):
    return getattr(engines["jinja2"].env.get_template("includes/macros.html").module, name)


@register.simple_tag
def answer_options(options):
    """A dilemma's answer options, lettered A, B, C (templates/jinja2/includes/macros.html)."""
    return mark_safe(_macro("answer_options")(options))


@register.simple_tag
def rulings(citations, paper=False):
    """The rulings a casus cites: on screen to their pages here, on paper to their source."""
    return mark_safe(_macro("rulings")(citations, paper))


@register.simple_tag
def oidc_enabled() -> bool:
    """Whether the login pages offer signing in with the intranet account (portal.signin)."""
    return settings.OIDC_ENABLED


def main_navigation(path: str) -> list[dict]:
    """The menu, marking the section `path` is in."""
    return [
        {"label": label, "url": url, "current": path.startswith(url)}
        for _key, label, url in NAVIGATION
    ]


def site_header_html(path: str, query=None) -> str:
    """The header of every page (templates/jinja2/includes/header.html): the search box shows
    the query of a results page, the menu marks the section `path` is in."""
    section = next((url for _key, _label, url in NAVIGATION if path.startswith(url)), "")
    # Plain text, always escaped: a query marked safe is equal to the same plain text, and
    # would otherwise decide, for both, whether the remembered header escapes it.
    return _frame("includes/header.html", section, str.__str__(query or ""))


def site_assets_html() -> str:
    return _frame("includes/assets.html")


def site_footer_html() -> str:
    return _frame("includes/footer.html")


def _frame(name: str, section: str = "", query: str = "") -> str:
    # The header, assets and footer show no content, only the portal's own addresses (its
    # URLs and static files): the same HTML on every page of a menu section. Rendered anew
    # they took a tenth of a sheet page, so each is rendered once per process for what it
    # depends on: the section, the query, and what addresses are worked out with.
    return _rendered_frame(name, section, query, addresses_in_force())


@lru_cache(maxsize=256)
def _rendered_frame(name, section, query, _addresses) -> str:
    return render_jinja(name, navigation=main_navigation(section), query=query)


@register.simple_tag(takes_context=True)
def site_header(context):
    return site_header_html(
        context["request"].path if "request" in context else "", context.get("query")
    )


@register.simple_tag
def site_assets():
    return site_assets_html()


@register.simple_tag
def breadcrumbs(crumbs):
    """The path to a page: (address, label) pairs after Home."""
    return render_jinja("includes/breadcrumbs.html", crumbs=crumbs or [])


@register.simple_tag
def site_footer():
    return site_footer_html()


@register.simple_tag
def search_form(form_id: str, label: str = ""):
    """A search box of its own (home page, 404), as in the header."""
    return render_jinja("includes/search_form.html", form_id=form_id, label=label)


def _blocks(text: str):
    """Yield ("p", line) and ("ul", [items]) blocks from the portal's plain text markup."""
    lines = [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    paragraph: list[str] = []
    items: list[str] = []
    for line in lines + [""]:
        is_item = line.startswith(("- ", "• "))
        if paragraph and (not line or is_item):
            yield "p", " ".join(paragraph)
            paragraph = []
        if items and not is_item:
            yield "ul", items
            items = []
        if is_item:
            items.append(line[2:].strip())
        elif line:
            paragraph.append(line)


@register.filter(is_safe=True)
def rich_text(text):
    # html.escape is what Django's escape() calls; called directly, without the lazy-text
    # wrapper around escape(), a sheet page's two dozen texts render in half the time.
    text = str(text or "")
    if "\n" not in text:
        # One line (most kader statements and summaries): one paragraph or one list item,
        # what _blocks would make of it, without walking it.
        line = text.strip()
        if not line.startswith(("- ", "• ")):
            return mark_safe(f"<p>{html.escape(line)}</p>" if line else "")
    parts = []
    for kind, content in _blocks(text):
        if kind == "p":
            parts.append(f"<p>{html.escape(content)}</p>")
        else:
            items = "".join(f"<li>{html.escape(item)}</li>" for item in content)
            parts.append(f"<ul>{items}</ul>")
    return mark_safe("".join(parts))


@register.filter
def first_words(text, count=18):
    words = " ".join(str(text or "").replace("- ", "").split()).split(" ")
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


@register.filter
def kader_groups(statements):
    """Group kader statements by heading, then into runs of bullet and non-bullet statements."""
    groups = []
    for heading, in_group in groupby(statements, key=lambda s: s.group):
        runs = [
            {"bullet": bullet, "statements": list(run)}
            for bullet, run in groupby(in_group, key=lambda s: s.bullet)
        ]
        groups.append({"heading": heading, "runs": runs})
    return groups
