"""Shared records that employees can see go live only after a second integriteitsfunctionaris
approves the change (vier-ogenprincipe), driven over HTTP as officers would."""

import re

import pytest
from django.contrib.auth.models import Group, User
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
from dilemmas.models import AnswerOption, Dilemma, DilemmaPlacement, Training
from dilemmas.trainingen import add_items
from portal.redactie import record_review
from portal.redactie.models import RecordVersion
from portal.search.service import run_search
from tests.redactie_fixtures import form_data, make_user, marked_words, shown_text
from themabladen.models import (
    Article,
    Guideline,
    KaderStatement,
    Law,
    LegalReference,
    ThemabladGuideline,
)

pytestmark = pytest.mark.django_db

GOOD_URL = "https://intranet.politie.example/gedragscode-sociale-media"
PHISHING_URL = "https://inloggen-politie.example/wachtwoord"
ECLI = "ECLI:NL:CRVB:2018:3429"


# -- helpers ----------------------------------------------------------------------------------


def admin_url(obj, view="change"):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/{view}/"


def page_form(client, obj) -> dict:
    """What a browser would submit from the record's admin page, as it is shown now."""
    html = client.get(admin_url(obj)).content.decode()
    # form_data reads the sheet's form; the record's form is the same admin markup.
    html = html.replace(f'id="{obj._meta.model_name}_form"', 'id="themablad_form"')
    return form_data(html)


def save_record(client, obj, **values):
    data = {**page_form(client, obj), **values}
    return client.post(admin_url(obj), data)


def open_change(obj) -> RecordVersion:
    return record_review.open_change(obj)


def review_url(version):
    return f"/admin/redactie/recordversion/{version.pk}/change/"


def review(client, version, action, **extra):
    return client.post(review_url(version), {"action": action, **extra}, follow=True)


def public(client, url) -> str:
    client.logout()
    return client.get(url).content.decode()


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def sheet(make_themablad):
    sheet = make_themablad(title="Sociale media", slug="sociale-media")
    KaderStatement.objects.create(themablad=sheet, text="Ik ben zorgvuldig online.")
    return sheet


@pytest.fixture
def guideline(sheet):
    guideline = Guideline.objects.create(
        title="Gedragscode sociale media", url=GOOD_URL, description="Wat je online deelt."
    )
    ThemabladGuideline.objects.create(themablad=sheet, guideline=guideline, position=1)
    return guideline


@pytest.fixture
def ruling(sheet):
    ruling = Uitspraak.objects.create(ecli=ECLI, summary="Ontslag na het lekken van informatie.")
    casus = Casus.objects.create(themablad=sheet, title="Lekken", summary="Een agent lekt.")
    CasusUitspraak.objects.create(casus=casus, uitspraak=ruling)
    return ruling


@pytest.fixture
def law_and_article(sheet):
    law = Law.objects.create(key="barp", name="Besluit algemene rechtspositie politie")
    article = Article.objects.create(law=law, number="76", text="De ambtenaar is verplicht …")
    LegalReference.objects.create(themablad=sheet, law=law, article=article, label="Art. 76 Barp")
    return law, article


@pytest.fixture
def dilemma(sheet):
    dilemma = Dilemma.objects.create(
        question="Deel je een foto van een collega?", trainer_notes="Vraag naar toestemming."
    )
    dilemma.tags.add("privacy")
    AnswerOption.objects.create(dilemma=dilemma, label="A", text="Ja")
    DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma, position=1)
    return dilemma


# -- the guideline: the phishing address ------------------------------------------------------


def test_a_guideline_address_goes_live_only_after_a_second_officer_approves(
    client, sheet, guideline, officer, second_officer
):
    client.force_login(officer)
    response = save_record(client, guideline, url=PHISHING_URL, change_note="Nieuw adres")
    assert response.status_code == 302

    for url in ["/themabladen/sociale-media/", "/themabladen/sociale-media/afdrukken/"]:
        page = public(client, url)
        assert GOOD_URL in page and PHISHING_URL not in page
    guideline.refresh_from_db()
    assert guideline.url == GOOD_URL

    change = open_change(guideline)
    assert change.status == RecordVersion.Status.SUBMITTED
    client.force_login(second_officer)
    html = review(client, change, "approve").content.decode()
    assert "goedgekeurd en gepubliceerd" in html

    page = public(client, "/themabladen/sociale-media/")
    assert PHISHING_URL in page and GOOD_URL not in page
    # The print view is the PDF's template.
    assert PHISHING_URL in public(client, "/themabladen/sociale-media/afdrukken/")


