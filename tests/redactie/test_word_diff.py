"""The review marks the words that changed, not whole statements (compare.word_diff)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.redactie.compare import Part, compare, parts_of, word_diff
from portal.redactie.models import Revision
from portal.redactie.snapshots import take_snapshot
from portal.redactie.templatetags.redactie_tags import marked
from tests.redactie_fixtures import change_url, form_data, kader_key, marked_words, shown_text
from themabladen.models import KaderStatement
from themabladen.sections import SHEET_FIELDS

# Text as officers type it: words, Dutch letters, punctuation, spaces and line breaks, and the
# markup characters that must come out escaped.
WORDS = st.sampled_from(
    ["Je", "meldt", "geen", "geschenken", "aan", "één", "collega’s", "<script>", "&", "'", '"']
)
TEXT = st.lists(
    st.one_of(WORDS, st.sampled_from([" ", "  ", "\n", ".", ",", "!", "–", "(", ")"])), max_size=30
).map("".join)
ANY_TEXT = st.one_of(TEXT, st.text(max_size=40))


def side_text(segments, kinds):
    return "".join(text for kind, text in segments if kind in kinds)


@settings(max_examples=300, deadline=None)
@given(old=ANY_TEXT, new=ANY_TEXT)
def test_each_side_reads_as_its_text_again(old, new):
    left, right = word_diff(old, new)
    assert side_text(left, {"same", "del"}) == old
    assert side_text(right, {"same", "ins"}) == new
    assert {kind for kind, _ in left} <= {"same", "del"}
    assert {kind for kind, _ in right} <= {"same", "ins"}
    # What is left unmarked is the same on both sides: nothing is hidden as "unchanged".
    assert side_text(left, {"same"}) == side_text(right, {"same"})
    for segments in (left, right):
        assert all(text for _, text in segments)  # no empty marks
        kinds = [kind for kind, _ in segments]
        assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))  # merged runs


@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_an_unchanged_text_has_no_marks(text):
    left, right = word_diff(text, text)
    assert [kind for kind, _ in left + right] == ["same"] * (2 if text else 0)


@settings(max_examples=100, deadline=None)
@given(old=ANY_TEXT, new=ANY_TEXT)
def test_the_markup_is_escaped_and_reads_as_the_text(old, new):
    left, right = word_diff(old, new)
    for segments, text in ((left, old), (right, new)):
        html = str(marked(segments))
        assert shown_text(html) == text
        assert "<script>" not in html


def test_one_changed_word_is_the_only_mark():
    left, right = word_diff(
        "Ik deel geen informatie met derden.", "Ik deel geen gegevens met derden."
    )
    assert left == [("same", "Ik deel geen "), ("del", "informatie"), ("same", " met derden.")]
    assert right == [("same", "Ik deel geen "), ("ins", "gegevens"), ("same", " met derden.")]


def test_neighbouring_changed_words_are_one_mark():
    left, right = word_diff("de grote hond blaft", "de kleine kat blaft")
    assert ("del", "grote hond") in left and ("ins", "kleine kat") in right


def test_a_removed_and_an_added_word_in_one_statement():
    left, right = word_diff("Meld je nevenwerk.", "Meld nevenwerk vooraf.")
    assert [text for kind, text in left if kind == "del"] == ["je "]
    assert [text for kind, text in right if kind == "ins"] == [" vooraf"]


def test_an_unrelated_sentence_is_replaced_whole():
    assert word_diff("Ja.", "Nooit, tenzij je leidinggevende toestemming geeft.") == (
        [("del", "Ja.")],
        [("ins", "Nooit, tenzij je leidinggevende toestemming geeft.")],
    )


def test_marked_pieces_carry_more_than_colour():
    html = str(marked([("same", "Meld "), ("del", "je "), ("same", "nevenwerk.")]))
    assert html == 'Meld <del><span class="visually-hidden">verwijderd: </span>je </del>nevenwerk.'
    html = str(marked([("ins", "<b>vooraf</b> & later")]))
    assert html == (
        '<ins><span class="visually-hidden">toegevoegd: </span>'
        "&lt;b&gt;vooraf&lt;/b&gt; &amp; later</ins>"
    )


def test_whole_added_and_removed_statements_are_marked_whole():
    old = {"sheet": {"title": "T"}, "kader": [{"text": "Eerste."}, {"text": "Weg ermee."}]}
    new = {"sheet": {"title": "T"}, "kader": [{"text": "Eerste."}]}
    (kader,) = [part for part in compare(old, new) if part.title == "Kader"]
    assert [row.kind for row in kader.rows] == ["same", "removed"]
    assert kader.rows[1].sides == ([("del", "Weg ermee.")], [])
    (kader,) = [part for part in compare(new, old) if part.title == "Kader"]
    assert kader.rows[1].sides == ([], [("ins", "Weg ermee.")])


def kader_part(old_texts, new_texts):
    old = {"sheet": {"title": "T"}, "kader": [{"text": t} for t in old_texts]}
    new = {"sheet": {"title": "T"}, "kader": [{"text": t} for t in new_texts]}
    parts = [part for part in compare(old, new) if part.title == "Kader"]
    # A part empty on both sides is left out of the comparison.
    return (parts[0] if parts else Part("Kader")), old, new


def test_a_statement_inserted_above_an_edited_one_is_added_not_paired_with_it():
    part, _, _ = kader_part(
        ["Eerste.", "Ik meld elk geschenk aan mijn leidinggevende.", "Slot."],
        [
            "Eerste.",
            "Ik neem niets aan.",
            "Ik meld ieder geschenk aan mijn leidinggevende.",
            "Slot.",
        ],
    )
    assert [row.kind for row in part.rows] == ["same", "added", "changed", "same"]
    assert part.rows[1].sides == ([], [("ins", "Ik neem niets aan.")])
    left, right = part.rows[2].sides
    assert [text for kind, text in left if kind == "del"] == ["elk"]
    assert [text for kind, text in right if kind == "ins"] == ["ieder"]


STATEMENTS = st.lists(TEXT.filter(lambda t: t.strip()), max_size=6)


@settings(max_examples=150, deadline=None)
@given(old_texts=STATEMENTS, new_texts=STATEMENTS)
def test_each_column_shows_every_line_of_its_version_in_order(old_texts, new_texts):
    part, old, new = kader_part(old_texts, new_texts)
    old_lines, new_lines = (dict(parts_of(snapshot, {}))["Kader"] for snapshot in (old, new))
    assert [row.left for row in part.rows if row.kind != "added"] == old_lines
    assert [row.right for row in part.rows if row.kind != "removed"] == new_lines
    for row in part.rows:
        left, right = row.sides
        assert side_text(left, {"same", "del"}) == row.left
        assert side_text(right, {"same", "ins"}) == row.right
        if row.kind == "same":
            assert row.left == row.right and {k for k, _ in left + right} == {"same"}


# -- the review page ---------------------------------------------------------------------------


@pytest.fixture
def sheet(make_themablad):
    sheet = make_themablad(title="Geschenken", slug="geschenken")
    KaderStatement.objects.create(
        themablad=sheet, position=1, text="Je neemt geen <script>alert(1)</script> geschenken aan."
    )
    KaderStatement.objects.create(themablad=sheet, position=2, text="Je meldt elk aanbod.")
    return sheet


def submit_change(client, sheet, old, new):
    data = form_data(client.get(change_url(sheet)).content.decode())
    data[kader_key(data, old)] = new
    data["change_note"] = "Eén woord <anders>"
    data["_indienen"] = "1"
    assert client.post(change_url(sheet), data).status_code == 302
    return Revision.objects.awaiting_review().get(themablad=sheet)


@pytest.mark.django_db
def test_the_review_page_marks_the_changed_word_and_decides_below_it(
    client, sheet, redacteur, officer
):
    old = "Je neemt geen <script>alert(1)</script> geschenken aan."
    client.force_login(redacteur)
    revision = submit_change(client, sheet, old, old.replace("geen", "nooit"))

    client.force_login(officer)
    html = client.get(f"/admin/redactie/revision/{revision.pk}/change/").content.decode()
    assert marked_words(html) == (["geen"], ["nooit"])
    # The statement's markup is shown as text, never run.
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Eén woord &lt;anders&gt;" in html  # the change note, escaped
    # The decision comes after what it decides on, with a labelled comment field.
    body = html[html.index('id="content-main"') :]
    assert body.index("redactie-diff") < body.index('value="approve"')
    assert re.search(r'<label for="id_comment">Toelichting bij uw besluit</label>', body)
    assert ">Goedkeuren en publiceren</button>" in body and ">Terugsturen</button>" in body
    assert "redactie-primary" in body and "redactie-secondary" in body
    assert "<style" not in body  # styles come from static/css/review.css
    assert "/static/css/review.css" in html


@pytest.mark.django_db
def test_the_author_sees_withdraw_below_the_diff_and_no_approval(client, sheet, redacteur, officer):
    client.force_login(redacteur)
    revision = submit_change(client, sheet, "Je meldt elk aanbod.", "Je meldt ieder aanbod.")
    body = client.get(f"/admin/redactie/revision/{revision.pk}/change/").content.decode()
    assert marked_words(body) == (["elk"], ["ieder"])
    assert 'value="approve"' not in body
    assert body.index("redactie-diff") < body.index('value="withdraw"')
    assert ">Intrekken</button>" in body


@pytest.mark.django_db
def test_a_reviewer_sees_a_change_of_every_field_of_the_sheet(make_themablad):
    """Every field a change can carry (SHEET_FIELDS) shows in the comparison: a field missing
    there is approved blind (kind and 'tonen bij uitspraken' were, after practice pages came)."""
    old = take_snapshot(make_themablad())
    changed_to = {
        "kind": "praktijk",
        "number": 77,
        "title": "Een andere titel",
        "slug": "een-ander-adres",
        "available": not old["sheet"]["available"],
        "inleiding": "Een andere inleiding.",
        "guidelines_intro": "Een andere aanloop naar de richtlijnen.",
        "shown_with_rulings": not old["sheet"]["shown_with_rulings"],
    }
    assert set(changed_to) == set(SHEET_FIELDS), "give each new sheet field a changed value here"
    for name, value in changed_to.items():
        new = {**old, "sheet": {**old["sheet"], name: value}}
        assert any(part.changed for part in compare(old, new)), name
