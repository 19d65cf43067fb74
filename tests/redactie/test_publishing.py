"""Drafts and the vier-ogenprincipe, driven through the admin as officers would."""

import re

import pytest

from portal.redactie.models import AuditEntry, Revision
from tests.redactie_fixtures import (
    approval,
    change_url,
    first_kader,
    form_data,
    kader_key,
    marked_words,
)
from themabladen.models import KaderStatement, Themablad

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(make_themablad):
    sheet = make_themablad(title="Geschenken", slug="geschenken")
    KaderStatement.objects.create(themablad=sheet, position=1, text="Je neemt geen geschenken aan.")
    KaderStatement.objects.create(themablad=sheet, position=2, text="Je meldt elk aanbod.")
    return sheet


def edit_kader(client, sheet, old, new, *, submit=False, note="Typfout hersteld"):
    page = client.get(change_url(sheet))
    assert page.status_code == 200
    data = form_data(page.content.decode())
    data[kader_key(data, old)] = new
    data["change_note"] = note
    data["_indienen" if submit else "_continue"] = "1"
    return client.post(change_url(sheet), data)


def public_text(client, sheet):
    return client.get(f"/themabladen/{sheet.slug}/").content.decode()


def test_an_officer_fixes_a_typo_and_a_colleague_publishes_it(
    client, sheet, officer, second_officer
):
    client.force_login(officer)
    response = edit_kader(
        client,
        sheet,
        "Je neemt geen geschenken aan.",
        "Je neemt geen geschenken aan!",
        submit=True,
    )
    assert response.status_code == 302
    revision = Revision.objects.get(themablad=sheet, status=Revision.Status.SUBMITTED)
    assert response["Location"] == f"/admin/redactie/revision/{revision.pk}/change/"

    # Employees still see the published text, on every page.
    client.logout()
    assert "geschenken aan." in public_text(client, sheet)
    assert "geschenken aan!" not in public_text(client, sheet)

    # The author cannot approve their own change.
    client.force_login(officer)
    review = client.get(f"/admin/redactie/revision/{revision.pk}/change/").content.decode()
    assert "vier-ogenprincipe" in review
    assert "Goedkeuren en publiceren" not in review
    client.post(f"/admin/redactie/revision/{revision.pk}/change/", approval(revision))
    assert "geschenken aan!" not in public_text(client, sheet)

    # A second officer sees the difference and approves it.
    client.force_login(second_officer)
    review = client.get(f"/admin/redactie/revision/{revision.pk}/change/").content.decode()
    assert "Goedkeuren en publiceren" in review
    assert "Je neemt geen geschenken aan" in review
    assert marked_words(review) == (["."], ["!"])  # only what changed is marked
    response = client.post(f"/admin/redactie/revision/{revision.pk}/change/", approval(revision))
    assert response.status_code == 302
    client.logout()
    assert "Je neemt geen geschenken aan!" in public_text(client, sheet)
    assert AuditEntry.objects.filter(
        themablad=sheet, action=AuditEntry.Action.APPROVE, user=second_officer
    ).exists()


def test_a_saved_draft_is_shown_to_the_editor_but_not_to_employees(client, sheet, redacteur):
    client.force_login(redacteur)
    edit_kader(client, sheet, "Je meldt elk aanbod.", "Je meldt elk aanbod schriftelijk.")
    # The editor opening the sheet again continues with the draft.
    page = client.get(change_url(sheet)).content.decode()
    assert "Je meldt elk aanbod schriftelijk." in page
    assert "U ziet de wijziging in bewerking" in page
    # The preview shows the draft as employees will see it.
    preview = client.get(f"/admin/redactie/revision/themablad/{sheet.pk}/voorbeeld/")
    assert "Je meldt elk aanbod schriftelijk." in preview.content.decode()
    assert "Voorbeeld – niet gepubliceerd" in preview.content.decode()
    printed = client.get(f"/admin/redactie/revision/themablad/{sheet.pk}/voorbeeld/?afdruk=1")
    assert "Je meldt elk aanbod schriftelijk." in printed.content.decode()
    assert 'href="/static/css/print.css">' in printed.content.decode()
    client.logout()
    assert "Je meldt elk aanbod schriftelijk." not in public_text(client, sheet)
    assert first_kader(sheet).text == "Je neemt geen geschenken aan."
    assert KaderStatement.objects.filter(text="Je meldt elk aanbod.").exists()


