"""Dilemma's are edited on their sheet's page, so their text goes through the same review."""

import pytest

from dilemmas.models import AnswerOption, Dilemma, DilemmaPlacement
from portal.redactie import publishing
from portal.redactie.models import Revision
from portal.redactie.snapshots import take_snapshot
from tests.redactie_fixtures import change_url, form_data, publish_pending
from themabladen.models import KaderStatement, Themablad

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(make_themablad):
    sheet = make_themablad(slug="vrije-tijd")
    KaderStatement.objects.create(themablad=sheet, text="Norm")
    dilemma = Dilemma.objects.create(question="Mag je een feestje bezoeken?")
    AnswerOption.objects.create(dilemma=dilemma, label="A", text="Ja", position=0)
    AnswerOption.objects.create(dilemma=dilemma, label="B", text="Nee", position=1)
    DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma, position=1)
    return sheet


def test_dilemma_text_changed_on_the_sheet_waits_for_approval(
    client, sheet, officer, second_officer
):
    client.force_login(officer)
    data = form_data(client.get(change_url(sheet)).content.decode())
    assert data["placements-0-options"] == "A. Ja\nB. Nee"
    data["placements-0-question"] = "Mag je een verjaardag bezoeken?"
    data["placements-0-options"] = "A. Ja\nB. Nee\nC. Alleen na overleg"
    data.update({"change_note": "Dilemma verduidelijkt", "_indienen": "1"})
    assert client.post(change_url(sheet), data).status_code == 302
    client.logout()
    page = client.get("/themabladen/vrije-tijd/").content.decode()
    assert "Mag je een feestje bezoeken?" in page and "Alleen na overleg" not in page
    revision = Revision.objects.awaiting_review().get(themablad=sheet)
    client.force_login(second_officer)
    review = client.get(f"/admin/redactie/revision/{revision.pk}/change/").content.decode()
    assert "Dilemma’s (gewijzigd)" in review and "C. Alleen na overleg" in review
    publishing.approve(revision=revision, user=second_officer)
    client.logout()
    page = client.get("/themabladen/vrije-tijd/").content.decode()
    assert "Mag je een verjaardag bezoeken?" in page and "Alleen na overleg" in page


def test_a_new_dilemma_is_written_on_the_sheet_page(client, make_themablad, redacteur):
    sheet = make_themablad(status="concept")
    KaderStatement.objects.create(themablad=sheet, text="Norm")
    client.force_login(redacteur)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data.update(
        {
            "placements-TOTAL_FORMS": "1",
            "placements-0-position": "1",
            "placements-0-question": "Neem je de fles wijn aan?",
            "placements-0-options": "Ja\nNee",
            "_continue": "1",
        }
    )
    assert client.post(change_url(sheet), data).status_code == 302
    assert not Dilemma.objects.filter(question="Neem je de fles wijn aan?").exists()
    publish_pending(sheet)
    dilemma = Dilemma.objects.get(question="Neem je de fles wijn aan?")
    assert [(o.label, o.text) for o in dilemma.options.all()] == [("A", "Ja"), ("B", "Nee")]
    assert dilemma.themabladen.get() == sheet


def test_an_empty_dilemma_row_is_refused_clearly(client, make_themablad, redacteur):
    sheet = make_themablad(status="concept")
    KaderStatement.objects.create(themablad=sheet, text="Norm")
    client.force_login(redacteur)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data.update({"placements-TOTAL_FORMS": "1", "placements-0-position": "1", "_continue": "1"})
    response = client.post(change_url(sheet), data)
    assert "Kies een bestaand dilemma of schrijf de vraag van een nieuw dilemma." in (
        response.content.decode()
    )


def test_a_dilemma_on_a_published_sheet_is_not_edited_outside_review(client, sheet, officer):
    dilemma = Dilemma.objects.get()
    client.force_login(officer)
    page = client.get(f"/admin/dilemmas/dilemma/{dilemma.pk}/change/").content.decode()
    assert "bewerkt u op de pagina van het themablad" in page
    response = client.post(
        f"/admin/dilemmas/dilemma/{dilemma.pk}/change/",
        {
            "question": "Gewijzigd",
            "trainer_notes": "Bespreek eerst de regels.",
            "tags": "feest",
            "options-TOTAL_FORMS": "2",
            "options-INITIAL_FORMS": "2",
        },
    )
    assert response.status_code == 302
    dilemma.refresh_from_db()
    assert dilemma.question == "Mag je een feestje bezoeken?"
    # Trainer notes and tags wait for a second officer too (tests/test_record_review.py).
    assert dilemma.trainer_notes == ""
    assert dilemma.options.count() == 2


def test_saving_any_loaded_sheet_unchanged_changes_nothing(client, seed, officer):
    """The admin page reproduces every part of every sheet exactly (no silent loss on save)."""
    client.force_login(officer)
    for sheet in Themablad.objects.all():
        before = take_snapshot(sheet)
        data = form_data(client.get(change_url(sheet)).content.decode())
        data["_continue"] = "1"
        response = client.post(change_url(sheet), data)
        assert response.status_code == 302, (sheet, response.context and response.context["errors"])
        draft = Revision.objects.pending().get(themablad=sheet)
        assert draft.snapshot == before, sheet
