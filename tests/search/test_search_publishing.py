"""Search follows the editorial workflow: only what employees may read is ever found."""

import pytest

from portal.redactie import publishing
from portal.redactie.models import Revision
from tests.redactie_fixtures import approval, change_url, form_data, kader_key
from themabladen.models import KaderStatement

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(make_themablad):
    sheet = make_themablad(title="Geschenken", slug="geschenken")
    KaderStatement.objects.create(themablad=sheet, position=1, text="Ik weiger elk geschenk.")
    return sheet


def found(client, query, sheet):
    return (
        f'href="{sheet.get_absolute_url()}' in client.get("/zoeken/", {"q": query}).content.decode()
    )


def propose(client, sheet, new_text):
    data = form_data(client.get(change_url(sheet)).content.decode())
    data[kader_key(data, "Ik weiger elk geschenk.")] = new_text
    data["change_note"] = "Aangescherpt"
    data["_indienen"] = "1"
    assert client.post(change_url(sheet), data).status_code == 302
    return Revision.objects.pending().get(themablad=sheet)


def test_a_change_is_found_only_after_approval(client, sheet, officer, second_officer):
    client.force_login(officer)
    revision = propose(client, sheet, "Ik weiger elk geschenk en elke bonbondoos.")
    client.logout()
    assert found(client, "geschenk", sheet)
    assert not found(client, "bonbondoos", sheet)

    client.force_login(second_officer)
    client.post(f"/admin/redactie/revision/{revision.pk}/change/", approval(revision))
    client.logout()
    assert found(client, "bonbondoos", sheet)


def test_an_archived_sheet_is_no_longer_found(client, sheet, officer):
    assert found(client, "geschenk", sheet)
    publishing.archive(themablad=sheet, user=officer, comment="Vervangen")
    assert not found(client, "geschenk", sheet)
    publishing.unarchive(themablad=sheet, user=officer)
    assert found(client, "geschenk", sheet)
