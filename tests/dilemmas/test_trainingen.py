"""Trainers' session packs: permissions, composing a session, the share link, and surviving
changes to the sheets."""

import io
import re

import pypdf
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from casuistiek.models import Casus, CasusUitspraak, Uitspraak
from dilemmas.models import (
    AnswerOption,
    CultureTransition,
    Dilemma,
    DilemmaPlacement,
    Training,
)
from dilemmas.trainingen import add_items
from tests.conftest import h1_texts
from themabladen.content import load_content
from themabladen.models import KaderStatement, Themablad

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def make_user(db):
    def make(username, *, trainer=True):
        user = User.objects.create_user(username, password=PASSWORD)
        if trainer:
            user.groups.add(Group.objects.get(name="Trainer"))
        return user

    return make


@pytest.fixture
def trainer(make_user):
    return make_user("trainer")


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def make_dilemma():
    def make(themablad, question, *, title="", options=()):
        dilemma = Dilemma.objects.create(question=question, title=title)
        position = themablad.placements.count() + 1
        DilemmaPlacement.objects.create(themablad=themablad, dilemma=dilemma, position=position)
        for index, text in enumerate(options):
            AnswerOption.objects.create(dilemma=dilemma, label="ABC"[index], text=text)
        return dilemma

    return make


@pytest.fixture
def sheet(make_themablad):
    themablad = make_themablad(title="Geschenken")
    KaderStatement.objects.create(themablad=themablad, text="Ik neem geen geld aan.", position=1)
    return themablad


@pytest.fixture
def training(trainer, sheet, make_dilemma):
    training = Training.objects.create(owner=trainer, title="Teamdag", audience="Team West")
    dilemmas = [make_dilemma(sheet, f"Vraag nummer {n}?") for n in range(1, 4)]
    add_items(training=training, dilemmas=dilemmas)
    return training


