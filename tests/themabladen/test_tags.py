"""A tag must have an address: tags of punctuation only are refused, and never break a page."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from taggit.models import Tag

from dilemmas.models import AnswerOption, Dilemma, DilemmaPlacement
from portal.tagging import clean_tag_names
from tests.redactie_fixtures import change_url, form_data
from themabladen.models import KaderStatement, Themablad

pytestmark = pytest.mark.django_db

NO_ADDRESS = "Het trefwoord ‘?’ bestaat alleen uit leestekens"


@pytest.fixture
def sheet(make_themablad):
    sheet = make_themablad(title="Nevenwerkzaamheden", slug="nevenwerk")
    KaderStatement.objects.create(themablad=sheet, position=1, text="Meld je nevenwerk.")
    sheet.tags.add("nevenfunctie")
    return sheet


@pytest.fixture
def dilemma(sheet):
    dilemma = Dilemma.objects.create(question="Mag je een feestje bezoeken?")
    AnswerOption.objects.create(dilemma=dilemma, label="A", text="Ja", position=0)
    DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma, position=1)
    dilemma.tags.add("feest")
    return dilemma


def test_a_punctuation_tag_is_refused_on_the_sheet_page(client, sheet, officer):
    client.force_login(officer)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data["tags"] = "nevenfunctie, ?"
    data["_continue"] = "1"
    response = client.post(change_url(sheet), data)
    assert response.status_code == 200
    assert NO_ADDRESS in response.content.decode()
    assert not Tag.objects.filter(name="?").exists()


def test_a_punctuation_tag_is_refused_on_a_new_sheet_too(client, make_themablad, redacteur):
    draft = make_themablad(status=Themablad.Status.DRAFT)
    KaderStatement.objects.create(themablad=draft, text="Norm")
    client.force_login(redacteur)
    data = form_data(client.get(change_url(draft)).content.decode())
    data["tags"] = "\\"
    data["_continue"] = "1"
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "Het trefwoord ‘\\’ bestaat alleen uit leestekens" in response.content.decode()
    assert not draft.tags.exists()


def test_a_punctuation_tag_is_refused_on_the_dilemma_page(client, dilemma, officer):
    client.force_login(officer)
    url = f"/admin/dilemmas/dilemma/{dilemma.pk}/change/"
    response = client.post(
        url,
        {
            "question": dilemma.question,
            "tags": "feest, ?",
            "options-TOTAL_FORMS": "1",
            "options-INITIAL_FORMS": "1",
        },
    )
    assert response.status_code == 200
    assert NO_ADDRESS in response.content.decode()
    assert list(dilemma.tags.names()) == ["feest"]


def test_an_overlong_tag_is_refused_with_a_message(client, sheet, officer):
    client.force_login(officer)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data["tags"] = "x" * 101
    data["_continue"] = "1"
    response = client.post(change_url(sheet), data)
    assert response.status_code == 200
    assert "Een trefwoord is hoogstens 100 tekens lang" in response.content.decode()


def test_clean_tag_names_keeps_good_names_and_refuses_punctuation():
    assert clean_tag_names([" integriteit ", "sociale media", ""]) == [
        "integriteit",
        "sociale media",
    ]
    with pytest.raises(ValidationError) as refused:
        clean_tag_names(["integriteit", "?!"])
    assert "Het trefwoord ‘?!’ bestaat alleen uit leestekens" in refused.value.messages[0]


@pytest.fixture
def tag_without_address(sheet, dilemma):
    """A tag stored before the check existed: its slug is empty."""
    broken = Tag.objects.create(name="?", slug="")
    sheet.tags.add(broken)
    dilemma.tags.add(broken)
    return broken


def test_a_tag_without_address_in_the_database_breaks_no_page(
    client, sheet, dilemma, tag_without_address
):
    for url in ["/tags/", f"/dilemmas/{dilemma.pk}/", "/themabladen/nevenwerk/", "/dilemmas/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert 'href="/tags/nevenfunctie/"' in client.get("/themabladen/nevenwerk/").content.decode()
    assert 'href="/tags/feest/"' in client.get(f"/dilemmas/{dilemma.pk}/").content.decode()


def test_the_data_migration_removes_tags_without_address(sheet, tag_without_address):
    migration = importlib.import_module("themabladen.migrations.0002_tags_need_an_address")
    migration.remove_tags_without_address(apps, None)
    assert not Tag.objects.filter(pk=tag_without_address.pk).exists()
    assert list(Themablad.objects.get(pk=sheet.pk).tags.names()) == ["nevenfunctie"]


def test_a_punctuation_tag_is_refused_in_the_tag_admin(client, officer):
    client.force_login(officer)
    response = client.post(
        "/admin/taggit/tag/add/",
        {
            "name": "?",
            "slug": "vraag",
            "taggit_taggeditem_items-TOTAL_FORMS": "0",
            "taggit_taggeditem_items-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert NO_ADDRESS in response.content.decode()
    assert not Tag.objects.filter(name="?").exists()


def test_tags_are_not_merged_into_a_punctuation_tag(client, sheet, dilemma, officer):
    client.force_login(officer)
    session = client.session
    session["selected_tag_ids"] = ",".join(str(tag.pk) for tag in Tag.objects.all())
    session.save()
    response = client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "?"}, follow=True)
    assert response.status_code == 200
    assert NO_ADDRESS in response.content.decode()
    assert not Tag.objects.filter(name="?").exists()
    assert list(sheet.tags.names()) == ["nevenfunctie"]
