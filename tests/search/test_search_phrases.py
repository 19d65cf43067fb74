"""A "quoted phrase" in the search box: its words next to each other, in the order typed, on
SQLite and on PostgreSQL alike."""

import pytest

from portal.search import phrases
from portal.search import service as search_service
from tests.conftest import h1_texts
from tests.search_pages import results_html, shown_hits
from themabladen.models import KaderStatement

ADJACENT = "Ik maak een proces-verbaal op van wat ik zelf heb gezien."
APART = "Het proces loopt nog; het verbaal geweld van de verdachte staat in de aangifte."
WITH_DECLARATIE = "Ik maak geen proces-verbaal op over een declaratie van een collega."


def urls(client, query, **params):
    return [hit.url for hit in shown_hits(client, query, **params)]


@pytest.fixture
def kader(make_themablad):
    """Kader statements on one sheet, by name: their hits' URLs end in #kader-<pk>."""
    sheet = make_themablad(title="Proefblad")

    def make(**texts):
        return {
            name: f"{sheet.get_absolute_url()}#kader-"
            f"{KaderStatement.objects.create(themablad=sheet, text=text).pk}"
            for name, text in texts.items()
        }

    return make


def test_a_phrase_finds_its_words_side_by_side_and_not_apart(client, kader):
    url = kader(adjacent=ADJACENT, apart=APART)
    assert set(urls(client, "proces verbaal")) == {url["adjacent"], url["apart"]}
    assert urls(client, '"proces verbaal"') == [url["adjacent"]]


def test_a_phrase_keeps_its_word_order(client, kader):
    kader(adjacent=ADJACENT)
    assert "Niets gevonden" in results_html(client, '"verbaal proces"')


def test_a_phrase_keeps_the_ranking_of_the_words_it_requires(client, make_themablad):
    title = make_themablad(title="Proces-verbaal opmaken")
    body = make_themablad(title="Iets anders", inleiding=f"Terloops: {ADJACENT}")
    apart = make_themablad(title="Verbaal en proces", inleiding=APART)
    required = [hit.sheet_url for hit in shown_hits(client, '"proces" "verbaal"')]
    phrase = [hit.sheet_url for hit in shown_hits(client, '"proces verbaal"')]
    assert phrase == [url for url in required if url != apart.get_absolute_url()]
    assert phrase == [title.get_absolute_url(), body.get_absolute_url()]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        # Other forms of the typed words, sharing a stem with them.
        ("Een onjuiste declaratie indienen is fraude.", '"onjuiste declaraties"'),
        ("Een onjuiste declaratie indienen is fraude.", '"declaraties indienen"'),
        ("De criminele vrienden van mijn zoon.", '"crimineel vriend"'),
        # Stop words in the text, or in the phrase, are skipped: they are not indexed either.
        ("Zorgvuldig omgaan met vertrouwelijke informatie.", '"omgaan vertrouwelijke"'),
        ("Zorgvuldig omgaan met vertrouwelijke informatie.", '"omgaan met vertrouwelijke"'),
        ("Zorgvuldig omgaan vertrouwelijke informatie.", '"omgaan met de vertrouwelijke"'),
        # Case, accents and punctuation.
        ("Mijn PRIVÉ-mailadres gebruik ik niet.", '"prive mailadres"'),
    ],
)
def test_inflections_and_stop_words_do_not_break_a_phrase(client, kader, text, query):
    url = kader(statement=text)
    assert urls(client, query) == [url["statement"]]


def test_a_phrase_in_the_tags_is_found(client, make_themablad):
    tagged = make_themablad(title="Berichten plaatsen")
    tagged.tags.add("sociale media")
    apart = make_themablad(title="Sociale kaart", inleiding="Over de media en de sociale kaart.")
    assert set(urls(client, "sociale media")) >= {
        tagged.get_absolute_url(),
        apart.get_absolute_url(),
    }
    assert urls(client, '"sociale media"') == [tagged.get_absolute_url()]


def test_a_phrase_with_a_typo_is_searched_as_corrected(client, kader):
    url = kader(statement="Nevenwerkzaamheden melden doe je vooraf.")
    assert urls(client, '"nevenwerkzaamheeden melden"') == [url["statement"]]


