"""Search finds Integriteit in de praktijk: the VIK pages' passages are indexed through their
part type (TextBlockSection.search_entries), like any part of a sheet."""

import pytest

from portal.redactie import publishing
from portal.redactie.snapshots import take_snapshot
from tests.search_pages import shown_hits, top_sheets
from themabladen.models import Themablad

pytestmark = pytest.mark.django_db

PAGE = "/integriteit-in-de-praktijk/{}/"

QUERIES = [
    ("wat moet ik melden?", "meldplicht"),
    ("wat gebeurt er bij een intern onderzoek?", "interne-onderzoeken"),
    ("meldplicht", "meldplicht"),
    ("herhaalonderzoek", "betrouwbaarheidsonderzoek"),
    ("strafrecht of disciplinair", "interne-onderzoeken"),
    ("wat is vik", "wie-en-wat-is-vik"),
    ("integrale beveiliging", "integrale-beveiliging"),
    ("veiligheidsonderzoek", "veiligheidsonderzoek-politie"),
]


@pytest.mark.parametrize(("query", "slug"), QUERIES)
def test_questions_find_the_practice_page_in_the_top_3(seed, client, query, slug):
    assert PAGE.format(slug) in top_sheets(client, query), query


def test_a_passage_leads_to_its_block_and_says_where_it_is_from(seed, client):
    hits = shown_hits(client, "aannemelijk maken")
    hit = next(h for h in hits if h.sheet_url == PAGE.format("interne-onderzoeken"))
    assert hit.kind == "Integriteit in de praktijk"
    assert "#uitleg-" in hit.url
    assert "Uit <a" in hit.html and "Integriteit in de praktijk: Interne Onderzoeken" in hit.html
    assert "Themablad" not in hit.html


def test_the_kind_filter_offers_the_practice_pages(seed, client):
    assert {h.kind for h in shown_hits(client, "beveiliging")} - {"Integriteit in de praktijk"}
    hits = shown_hits(client, "beveiliging", soort="praktijk")
    assert hits and all(h.kind == "Integriteit in de praktijk" for h in hits)


def test_a_page_taken_back_to_concept_or_archived_is_no_longer_found(seed, client, officer):
    page = Themablad.objects.get(slug="integrale-beveiliging")
    assert PAGE.format(page.slug) in top_sheets(client, "infosystemen")
    publishing.archive(themablad=page, user=officer)
    assert PAGE.format(page.slug) not in top_sheets(client, "infosystemen")


def test_an_approved_change_is_found_and_the_old_text_is_not(
    seed, client, redacteur, second_officer
):
    page = Themablad.objects.get(slug="veiligheidsonderzoek-politie")
    snapshot = take_snapshot(page)
    snapshot["text_blocks"][0]["text"] = snapshot["text_blocks"][0]["text"].replace(
        "- VGB", "- Verklaring van geen bezwaar"
    )
    publishing.save_draft(themablad=page, snapshot=snapshot, user=redacteur, note="Voluit")
    revision = publishing.submit(themablad=page, user=redacteur)
    assert PAGE.format(page.slug) not in top_sheets(client, "verklaring van geen bezwaar")
    publishing.approve(revision=revision, user=second_officer)
    assert PAGE.format(page.slug) in top_sheets(client, "verklaring van geen bezwaar")
