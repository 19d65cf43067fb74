"""Keeping content current: owners, review dates, the overview, reminder mail; inert markup."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from casuistiek.models import Casus, Uitspraak
from portal.redactie import publishing
from portal.redactie.models import Revision, Stewardship
from portal.redactie.snapshots import take_snapshot
from tests.redactie_fixtures import change_url, form_data, kader_key, make_user
from themabladen.models import Guideline, KaderStatement

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def test_the_overview_lists_what_needs_attention(client, officer, redacteur, make_themablad):
    late = make_themablad(title="Verlopen blad")
    Stewardship.objects.create(
        themablad=late, owner=officer, next_review=timezone.localdate() - datetime.timedelta(1)
    )
    make_themablad(title="Lege plek", available=False)
    waiting = make_themablad(title="Wachtend blad")
    KaderStatement.objects.create(themablad=waiting, text="Norm")
    publishing.save_draft(
        themablad=waiting,
        snapshot=take_snapshot(waiting),
        user=redacteur,
        note="Kleine wijziging",
    )
    publishing.submit(themablad=waiting, user=redacteur)
    Uitspraak.objects.create(ecli="ECLI:NL:HR:2020:1")
    Guideline.objects.create(title="Vergeten richtlijn")
    client.force_login(officer)
    assert "Overzicht redactie" in client.get("/admin/").content.decode()
    page = client.get("/admin/redactie/revision/overzicht/").content.decode()
    for text in [
        "Verlopen blad",
        "Lege plek",
        "Wachtend blad",
        "ECLI:NL:HR:2020:1",
        "Vergeten richtlijn",
    ]:
        assert text in page


def test_owners_are_mailed_their_overdue_sheets(make_themablad):
    owner = make_user("olga")
    late = make_themablad(title="Te laat")
    Stewardship.objects.create(
        themablad=late, owner=owner, next_review=timezone.localdate() - datetime.timedelta(3)
    )
    on_time = make_themablad(title="Op tijd")
    Stewardship.objects.create(
        themablad=on_time, owner=owner, next_review=timezone.localdate() + datetime.timedelta(3)
    )
    call_command("mail_overdue_reviews", base_url="https://portaal.politie.example", stdout=None)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olga@politie.example"]
    assert "Te laat" in message.body and "Op tijd" not in message.body
    assert f"https://portaal.politie.example/admin/themabladen/themablad/{late.pk}/change/" in (
        message.body
    )


def test_the_public_page_shows_when_the_sheet_was_last_reviewed(
    client, make_themablad, officer, second_officer
):
    sheet = make_themablad(slug="herzien", status="concept")
    KaderStatement.objects.create(themablad=sheet, text="Norm")
    assert "Laatst herzien" not in client.get("/themabladen/herzien/").content.decode()
    revision = publishing.submit(themablad=sheet, user=officer, note="Herzien")
    publishing.approve(revision=revision, user=second_officer)
    assert Revision.objects.published_versions().filter(themablad=sheet).exists()
    today = timezone.localdate()
    page = client.get("/themabladen/herzien/").content.decode()
    assert "Laatst herzien op" in page and str(today.year) in page


def test_the_owner_and_review_date_are_set_in_the_admin(client, officer, make_themablad):
    sheet = make_themablad()
    client.force_login(officer)
    client.get(change_url(sheet))
    response = client.post(
        f"/admin/redactie/stewardship/{sheet.pk}/change/",
        {"owner": officer.pk, "next_review": "31-12-2027"},
    )
    assert response.status_code == 302
    stewardship = Stewardship.objects.get(themablad=sheet)
    assert stewardship.owner == officer and stewardship.next_review == datetime.date(2027, 12, 31)


def test_hostile_markup_typed_in_the_admin_is_shown_as_text(
    client, make_themablad, officer, second_officer
):
    sheet = make_themablad(slug="veilig")
    KaderStatement.objects.create(themablad=sheet, text="Norm")
    client.force_login(officer)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data[kader_key(data, "Norm")] = HOSTILE
    data["title"] = HOSTILE
    data["inleiding"] = f"- {HOSTILE}"
    data["casussen-TOTAL_FORMS"] = "1"
    data.update(
        {"casussen-0-position": "1", "casussen-0-title": HOSTILE, "casussen-0-summary": HOSTILE}
    )
    data["change_note"] = HOSTILE
    data["_indienen"] = "1"
    response = client.post(change_url(sheet), data)
    assert response.status_code == 302, response.context["errors"]
    revision = Revision.objects.awaiting_review().get(themablad=sheet)
    for url in [
        f"/admin/redactie/revision/{revision.pk}/change/",
        f"/admin/redactie/revision/{revision.pk}/voorbeeld/",
    ]:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page
    publishing.approve(revision=revision, user=second_officer)
    client.logout()
    for url in ["/themabladen/veilig/", "/themabladen/", "/casuistiek/"]:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url
    assert Casus.objects.get(themablad=sheet).title == HOSTILE


def test_rulings_laws_guidelines_and_sheets_autocomplete(client, redacteur, make_themablad):
    Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2018:3429")
    make_themablad(title="Social media")
    Guideline.objects.create(title="Handreiking sociale media")
    client.force_login(redacteur)
    for model, field, term, expected in [
        ("casusuitspraak", "uitspraak", "crvb", "ECLI:NL:CRVB:2018:3429"),
        ("relatedthemablad", "to_themablad", "social", "Social media"),
        ("themabladguideline", "guideline", "sociale", "Handreiking sociale media"),
    ]:
        app = "casuistiek" if model == "casusuitspraak" else "themabladen"
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": app, "model_name": model, "field_name": field, "term": term},
        )
        assert response.status_code == 200
        assert expected in response.content.decode()
    for field in ["law", "article"]:
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "themabladen", "model_name": "legalreference", "field_name": field},
        )
        assert response.status_code == 200


def test_the_sheet_page_leads_to_each_part_and_can_be_submitted_from_the_top(
    client, officer, make_themablad
):
    sheet = make_themablad(title="Lang blad")
    for number in range(1, 16):
        KaderStatement.objects.create(themablad=sheet, position=number, text=f"Norm {number}")
    client.force_login(officer)

    html = client.get(change_url(sheet)).content.decode()

    jump = html.split('aria-label="Onderdelen van dit themablad"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="#kader-group">Kader</a>' in jump
    assert "Dilemma’s</a>" in jump and "Gerelateerde themabladen</a>" in jump
    assert 'id="kader-group"' in html
    assert html.count('name="_indienen"') == 1  # one row of buttons, kept in view (sticky)
    kader = html.split('id="kader-group"', 1)[1].split('id="placements-group"', 1)[0]
    assert kader.count("<tr class=") >= 15  # one table row per statement, not a stacked block
