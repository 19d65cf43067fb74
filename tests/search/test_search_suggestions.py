"""Suggestions while typing (/zoeken/suggesties/): the last word completed from the content and
matching sheet titles, only ever from published content, and a list for any input. Runs on SQLite
and, with DATABASE_URL, on PostgreSQL."""

import re

import pytest

from portal.redactie.models import Revision
from portal.search.analysis import words
from portal.search.models import VocabularyEntry
from tests.redactie_fixtures import change_url, form_data, kader_key
from themabladen.models import KaderStatement, Themablad

URL = "/zoeken/suggesties/"


def suggestions(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200, (query, response.status_code)
    assert response["Content-Type"] == "application/json"
    shown = response.json()["suggestions"]
    assert isinstance(shown, list) and all(isinstance(text, str) for text in shown), shown
    assert len(shown) <= 8
    return shown


def test_the_last_typed_word_is_completed_from_the_content(client, seed):
    assert "mag ik een kenteken" in suggestions(client, "mag ik een kent")
    assert "wat als ik informatie" in suggestions(client, "wat als ik inf")


def test_a_completion_keeps_what_was_typed_so_the_browser_shows_it(client, make_themablad):
    make_themablad(title="Proefblad", inleiding="Over privéaccounts en privésituaties.")
    assert suggestions(client, "Mijn Privé") == ["Mijn Privéaccounts", "Mijn Privésituaties"]
    assert suggestions(client, "mijn prive") == ["mijn priveaccounts", "mijn privesituaties"]


def test_a_completion_is_spelled_as_the_content_writes_it(client, make_themablad):
    make_themablad(title="Proefblad", inleiding="Over privéaccounts. Privéaccounts zijn privé.")
    assert suggestions(client, "mijn pri") == ["mijn privéaccounts", "mijn privé"]


def test_the_most_frequent_words_come_first_and_at_most_eight(client, make_themablad):
    words = "zeearend zeebonk zeedijk zeegat zeegras zeekoet zeeleeuw zeemeeuw zeepaard zeevis"
    make_themablad(title="Proefblad", inleiding=f"{words} zeehond, zeehond en nog een zeehond.")
    shown = suggestions(client, "zee")
    assert len(shown) == 8
    assert shown[0] == "zeehond"


def test_a_sheet_title_is_suggested_by_the_start_of_any_of_its_words(client, seed):
    for typed in ["cont", "privé", "PRIVE", "ik zoek iets over prive"]:
        assert "Contacten in de privésfeer" in suggestions(client, typed), typed
    assert "Omgaan met zakelijke uitnodigingen" in suggestions(client, "uitnod")
    assert "Contacten in de privésfeer" not in suggestions(client, "sfeer")


def test_sheets_and_words_both_get_a_place(client, make_themablad):
    for title in ["Zeevaart", "Zeelieden", "Zeeslagen", "Zeewater", "Zeezout"]:
        make_themablad(title=title)
    make_themablad(
        title="Proefblad", inleiding="zeearend zeebonk zeedijk zeegat zeegras zeekoet zeeleeuw"
    )
    shown = suggestions(client, "zee")
    assert len(shown) == 8
    assert any(text.startswith("Zee") for text in shown)
    assert any(text in {"zeearend", "zeebonk", "zeedijk"} for text in shown)


def test_drafts_and_archived_sheets_are_never_suggested(client, make_themablad):
    make_themablad(
        title="Zeppelinvaart", inleiding="Over luchtschepen.", status=Themablad.Status.DRAFT
    )
    make_themablad(
        title="Ballonvaart", inleiding="Over heteluchtballonnen.", status=Themablad.Status.ARCHIVED
    )
    for typed in ["zepp", "luchtsch", "ballon", "heteluc"]:
        assert suggestions(client, typed) == [], typed


def test_a_sheet_taken_back_to_concept_leaves_the_suggestions(client, make_themablad):
    sheet = make_themablad(title="Zeppelinvaart", inleiding="Over luchtschepen.")
    assert suggestions(client, "zepp") == ["Zeppelinvaart"]
    assert suggestions(client, "luchtsch") == ["luchtschepen"]
    sheet.status = Themablad.Status.DRAFT
    sheet.save()
    assert suggestions(client, "zepp") == []
    assert suggestions(client, "luchtsch") == []


def test_words_of_a_change_awaiting_approval_are_not_suggested(client, make_themablad, officer):
    sheet = make_themablad(title="Geschenken", slug="geschenken")
    KaderStatement.objects.create(themablad=sheet, position=1, text="Ik weiger elk geschenk.")
    client.force_login(officer)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data[kader_key(data, "Ik weiger elk geschenk.")] = "Ik weiger elke bonbondoos."
    data["change_note"] = "Aangescherpt"
    data["_indienen"] = "1"
    assert client.post(change_url(sheet), data).status_code == 302
    assert Revision.objects.pending().filter(themablad=sheet).exists()
    client.logout()
    assert suggestions(client, "bonbon") == []
    assert "geschenk" in suggestions(client, "gesch")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "k",
        "%",
        "_",
        "%%",
        "%ent",
        "%nt",
        "_nt",
        "k_nt",
        "inf%",
        "ke%",
        "ke_",
        "\\",
        "ke\\%",
        "x" * 10_000,
        "kent" * 2_500,
        "mag ik een kent" + " " * 10_000,
        "a\x00b",
        "\x00",
        "kent\x00",
        "😀🚓",
        "kent😀",
        "'; DROP TABLE search_vocabularyentry; --",
        "1 OR 1=1",
        "& | ! : * ( ) <-> \" ' \\",
        "полиция",
        "警察",
        "a²b ⅷ ﬁ",
    ],
)
def test_any_input_gives_a_list_of_titles_and_real_words(client, seed, query):
    titles = set(Themablad.objects.published().values_list("title", flat=True))
    vocabulary = set(VocabularyEntry.objects.values_list("word", flat=True))
    # Were "%" or "_" a LIKE wildcard, "%ent" would be completed with the rest of "kenteken".
    for text in suggestions(client, query):
        assert text in titles or words(text)[-1] in vocabulary, (query, text)


def test_a_long_query_gets_no_completion_of_its_cut_off_end(client, seed):
    assert suggestions(client, "kent" * 2_500) == []
    assert suggestions(client, "mag ik een kent" + " " * 10_000) == ["mag ik een kenteken"]


def test_a_suggestion_needs_at_most_two_queries(client, seed, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert suggestions(client, "mag ik een inf")


def test_suggestions_are_cached_briefly_and_only_by_the_browser(client, seed):
    directives = set(client.get(URL, {"q": "kent"})["Cache-Control"].split(", "))
    assert directives == {"private", "max-age=60"}


def test_the_search_box_still_works_as_a_plain_form(client, seed):
    html = client.get("/").content.decode()
    assert re.search(r'<form class="search-form"[^>]* action="/zoeken/" method="get"', html)
    assert 'autocomplete="off"' in html
    # Deferred: the page is shown without waiting for the script.
    assert '<script src="/static/js/search-suggest.js" defer></script>' in html