def test_the_editor_cannot_approve_their_own_change(client, guideline, officer):
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)
    change = open_change(guideline)

    page = client.get(review_url(change)).content.decode()
    assert "Goedkeuren en publiceren" not in page
    assert "vier-ogenprincipe" in page
    html = review(client, change, "approve").content.decode()

    assert "vier-ogenprincipe" in html
    guideline.refresh_from_db()
    assert guideline.url == GOOD_URL
    assert GOOD_URL in public(client, "/themabladen/sociale-media/")


def test_a_redacteur_proposes_but_cannot_approve(client, guideline, redacteur, officer):
    client.force_login(redacteur)
    save_record(client, guideline, url=PHISHING_URL)
    other = make_user("rob", "Redacteur")
    client.force_login(other)
    page = client.get(review_url(open_change(guideline))).content.decode()
    assert "Goedkeuren en publiceren" not in page
    review(client, open_change(guideline), "approve")
    guideline.refresh_from_db()
    assert guideline.url == GOOD_URL

    client.force_login(officer)
    review(client, open_change(guideline), "approve")
    guideline.refresh_from_db()
    assert guideline.url == PHISHING_URL


def test_whoever_edited_the_change_cannot_approve_it(client, guideline, officer, second_officer):
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)
    client.force_login(second_officer)
    # The page shows the change in progress, so the second editor builds on it.
    assert page_form(client, guideline)["url"] == PHISHING_URL
    save_record(client, guideline, description="Met toelichting.")
    change = open_change(guideline)
    assert set(change.editor_ids) == {officer.pk, second_officer.pk}

    for user in (officer, second_officer):
        client.force_login(user)
        review(client, change, "approve")
    guideline.refresh_from_db()
    assert guideline.url == GOOD_URL

    client.force_login(make_user("ines", "Integriteitsfunctionaris"))
    review(client, change, "approve")
    guideline.refresh_from_db()
    assert (guideline.url, guideline.description) == (PHISHING_URL, "Met toelichting.")


def test_a_form_opened_before_a_colleagues_save_is_refused(client, guideline, officer, redacteur):
    client.force_login(officer)
    stale = page_form(client, guideline)
    client.force_login(redacteur)
    save_record(client, guideline, url=PHISHING_URL)

    client.force_login(officer)
    response = client.post(admin_url(guideline), {**stale, "description": "Eigen tekst."})

    assert response.status_code == 200
    assert "Een collega heeft dit gegeven intussen gewijzigd" in response.content.decode()
    assert open_change(guideline).data["description"] == "Wat je online deelt."


# -- the other shared records -----------------------------------------------------------------


def test_a_ruling_summary_waits_for_approval(client, ruling, officer, second_officer):
    client.force_login(officer)
    save_record(client, ruling, summary="Valse samenvatting.")

    page = public(client, f"/uitspraken/{ECLI}/")
    assert "Ontslag na het lekken van informatie." in page and "Valse" not in page

    client.force_login(officer)
    review(client, open_change(ruling), "approve")
    assert "Valse" not in public(client, f"/uitspraken/{ECLI}/")

    client.force_login(second_officer)
    review(client, open_change(ruling), "approve")
    assert "Valse samenvatting." in public(client, f"/uitspraken/{ECLI}/")


def test_a_law_waits_for_approval(client, law_and_article, officer, second_officer):
    law, _ = law_and_article
    client.force_login(officer)
    save_record(client, law, name="Besluit van de nepwet", abbreviation="Barp")

    page = public(client, "/regelgeving/barp/")
    assert "Besluit algemene rechtspositie politie" in page and "nepwet" not in page

    client.force_login(second_officer)
    review(client, open_change(law), "approve")
    assert "Besluit van de nepwet" in public(client, "/regelgeving/barp/")


