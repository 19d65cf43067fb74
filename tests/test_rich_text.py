"""The portal's plain text markup: paragraphs and "- " lists, everything typed shown as text."""

import html

from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from portal.templatetags.portal_tags import _blocks, rich_text


def test_paragraphs_and_lists():
    text = "Eerste alinea\nloopt door.\n\n- een\n- twee\nSlot."
    assert rich_text(text) == (
        "<p>Eerste alinea loopt door.</p><ul><li>een</li><li>twee</li></ul><p>Slot.</p>"
    )


def test_markup_typed_in_a_field_is_shown_as_text_as_django_escapes_it():
    typed = """<script>alert("x")</script> & 'quotes'"""
    assert rich_text(typed) == f"<p>{escape(typed)}</p>"
    assert rich_text(f"- {typed}") == f"<ul><li>{escape(typed)}</li></ul>"
    assert "<script>" not in rich_text(typed)


def test_nothing_gives_nothing():
    assert rich_text(None) == rich_text("") == ""


@given(
    st.lists(
        st.sampled_from(["Ik", "meld", "- ", "• ", "-", "<b>", "&", " ", "\n", "\r\n", "\r", "\t"])
    )
)
def test_one_line_says_what_the_whole_walk_says(pieces):
    # rich_text takes a shortcut for a text of one line; _blocks is the walk it stands for.
    text = "".join(pieces)
    walked = "".join(
        f"<p>{html.escape(content)}</p>"
        if kind == "p"
        else "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in content) + "</ul>"
        for kind, content in _blocks(text)
    )
    assert rich_text(text) == walked
