"""Who may withdraw a change: its author, or an integriteitsfunctionaris; not another redacteur."""

import pytest

from portal.redactie.models import Revision
from portal.redactie.roles import REDACTEUR
from tests.redactie_fixtures import change_url, form_data, kader_key, make_user
from themabladen.models import KaderStatement

pytestmark = pytest.mark.django_db

WITHDRAW_BUTTON = 'value="withdraw"'


@pytest.fixture
def sheet(make_themablad):
    sheet = make_themablad(title="Nevenwerkzaamheden", slug="nevenwerk")
    KaderStatement.objects.create(themablad=sheet, position=1, text="Meld je nevenwerk.")
    return sheet


@pytest.fixture
def colleague(db):
    return make_user("rob", REDACTEUR)


def submitted_change(client, sheet, author) -> Revision:
    client.force_login(author)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data[kader_key(data, "Meld je nevenwerk.")] = "Meld je nevenwerk op tijd."
    data["change_note"] = "Termijn erbij"
    data["_indienen"] = "1"
    assert client.post(change_url(sheet), data).status_code == 302
    return Revision.objects.awaiting_review().get(themablad=sheet)


def review_url(revision):
    return f"/admin/redactie/revision/{revision.pk}/change/"


def test_a_redacteur_cannot_withdraw_a_colleagues_change(client, sheet, redacteur, colleague):
    revision = submitted_change(client, sheet, redacteur)
    client.force_login(colleague)
    assert WITHDRAW_BUTTON not in client.get(review_url(revision)).content.decode()

    response = client.post(
        review_url(revision), {"action": "withdraw", "confirm": "1"}, follow=True
    )
    assert response.status_code == 200
    assert (
        "Alleen de auteur van deze wijziging of een integriteitsfunctionaris kan haar intrekken."
        in response.content.decode()
    )
    revision.refresh_from_db()
    assert revision.status == Revision.Status.SUBMITTED


def test_the_author_can_withdraw_their_own_change(client, sheet, redacteur):
    revision = submitted_change(client, sheet, redacteur)
    assert WITHDRAW_BUTTON in client.get(review_url(revision)).content.decode()
    page = client.post(
        review_url(revision), {"action": "withdraw", "confirm": "1"}, follow=True
    ).content.decode()
    assert "De wijziging is ingetrokken." in page
    revision.refresh_from_db()
    assert revision.status == Revision.Status.WITHDRAWN


def test_an_officer_can_withdraw_a_redacteurs_change(client, sheet, redacteur, officer):
    revision = submitted_change(client, sheet, redacteur)
    client.force_login(officer)
    assert WITHDRAW_BUTTON in client.get(review_url(revision)).content.decode()
    client.post(review_url(revision), {"action": "withdraw", "confirm": "1"})
    revision.refresh_from_db()
    assert revision.status == Revision.Status.WITHDRAWN


def test_an_old_version_page_cannot_withdraw_the_open_change(client, sheet, redacteur, officer):
    """Withdrawing from the page of a change that is no longer open never hits another change."""
    first = submitted_change(client, sheet, officer)
    first.status = Revision.Status.WITHDRAWN
    first.save()
    second = submitted_change(client, sheet, redacteur)
    client.force_login(officer)
    page = client.post(
        review_url(first), {"action": "withdraw", "confirm": "1"}, follow=True
    ).content.decode()
    assert "Deze wijziging staat niet meer open" in page
    second.refresh_from_db()
    assert second.status == Revision.Status.SUBMITTED