def test_an_article_text_waits_for_approval(client, law_and_article, officer, second_officer):
    _, article = law_and_article
    client.force_login(officer)
    save_record(client, article, text="Een verzonnen artikeltekst.")

    page = public(client, "/regelgeving/barp/artikel-76/")
    assert "De ambtenaar is verplicht" in page and "verzonnen" not in page

    client.force_login(officer)
    review(client, open_change(article), "approve")
    assert "verzonnen" not in public(client, "/regelgeving/barp/artikel-76/")

    client.force_login(second_officer)
    review(client, open_change(article), "approve")
    assert "Een verzonnen artikeltekst." in public(client, "/regelgeving/barp/artikel-76/")


def test_trainer_notes_and_tags_of_a_dilemma_on_a_published_sheet_wait_for_approval(
    client, dilemma, officer, second_officer
):
    trainer = User.objects.create_user("trainer", password="een-lang-wachtwoord-42")
    trainer.groups.add(Group.objects.get(name="Trainer"))
    training = Training.objects.create(owner=trainer, title="Teamdag")
    add_items(training=training, dilemmas=[dilemma])

    def handout():
        client.force_login(trainer)
        return client.get(f"/trainingen/{training.pk}/begeleider/").content.decode()

    client.force_login(officer)
    response = save_record(
        client, dilemma, trainer_notes="Stuur iedereen naar nep.example.", tags="privacy, nep"
    )
    assert response.status_code == 302

    assert "Vraag naar toestemming." in handout() and "nep.example" not in handout()
    assert "/tags/nep/" not in public(client, f"/dilemmas/{dilemma.pk}/")

    client.force_login(officer)
    review(client, open_change(dilemma), "approve")
    assert "nep.example" not in handout()

    client.force_login(second_officer)
    review(client, open_change(dilemma), "approve")
    assert "Stuur iedereen naar nep.example." in handout()
    assert "/tags/nep/" in public(client, f"/dilemmas/{dilemma.pk}/")


# -- what the reviewer sees -------------------------------------------------------------------


def test_the_review_page_shows_the_change_the_note_and_every_published_sheet(
    client, make_themablad, guideline, sheet, officer, second_officer
):
    other = make_themablad(title="Informatiebeveiliging", slug="informatiebeveiliging")
    draft = make_themablad(title="Nog een concept", slug="concept-blad", status="concept")
    for linked in (other, draft):
        ThemabladGuideline.objects.create(themablad=linked, guideline=guideline)
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL, change_note="Het intranet verhuist.")

    client.force_login(second_officer)
    html = client.get(review_url(open_change(guideline))).content.decode()

    assert "Het intranet verhuist." in html
    row = r'<th scope="row">Adres</th>\s*<td class="left">(.*?)</td>\s*<td class="right">(.*?)</td>'
    was, became = re.search(row, html).groups()  # was/werd of the address
    assert (shown_text(was), shown_text(became)) == (GOOD_URL, PHISHING_URL)
    assert marked_words(was + became) == (
        ["intranet.", "gedragscode-sociale-media"],
        ["inloggen-", "wachtwoord"],
    )
    assert '<th scope="col">Was</th><th scope="col">Werd</th>' in html
    assert 'href="/themabladen/sociale-media/"' in html
    assert 'href="/themabladen/informatiebeveiliging/"' in html
    assert "Nog een concept" not in html
    assert "Goedkeuren en publiceren" in html and "Terugsturen" in html
    assert "<h1>" in html and 'for="id_comment"' in html


def test_pending_record_changes_are_listed_where_officers_look(client, guideline, officer):
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)

    start = client.get("/admin/").content.decode()
    assert "1 wijziging van een gedeeld gegeven wacht op goedkeuring" in start
    overview = client.get("/admin/redactie/revision/overzicht/").content.decode()
    assert "Gedeelde gegevens die wachten op goedkeuring (1)" in overview
    assert review_url(open_change(guideline)) in overview


def test_send_back_needs_a_comment_and_the_author_sees_it(client, guideline, redacteur, officer):
    client.force_login(redacteur)
    save_record(client, guideline, url=PHISHING_URL)
    change = open_change(guideline)
    client.force_login(officer)

    assert "Geef bij het terugsturen aan" in review(client, change, "reject").content.decode()
    review(client, change, "reject", comment="Dit adres is niet van de politie.")

    change.refresh_from_db()
    assert change.status == RecordVersion.Status.REJECTED
    client.force_login(make_user("ines", "Integriteitsfunctionaris"))
    assert "niet (meer) ter beoordeling" in review(client, change, "approve").content.decode()
    guideline.refresh_from_db()
    assert guideline.url == GOOD_URL
    client.force_login(redacteur)
    assert "Dit adres is niet van de politie." in client.get(admin_url(guideline)).content.decode()
    # The author takes it up again: a new proposal, waiting for review.
    save_record(client, guideline, url="https://intranet.politie.example/nieuw")
    assert open_change(guideline).status == RecordVersion.Status.SUBMITTED