def test_a_phrase_with_an_excluded_word(client, kader):
    url = kader(adjacent=ADJACENT, declaratie=WITH_DECLARATIE, apart=APART)
    assert set(urls(client, '"proces verbaal"')) == {url["adjacent"], url["declaratie"]}
    assert urls(client, '"proces verbaal" -declaratie') == [url["adjacent"]]
    assert urls(client, '-declaratie "proces verbaal"') == [url["adjacent"]]


def test_a_phrase_and_other_words(client, kader):
    url = kader(adjacent=ADJACENT, declaratie=WITH_DECLARATIE, apart=APART)
    for query in ['"proces verbaal" declaratie', 'collega "proces verbaal"']:
        found = urls(client, query)
        assert found[0] == url["declaratie"], query
        assert url["apart"] not in found, query


def test_two_phrases_must_both_be_there(client, kader):
    url = kader(adjacent=ADJACENT, declaratie=WITH_DECLARATIE)
    assert urls(client, '"proces verbaal" "declaratie van een collega"') == [url["declaratie"]]
    assert not urls(client, '"proces verbaal" "collega declaratie"')
    assert "Niets gevonden" in results_html(client, '"proces verbaal" "verbaal proces"')


def test_words_that_never_stand_together_give_the_nothing_found_page(client, kader):
    kader(adjacent=ADJACENT, apart=APART)
    html = results_html(client, '"verdachte proces"')
    assert "Niets gevonden voor" in html
    assert '<ol class="search-results"' not in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"proces verbaal', {"adjacent"}),  # unbalanced: a phrase up to the end
        ('proces verbaal"', {"adjacent", "apart"}),
        ('"proces" "verbaal"', {"adjacent", "apart"}),  # one-word phrases: required words
        ('"proces"verbaal"', {"adjacent", "apart"}),
        ('"proces"', {"adjacent", "apart"}),
        ('"a"', set()),
        ('"proces-verbaal"', {"adjacent"}),
        ('"proces, verbaal!"', {"adjacent"}),
        ('""', set()),
        ('"', set()),
        ('""""', set()),
        ('" "', set()),
        ('"-"', set()),
        ('-"proces verbaal"', set()),
        ('"de het een"', set()),
        ('"proces verbaal" -"proces verbaal"', set()),
        ('"😀 🚓"', set()),
        ('"' + "proces verbaal " * 20 + '"', set()),
    ],
)
def test_odd_quoting_gives_a_page_with_sensible_hits(client, kader, query, found):
    url = kader(adjacent=ADJACENT, apart=APART)
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    assert len(h1_texts(response.content.decode())) == 1
    assert set(urls(client, query)) == {url[name] for name in found}


def test_queries_without_a_phrase_never_read_the_documents(client, kader, monkeypatch):
    kader(adjacent=ADJACENT, apart=APART)

    def fail(plan, matches):
        raise AssertionError(f"phrase check for {plan}")

    monkeypatch.setattr(phrases, "adjacent_only", fail)
    for query in ["proces verbaal", '"proces"', '"proces" "verbaal"', "-declaratie proces"]:
        assert urls(client, query), query


def test_a_phrase_reads_the_candidates_in_one_query(
    client, kader, django_assert_num_queries, django_assert_max_num_queries
):
    from portal.search.engine import search_documents

    kader(adjacent=ADJACENT, apart=APART)
    with django_assert_max_num_queries(20) as words:
        search_documents("proces verbaal")
    with django_assert_num_queries(len(words) + 1):
        assert len(search_documents('"proces verbaal"')) == 1


def test_a_phrase_query_with_more_candidates_than_are_ranked_says_so(
    client, make_themablad, monkeypatch
):
    monkeypatch.setattr(search_service, "MAX_MATCHES", 3)
    for number in range(4):
        make_themablad(title=f"Blad {number}", inleiding="De fiets krijgt een vergoeding.")
    make_themablad(title="Blad 9", inleiding="Fiets vergoeding.")

    html = results_html(client, '"fiets vergoeding"')

    assert "Meer dan 1 resultaat" in html
