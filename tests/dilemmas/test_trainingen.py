"""Trainers' session packs: permissions, composing a session, the share link, and surviving
changes to the sheets."""

import io

import pypdf
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

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
