"""Search words (zoekwoorden): editors teach search the words employees use, in the admin."""

import pytest

from portal.search.models import Synonym
from tests.search_pages import results_html, shown_hits
from themabladen.content import load_content

ADD = "/admin/search/synonym/add/"


@pytest.fixture
def bike_sheet(make_themablad):
    return make_themablad(title="Vervoer", inleiding="Over het gebruik van de dienstfiets.")


def test_an_editor_adds_a_search_word_and_search_uses_it_at_once(client, officer, bike_sheet):
    assert shown_hits(client, "fietsje") == []
    client.force_login(officer)

    response = client.post(ADD, {"word": "Fietsje", "alternatives": "dienstfiets"}, follow=True)

    assert response.status_code == 200
    assert Synonym.objects.get().word == "fietsje"
    client.logout()
    assert [hit.sheet_url for hit in shown_hits(client, "fietsje")] == [
        bike_sheet.get_absolute_url()
    ]


def test_a_deleted_search_word_no_longer_finds_anything(client, redacteur, bike_sheet):
    synonym = Synonym.objects.create(word="fietsje", alternatives="dienstfiets")
    client.force_login(redacteur)

    client.post(f"/admin/search/synonym/{synonym.pk}/delete/", {"post": "yes"})

    assert not Synonym.objects.exists()
    assert shown_hits(client, "fietsje") == []


def test_the_sheets_own_words_still_rank_above_a_search_word(client, make_themablad):
    Synonym.objects.create(word="fiets", alternatives="rijwiel")
    own = make_themablad(title="Fietsen", inleiding="De fiets van de zaak.")
    other = make_themablad(title="Rijwielen", inleiding="Het rijwiel van de zaak.")

    hits = [hit.sheet_url for hit in shown_hits(client, "fiets")]

    assert hits[:2] == [own.get_absolute_url(), other.get_absolute_url()]


@pytest.mark.parametrize(
    ("word", "alternatives", "message"),
    [
        ("bij baan", "nevenwerkzaamheden", "Vul één woord in"),
        ("", "nevenwerkzaamheden", "Dit veld is verplicht"),
        ("mag", "nevenwerkzaamheden", "‘mag’ is een veelvoorkomend woord"),
        ("bijbaan", "", "Dit veld is verplicht"),
        ("bijbaan", "bijbaan, ...", "Vul minstens één ander woord in"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(
    client, officer, word, alternatives, message
):
    client.force_login(officer)

    response = client.post(ADD, {"word": word, "alternatives": alternatives})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Synonym.objects.exists()


def test_a_nul_character_is_refused_whole_with_a_dutch_page_and_saves_nothing(client, officer):
    # portal.middleware refuses any form holding a NUL character (PostgreSQL cannot store it).
    client.force_login(officer)
    response = client.post(ADD, {"word": "bij\x00baan", "alternatives": "nevenwerkzaamheden"})
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()
    assert not Synonym.objects.exists()


def test_a_search_word_that_exists_already_is_refused_in_dutch(client, officer):
    Synonym.objects.create(word="bijbaan", alternatives="nevenwerkzaamheden")
    client.force_login(officer)

    response = client.post(ADD, {"word": "Bijbaan", "alternatives": "nevenfunctie"})

    assert "bestaat al" in response.content.decode()
    assert Synonym.objects.get().alternatives == "nevenwerkzaamheden"


def test_an_alternative_that_occurs_nowhere_gets_a_warning(client, officer, bike_sheet):
    client.force_login(officer)

    response = client.post(
        ADD, {"word": "fietsje", "alternatives": "dienstfiets dienstfeits"}, follow=True
    )

    html = response.content.decode()
    assert "‘dienstfeits’ komt nog niet voor in de gepubliceerde inhoud" in html
    assert "‘dienstfiets’ komt" not in html


def test_employees_cannot_reach_the_search_words(client, staff_without_role):
    assert client.get(ADD).status_code == 302
    client.force_login(staff_without_role)
    assert client.get(ADD).status_code == 403


def test_the_initial_search_words_load_once_and_stay_the_editors_after(db):
    load_content()
    assert Synonym.objects.get(word="bijbaan").alternatives == "nevenwerkzaamheden nevenfunctie"
    Synonym.objects.filter(word="tattoo").delete()
    Synonym.objects.filter(word="bijbaan").update(alternatives="nevenwerkzaamheden")

    load_content()

    assert not Synonym.objects.filter(word="tattoo").exists()
    assert Synonym.objects.get(word="bijbaan").alternatives == "nevenwerkzaamheden"


def test_search_words_from_the_seed_find_the_sheet(client, seed):
    assert "/themabladen/nevenwerkzaamheden/" in results_html(client, "bijbaan")
