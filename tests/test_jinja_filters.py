"""Filters the cold sheet page made cheaper say what they said before: the Jinja2 pages'
version of Django's truncatewords, the print footer's CSS string, and the escape every {{ }}
calls."""

from django.template.defaultfilters import truncatewords as django_truncatewords
from django.utils.safestring import SafeString
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from markupsafe import escape as markupsafe_escape

from portal.jinja import escape, truncatewords
from themabladen.templatetags.print_tags import css_string

WORDS = st.lists(st.sampled_from(["Mag", "ik", "een", "kenteken", "…", "-", "", " ", "\n", "é"]))


@given(words=WORDS, separators=st.sampled_from([" ", "  ", "\n", "\t "]), count=st.integers(-2, 9))
def test_truncatewords_says_what_djangos_filter_says(words, separators, count):
    text = separators.join(words)
    assert truncatewords(text, count) == django_truncatewords(text, count)


def test_truncatewords_on_a_question():
    question = "Mag ik voor een vriend het kenteken van zijn nieuwe buurman opzoeken?"
    assert truncatewords(question, 8) == "Mag ik voor een vriend het kenteken van …"
    assert truncatewords("Kort.", 8) == "Kort."
    assert truncatewords(None, 8) == django_truncatewords(None, 8)
    assert truncatewords(question, "acht") == django_truncatewords(question, "acht")


@given(st.text())
def test_a_css_string_escapes_all_but_ascii_letters_digits_and_spaces(text):
    expected = "".join(
        char if char.isalnum() and char.isascii() or char == " " else f"\\{ord(char):06x} "
        for char in text
    )
    assert css_string(text) == f'"{expected}"'


def test_a_templates_own_globals_lie_over_the_portals_and_stay_its_own():
    from django.template import engines

    env = engines["jinja2"].env
    own = env.from_string("{{ url('changes') }} {{ extra }}", globals={"extra": "eigen"})
    assert own.render() == "/wijzigingen/ eigen"
    assert "extra" not in env.globals
    assert env.from_string("{{ url('changes') }}[{{ extra }}]").render() == "/wijzigingen/[]"


def test_an_imported_macro_sees_the_portals_globals_not_the_importers_variables():
    from django.template import engines

    env = engines["jinja2"].env
    page = env.from_string(
        '{% from "includes/macros.html" import tag_list %}{% set url = 1 %}{{ tag_list(sheet) }}'
    )

    class Tags:
        def all(self):
            return [type("Tag", (), {"name": "Melden", "slug": "melden"})()]

    html = page.render(sheet=type("Sheet", (), {"tags": Tags()})())
    assert 'href="/tags/melden/"' in html


class _Html:
    def __init__(self, html):
        self.html = html

    def __html__(self):
        return self.html


@given(
    st.one_of(
        st.text(),
        st.text().map(Markup),
        st.text().map(_Html),
        # what __html__ gives may have HTML of its own, which Markup() asks for again
        st.text().map(lambda text: _Html(_Html(text))),
        st.text().map(lambda text: _Html(SafeString(text))),
        st.text().map(SafeString),
        st.integers(),
        st.none(),
        st.booleans(),
        st.floats(allow_nan=False),
    )
)
def test_the_pages_escape_what_markupsafe_escapes(value):
    mine, theirs = escape(value), markupsafe_escape(value)
    assert mine == theirs
    assert type(mine) is type(theirs) is Markup


def test_every_template_escapes_with_the_portals_escape():
    import markupsafe
    from django.template import engines

    import portal.jinja

    env = engines["jinja2"].env
    # Jinja2 still calls its module's `escape` for every {{ }} ...
    assert "yield escape(" in env.compile("{{ x }}", raw=True)
    page = env.from_string('{% from "includes/macros.html" import answer_options %}{{ x }}')
    assert page.render(x='<b a="1">') == "&lt;b a=&#34;1&#34;&gt;"
    # ... which is the portal's, in every template, imported ones too ...
    assert page.root_render_func.__globals__["escape"] is escape
    macros = env.get_template("includes/macros.html")
    assert macros.root_render_func.__globals__["escape"] is escape
    # ... with MarkupSafe's own escaping in C (after an upgrade without it: slower, same text).
    assert portal.jinja._escape_inner is markupsafe._escape_inner