def pdf_pages(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def order_on_page(html: str, texts: list[str]) -> list[str]:
    return sorted(texts, key=html.index)


# --- Who may do what -----------------------------------------------------------------------------


def test_trainer_group_exists_after_migrating(db):
    assert Group.objects.filter(name="Trainer").exists()


def test_anonymous_visitor_is_sent_to_the_dutch_login_page(client, db):
    response = client.get("/trainingen/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=/trainingen/"
    html = client.get(response["Location"]).content.decode()
    assert h1_texts(html) == ["Inloggen"]
    assert "Gebruikersnaam" in html and "Wachtwoord" in html


def test_trainer_who_is_not_staff_logs_in_and_sees_their_sessions(client, trainer):
    assert not trainer.is_staff
    response = client.post("/inloggen/", {"username": "trainer", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/trainingen/"
    assert h1_texts(client.get("/trainingen/").content.decode()) == ["Mijn trainingen"]


def test_wrong_password_gives_a_dutch_message(client, trainer):
    response = client.post("/inloggen/", {"username": "trainer", "password": "fout"})
    assert response.status_code == 200
    assert "gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


def test_user_outside_the_trainer_group_cannot_make_sessions(client, make_user):
    client.force_login(make_user("lezer", trainer=False))
    response = client.get("/trainingen/")
    assert response.status_code == 403
    assert "Alleen voor trainers" in response.content.decode()
    response = client.post("/trainingen/nieuw/", {"title": "Stiekem"})
    assert response.status_code == 403
    assert not Training.objects.exists()


def test_sessions_of_another_trainer_are_not_found(client, make_user, training):
    client.force_login(make_user("collega"))
    item = training.items.first()
    for url in [
        f"/trainingen/{training.pk}/",
        f"/trainingen/{training.pk}/bewerken/",
        f"/trainingen/{training.pk}/toevoegen/",
        f"/trainingen/{training.pk}/verwijderen/",
        f"/trainingen/{training.pk}/deelnemers/",
        f"/trainingen/{training.pk}/begeleider/pdf/",
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in [
        (f"/trainingen/{training.pk}/verwijderen/", {}),
        (f"/trainingen/{training.pk}/kopieren/", {}),
        (f"/trainingen/{training.pk}/onderdelen/{item.pk}/", {"action": "verwijderen"}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert training.items.count() == 3
    assert "Teamdag" not in client.get("/trainingen/").content.decode()


# --- Composing a session --------------------------------------------------------------------------


def test_trainer_creates_a_session_and_adds_dilemmas_in_order(trainer_client, sheet, make_dilemma):
    first = make_dilemma(sheet, "Een kerstpakket van een leverancier?")
    second = make_dilemma(sheet, "Een fles wijn na een verhoor?")
    response = trainer_client.post(
        "/trainingen/nieuw/",
        {"title": "Integriteit Noord", "date": "2026-12-01", "audience": "Basisteam Noord"},
    )
    training = Training.objects.get()
    assert response["Location"] == f"/trainingen/{training.pk}/toevoegen/"
    picker = trainer_client.get(response["Location"]).content.decode()
    assert "De training is aangemaakt." in picker
    assert "Een kerstpakket van een leverancier?" in picker
    trainer_client.post(response["Location"], {"dilemma": [second.pk, first.pk]})
    html = trainer_client.get(f"/trainingen/{training.pk}/").content.decode()
    assert "2 onderdelen toegevoegd." in html
    assert h1_texts(html) == ["Integriteit Noord"]
    assert "Basisteam Noord" in html and "1 december 2026" in html
    assert order_on_page(html, [first.question, second.question]) == [
        second.question,
        first.question,
    ]


def test_adding_the_same_dilemma_twice_keeps_one(trainer_client, training):
    dilemma = training.items.first().dilemma
    trainer_client.post(f"/trainingen/{training.pk}/toevoegen/", {"dilemma": [dilemma.pk]})
    assert training.items.filter(dilemma=dilemma).count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Kies ten minste één dilemma, casus of cultuurtransitie."),
        ({"dilemma": ["999999"]}, "bestaat niet (meer)"),
        ({"dilemma": ["abc"]}, "bestaat niet (meer)"),
    ],
)
def test_bad_picks_give_a_dutch_message(trainer_client, training, data, message):
    response = trainer_client.post(f"/trainingen/{training.pk}/toevoegen/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert training.items.count() == 3


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "", "date": ""}, "Geef de training een titel."),
        ({"title": "Dag", "date": "31-02-2026"}, "Vul een geldige datum in"),
    ],
)
def test_bad_session_details_give_a_dutch_message(trainer_client, data, message):
    response = trainer_client.post("/trainingen/nieuw/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Training.objects.exists()


def test_trainer_reorders_and_removes_parts(trainer_client, training):
    url = f"/trainingen/{training.pk}/"
    questions = ["Vraag nummer 1?", "Vraag nummer 2?", "Vraag nummer 3?"]
    third = training.items.get(dilemma__question="Vraag nummer 3?")
    trainer_client.post(f"{url}onderdelen/{third.pk}/", {"action": "omhoog"})
    html = trainer_client.get(url).content.decode()
    assert order_on_page(html, questions) == [questions[0], questions[2], questions[1]]
    first = training.items.get(dilemma__question="Vraag nummer 1?")
    trainer_client.post(f"{url}onderdelen/{first.pk}/", {"action": "omhoog"})  # already on top
    response = trainer_client.post(f"{url}onderdelen/{first.pk}/", {"action": "verwijderen"})
    html = trainer_client.get(response["Location"]).content.decode()
    assert "‘Vraag nummer 1?’ is uit de training gehaald." in html
    html = html.split('id="kop-onderdelen"')[1]
    assert "Vraag nummer 1?" not in html
    assert order_on_page(html, questions[1:]) == [questions[2], questions[1]]
    assert list(training.items.values_list("position", flat=True)) == [1, 2]
    response = trainer_client.post(f"{url}onderdelen/{third.pk}/", {"action": "onzin"})
    assert response.status_code == 302


def test_item_actions_need_a_post(trainer_client, training):
    item = training.items.first()
    response = trainer_client.get(f"/trainingen/{training.pk}/onderdelen/{item.pk}/")
    assert response.status_code == 405


def test_trainer_note_shows_for_the_facilitator_only(trainer_client, training):
    item = training.items.first()
    trainer_client.post(
        f"/trainingen/{training.pk}/onderdelen/{item.pk}/",
        {"action": "notitie", f"item-{item.pk}-note": "Vraag door op de rol van de chef."},
    )
    facilitator = trainer_client.get(f"/trainingen/{training.pk}/begeleider/").content.decode()
    handout = trainer_client.get(f"/trainingen/{training.pk}/deelnemers/").content.decode()
    assert "Vraag door op de rol van de chef." in facilitator
    assert "Vraag door op de rol van de chef." not in handout


def test_trainer_edits_copies_and_deletes_a_session(trainer_client, training):
    trainer_client.post(
        f"/trainingen/{training.pk}/bewerken/",
        {"title": "Teamdag West", "date": "", "audience": "Team West"},
    )
    training.refresh_from_db()
    assert training.title == "Teamdag West"
    response = trainer_client.post(f"/trainingen/{training.pk}/kopieren/")
    copy = Training.objects.exclude(pk=training.pk).get()
    assert response["Location"] == f"/trainingen/{copy.pk}/"
    assert copy.title == "Teamdag West (kopie)"
    assert copy.share_token != training.share_token
    assert [i.dilemma_id for i in copy.items.all()] == [i.dilemma_id for i in training.items.all()]
    confirm = trainer_client.get(f"/trainingen/{training.pk}/verwijderen/")
    assert "Weet je zeker" in confirm.content.decode()
    trainer_client.post(f"/trainingen/{training.pk}/verwijderen/")
    assert list(Training.objects.all()) == [copy]
    assert trainer_client.get(f"/trainingen/{training.pk}/").status_code == 404


# --- The share link -------------------------------------------------------------------------------


def test_share_link_is_read_only_and_unguessable(client, training):
    assert len(training.share_token) >= 32
    url = f"/trainingen/gedeeld/{training.share_token}/"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert h1_texts(html) == ["Teamdag"]
    assert "Vraag nummer 1?" in html
    assert "<form" not in html.split('id="inhoud"')[1]
    assert "/bewerken/" not in html and "/verwijderen/" not in html
    assert client.post(url).status_code == 405
    assert client.get(f"{url}deelnemers/").status_code == 200
    assert client.get(f"{url}kaarten/pdf/")["Content-Type"] == "application/pdf"
    assert client.get("/trainingen/gedeeld/geraden-code/").status_code == 404
    assert client.get(f"{url}onbekend/").status_code == 404


# --- Content follows the published sheets --------------------------------------------------------


def test_session_survives_an_archived_sheet_and_a_removed_dilemma(trainer_client, training, sheet):
    url = f"/trainingen/{training.pk}/"
    sheet.status = Themablad.Status.ARCHIVED
    sheet.save()
    html = trainer_client.get(url).content.decode()
    assert "staat niet meer op een gepubliceerd themablad" in html
    handout = trainer_client.get(f"{url}deelnemers/").content.decode()
    assert "Vraag nummer 1?" not in handout
    assert pdf_pages(trainer_client.get(f"{url}kaarten/pdf/"))
    Dilemma.objects.filter(question="Vraag nummer 2?").delete()
    html = trainer_client.get(url).content.decode()
    assert "is uit het portaal verwijderd" in html
    assert "Vraag nummer 2?" in html  # the title it had when added
    facilitator = pdf_pages(trainer_client.get(f"{url}begeleider/pdf/"))
    assert "is uit het portaal verwijderd" in " ".join(facilitator)


def test_session_shows_a_changed_dilemma_with_its_current_text(trainer_client, training):
    dilemma = training.items.first().dilemma
    dilemma.question = "Een herschreven vraag?"
    dilemma.save()
    html = trainer_client.get(f"/trainingen/{training.pk}/").content.decode()
    assert "Een herschreven vraag?" in html
    assert "is gewijzigd sinds je het toevoegde" in html
    item = training.items.get(dilemma=dilemma)
    trainer_client.post(f"/trainingen/{training.pk}/onderdelen/{item.pk}/", {"action": "gezien"})
    html = trainer_client.get(f"/trainingen/{training.pk}/").content.decode()
    assert "is gewijzigd sinds je het toevoegde" not in html


# --- Nieuw Sturen ---------------------------------------------------------------------------------


def test_nieuw_sturen_transitions_load_once_and_can_be_added(trainer_client, training, db):
    load_content()
    load_content()
    assert CultureTransition.objects.count() == 5
    first = CultureTransition.objects.get(number=1)
    assert first.motto == "Ken het vak, ken je mensen!"
    assert len(first.question_list) == 7
    picker = trainer_client.get(f"/trainingen/{training.pk}/toevoegen/").content.decode()
    assert "Ken het vak, ken je mensen!" in picker
    trainer_client.post(f"/trainingen/{training.pk}/toevoegen/", {"transitie": [first.pk]})
    handout = trainer_client.get(f"/trainingen/{training.pk}/deelnemers/").content.decode()
    assert "Ken het vak, ken je mensen!" in handout
    assert "Hoe hou ik zelf de ontwikkelingen in het politievak bij?" in handout


# --- The printed pack ----------------------------------------------------------------------------


@pytest.fixture
def full_training(training, sheet, make_dilemma):
    choice = make_dilemma(
        sheet, "Mag je de bloemen houden?", title="Bloemen", options=["Ja", "Nee, nooit"]
    )
    casus = Casus.objects.create(
        themablad=sheet, title="Ontslag na geschenk", summary="De rechter vond ontslag passend."
    )
    CasusUitspraak.objects.create(
        casus=casus, uitspraak=Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2018:3429")
    )
    add_items(training=training, dilemmas=[choice], casussen=[casus])
    return training


def test_handout_pdf_has_the_questions_and_room_to_write(trainer_client, full_training):
    pages = pdf_pages(trainer_client.get(f"/trainingen/{full_training.pk}/deelnemers/pdf/"))
    text = " ".join(pages)
    assert "Teamdag" in text and "Hand-out voor deelnemers" in text
    for question in ["Vraag nummer 1?", "Vraag nummer 3?", "Mag je de bloemen houden?"]:
        assert question in text
    assert "Ontslag na geschenk" in text
    # The case's facts and a question about them: something to discuss. The rulings are the
    # facilitator's.
    assert "De rechter vond ontslag passend. Vraag: Wat vind je van deze afloop?" in text
    assert "ECLI:NL:CRVB:2018:3429" not in text
    assert "A. Ja B. Nee, nooit" in text
    assert f"Pagina 1 van {len(pages)}" in pages[0]
    html = trainer_client.get(f"/trainingen/{full_training.pk}/deelnemers/").content.decode()
    assert html.count('class="write-space"') == 5


def test_facilitator_pdf_has_options_kader_case_and_rulings(trainer_client, full_training):
    pages = pdf_pages(trainer_client.get(f"/trainingen/{full_training.pk}/begeleider/pdf/"))
    text = " ".join(pages)
    assert "Versie voor de begeleider" in text
    assert "Antwoordmogelijkheden" in text and "Nee, nooit" in text
    assert "Ik neem geen geld aan." in text
    assert "De rechter vond ontslag passend." in text
    assert "ECLI:NL:CRVB:2018:3429" in text


def test_cards_pdf_puts_four_dilemmas_on_a_page_with_the_sheet_title(
    trainer_client, trainer, sheet, make_dilemma
):
    training = Training.objects.create(owner=trainer, title="Kaartenset")
    dilemmas = [make_dilemma(sheet, f"Kaartvraag {n:02d}?") for n in range(1, 10)]
    add_items(training=training, dilemmas=dilemmas)
    pages = pdf_pages(trainer_client.get(f"/trainingen/{training.pk}/kaarten/pdf/"))
    assert len(pages) == 3
    per_page = [[n for n in range(1, 10) if f"Kaartvraag {n:02d}?" in page] for page in pages]
    assert per_page == [[1, 2, 3, 4], [5, 6, 7, 8], [9]]
    assert [page.upper().count("GESCHENKEN") for page in pages] == [4, 4, 1]


def test_a_real_ten_dilemma_session_prints(trainer_client, seed):
    training = Training.objects.create(
        owner=User.objects.get(username="trainer"), title="Tien dilemma’s"
    )
    ids = list(Dilemma.objects.published().order_by("pk").values_list("pk", flat=True)[:10])
    trainer_client.post(f"/trainingen/{training.pk}/toevoegen/", {"dilemma": ids})
    assert training.items.count() == 10
    for variant, pages in [("deelnemers", None), ("begeleider", None), ("kaarten", 3)]:
        result = pdf_pages(trainer_client.get(f"/trainingen/{training.pk}/{variant}/pdf/"))
        assert pages is None or len(result) == pages


def test_pdf_benchmark_command_reports_p50_and_p95_and_leaves_nothing_behind(seed):
    out = io.StringIO()
    call_command("benchmark_pdf", runs=1, stdout=out)
    report = out.getvalue()
    assert report.count("p50") == 6 and report.count("p95") == 6
    assert "30 dilemmakaarten (8 pagina’s" in report
    assert not Training.objects.exists()
    assert not User.objects.exists()


# --- Issue 12: what a trainer prints and shares ------------------------------------------------


@pytest.fixture
def mixed_training(trainer, sheet, make_dilemma):
    """Two dilemma's with a case between them: the cards must still read 1, 2."""
    training = Training.objects.create(owner=trainer, title="Gemengd")
    plain = make_dilemma(sheet, "Een kerstpakket van een leverancier?", options=["Ja", "Nee"])
    titled = make_dilemma(
        sheet, "Mag je de bloemen houden?", title="Bloemen", options=["Ja", "Nee", "Soms"]
    )
    asks = Casus.objects.create(
        themablad=sheet,
        title="Doorsturen",
        lead_in="Mag je dit bericht doorsturen aan een kennis?",
        summary="In een vergelijkbare casus was het lekken plichtsverzuim.",
    )
    tells = Casus.objects.create(
        themablad=sheet,
        title="Omgang",
        lead_in="Ter overweging: In een casus oordeelde de rechter",
        summary="Een politieambtenaar ging om met criminelen; ontslag was terecht.",
    )
    add_items(training=training, dilemmas=[plain])
    add_items(training=training, casussen=[asks])
    add_items(training=training, dilemmas=[titled], casussen=[tells])
    return training


def test_handout_gives_each_case_its_facts_and_its_question(trainer_client, mixed_training):
    url = f"/trainingen/{mixed_training.pk}/deelnemers/"
    text = " ".join(pdf_pages(trainer_client.get(f"{url}pdf/")))
    # A case that opens with its own question asks it first, then the facts, as on the sheet.
    assert (
        "Casus: Doorsturen Vraag: Mag je dit bericht doorsturen aan een kennis? "
        "In een vergelijkbare casus was het lekken plichtsverzuim." in text
    )
    # A case whose lead-in only introduces it gets an open question after the facts.
    assert (
        "Ter overweging: In een casus oordeelde de rechter Een politieambtenaar ging om met "
        "criminelen; ontslag was terecht. Vraag: Wat vind je van deze afloop?" in text
    )
    html = trainer_client.get(url).content.decode()
    assert "ontslag was terecht." in html


def test_answer_options_are_a_b_c_on_screen_and_in_every_pdf(trainer_client, mixed_training):
    base = f"/trainingen/{mixed_training.pk}/"
    for variant in ["deelnemers", "begeleider", "kaarten"]:
        text = " ".join(pdf_pages(trainer_client.get(f"{base}{variant}/pdf/")))
        assert "A. Ja B. Nee C. Soms" in text, variant
        assert "1. Ja" not in text and "1 Ja" not in text, variant
    for url in [base, f"{base}deelnemers/", f"/trainingen/gedeeld/{mixed_training.share_token}/"]:
        html = trainer_client.get(url).content.decode()
        assert '<span class="options__label">C.</span> Soms' in html, url


def test_cards_are_numbered_without_gaps_with_title_and_sheet(trainer_client, mixed_training):
    pages = pdf_pages(trainer_client.get(f"/trainingen/{mixed_training.pk}/kaarten/pdf/"))
    text = " ".join(pages)
    assert len(pages) == 1
    # The case between the two dilemma's takes no number from the cards.
    assert "GESCHENKEN Dilemma 1 Een kerstpakket" in text.replace("Geschenken", "GESCHENKEN")
    assert "Dilemma 2: Bloemen Mag je de bloemen houden?" in text
    assert "Dilemma 3" not in text


def test_facilitator_note_prints_after_the_question(trainer_client, mixed_training):
    item = mixed_training.items.get(dilemma__title="Bloemen")
    trainer_client.post(
        f"/trainingen/{mixed_training.pk}/onderdelen/{item.pk}/",
        {"action": "notitie", f"item-{item.pk}-note": "Laat eerst iedereen kiezen."},
    )
    text = " ".join(
        pdf_pages(trainer_client.get(f"/trainingen/{mixed_training.pk}/begeleider/pdf/"))
    )
    assert text.index("Mag je de bloemen houden?") < text.index("C. Soms")
    assert text.index("C. Soms") < text.index("Jouw aantekening: Laat eerst iedereen kiezen.")


def test_session_page_is_compact_and_shows_each_name_once(trainer_client, mixed_training):
    html = trainer_client.get(f"/trainingen/{mixed_training.pk}/").content.decode()
    parts = html.split('id="kop-onderdelen"')[1].split('id="kop-afdrukken"')[0]
    assert parts.count("<details") == 4
    assert " open>" not in parts and " open=" not in parts  # folded while nothing needs notice
    # A dilemma without a title is named by its whole question, shown once, never cut off.
    assert parts.count("Een kerstpakket van een leverancier?") == 1
    assert parts.count("Mag je de bloemen houden?") == 1 and parts.count(">Bloemen<") == 1
    # The one full-weight action is adding content; moving and removing are small link buttons.
    assert html.count('class="button"') == 1
    assert re.search(r'class="button"[^>]*>Dilemma’s en casussen toevoegen<', html)
    for action in ["omhoog", "omlaag", "verwijderen"]:
        for button in re.findall(rf'<button[^>]*value="{action}"[^>]*>', parts):
            assert "button--link button--small" in button, button


def test_note_is_edited_in_place_and_its_part_stays_open(trainer_client, mixed_training):
    item = mixed_training.items.get(casus__title="Omgang")
    url = f"/trainingen/{mixed_training.pk}/onderdelen/{item.pk}/"
    response = trainer_client.post(
        url, {"action": "notitie", f"item-{item.pk}-note": "  Vraag naar de rol van de chef.  "}
    )
    assert response["Location"] == (
        f"/trainingen/{mixed_training.pk}/?geopend={item.pk}#onderdeel-{item.pk}"
    )
    html = trainer_client.get(response["Location"]).content.decode()
    assert "De aantekening is opgeslagen." in html
    row = html.split(f'id="onderdeel-{item.pk}"')[1].split("</li>")[0]
    assert "<details" in row and " open>" in row.split("<summary>")[0]
    assert re.search(r">\s*Vraag naar de rol van de chef.</textarea>", row)
    item.refresh_from_db()
    assert item.note == "Vraag naar de rol van de chef."


def test_share_link_is_revoked_and_replaced(client, trainer, training):
    old = training.share_token
    shared = f"/trainingen/gedeeld/{old}/"
    assert client.get(shared).status_code == 200
    client.force_login(trainer)
    response = client.post(f"/trainingen/{training.pk}/deellink/", {"action": "vervangen"})
    assert response["Location"] == f"/trainingen/{training.pk}/#kop-delen"
    training.refresh_from_db()
    new = training.share_token
    assert new != old and len(new) >= 32
    html = client.get(f"/trainingen/{training.pk}/").content.decode()
    assert "de oude werkt niet meer" in html
    assert f'value="http://testserver/trainingen/gedeeld/{new}/"' in html
    for suffix in ["", "deelnemers/", "kaarten/pdf/"]:
        assert client.get(f"{shared}{suffix}").status_code == 404, suffix
        assert client.get(f"/trainingen/gedeeld/{new}/{suffix}").status_code == 200, suffix

    client.post(f"/trainingen/{training.pk}/deellink/", {"action": "intrekken"})
    training.refresh_from_db()
    assert training.share_token is None
    html = client.get(f"/trainingen/{training.pk}/").content.decode()
    assert "De deellink is ingetrokken" in html and "Deze training wordt niet gedeeld" in html
    assert "/trainingen/gedeeld/" not in html
    assert client.get(f"/trainingen/gedeeld/{new}/").status_code == 404
    assert client.get(f"/trainingen/{training.pk}/").status_code == 200  # the session stays
    assert training.items.count() == 3

    client.post(f"/trainingen/{training.pk}/deellink/", {"action": "vervangen"})
    training.refresh_from_db()
    assert training.share_token not in (None, old, new)
    assert client.get(f"/trainingen/gedeeld/{training.share_token}/").status_code == 200
    assert client.get(f"/trainingen/{training.pk}/deellink/").status_code == 405


def test_only_the_owner_changes_the_share_link(client, make_user, training):
    token = training.share_token
    client.force_login(make_user("collega"))
    for action in ["intrekken", "vervangen"]:
        response = client.post(f"/trainingen/{training.pk}/deellink/", {"action": action})
        assert response.status_code == 404
    training.refresh_from_db()
    assert training.share_token == token


@pytest.mark.parametrize(
    "token",
    [
        "ab%00cd",
        "%00",
        "geraden-code",
        "a" * 65,
        "%C3%A9t%C3%A9",
        "..%2F..%2Fetc",
        "abc%20def",
        "None",
    ],
)
def test_made_up_share_tokens_answer_404(client, training, token):
    # On PostgreSQL a NUL byte reaching the query is an error (500); it must never get there.
    for suffix in ["", "deelnemers/", "kaarten/pdf/"]:
        assert client.get(f"/trainingen/gedeeld/{token}/{suffix}").status_code == 404, suffix


def test_crafted_item_ids_answer_404_and_change_nothing(client, trainer, make_user, training):
    other = Training.objects.create(owner=make_user("collega"), title="Van een ander")
    add_items(training=other, dilemmas=[training.items.first().dilemma])
    foreign = other.items.get()
    client.force_login(trainer)
    for item_pk in [foreign.pk, 99999999999999999999999, 0]:
        for action in ["omhoog", "verwijderen", "notitie"]:
            response = client.post(
                f"/trainingen/{training.pk}/onderdelen/{item_pk}/",
                {"action": action, f"item-{item_pk}-note": "x"},
            )
            assert response.status_code == 404, (item_pk, action)
    for url in [
        f"/trainingen/{other.pk}/onderdelen/{foreign.pk}/",
        "/trainingen/99999999999999999999/onderdelen/1/",
        "/trainingen/99999999999999999999/deellink/",
        f"/trainingen/{training.pk}/onderdelen/-1/",
        f"/trainingen/{training.pk}/onderdelen/1%00/",
    ]:
        assert client.post(url, {"action": "verwijderen"}).status_code == 404, url
    assert other.items.count() == 1 and training.items.count() == 3
    assert client.get("/trainingen/99999999999999999999/kaarten/pdf/").status_code == 404


def test_a_note_with_a_nul_byte_is_refused_with_a_message(trainer_client, training):
    item = training.items.first()
    response = trainer_client.post(
        f"/trainingen/{training.pk}/onderdelen/{item.pk}/",
        {"action": "notitie", f"item-{item.pk}-note": "Kapot\x00tekst"},
        follow=True,
    )
    # Every posted form with a NUL is refused whole (portal.middleware.MalformedRequestMiddleware).
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()
    item.refresh_from_db()
    assert item.note == ""


def test_print_pages_have_a_print_button_the_pdf_does_not(trainer_client, mixed_training):
    for variant in ["deelnemers", "begeleider", "kaarten"]:
        html = trainer_client.get(f"/trainingen/{mixed_training.pk}/{variant}/").content.decode()
        assert re.search(r'<button type="button"[^>]*data-print-page[^>]*>Afdrukken</button>', html)
        assert '<script src="/static/js/print-button.js" defer></script>' in html


def test_every_trainer_page_is_valid_html(client, trainer, make_user, mixed_training):
    from tests.nu import assert_valid_html
    from tests.trainer_pages import trainer_pages

    item = mixed_training.items.first()
    client.force_login(trainer)
    client.post(
        f"/trainingen/{mixed_training.pk}/onderdelen/{item.pk}/",
        {"action": "notitie", f"item-{item.pk}-note": "Eerst stemmen."},
    )
    pk = mixed_training.pk
    urls = trainer_pages(mixed_training, item)
    assert_valid_html(client, urls)
    client.post(f"/trainingen/{pk}/deellink/", {"action": "intrekken"})
    assert_valid_html(client, [f"/trainingen/{pk}/"])
    client.force_login(make_user("lezer", trainer=False))
    pages = {"not a trainer": client.get("/trainingen/").content.decode()}
    from tests.nu import nu_errors

    assert not nu_errors(pages)


# --- A session in any order of edits -----------------------------------------------------------

NOTES = ["", "Vraag door op de rol van de chef.", "  Eerst stemmen, dan praten.  ", "nul\x00byte"]


class SessionEditing(RuleBasedStateMachine):
    """A model of one session next to the portal: its parts in order, their notes, the link."""

    def __init__(self):
        super().__init__()
        from django.db import transaction
        from django.test import Client

        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        owner = User.objects.create_user("machine-trainer", password=PASSWORD)
        owner.groups.add(Group.objects.get(name="Trainer"))
        sheet = Themablad.objects.create(
            number=901, title="Machineblad", slug="machineblad", status="gepubliceerd"
        )
        self.dilemmas = []
        for n in range(3):
            dilemma = Dilemma.objects.create(question=f"Machinevraag {n}?")
            DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma, position=n)
            self.dilemmas.append(dilemma)
        self.casussen = [
            Casus.objects.create(themablad=sheet, title=f"Machinecasus {n}", summary=f"Feit {n}.")
            for n in range(2)
        ]
        self.training = Training.objects.create(owner=owner, title="Machinetraining")
        self.client = Client()
        self.client.force_login(owner)
        self.url = f"/trainingen/{self.training.pk}/"
        self.parts: list[tuple[str, int]] = []  # (kind, target pk) in the order shown
        self.notes: dict[tuple[str, int], str] = {}
        self.token = self.training.share_token
        self.old_tokens: list[str] = []

    def teardown(self):
        from django.db import transaction

        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _item(self, index):
        kind, pk = self.parts[index]
        field = "dilemma_id" if kind == "dilemma" else "casus_id"
        return self.training.items.get(**{field: pk})

    def _add(self, kind, pk):
        self.client.post(f"{self.url}toevoegen/", {kind: [pk]})
        if (kind, pk) not in self.parts:
            self.parts.append((kind, pk))
            self.notes[(kind, pk)] = ""

    @rule(n=st.integers(0, 2))
    def add_dilemma(self, n):
        self._add("dilemma", self.dilemmas[n].pk)

    @rule(n=st.integers(0, 1))
    def add_casus(self, n):
        self._add("casus", self.casussen[n].pk)

    @precondition(lambda self: self.parts)
    @rule(data=st.data(), offset=st.sampled_from([-1, 1]))
    def move(self, data, offset):
        index = data.draw(st.integers(0, len(self.parts) - 1))
        item = self._item(index)
        action = "omhoog" if offset < 0 else "omlaag"
        self.client.post(f"{self.url}onderdelen/{item.pk}/", {"action": action})
        target = index + offset
        if 0 <= target < len(self.parts):
            self.parts[index], self.parts[target] = self.parts[target], self.parts[index]

    @precondition(lambda self: self.parts)
    @rule(data=st.data())
    def remove(self, data):
        index = data.draw(st.integers(0, len(self.parts) - 1))
        item = self._item(index)
        self.client.post(f"{self.url}onderdelen/{item.pk}/", {"action": "verwijderen"})
        del self.notes[self.parts.pop(index)]

    @precondition(lambda self: self.parts)
    @rule(data=st.data(), note=st.sampled_from(NOTES))
    def edit_note(self, data, note):
        index = data.draw(st.integers(0, len(self.parts) - 1))
        item = self._item(index)
        self.client.post(
            f"{self.url}onderdelen/{item.pk}/",
            {"action": "notitie", f"item-{item.pk}-note": note},
        )
        if "\x00" not in note:  # refused with a message; the note stays as it was
            self.notes[self.parts[index]] = note.strip()

    @rule()
    def revoke(self):
        self.client.post(f"{self.url}deellink/", {"action": "intrekken"})
        if self.token:
            self.old_tokens.append(self.token)
        self.token = None

    @rule()
    def replace(self):
        self.client.post(f"{self.url}deellink/", {"action": "vervangen"})
        if self.token:
            self.old_tokens.append(self.token)
        self.training.refresh_from_db()
        assert self.training.share_token not in [None, *self.old_tokens]
        self.token = self.training.share_token

    @invariant()
    def positions_are_1_to_n_in_the_order_shown(self):
        items = list(self.training.items.order_by("position", "pk"))
        assert [item.position for item in items] == list(range(1, len(self.parts) + 1))
        shown = [
            ("dilemma", item.dilemma_id) if item.dilemma_id else ("casus", item.casus_id)
            for item in items
        ]
        assert shown == self.parts  # so each part is there once
        assert {part: item.note for part, item in zip(shown, items, strict=True)} == self.notes

    @invariant()
    def the_link_works_iff_shared_and_current(self):
        self.training.refresh_from_db()
        assert self.training.share_token == self.token
        if self.token:
            page = self.client.get(f"/trainingen/gedeeld/{self.token}/")
            assert page.status_code == 200
            html = page.content.decode().split('id="kop-onderdelen"')[1]
            titles = {d.pk: d.question for d in self.dilemmas}
            titles.update({c.pk * -1: c.title for c in self.casussen})
            expected = [titles[pk if kind == "dilemma" else -pk] for kind, pk in self.parts]
            assert order_on_page(html, expected) == expected
        for token in self.old_tokens[-2:]:
            assert self.client.get(f"/trainingen/gedeeld/{token}/").status_code == 404


def test_session_editing_keeps_its_rules_in_any_order(db):
    run_state_machine_as_test(
        SessionEditing,
        settings=settings(
            max_examples=12,
            stateful_step_count=12,
            derandomize=True,  # the same sequences every run: a failure is never luck
            phases=[Phase.explicit, Phase.generate],
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
