"""Dutch word handling for searching in own words: lemmas (simplemma), compounds checked against
the hunspell-nl word list, and the seeded Zoekwoorden (README "Zoeken")."""

import tomllib
from pathlib import Path

import pytest

from portal.search import analysis, lexicon
from portal.search.models import Synonym, VocabularyEntry
from tests.search_pages import results_html, shown_hits, top_sheets

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "synoniemen.toml"
GIFTS = {
    "/themabladen/aannemen-van-geschenken/",
    "/themabladen/omgaan-met-zakelijke-uitnodigingen/",
}


def sheet_urls(client, query):
    return [hit.sheet_url for hit in shown_hits(client, query)]


@pytest.fixture
def no_lexicon(settings, tmp_path):
    settings.SEARCH_LEXICON_PATH = str(tmp_path / "missing.dic")
    lexicon.split.cache_clear()
    yield
    lexicon.split.cache_clear()


@pytest.fixture
def with_lexicon():
    assert Path(lexicon.DEFAULT_PATH).exists(), "install Debian's hunspell-nl (see .ci/run)"
    lexicon.split.cache_clear()
    yield
    lexicon.split.cache_clear()


def test_an_irregular_form_finds_its_dictionary_form(client, make_themablad):
    sheet = make_themablad(title="Ontvangen", inleiding="Wat doe je als je iets wilt krijgen?")

    assert sheet_urls(client, "gekregen") == [sheet.get_absolute_url()]


def test_a_look_alike_lemma_joins_nothing(client, make_themablad):
    # simplemma's data say vaart → ervaren; that would make "vaart" find any experience.
    make_themablad(title="Ervaring", inleiding="Hoe je het werk hebt ervaren.")

    assert analysis.lemma("vaart") == "vaart"
    assert sheet_urls(client, "vaart") == []


def test_the_word_list_tells_a_compound_from_a_look_alike(client, make_themablad, with_lexicon):
    car = make_themablad(title="Vervoer", inleiding="De politieauto blijft op het terrein.")
    make_themablad(title="Toegang", inleiding="Vraag de autorisaties bij de beheerder aan.")

    assert sheet_urls(client, "auto") == [car.get_absolute_url()]


def test_without_the_word_list_search_still_works_by_its_own_rules(
    client, make_themablad, no_lexicon
):
    car = make_themablad(title="Vervoer", inleiding="De politieauto blijft op het terrein.")
    rights = make_themablad(title="Toegang", inleiding="Vraag autorisaties aan.")

    assert not lexicon.available()
    # The old known limit: a part at the front is not checked, so both are found.
    assert set(sheet_urls(client, "auto")) == {car.get_absolute_url(), rights.get_absolute_url()}


def test_a_typed_compound_finds_its_parts_with_the_word_list(client, make_themablad, with_lexicon):
    sheet = make_themablad(title="Stallen", inleiding="Zet fietsen niet voor de ingang.")

    assert sheet_urls(client, "fietsenhok") == [sheet.get_absolute_url()]


def test_a_part_of_a_typed_compound_that_is_a_search_word_finds_its_sheet(
    client, make_themablad, with_lexicon
):
    sheet = make_themablad(title="Stallen", inleiding="Over de dienstfiets.")
    Synonym.objects.create(word="fiets", alternatives="dienstfiets")

    assert sheet_urls(client, "fietsenhok") == [sheet.get_absolute_url()]


def test_every_seeded_search_word_finds_published_content(seed):
    seeded = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))
    assert len(seeded) >= 300
    words = {w for alternatives in seeded.values() for w in alternatives.split()}
    known = set(VocabularyEntry.objects.filter(word__in=words).values_list("word", flat=True))
    assert words - known == set()
    assert Synonym.objects.count() == len(seeded)


@pytest.mark.parametrize(
    ("query", "sheet"),
    [
        ("cadeaubon", "/themabladen/aannemen-van-geschenken/"),
        ("dronken", "/themabladen/zakendoen-met-leveranciers/"),
        ("appen", "/themabladen/social-media/"),
        ("borrel", "/themabladen/omgaan-met-zakelijke-uitnodigingen/"),
        ("verkering", "/themabladen/contacten-in-de-privesfeer/"),
        ("bijbaantje", "/themabladen/nevenwerkzaamheden/"),
        ("schuld", "/themabladen/financiele-belangen/"),
        ("nummerbord", "/themabladen/omgaan-met-informatie/"),
    ],
)
def test_everyday_words_find_the_sheets_words(client, seed, query, sheet):
    assert sheet in top_sheets(client, query, n=3)


@pytest.mark.parametrize("query", ["zeppelinvaart", "zeppelin", "luchtballonvaart"])
def test_the_thesaurus_and_word_list_do_not_make_unrelated_words_match(client, seed, query):
    assert "Niets gevonden" in results_html(client, query)


def test_an_inflected_search_word_uses_the_editors_entry(client, seed):
    # The entry is "cadeautje"; "cadeautjes" reaches it through its dictionary form.
    assert set(top_sheets(client, "cadeautjes", n=3)) & GIFTS