def test_the_author_or_an_officer_can_withdraw(client, guideline, redacteur, officer):
    client.force_login(redacteur)
    save_record(client, guideline, url=PHISHING_URL)
    change = open_change(guideline)

    client.force_login(make_user("rob", "Redacteur"))
    review(client, change, "withdraw", confirm="1")
    assert open_change(guideline) == change

    client.force_login(redacteur)
    review(client, change, "withdraw")  # not confirmed
    assert open_change(guideline) == change
    review(client, change, "withdraw", confirm="1")
    assert open_change(guideline) is None
    guideline.refresh_from_db()
    assert guideline.url == GOOD_URL

    save_record(client, guideline, url=PHISHING_URL)
    client.force_login(officer)
    review(client, open_change(guideline), "withdraw", confirm="1")
    assert open_change(guideline) is None


# -- field by field, conflicts, restore -------------------------------------------------------


def test_approval_applies_only_the_fields_the_change_touched(
    client, guideline, officer, second_officer
):
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)
    Guideline.objects.filter(pk=guideline.pk).update(description="Elders bijgewerkt.")

    client.force_login(second_officer)
    review(client, open_change(guideline), "approve")

    guideline.refresh_from_db()
    assert (guideline.url, guideline.description) == (PHISHING_URL, "Elders bijgewerkt.")


def test_a_field_changed_since_the_proposal_is_refused_showing_both_texts(
    client, guideline, officer, second_officer
):
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)
    Guideline.objects.filter(pk=guideline.pk).update(url="https://intranet.politie.example/b")

    client.force_login(second_officer)
    html = review(client, open_change(guideline), "approve").content.decode()

    assert "is niet goedgekeurd" in html
    assert "https://intranet.politie.example/b" in html and PHISHING_URL in html
    guideline.refresh_from_db()
    assert guideline.url == "https://intranet.politie.example/b"


def test_restoring_an_earlier_version_of_a_visible_record_is_reviewed_too(
    client, guideline, officer, second_officer
):
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)
    client.force_login(second_officer)
    review(client, open_change(guideline), "approve")
    original = RecordVersion.objects.get(object_id=guideline.pk, note="Oorspronkelijke versie")

    client.force_login(officer)
    html = client.post(
        admin_url(guideline, "history"), {"version": original.pk}, follow=True
    ).content.decode()

    assert "ter beoordeling" in html
    guideline.refresh_from_db()
    assert guideline.url == PHISHING_URL
    client.force_login(second_officer)
    review(client, open_change(guideline), "approve")
    assert GOOD_URL in public(client, "/themabladen/sociale-media/")
    client.force_login(officer)
    history = client.get(admin_url(guideline, "history")).content.decode()
    assert history.count("Gepubliceerd") >= 3


def test_search_shows_the_approved_text_never_the_proposed_one(
    client, guideline, officer, second_officer
):
    client.force_login(officer)
    save_record(client, guideline, description="Zeppelinvaart en luchtschepen.")
    assert not run_search("zeppelinvaart").hits

    client.force_login(second_officer)
    review(client, open_change(guideline), "approve")
    assert run_search("zeppelinvaart").hits


# -- records nobody sees yet ------------------------------------------------------------------


def test_a_record_no_published_sheet_shows_is_saved_directly(client, make_themablad, officer):
    draft = make_themablad(slug="concept", status="concept")
    loose = Guideline.objects.create(title="Los", url=GOOD_URL)
    ThemabladGuideline.objects.create(themablad=draft, guideline=loose)
    client.force_login(officer)

    html = client.post(
        admin_url(loose), {**page_form(client, loose), "url": PHISHING_URL}, follow=True
    ).content.decode()

    loose.refresh_from_db()
    assert loose.url == PHISHING_URL
    assert "zonder beoordeling" in html
    assert open_change(loose) is None


