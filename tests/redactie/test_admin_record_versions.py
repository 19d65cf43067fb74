"""Shared records (rulings, guidelines, laws, articles, search words) keep every saved state."""

import re

import pytest

from casuistiek.models import Uitspraak
from portal.redactie.models import RecordVersion
from portal.search.models import Synonym
from tests.redactie_fixtures import shown_text

ECLI = "ECLI:NL:CRVB:2018:3429"
OTHER_ECLI = "ECLI:NL:CRVB:2019:1"


@pytest.fixture
def ruling(db):
    return Uitspraak.objects.create(ecli=ECLI, summary="Ontslag na het lekken van informatie.")


def was_werd(html: str) -> list[tuple[str, str]]:
    """Each change under Geschiedenis as the reader sees it: (was, werd), marks left out."""
    pattern = r"Was:</strong>(.*?)</p>\s*<p[^>]*><strong>Werd:</strong>(.*?)</p>"
    found = re.findall(pattern, html, re.S)
    return [(shown_text(was).strip(), shown_text(werd).strip()) for was, werd in found]


def change(client, ruling, **values):
    data = {"ecli": ruling.ecli, "summary": ruling.summary, **values}
    return client.post(f"/admin/casuistiek/uitspraak/{ruling.pk}/change/", data)


def history_url(ruling):
    return f"/admin/casuistiek/uitspraak/{ruling.pk}/history/"


def test_an_overwritten_summary_stays_readable_under_history(client, officer, ruling):
    client.force_login(officer)

    change(client, ruling, summary="Per ongeluk overschreven.")

    html = client.get(history_url(ruling)).content.decode()
    assert "Oorspronkelijke versie" in html
    assert ("Ontslag na het lekken van informatie.", "Per ongeluk overschreven.") in was_werd(html)
    assert "huidige versie" in html


def test_restoring_brings_the_old_text_back_and_is_itself_a_version(client, officer, ruling):
    client.force_login(officer)
    change(client, ruling, summary="Per ongeluk overschreven.")
    original = RecordVersion.objects.get(note="Oorspronkelijke versie")

    response = client.post(history_url(ruling), {"version": original.pk}, follow=True)

    ruling.refresh_from_db()
    assert ruling.summary == "Ontslag na het lekken van informatie."
    assert "is teruggezet" in response.content.decode()
    assert RecordVersion.objects.filter(object_id=ruling.pk).count() == 3


def test_saving_without_a_change_adds_no_version(client, officer, ruling):
    client.force_login(officer)
    change(client, ruling, summary="Nieuwe samenvatting.")
    change(client, ruling, summary="Nieuwe samenvatting.")

    assert RecordVersion.objects.filter(object_id=ruling.pk).count() == 2


def test_a_version_that_no_longer_fits_is_refused_in_dutch(client, officer, ruling):
    client.force_login(officer)
    change(client, ruling, ecli=OTHER_ECLI)
    Uitspraak.objects.create(ecli=ECLI, summary="Een andere uitspraak kreeg dit nummer.")
    original = RecordVersion.objects.get(note="Oorspronkelijke versie")

    response = client.post(history_url(ruling), {"version": original.pk}, follow=True)

    ruling.refresh_from_db()
    assert ruling.ecli == OTHER_ECLI
    html = response.content.decode()
    assert "is niet teruggezet" in html
    assert "Deze uitspraak staat er al in." in html


@pytest.mark.parametrize("version", ["", "abc", "999999"])
def test_restoring_an_unknown_version_is_a_404(client, officer, ruling, version):
    client.force_login(officer)
    assert client.post(history_url(ruling), {"version": version}).status_code == 404


def test_a_version_of_another_record_cannot_be_restored_here(client, officer, ruling):
    client.force_login(officer)
    other = Uitspraak.objects.create(ecli=OTHER_ECLI, summary="Andere uitspraak.")
    change(client, other, summary="Gewijzigd.")
    foreign = RecordVersion.objects.filter(object_id=other.pk).first()

    assert client.post(history_url(ruling), {"version": foreign.pk}).status_code == 404
    ruling.refresh_from_db()
    assert ruling.summary == "Ontslag na het lekken van informatie."


def test_staff_without_a_role_can_neither_read_nor_restore(client, staff_without_role, ruling):
    client.force_login(staff_without_role)
    assert client.get(history_url(ruling)).status_code == 403
    assert client.post(history_url(ruling), {"version": "1"}).status_code == 403


def test_search_words_keep_their_versions_too(client, redacteur):
    synonym = Synonym.objects.create(word="bijbaan", alternatives="nevenwerkzaamheden")
    client.force_login(redacteur)

    client.post(
        f"/admin/search/synonym/{synonym.pk}/change/",
        {"word": "bijbaan", "alternatives": "nevenfunctie"},
    )

    html = client.get(f"/admin/search/synonym/{synonym.pk}/history/").content.decode()
    assert ("nevenwerkzaamheden", "nevenfunctie") in was_werd(html)
