"""Versions, comparison, restore, archive, the audit log and the concurrent-edit conflict."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casuistiek.models import Casus, CasusUitspraak, Uitspraak
from portal.redactie import publishing
from portal.redactie.models import AuditEntry, Revision
from tests.redactie_fixtures import approval, change_url, form_data, kader_key, marked_words
from themabladen.models import KaderStatement, Themablad

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(make_themablad):
    sheet = make_themablad(title="Nevenwerkzaamheden", slug="nevenwerk")
    KaderStatement.objects.create(themablad=sheet, position=1, text="Meld je nevenwerk.")
    casus = Casus.objects.create(
        themablad=sheet, position=1, title="De bijbaan", summary="Een agent werkt als portier."
    )
    uitspraak = Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2018:3429")
    CasusUitspraak.objects.create(casus=casus, uitspraak=uitspraak)
    return sheet


def publish_change(client, sheet, author, reviewer, old, new, note="Aangescherpt"):
    client.force_login(author)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data[kader_key(data, old)] = new
    data["change_note"] = note
    data["_indienen"] = "1"
    assert client.post(change_url(sheet), data).status_code == 302
    revision = Revision.objects.awaiting_review().get(themablad=sheet)
    publishing.approve(revision=revision, user=reviewer)
    return revision


def test_every_published_version_is_kept_and_can_be_compared(
    client, sheet, officer, second_officer
):
    publish_change(client, sheet, officer, second_officer, "Meld je nevenwerk.", "Meld nevenwerk.")
    publish_change(
        client, sheet, second_officer, officer, "Meld nevenwerk.", "Meld nevenwerk vooraf."
    )
    versions = list(Revision.objects.published_versions().filter(themablad=sheet))
    assert len(versions) == 3  # the version before editing started, and two changes

    client.force_login(officer)
    history = client.get(f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/")
    page = history.content.decode()
    assert "Aangescherpt" in page and "ilse" in page and "ivo" in page

    oldest, newest = versions[-1], versions[0]
    compared = client.get(
        f"/admin/redactie/revision/vergelijk/?a={oldest.pk}&b={newest.pk}"
    ).content.decode()
    assert "Kader" in compared
    # Word by word: "je" went, "vooraf" came, the rest of the statement is unmarked.
    assert marked_words(compared) == (["je "], [" vooraf"])
    assert "Meld <del>" in compared and "nevenwerk." in compared
    assert "Casuïstiek (ongewijzigd)" in compared
    # Nonsense in the address gives a 404, not an error.
    assert client.get("/admin/redactie/revision/vergelijk/?a=x&b=1").status_code == 404


def test_an_earlier_version_is_restored_through_review(client, sheet, officer, second_officer):
    publish_change(client, sheet, officer, second_officer, "Meld je nevenwerk.", "Fout.")
    original = Revision.objects.published_versions().filter(themablad=sheet).last()
    client.force_login(officer)
    response = client.post(
        f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/",
        {"action": "restore", "version": original.pk},
    )
    assert response.status_code == 302
    restored = Revision.objects.awaiting_review().get(themablad=sheet)
    assert restored.restored_from == original
    client.logout()
    assert "Fout." in client.get("/themabladen/nevenwerk/").content.decode()
    publishing.approve(revision=restored, user=second_officer)
    page = client.get("/themabladen/nevenwerk/").content.decode()
    assert "Meld je nevenwerk." in page and "ECLI:NL:CRVB:2018:3429" in page
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE, user=officer).exists()


def test_archive_removes_the_sheet_from_public_pages_and_restore_brings_it_back_whole(
    client, sheet, officer
):
    client.force_login(officer)
    url = f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/"
    client.post(url, {"action": "archive", "comment": "Vervangen door nieuw blad"})
    assert Themablad.objects.get(pk=sheet.pk).status == Themablad.Status.ARCHIVED
    client.logout()
    assert client.get("/themabladen/nevenwerk/").status_code == 404
    assert "Nevenwerkzaamheden" not in client.get("/themabladen/").content.decode()
    assert "De bijbaan" not in client.get("/casuistiek/").content.decode()
    client.force_login(officer)
    client.post(url, {"action": "unarchive"})
    client.logout()
    page = client.get("/themabladen/nevenwerk/").content.decode()
    assert "Meld je nevenwerk." in page and "De bijbaan" in page
    actions = list(
        AuditEntry.objects.filter(themablad=sheet)
        .order_by("at", "pk")
        .values_list("action", "comment")
    )
    assert actions == [
        (AuditEntry.Action.ARCHIVE, "Vervangen door nieuw blad"),
        (AuditEntry.Action.UNARCHIVE, ""),
    ]


def test_the_audit_log_is_for_integriteitsfunctionarissen(client, sheet, officer, redacteur):
    publishing.archive(themablad=sheet, user=officer)
    client.force_login(officer)
    assert "Gearchiveerd" in client.get("/admin/redactie/auditentry/").content.decode()
    assert (
        "Logboek"
        in client.get(
            f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/"
        ).content.decode()
    )
    client.force_login(redacteur)
    assert client.get("/admin/redactie/auditentry/").status_code == 403
    assert (
        "Logboek"
        not in client.get(
            f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/"
        ).content.decode()
    )


def test_the_second_of_two_concurrent_saves_is_refused_and_shown(
    client, sheet, officer, second_officer
):
    client.force_login(officer)
    first = form_data(client.get(change_url(sheet)).content.decode())
    client.force_login(second_officer)
    second = form_data(client.get(change_url(sheet)).content.decode())

    first[kader_key(first, "Meld je nevenwerk.")] = "Meld je nevenwerk altijd."
    first["_continue"] = "1"
    client.force_login(officer)
    assert client.post(change_url(sheet), first).status_code == 302

    second[kader_key(second, "Meld je nevenwerk.")] = "Meld je nevenwerk schriftelijk."
    second["_continue"] = "1"
    client.force_login(second_officer)
    response = client.post(change_url(sheet), second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Uw wijzigingen zijn niet opgeslagen." in page
    # What the colleague saved, next to what this officer typed.
    assert "Meld je nevenwerk " in page
    assert marked_words(page) == (["altijd"], ["schriftelijk"])
    draft = Revision.objects.pending().get(themablad=sheet)
    assert draft.snapshot["kader"][0]["text"] == "Meld je nevenwerk altijd."
    assert draft.editor_ids == [officer.pk]


def test_drafts_are_absent_from_every_public_page(client, make_themablad):
    draft = make_themablad(title="Geheim concept", slug="geheim-concept", status="concept")
    KaderStatement.objects.create(themablad=draft, text="Conceptnorm")
    casus = Casus.objects.create(themablad=draft, title="Conceptcasus", summary="x")
    uitspraak = Uitspraak.objects.create(ecli="ECLI:NL:RBROT:2016:AB1234")
    CasusUitspraak.objects.create(casus=casus, uitspraak=uitspraak)
    draft.tags.add("conceptlabel")
    for url in [
        "/",
        "/themabladen/",
        "/casuistiek/",
        "/uitspraken/",
        "/dilemmas/",
        "/regelgeving/",
        "/tags/",
    ]:
        page = client.get(url).content.decode()
        assert "Geheim concept" not in page, url
        assert "Conceptcasus" not in page, url
        assert "AB1234" not in page, url
    assert client.get("/themabladen/geheim-concept/").status_code == 404
    assert client.get("/uitspraken/ECLI:NL:RBROT:2016:AB1234/").status_code in (404, 200)
    assert (
        "Geheim concept"
        not in client.get("/uitspraken/ECLI:NL:RBROT:2016:AB1234/").content.decode()
    )
    assert "conceptlabel" not in client.get("/tags/").content.decode()


def test_a_change_citing_a_removed_guideline_gives_a_clear_message(
    client, sheet, officer, second_officer
):
    from themabladen.models import Guideline, ThemabladGuideline

    guideline = Guideline.objects.create(title="Oude handreiking")
    client.force_login(officer)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data.update(
        {
            "guideline_links-TOTAL_FORMS": "1",
            "guideline_links-0-position": "1",
            "guideline_links-0-guideline": str(guideline.pk),
            "change_note": "Handreiking erbij",
            "_indienen": "1",
        }
    )
    assert client.post(change_url(sheet), data).status_code == 302
    assert not ThemabladGuideline.objects.exists()
    guideline.delete()  # possible: no published sheet cites it yet

    page = client.get(change_url(sheet), follow=True).content.decode()
    assert "De richtlijn ‘Oude handreiking’ bestaat niet meer." in page
    preview = client.get(f"/admin/redactie/revision/themablad/{sheet.pk}/voorbeeld/", follow=True)
    assert "Geen voorbeeld mogelijk" in preview.content.decode()
    revision = Revision.objects.awaiting_review().get(themablad=sheet)
    client.force_login(second_officer)
    url = f"/admin/redactie/revision/{revision.pk}/change/"
    page = client.post(url, approval(revision), follow=True).content.decode()
    assert "De richtlijn ‘Oude handreiking’ bestaat niet meer." in page


def test_a_withdrawn_change_is_not_lost(client, sheet, redacteur):
    client.force_login(redacteur)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data[kader_key(data, "Meld je nevenwerk.")] = "Meld je nevenwerk op tijd."
    data["_continue"] = "1"
    client.post(change_url(sheet), data)
    revision = Revision.objects.pending().get(themablad=sheet)
    url = f"/admin/redactie/revision/{revision.pk}/change/"
    page = client.post(url, {"action": "withdraw"}, follow=True).content.decode()
    assert "Vink aan dat u de wijziging wilt intrekken." in page
    client.post(url, {"action": "withdraw", "confirm": "1"})
    assert "Meld je nevenwerk." in client.get(change_url(sheet)).content.decode()
    history = f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/"
    assert "Ingetrokken wijzigingen" in client.get(history).content.decode()
    client.post(history, {"action": "reopen", "version": revision.pk})
    assert "Meld je nevenwerk op tijd." in client.get(change_url(sheet)).content.decode()


def test_the_public_change_lists_never_read_whole_sheet_snapshots(
    client, sheet, officer, second_officer
):
    # A version keeps the whole sheet twice (what it proposed and what it was based on); the
    # sheet page, Wijzigingen and the feed show a change's date and note only.
    publish_change(client, sheet, officer, second_officer, "Meld je nevenwerk.", "Meld nevenwerk.")
    client.logout()
    for address in (sheet.get_absolute_url(), "/wijzigingen/", "/wijzigingen/atom/"):
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(address)
        assert answer.status_code == 200 and "Aangescherpt" in answer.content.decode()
        read = [q["sql"] for q in queries.captured_queries if "redactie_revision" in q["sql"]]
        assert read and not any('"snapshot"' in sql or '"base"' in sql for sql in read), address
