"""The seven findings against the editorial core, each reproduced over HTTP as officers would."""

import pytest
from django.core.exceptions import ValidationError

from casuistiek.models import Casus
from dilemmas.models import Dilemma, DilemmaPlacement, TrainingItem
from dilemmas.trainingen import add_items, create_training
from portal.redactie import publishing
from portal.redactie.models import Revision
from portal.search.models import SearchDocument
from tests.redactie_fixtures import (
    approval,
    change_url,
    form_data,
    kader_key,
    make_user,
)
from themabladen.models import KaderStatement

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/themabladen/themablad/add/"


@pytest.fixture
def shared(make_themablad):
    """Two published sheets that share a dilemma; the first also has a case."""
    first = make_themablad(title="Geschenken", slug="geschenken")
    second = make_themablad(title="Nevenwerk", slug="nevenwerk")
    for sheet in (first, second):
        KaderStatement.objects.create(themablad=sheet, position=1, text=f"Norm van {sheet}.")
    dilemma = Dilemma.objects.create(question="Neem je de fles wijn aan?")
    DilemmaPlacement.objects.create(themablad=first, dilemma=dilemma, position=1)
    DilemmaPlacement.objects.create(themablad=second, dilemma=dilemma, position=1)
    casus = Casus.objects.create(
        themablad=first, position=1, title="Kerstpakket", summary="Een agent krijgt een pakket."
    )
    return first, second, dilemma, casus


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content.decode())