def test_rejection_sends_the_change_back_with_a_comment(client, sheet, redacteur, officer):
    client.force_login(redacteur)
    edit_kader(client, sheet, "Je meldt elk aanbod.", "Je meldt wat.", submit=True)
    revision = Revision.objects.pending().get(themablad=sheet)
    client.force_login(officer)
    response = client.post(
        f"/admin/redactie/revision/{revision.pk}/change/", {"action": "reject", "comment": ""}
    )
    messages = client.get(response["Location"]).content.decode()
    assert "Geef bij een afwijzing aan wat er anders moet." in messages
    client.post(
        f"/admin/redactie/revision/{revision.pk}/change/",
        {"action": "reject", "comment": "Te vaag: wat moet je melden?"},
    )
    revision.refresh_from_db()
    assert revision.status == Revision.Status.DRAFT
    client.force_login(redacteur)
    page = client.get(change_url(sheet)).content.decode()
    assert "Te vaag: wat moet je melden?" in page
    assert "Je meldt wat." not in public_text(client, sheet)


def test_a_redacteur_cannot_approve(client, sheet, redacteur, officer):
    client.force_login(officer)
    edit_kader(client, sheet, "Je meldt elk aanbod.", "Je meldt alles.", submit=True)
    revision = Revision.objects.pending().get(themablad=sheet)
    client.force_login(redacteur)
    response = client.post(f"/admin/redactie/revision/{revision.pk}/change/", approval(revision))
    assert response.status_code == 403
    assert "Je meldt alles." not in public_text(client, sheet)


def test_new_sheets_start_as_invisible_drafts(client, officer, second_officer):
    client.force_login(officer)
    page = client.get("/admin/themabladen/themablad/add/")
    data = form_data(page.content.decode())
    data.update(
        {
            "number": "77",
            "title": "Nieuw blad",
            "slug": "nieuw-blad",
            "available": "on",
            "kader-TOTAL_FORMS": "1",
            "kader-0-position": "1",
            "kader-0-text": "Een nieuwe norm.",
            "change_note": "Nieuw themablad",
            "_indienen": "1",
        }
    )
    response = client.post("/admin/themabladen/themablad/add/", data)
    assert response.status_code == 302, response.content.decode()
    sheet = Themablad.objects.get(slug="nieuw-blad")
    assert sheet.status == Themablad.Status.DRAFT
    client.logout()
    assert client.get("/themabladen/nieuw-blad/").status_code == 404
    assert "Nieuw blad" not in client.get("/themabladen/").content.decode()
    revision = Revision.objects.get(themablad=sheet, status=Revision.Status.SUBMITTED)
    client.force_login(second_officer)
    client.post(f"/admin/redactie/revision/{revision.pk}/change/", approval(revision))
    client.logout()
    assert "Een nieuwe norm." in client.get("/themabladen/nieuw-blad/").content.decode()


def test_approval_is_refused_clearly_when_the_number_was_taken_meanwhile(
    client, sheet, make_themablad, officer, second_officer
):
    client.force_login(officer)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data.update({"number": "55", "change_note": "Nieuw nummer", "_indienen": "1"})
    client.post(change_url(sheet), data)
    revision = Revision.objects.awaiting_review().get(themablad=sheet)
    make_themablad(number=55)
    client.force_login(second_officer)
    url = f"/admin/redactie/revision/{revision.pk}/change/"
    page = client.post(url, approval(revision), follow=True).content.decode()
    assert "Er bestaat al een themablad met dit nummer." in page
    assert Themablad.objects.get(pk=sheet.pk).number != 55
    assert Revision.objects.get(pk=revision.pk).status == Revision.Status.SUBMITTED


def test_waiting_changes_are_announced_on_the_admin_start_page(client, sheet, officer, redacteur):
    client.force_login(redacteur)
    edit_kader(client, sheet, "Je meldt elk aanbod.", "Je meldt elk aanbod direct.", submit=True)
    client.force_login(officer)
    assert "1 wijziging wacht op goedkeuring." in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/redactie/revision/abc/change/",
        "/admin/redactie/revision/99999/change/",
        "/admin/redactie/revision/99999/voorbeeld/",
        "/admin/redactie/revision/themablad/99999/geschiedenis/",
        "/admin/redactie/revision/vergelijk/",
    ],
)
def test_nonsense_addresses_give_a_404(client, officer, url):
    client.force_login(officer)
    assert client.get(url).status_code == 404


def test_a_change_edited_after_the_reviewer_opened_it_is_not_approved_unseen(
    client, sheet, officer, second_officer
):
    client.force_login(officer)
    edit_kader(client, sheet, "Je meldt elk aanbod.", "Versie een.", submit=True)
    revision = Revision.objects.awaiting_review().get(themablad=sheet)
    seen = approval(revision)
    edit_kader(client, sheet, "Versie een.", "Versie twee.", submit=True)
    client.force_login(second_officer)
    url = f"/admin/redactie/revision/{revision.pk}/change/"
    page = client.post(url, seen, follow=True).content.decode()
    assert "De wijziging is aangepast nadat u deze pagina opende." in page
    assert "Versie twee." not in public_text(client, sheet)
    review = client.get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', review).group(1)
    client.post(url, {"action": "approve", "version": version})
    assert "Versie twee." in public_text(client, sheet)