def test_a_new_record_is_saved_directly_and_says_so(client, officer):
    client.force_login(officer)
    html = client.post(
        "/admin/themabladen/guideline/add/",
        {"title": "Nieuwe handreiking", "url": GOOD_URL, "description": ""},
        follow=True,
    ).content.decode()
    assert Guideline.objects.filter(title="Nieuwe handreiking").exists()
    assert "zonder beoordeling" in html


def test_laws_articles_and_rulings_no_published_sheet_cites_are_not_public(
    client, make_themablad, law_and_article
):
    law = Law.objects.create(key="nepwet", name="Nepwet")
    Article.objects.create(law=law, number="1", text="Verzonnen.")
    Article.objects.create(law=law_and_article[0], number="99", text="Ook verzonnen.")
    Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2020:1", summary="Niet aangehaald.")
    draft = make_themablad(slug="concept", status="concept")
    LegalReference.objects.create(themablad=draft, law=law, label="Nepwet")

    for url in [
        "/regelgeving/nepwet/",
        "/regelgeving/nepwet/artikel-1/",
        "/regelgeving/barp/artikel-99/",
        "/uitspraken/ECLI:NL:CRVB:2020:1/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get("/regelgeving/barp/artikel-76/").status_code == 200


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/admin/redactie/recordversion/abc/change/",
        "/admin/redactie/recordversion/999999/change/",
        "/admin/redactie/recordversion/-1/change/",
    ],
)
def test_unknown_changes_are_a_404(client, officer, url):
    client.force_login(officer)
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "approve"}).status_code == 404


def test_an_unknown_action_is_a_404(client, guideline, officer, second_officer):
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)
    client.force_login(second_officer)
    assert client.post(review_url(open_change(guideline)), {"action": "x"}).status_code == 404


def test_staff_without_a_role_cannot_open_a_change(client, guideline, officer, staff_without_role):
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)
    client.force_login(staff_without_role)
    assert client.get(review_url(open_change(guideline))).status_code == 403


def test_the_history_restores_no_unknown_version(client, guideline, officer):
    client.force_login(officer)
    for version in ["", "abc", "999999"]:
        response = client.post(admin_url(guideline, "history"), {"version": version})
        assert response.status_code == 404


# -- the rules hold whatever officers do, in any order ----------------------------------------

CANDIDATE_URLS = [GOOD_URL, PHISHING_URL, "https://intranet.politie.example/b"]
ROLE_OF = {"ivo": "Integriteitsfunctionaris", "ilse": "Integriteitsfunctionaris",
           "ines": "Integriteitsfunctionaris", "rita": "Redacteur"}  # fmt: skip


