"""Every validation message an officer can meet in the content admin, in Dutch, never a 500."""

import pytest

from casuistiek.models import Uitspraak
from portal.redactie.models import Revision
from tests.redactie_fixtures import change_url, form_data, publish_pending
from themabladen.models import Article, Guideline, KaderStatement, Law, Themablad

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(make_themablad):
    # A concept sheet's rows change only on approval, like a published sheet's.
    sheet = make_themablad(title="Social media", slug="social-media", status="concept")
    KaderStatement.objects.create(themablad=sheet, position=1, text="Wees terughoudend online.")
    return sheet


@pytest.fixture
def editor(client, redacteur):
    client.force_login(redacteur)
    return client


def page_data(client, sheet):
    return form_data(client.get(change_url(sheet)).content.decode())


def add_inline(data, prefix, **values):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def save(client, sheet, data):
    data["_continue"] = "1"
    return client.post(change_url(sheet), data)


def test_a_malformed_ecli_is_refused_with_a_clear_message(editor, sheet):
    data = add_inline(
        page_data(editor, sheet),
        "casussen",
        position="1",
        title="Ruzie op Facebook",
        summary="Een agent reageert fel.",
        uitspraken="ECLI:NL:CRVB:2018:03429",
    )
    response = save(editor, sheet, data)
    assert response.status_code == 200
    assert "Regel 1: ‘ECLI:NL:CRVB:2018:03429’ is geen geldige Nederlandse ECLI" in (
        response.content.decode()
    )
    assert not Uitspraak.objects.exists()


def test_rulings_are_created_from_an_ecli_in_any_spelling(editor, sheet):
    data = add_inline(
        page_data(editor, sheet),
        "casussen",
        position="1",
        title="Ruzie op Facebook",
        summary="Een agent reageert fel.",
        uitspraken="ecli: nl: crvb: 2018: 3429\nCRVB 2019 12",
    )
    response = save(editor, sheet, data)
    assert response.status_code == 302
    publish_pending(sheet)
    casus = sheet.casussen.get()
    assert [c.uitspraak.ecli for c in casus.citations.order_by("position")] == [
        "ECLI:NL:CRVB:2018:3429",
        "ECLI:NL:CRVB:2019:12",
    ]
    # The page shows them again in normal form, in order.
    assert (
        "ECLI:NL:CRVB:2018:3429\nECLI:NL:CRVB:2019:12"
        in page_data(editor, sheet)["casussen-0-uitspraken"]
    )


def test_a_ruling_added_by_ecli_in_its_own_form_gets_its_court(editor):
    response = editor.post(
        "/admin/casuistiek/uitspraak/add/", {"ecli": " ecli:nl:rbrot:2016:ab1234 ", "summary": ""}
    )
    assert response.status_code == 302
    uitspraak = Uitspraak.objects.get()
    assert uitspraak.ecli == "ECLI:NL:RBROT:2016:AB1234"
    page = editor.get(f"/admin/casuistiek/uitspraak/{uitspraak.pk}/change/").content.decode()
    assert "Rechtbank Rotterdam" in page
    again = editor.post("/admin/casuistiek/uitspraak/add/", {"ecli": "ECLI:NL:RBROT:2016:AB1234"})
    assert "Deze uitspraak staat er al in." in again.content.decode()
    bad = editor.post("/admin/casuistiek/uitspraak/add/", {"ecli": "geen ecli"})
    assert "is geen geldige ECLI" in bad.content.decode()


def test_a_duplicate_sheet_number_is_refused(editor, sheet, make_themablad):
    other = make_themablad(number=12)
    data = page_data(editor, sheet)
    data["number"] = str(other.number)
    response = save(editor, sheet, data)
    assert "Er bestaat al een themablad met dit nummer." in response.content.decode()


def test_a_sheet_cannot_be_related_to_itself(editor, sheet):
    data = add_inline(
        page_data(editor, sheet), "related_links", position="1", to_themablad=str(sheet.pk)
    )
    response = save(editor, sheet, data)
    assert response.status_code == 200
    assert "Een themablad kan niet aan zichzelf gerelateerd zijn." in response.content.decode()


def test_an_available_sheet_needs_a_kader(editor, sheet):
    data = page_data(editor, sheet)
    data["kader-0-DELETE"] = "on"
    response = save(editor, sheet, data)
    assert response.status_code == 200
    assert "Het kader is leeg." in response.content.decode()
    assert sheet.kader.exists()


def test_a_kader_statement_without_text_is_refused(editor, sheet):
    data = page_data(editor, sheet)
    data["kader-0-text"] = ""
    response = save(editor, sheet, data)
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()


@pytest.mark.parametrize("url", ["ftp://intranet.politie.nl/regels.pdf", "javascript:alert(1)"])
def test_a_link_must_be_http_or_https(editor, url):
    response = editor.post("/admin/themabladen/guideline/add/", {"title": "Regels", "url": url})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Gebruik een volledig webadres dat begint met http:// of https://." in page
        or "Voer een geldige URL in." in page
    )
    assert not Guideline.objects.exists()


def test_an_article_of_another_law_is_refused(editor, sheet):
    barp = Law.objects.create(key="barp", name="Barp", bwb_id="BWBR0006516")
    sr = Law.objects.create(key="sr", name="Wetboek van Strafrecht", abbreviation="Sr")
    article = Article.objects.create(law=sr, number="272")
    data = add_inline(
        page_data(editor, sheet),
        "legal_references",
        position="1",
        law=str(barp.pk),
        article=str(article.pk),
        label="Art. 272 Barp",
    )
    response = save(editor, sheet, data)
    assert response.status_code == 200
    assert "Dit artikel hoort niet bij de gekozen wet." in response.content.decode()


def test_submitting_without_a_change_note_asks_for_one(editor, sheet):
    data = page_data(editor, sheet)
    data["_indienen"] = "1"
    response = editor.post(change_url(sheet), data, follow=True)
    assert "Schrijf in de wijzigingsnotitie kort wat u heeft veranderd en waarom." in (
        response.content.decode()
    )
    assert not Revision.objects.awaiting_review().exists()


def test_a_valid_save_of_a_concept_sheet_is_kept(editor, sheet):
    data = page_data(editor, sheet)
    data["title"] = "Sociale media"
    assert save(editor, sheet, data).status_code == 302
    assert page_data(editor, sheet)["title"] == "Sociale media"
    assert Themablad.objects.get(pk=sheet.pk).title == "Social media"  # until approved
    publish_pending(sheet)
    assert Themablad.objects.get(pk=sheet.pk).title == "Sociale media"