def post_sheet(client, sheet, data, *, submit=True, note="Wijziging"):
    data["change_note"] = note
    data["_indienen" if submit else "_continue"] = "1"
    response = client.post(change_url(sheet), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return publishing.pending_revision(sheet)


def approve_over_http(client, user, revision):
    client.force_login(user)
    response = client.post(f"/admin/redactie/revision/{revision.pk}/change/", approval(revision))
    assert response.status_code == 302
    revision.refresh_from_db()
    return revision


def employees_see(client, dilemma, sheet):
    client.logout()
    sheet_page = client.get(sheet.get_absolute_url()).content.decode()
    dilemma_page = client.get(f"/dilemmas/{dilemma.pk}/").content.decode()
    return sheet_page, dilemma_page


def test_1_a_concept_sheet_cannot_rewrite_a_published_dilemma_unreviewed(client, shared, redacteur):
    first, _second, dilemma, _casus = shared
    client.force_login(redacteur)
    data = page(client, ADD_URL)
    data.update(
        {
            "title": "Nieuw blad",
            "slug": "nieuw-blad",
            "number": "77",
            "available": "on",
            "kader-TOTAL_FORMS": "1",
            "kader-0-position": "1",
            "kader-0-text": "Ik doe het goed.",
            "placements-TOTAL_FORMS": "1",
            "placements-0-position": "1",
            "placements-0-dilemma": str(dilemma.pk),
            "placements-0-question": "Gekaapte vraag?",
            "change_note": "Nieuw blad",
            "_continue": "1",
        }
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302

    dilemma.refresh_from_db()
    assert dilemma.question == "Neem je de fles wijn aan?"
    sheet_page, dilemma_page = employees_see(client, dilemma, first)
    assert "Gekaapte vraag?" not in sheet_page
    assert "Gekaapte vraag?" not in dilemma_page
    assert not SearchDocument.objects.filter(text__contains="Gekaapte").exists()
    # The text waits in the new sheet's change, for a second officer to see.
    revision = Revision.objects.pending().get(themablad__slug="nieuw-blad")
    assert revision.snapshot["dilemmas"][0]["question"] == "Gekaapte vraag?"


def test_2_approving_a_change_keeps_every_training_linked_to_its_case(
    client, shared, officer, second_officer
):
    first, _second, _dilemma, casus = shared
    trainer = make_user("tom", "Trainer")
    training = create_training(owner=trainer, title="Geschenken in de groep")
    add_items(training=training, casussen=[casus])
    kader_ids = set(KaderStatement.objects.filter(themablad=first).values_list("pk", flat=True))

    client.force_login(officer)
    data = page(client, change_url(first))
    data[kader_key(data, "Norm van Geschenken.")] = "Norm van Geschenken, aangescherpt."
    revision = post_sheet(client, first, data)
    approve_over_http(client, second_officer, revision)

    item = TrainingItem.objects.get(training=training)
    assert item.casus_id == casus.pk
    assert Casus.objects.filter(pk=casus.pk, title="Kerstpakket").exists()
    assert set(KaderStatement.objects.filter(themablad=first).values_list("pk", flat=True)) == (
        kader_ids
    )
    client.force_login(trainer)
    assert (
        "uit het portaal verwijderd" not in client.get(training.get_absolute_url()).content.decode()
    )


def test_3_a_pending_change_cannot_revert_a_shared_dilemma(client, shared, officer, second_officer):
    first, second, dilemma, _casus = shared
    # A change of the first sheet (an unrelated kader sentence) is pending …
    client.force_login(officer)
    data = page(client, change_url(first))
    data[kader_key(data, "Norm van Geschenken.")] = "Norm van Geschenken, herzien."
    pending_first = post_sheet(client, first, data)
    # … while the dilemma is changed via the second sheet and approved …
    client.force_login(second_officer)
    data = page(client, change_url(second))
    data["placements-0-question"] = "Neem je de fles champagne aan?"
    pending_second = post_sheet(client, second, data)
    approve_over_http(client, officer, pending_second)
    dilemma.refresh_from_db()
    assert dilemma.question == "Neem je de fles champagne aan?"
    # … then the first change is approved: the dilemma keeps its new question.
    approved = approve_over_http(client, second_officer, pending_first)
    assert approved.status == Revision.Status.PUBLISHED
    dilemma.refresh_from_db()
    assert dilemma.question == "Neem je de fles champagne aan?"
    sheet_page, _ = employees_see(client, dilemma, first)
    assert "Norm van Geschenken, herzien." in sheet_page
    assert "champagne" in sheet_page


def test_3b_both_changing_the_same_dilemma_is_refused_showing_both_texts(
    client, shared, officer, second_officer
):
    first, second, dilemma, _casus = shared
    client.force_login(officer)
    data = page(client, change_url(first))
    data["placements-0-question"] = "Neem je de fles bier aan?"
    pending_first = post_sheet(client, first, data)
    client.force_login(second_officer)
    data = page(client, change_url(second))
    data["placements-0-question"] = "Neem je de fles champagne aan?"
    approve_over_http(client, officer, post_sheet(client, second, data))

    client.force_login(second_officer)
    review = client.get(f"/admin/redactie/revision/{pending_first.pk}/change/").content.decode()
    assert "Botst met wat intussen is gepubliceerd" in review
    response = client.post(
        f"/admin/redactie/revision/{pending_first.pk}/change/",
        approval(pending_first),
        follow=True,
    )
    text = response.content.decode()
    assert "Neem je de fles champagne aan?" in text and "Neem je de fles bier aan?" in text
    pending_first.refresh_from_db()
    assert pending_first.status == Revision.Status.SUBMITTED
    dilemma.refresh_from_db()
    assert dilemma.question == "Neem je de fles champagne aan?"


def test_4_a_new_dilemma_typed_on_a_published_sheet_can_be_approved(
    client, shared, redacteur, officer
):
    first, _second, _dilemma, _casus = shared
    client.force_login(redacteur)
    data = page(client, change_url(first))
    data.update(
        {
            "placements-TOTAL_FORMS": "2",
            "placements-1-position": "2",
            "placements-1-question": "Mag ik een kenteken opzoeken?",
            "placements-1-options": "A. Ja\nB. Nee",
        }
    )
    revision = post_sheet(client, first, data, submit=False)
    # Opening the sheet again shows the author's work, and saving again keeps it.
    again = page(client, change_url(first))
    assert again["placements-1-question"] == "Mag ik een kenteken opzoeken?"
    revision = post_sheet(client, first, again)
    assert not Dilemma.objects.filter(question="Mag ik een kenteken opzoeken?").exists()

    approved = approve_over_http(client, officer, revision)
    assert approved.status == Revision.Status.PUBLISHED
    new = Dilemma.objects.get(question="Mag ik een kenteken opzoeken?")
    assert [(o.label, o.text) for o in new.options.all()] == [("A", "Ja"), ("B", "Nee")]
    client.logout()
    assert "Mag ik een kenteken opzoeken?" in client.get(first.get_absolute_url()).content.decode()


# -- found in review: sequences nobody had written down ----------------------------------------


def test_a_placement_given_a_new_dilemma_creates_it_and_touches_no_other_dilemma(
    client, shared, redacteur, officer
):
    first, second, dilemma, _casus = shared
    client.force_login(redacteur)
    data = page(client, change_url(first))
    data["placements-0-dilemma"] = ""
    data["placements-0-question"] = "Een heel nieuwe vraag?"
    revision = post_sheet(client, first, data)
    # Meanwhile another dilemma is made, which on SQLite takes the id the trial save used.
    other = Dilemma.objects.create(question="Een ander dilemma?")
    approved = approve_over_http(client, officer, revision)
    assert approved.status == Revision.Status.PUBLISHED
    other.refresh_from_db()
    assert other.question == "Een ander dilemma?"
    dilemma.refresh_from_db()
    assert dilemma.question == "Neem je de fles wijn aan?"  # still on the second sheet
    new = Dilemma.objects.get(question="Een heel nieuwe vraag?")
    assert list(first.dilemmas.all()) == [new]


def test_two_placements_swapping_their_dilemmas_is_approved_without_an_error(
    client, shared, redacteur, officer
):
    first, _second, dilemma, _casus = shared
    other = Dilemma.objects.create(question="Tweede dilemma?")
    DilemmaPlacement.objects.create(themablad=first, dilemma=other, position=2)
    client.force_login(redacteur)
    data = page(client, change_url(first))
    data["placements-0-dilemma"], data["placements-1-dilemma"] = str(other.pk), str(dilemma.pk)
    revision = post_sheet(client, first, data)
    review = client.get(f"/admin/redactie/revision/{revision.pk}/change/")
    assert review.status_code == 200
    approved = approve_over_http(client, officer, revision)
    assert approved.status == Revision.Status.PUBLISHED
    order = list(DilemmaPlacement.objects.filter(themablad=first).order_by("position"))
    assert [p.dilemma_id for p in order] == [other.pk, dilemma.pk]


def test_a_dilemma_a_draft_places_is_not_reverted_by_it_after_a_colleague_changed_it(
    client, shared, make_themablad, redacteur, officer, second_officer
):
    _first, second, dilemma, _casus = shared
    third = make_themablad(title="Derde", slug="derde")
    KaderStatement.objects.create(themablad=third, position=1, text="Norm van Derde.")
    client.force_login(redacteur)
    data = page(client, change_url(third))
    data.update(
        {
            "placements-TOTAL_FORMS": "1",
            "placements-0-position": "1",
            "placements-0-dilemma": str(dilemma.pk),
        }
    )
    post_sheet(client, third, data, submit=False)
    opened = page(client, change_url(third))  # shows the dilemma's current text
    # Meanwhile the dilemma's question is changed via the second sheet and approved.
    client.force_login(second_officer)
    data = page(client, change_url(second))
    data["placements-0-question"] = "Neem je de fles champagne aan?"
    approve_over_http(client, officer, post_sheet(client, second, data))
    # The page the Redacteur opened showed the old text: saving it is refused, not applied.
    client.force_login(redacteur)
    opened["change_note"] = "Dilemma erbij"
    opened["_indienen"] = "1"
    response = client.post(change_url(third), opened)
    assert response.status_code == 409
    dilemma.refresh_from_db()
    assert dilemma.question == "Neem je de fles champagne aan?"


def test_text_sent_with_browser_line_endings_is_no_change(client, shared, redacteur):
    first, _second, _dilemma, casus = shared
    casus.summary = "Eerste regel.\nTweede regel."
    casus.save()
    client.force_login(redacteur)
    data = page(client, change_url(first))
    data["casussen-0-summary"] = data["casussen-0-summary"].replace("\n", "\r\n")
    data[kader_key(data, "Norm van Geschenken.")] = "Norm van Geschenken, nieuw."
    revision = post_sheet(client, first, data)
    touched = [
        (a, b)
        for a, b in zip(revision.base["casussen"], revision.snapshot["casussen"], strict=True)
        if a != b
    ]
    assert touched == []


def test_a_withdrawn_change_is_taken_up_once(shared, redacteur, officer):
    first, _second, _dilemma, _casus = shared
    proposed = publishing.take_snapshot(first)
    proposed["kader"][0]["text"] = "Norm van Geschenken, eenmaal."
    publishing.save_draft(themablad=first, snapshot=proposed, user=redacteur, note="Eenmaal")
    publishing.withdraw(themablad=first, user=redacteur)
    withdrawn = Revision.objects.get(themablad=first, status=Revision.Status.WITHDRAWN)
    again = publishing.reopen(withdrawn=withdrawn, user=redacteur)
    publishing.submit(themablad=first, user=redacteur)
    publishing.approve(revision=again, user=officer)
    with pytest.raises(ValidationError, match="al weer opgepakt"):
        publishing.reopen(withdrawn=withdrawn, user=redacteur)


def test_the_reviewer_of_a_sheet_change_reads_what_the_records_it_cites_say(
    client, shared, redacteur, officer
):
    from casuistiek.models import Uitspraak
    from themabladen.models import Guideline

    first, _second, _dilemma, _casus = shared
    guideline = Guideline.objects.create(title="Handreiking", url="https://intranet.example/h")
    Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2018:3429", summary="Ontslag na een pakket.")
    client.force_login(redacteur)
    data = page(client, change_url(first))
    data.update(
        {
            "guideline_links-TOTAL_FORMS": "1",
            "guideline_links-0-position": "1",
            "guideline_links-0-guideline": str(guideline.pk),
            "casussen-0-uitspraken": "ECLI:NL:CRVB:2018:3429",
        }
    )
    revision = post_sheet(client, first, data)
    client.force_login(officer)
    review = client.get(f"/admin/redactie/revision/{revision.pk}/change/").content.decode()
    assert "https://intranet.example/h" in review
    assert "Ontslag na een pakket." in review