class GuidelineReview(RuleBasedStateMachine):
    """A model of the rules next to the portal: what is published, and the change in play."""

    def __init__(self):
        super().__init__()
        from django.db import transaction
        from django.test import Client

        from themabladen.models import Themablad

        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.users = {name: make_user(name, role) for name, role in ROLE_OF.items()}
        sheet = Themablad.objects.create(
            number=900, title="Machineblad", slug="machineblad", status="gepubliceerd"
        )
        self.guideline = Guideline.objects.create(title="Richtlijn", url=GOOD_URL)
        ThemabladGuideline.objects.create(themablad=sheet, guideline=self.guideline)
        self.client = Client()
        self.published = GOOD_URL
        self.open = None  # {"url", "editors", "status"}

    def teardown(self):
        from django.db import transaction

        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _officer(self, name):
        return ROLE_OF[name] == "Integriteitsfunctionaris"

    def _act(self, name, action, **extra):
        change = (
            open_change(self.guideline)
            or RecordVersion.objects.filter(object_id=self.guideline.pk).first()
        )
        self.client.force_login(self.users[name])
        if change is not None:
            self.client.post(review_url(change), {"action": action, **extra})

    @rule(name=st.sampled_from(sorted(ROLE_OF)), url=st.sampled_from(CANDIDATE_URLS))
    def propose(self, name, url):
        self.client.force_login(self.users[name])
        change = open_change(self.guideline)
        shown = record_review.shown_state(self.guideline)
        # The admin page as the browser submits it, having shown `shown`.
        data = {"title": shown["title"], "description": shown["description"], "url": url}
        data.update(change_note="", seen_change=str(change.pk) if change else "")
        self.client.post(admin_url(self.guideline), data)
        shown = self.open["url"] if self.open else self.published
        if url == shown:
            return
        if url == self.published:
            self.open = None  # saving the published text withdraws the change in play
            return
        editors = self.open["editors"] if self.open else set()
        self.open = {"url": url, "editors": editors | {name}, "status": "ingediend"}

    @precondition(lambda self: self.open is not None)
    @rule(name=st.sampled_from(sorted(ROLE_OF)))
    def approve(self, name):
        self._act(name, "approve")
        if (
            self.open
            and self.open["status"] == "ingediend"
            and self._officer(name)
            and name not in self.open["editors"]
        ):
            self.published, self.open = self.open["url"], None

    @precondition(lambda self: self.open is not None)
    @rule(data=st.data())
    def an_editor_tries_to_approve(self, data):
        self.approve(data.draw(st.sampled_from(sorted(self.open["editors"]))))

    @precondition(lambda self: self.open is not None)
    @rule(name=st.sampled_from(sorted(ROLE_OF)))
    def reject(self, name):
        self._act(name, "reject", comment="Niet zo.")
        if self.open and self.open["status"] == "ingediend" and self._officer(name):
            self.open["status"] = "teruggestuurd"

    @precondition(lambda self: self.open is not None)
    @rule(name=st.sampled_from(sorted(ROLE_OF)))
    def withdraw(self, name):
        self._act(name, "withdraw", confirm="1")
        if self.open and (name in self.open["editors"] or self._officer(name)):
            self.open = None

    @invariant()
    def the_public_page_shows_exactly_the_last_approved_value(self):
        page = public(self.client, "/themabladen/machineblad/")
        for url in CANDIDATE_URLS:
            assert (url in page) == (url == self.published), url

    @invariant()
    def nothing_shown_was_approved_by_its_own_editor(self):
        latest = RecordVersion.objects.filter(
            object_id=self.guideline.pk, status=RecordVersion.Status.PUBLISHED
        ).first()
        if latest is not None and latest.reviewer_id is not None:
            assert latest.reviewer_id not in latest.editor_ids
            assert latest.data["url"] == self.published

    @invariant()
    def the_change_in_play_matches_the_model(self):
        change = open_change(self.guideline)
        if self.open is None:
            assert change is None
        else:
            assert change.data["url"] == self.open["url"]
            assert change.status == self.open["status"]
            names = {self.users[n].pk for n in self.open["editors"]}
            assert set(change.editor_ids) == names


def test_review_rules_hold_in_any_order(db):
    run_state_machine_as_test(
        GuidelineReview,
        settings=settings(
            max_examples=6,
            stateful_step_count=8,
            derandomize=True,  # the same sequences every run: a failure is never luck
            # No shrinking: each step is a few requests, and eight steps read well enough.
            phases=[Phase.explicit, Phase.generate],
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_a_guideline_cited_only_by_a_waiting_sheet_change_changes_only_through_review(
    client, make_themablad, redacteur
):
    from portal.redactie import publishing
    from portal.redactie.snapshots import take_snapshot

    sheet = make_themablad()
    KaderStatement.objects.create(themablad=sheet, position=1, text="Norm.")
    guideline = Guideline.objects.create(title="Sociale media", url=GOOD_URL)
    proposed = take_snapshot(sheet)
    proposed["guidelines"] = [{"id": None, "new": True, "position": 1, "guideline": guideline.pk}]
    publishing.save_draft(themablad=sheet, snapshot=proposed, user=redacteur, note="Richtlijn")

    client.force_login(redacteur)
    save_record(client, guideline, url=PHISHING_URL)
    guideline.refresh_from_db()
    assert guideline.url == GOOD_URL  # the sheet's reviewer will judge what they were shown
    assert open_change(guideline) is not None


def test_a_record_shown_only_on_an_archived_sheet_still_changes_only_through_review(
    client, make_themablad, officer
):
    from portal.redactie import publishing

    sheet = make_themablad()
    guideline = Guideline.objects.create(title="Sociale media", url=GOOD_URL)
    ThemabladGuideline.objects.create(themablad=sheet, guideline=guideline, position=1)
    publishing.archive(themablad=sheet, user=officer)
    client.force_login(officer)
    save_record(client, guideline, url=PHISHING_URL)
    guideline.refresh_from_db()
    assert guideline.url == GOOD_URL  # bringing the sheet back must not publish it unreviewed
    publishing.unarchive(themablad=sheet, user=officer)
    assert PHISHING_URL not in public(client, sheet.get_absolute_url())
