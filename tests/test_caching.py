"""The page cache (portal/caching.py): what it shares, with whom, and that it is never stale."""

import itertools
import os

import pytest
from django.db import transaction
from django.test import Client, override_settings
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from dilemmas.models import Dilemma, DilemmaPlacement
from dilemmas.trainingen import add_items, create_training
from portal import caching
from portal.redactie import publishing, record_review
from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, REDACTEUR
from portal.redactie.snapshots import take_snapshot
from portal.search.models import SearchLog, Synonym
from tests.redactie_fixtures import make_user
from themabladen.content import load_content
from themabladen.models import Guideline, KaderStatement, Themablad, ThemabladGuideline

SHEET = "/themabladen/omgaan-met-informatie/"


def fresh(client, url):
    """The page as it is rendered now, past every cache."""
    with override_settings(PAGE_CACHE=False):
        return client.get(url)


# -- what is shared, and how it is marked ----------------------------------------------------


def test_an_anonymous_reader_gets_a_public_page_with_a_validator(client, seed):
    response = client.get(SHEET)
    assert response.status_code == 200
    control = response["Cache-Control"]
    assert "public" in control and "must-revalidate" in control and "max-age=30" in control
    assert response["ETag"].startswith('"')
    assert "Cookie" in response["Vary"]
    assert response["Content-Security-Policy"]  # the stored page keeps every header
    assert not response.cookies


def test_a_conditional_get_is_answered_with_304_and_no_body(client, seed):
    etag = client.get(SHEET)["ETag"]
    again = client.get(SHEET, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "public" in again["Cache-Control"]
    # Also the very first request of a client that kept the ETag from another server.
    caching.bump()
    assert client.get(SHEET, HTTP_IF_NONE_MATCH=f'"x", {etag}').status_code == 304
    assert client.get(SHEET, HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200


def test_a_stored_page_costs_no_query(client, seed, django_assert_num_queries):
    first = client.get(SHEET)
    with django_assert_num_queries(0):
        second = client.get(SHEET)
    assert second.content == first.content
    assert dict(second.items()).keys() >= {"ETag", "Cache-Control", "Content-Type"}


def test_a_cold_sheet_page_costs_a_fixed_number_of_queries(client, seed, django_assert_num_queries):
    # The regression guard of the cold path: every part of the sheet in one query each.
    with override_settings(PAGE_CACHE=False), django_assert_num_queries(13):
        assert client.get(SHEET).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/themabladen/",
        SHEET,
        f"{SHEET}afdrukken/",
        "/dilemmas/",
        "/casuistiek/",
        "/uitspraken/",
        "/regelgeving/",
        "/regelgeving/barp/",
        "/tags/",
        "/toegankelijkheid/",
        "/integriteit-in-de-praktijk/",
        "/wijzigingen/",
    ],
)
def test_every_public_page_is_shared_and_equals_a_fresh_render(client, seed, url):
    first = client.get(url)
    assert first.status_code == 200, url
    assert "public" in first["Cache-Control"], url
    assert client.get(url).content == first.content == fresh(client, url).content


def test_every_search_reaches_the_search_log_and_is_never_shared(client, seed):
    for _ in range(2):
        response = client.get("/zoeken/", {"q": "zeppelinvaart"})
        assert response["Cache-Control"] == caching.PRIVATE
    row = SearchLog.objects.get(query="zeppelinvaart")
    assert (row.searches, row.empty) == (2, 2)


def test_signed_in_users_are_never_served_from_or_stored_in_the_shared_cache(
    client, seed, django_assert_num_queries
):
    anonymous = client.get(SHEET)
    client.force_login(make_user("tom", "Trainer", is_staff=False))
    for url in (SHEET, "/", "/trainingen/"):
        response = client.get(url)
        assert response["Cache-Control"] == caching.PRIVATE, url
        assert "ETag" not in response, url
    # The signed-in request rendered the page itself (not from the cache) ...
    assert client.get(SHEET).content == anonymous.content
    client.logout()
    # ... and stored nothing: the anonymous page is still the one stored first.
    with django_assert_num_queries(0):
        client.get(SHEET)


def test_share_links_login_and_admin_are_private(client, seed):
    trainer = make_user("tom", "Trainer", is_staff=False)
    training = create_training(owner=trainer, title="Teamoverleg")
    add_items(training=training, dilemmas=[Dilemma.objects.published().first()])
    shared = client.get(training.get_share_url())
    assert shared.status_code == 200
    assert "no-store" in shared["Cache-Control"] and "private" in shared["Cache-Control"]
    login = client.get("/inloggen/")
    assert "no-store" in login["Cache-Control"] and "private" in login["Cache-Control"]
    assert "public" not in login["Cache-Control"]
    # The login form's CSRF token is each visitor's own.
    other = Client()
    assert _csrf(other.get("/inloggen/")) != _csrf(login)
    assert "no-store" in client.get("/admin/")["Cache-Control"]
    # Suggestions keep their own short, browser-only rule.
    assert client.get("/zoeken/suggesties/?q=pri")["Cache-Control"] == "private, max-age=60"


def _csrf(response):
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_the_host_is_part_of_the_key(client, seed):
    # The PDF and absolute links name the host the page was asked on.
    with override_settings(ALLOWED_HOSTS=["testserver", "portaal.example"]):
        here = client.get(SHEET)
        there = client.get(SHEET, HTTP_HOST="portaal.example")
        assert there.status_code == 200
        assert caching.page_key(there.wsgi_request) != caching.page_key(here.wsgi_request)
    # A host the portal does not answer to is refused, not stored.
    assert client.get(SHEET, HTTP_HOST="elders.example").status_code == 400


# -- invalidation: exactly when what a page shows changes -------------------------------------


@pytest.fixture
def sheet():
    return Themablad.objects.get(slug="omgaan-met-informatie")


@pytest.fixture
def officers(db):
    return make_user("ivo", INTEGRITEITSFUNCTIONARIS), make_user("ilse", INTEGRITEITSFUNCTIONARIS)


def _propose_kader(sheet, text, user):
    snapshot = take_snapshot(sheet)
    snapshot["kader"][0]["text"] = text
    publishing.save_draft(themablad=sheet, snapshot=snapshot, user=user, note="Test")
    return publishing.submit(themablad=sheet, user=user, note="Test")


def test_an_approved_change_is_served_at_once(client, seed, sheet, officers):
    author, approver = officers
    client.get(SHEET)
    revision = _propose_kader(sheet, "Nieuwe kadertekst voor de cache.", author)
    assert "Nieuwe kadertekst" not in client.get(SHEET).content.decode()
    publishing.approve(revision=revision, user=approver, comment="Akkoord")
    assert "Nieuwe kadertekst voor de cache." in client.get(SHEET).content.decode()
    for url in ("/wijzigingen/", "/wijzigingen/atom/", SHEET):
        assert client.get(url).content == fresh(client, url).content, url


def test_archive_and_restore_are_served_at_once(client, seed, sheet, officers):
    officer, _ = officers
    assert client.get(SHEET).status_code == 200
    assert "Omgaan met informatie" in client.get("/").content.decode()
    publishing.archive(themablad=sheet, user=officer)
    assert client.get(SHEET).status_code == 404
    assert SHEET not in client.get("/").content.decode()
    publishing.unarchive(themablad=sheet, user=officer)
    assert client.get(SHEET).status_code == 200
    assert SHEET in client.get("/").content.decode()


def test_a_shared_record_approved_elsewhere_is_served_at_once(client, seed, sheet, officers):
    author, approver = officers
    link = ThemabladGuideline.objects.filter(themablad=sheet).select_related("guideline").first()
    client.get(SHEET)
    version = record_review.propose(
        instance=link.guideline,
        state={"description": "Toelichting na goedkeuring."},
        user=author,
        note="Test",
    )
    assert "Toelichting na goedkeuring." not in client.get(SHEET).content.decode()
    record_review.approve(version=version, user=approver)
    assert "Toelichting na goedkeuring." in client.get(SHEET).content.decode()


def test_a_search_word_changed_is_served_at_once(client, seed):
    url = "/zoeken/?q=snoepreisje"
    before = client.get(url).content.decode()
    synonym = Synonym(word="snoepreisje", alternatives="geschenken")
    synonym.full_clean()
    synonym.save()
    after = client.get(url).content.decode()
    assert after != before
    assert after == fresh(client, url).content.decode()
    synonym.delete()
    assert client.get(url).content.decode() == fresh(client, url).content.decode()


def test_loaded_content_is_served_at_once(client, db):
    assert client.get("/").status_code == 200
    assert "Omgaan met informatie" not in client.get("/").content.decode()
    load_content()
    assert "Omgaan met informatie" in client.get("/").content.decode()


# -- on commit, never before, never for a rolled-back change ---------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_generation_changes_when_a_write_commits_and_not_for_a_rollback():
    start = caching.generation()
    with transaction.atomic():
        Synonym.objects.create(word="fietsje", alternatives="dienstfiets")
        # Other processes would still read the committed rows: their pages stay current.
        assert caching.generation() == start
    committed = caching.generation()
    assert committed != start

    with transaction.atomic(), transaction.atomic():
        Synonym.objects.create(word="autootje", alternatives="dienstauto")
        transaction.set_rollback(True)
    assert caching.generation() == committed
    assert not Synonym.objects.filter(word="autootje").exists()

    Synonym.objects.all().delete()  # autocommit: at once
    assert caching.generation() != committed


@pytest.mark.django_db(transaction=True)
def test_nothing_is_stored_while_the_application_holds_a_transaction(client):
    Themablad.objects.create(number=1, title="Blad", slug="blad", status="gepubliceerd")
    with transaction.atomic():
        Themablad.objects.filter(slug="blad").update(title="Niet vastgelegd")
        inside = client.get("/themabladen/blad/")
        assert inside["Cache-Control"] == caching.PRIVATE
        transaction.set_rollback(True)
    assert "Niet vastgelegd" not in client.get("/themabladen/blad/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_saving_only_the_edit_counter_changes_no_page():
    sheet = Themablad.objects.create(number=1, title="Blad", slug="blad", status="gepubliceerd")
    stewardship = publishing.stewardship_for(sheet)
    start = caching.generation()
    stewardship.version += 1
    stewardship.save(update_fields=["version"])
    assert caching.generation() == start
    stewardship.save(update_fields=["last_reviewed"])
    assert caching.generation() != start


# -- random sequences: every page served equals a fresh render -------------------------------

PAGES = [
    "/",
    "/themabladen/",
    "/themabladen/blad-a/",
    "/themabladen/blad-b/",
    "/themabladen/blad-a/afdrukken/",
    "/dilemmas/",
    "/tags/",
    "/tags/cache/",
    "/regelgeving/",
    "/wijzigingen/",
]


class PageCacheMachine(RuleBasedStateMachine):
    """Officers draft, approve, archive and restore two sheets sharing a dilemma, change a
    guideline through review and keep the search words, while anonymous readers view pages."""

    def __init__(self):
        super().__init__()
        # Each example is rolled back, as a test is: marked like a TestCase's own transaction, so
        # the page cache treats the example's writes as committed (inside an application's
        # transaction it would store nothing, and this test could not fail).
        self.atomic = transaction.atomic()
        self.atomic._from_testcase = True
        self.atomic.__enter__()
        caching.bump()
        self.client = Client()
        self.words = itertools.count(1)
        self.served = 0

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        caching.bump()

    @initialize()
    def build(self):
        self.author = make_user("rita", REDACTEUR)
        self.officer = make_user("ivo", INTEGRITEITSFUNCTIONARIS)
        self.sheets = {}
        for key, number in (("a", 601), ("b", 602)):
            sheet = Themablad.objects.create(
                number=number, title=f"Blad {key}", slug=f"blad-{key}", status="gepubliceerd"
            )
            sheet.tags.set(["cache"])
            KaderStatement.objects.create(themablad=sheet, position=1, text=f"Kader {key} begin")
            self.sheets[key] = sheet
        dilemma = Dilemma.objects.create(question="Gedeelde vraag?")
        for sheet in self.sheets.values():
            DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma, position=1)
        self.guideline = Guideline.objects.create(title="Richtlijn", description="Begin.")
        ThemabladGuideline.objects.create(
            themablad=self.sheets["a"], guideline=self.guideline, position=1
        )
        Synonym.objects.create(word="fietsje", alternatives="kader")

    @rule(url=st.sampled_from(PAGES))
    def view(self, url):
        served = self.client.get(url)
        assert served.status_code in (200, 404), url
        if served.status_code == 200:
            assert "public" in served["Cache-Control"], url
        assert served.content == fresh(self.client, url).content, url
        self.served += 1

    @rule(url=st.sampled_from(PAGES))
    def revalidate(self, url):
        first = self.client.get(url)
        if "ETag" not in first:
            return
        again = self.client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert fresh(self.client, url).content == first.content

    @rule(key=st.sampled_from("ab"), submit=st.booleans())
    def draft(self, key, submit):
        sheet = self.sheets[key]
        sheet.refresh_from_db()
        snapshot = take_snapshot(sheet)
        snapshot["kader"][0]["text"] = f"Kader {key} versie {next(self.words)}"
        publishing.save_draft(themablad=sheet, snapshot=snapshot, user=self.author, note="Test")
        if submit:
            publishing.submit(themablad=sheet, user=self.author, note="Test")

    @rule(key=st.sampled_from("ab"))
    def approve(self, key):
        sheet = self.sheets[key]
        revision = publishing.pending_revision(sheet)
        if revision is None:
            return
        if revision.status == revision.Status.DRAFT:
            publishing.submit(themablad=sheet, user=self.author, note="Test")
        publishing.approve(revision=revision, user=self.officer)

    @rule(key=st.sampled_from("ab"))
    def archive_or_restore(self, key):
        sheet = Themablad.objects.get(pk=self.sheets[key].pk)
        if sheet.status == Themablad.Status.ARCHIVED:
            publishing.unarchive(themablad=sheet, user=self.officer)
        else:
            publishing.archive(themablad=sheet, user=self.officer)

    @rule()
    def change_guideline(self):
        guideline = Guideline.objects.get(pk=self.guideline.pk)
        state = {"description": f"Toelichting {next(self.words)}."}
        if record_review.needs_review(guideline):
            version = record_review.propose(
                instance=guideline, state=state, user=self.author, note="Test"
            )
            if version is not None:
                record_review.approve(version=version, user=self.officer)
        else:
            guideline.description = state["description"]
            guideline.save()

    @rule(alternatives=st.sampled_from(["kader", "vraag", "richtlijn toelichting"]))
    def change_search_word(self, alternatives):
        synonym = Synonym.objects.filter(word="fietsje").first()
        if synonym is None:
            Synonym.objects.create(word="fietsje", alternatives=alternatives)
        elif alternatives == "vraag":
            synonym.delete()
        else:
            synonym.alternatives = alternatives
            synonym.save()

    @precondition(lambda self: hasattr(self, "sheets"))
    @invariant()
    def stored_pages_are_current(self):
        # Every page in the cache under the current generation equals what is rendered now.
        token = caching.generation()
        for url in PAGES:
            request = self.client.get(url).wsgi_request
            entry = caching._page_cache().get(caching.page_key(request))
            if entry is not None and entry[0] == token:
                assert entry[2] == fresh(self.client, url).content, url


def test_random_publishing_never_serves_a_stale_page(db):
    run_state_machine_as_test(
        PageCacheMachine,
        settings=settings(
            max_examples=8,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )


def test_without_redis_the_workers_of_one_machine_share_the_generation(settings):
    # Local memory holds each worker's own pages; the generation is a file they all read, so a
    # publish in one worker (here: another process) makes the pages of every worker stale.
    if settings.CACHES["generation"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("CACHE_URL is set: the generation is in Redis")
    import subprocess
    import sys

    before = caching.generation()
    assert caching.generation() == before
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from portal import caching; caching.bump()",
        ],
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
    )
    assert caching.generation() != before


def test_a_stored_page_is_answered_before_django_handles_the_request(client, seed):
    from django.test import RequestFactory

    from portal.caching import serve_stored_pages

    asked = []

    def django_app(environ, start_response):
        asked.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"django"]

    def call(**extra):
        environ = RequestFactory()._base_environ(PATH_INFO=SHEET, **extra)
        answer = {}
        body = b"".join(
            serve_stored_pages(django_app)(
                environ, lambda status, headers: answer.update(status=status, headers=headers)
            )
        )
        return answer["status"], dict(answer["headers"]), body

    stored = client.get(SHEET)
    status, headers, body = call()
    assert (status, body, asked) == ("200 OK", stored.content, [])
    assert headers["ETag"] == stored["ETag"] and "public" in headers["Cache-Control"]
    assert headers["Content-Length"] == str(len(stored.content))
    assert headers["Content-Security-Policy"]
    assert len(headers["X-Request-ID"]) == 32  # its own, not the first visitor's
    assert call(HTTP_X_REQUEST_ID="proxy-4711")[1]["X-Request-ID"] == "proxy-4711"
    status, headers, body = call(HTTP_IF_NONE_MATCH=stored["ETag"])
    assert (status, body, headers["ETag"]) == ("304 Not Modified", b"", stored["ETag"])
    assert headers["X-Request-ID"]
    # A signed-in reader, another host, a stale page: Django answers.
    call(HTTP_COOKIE="sessionid=abc")
    call(HTTP_HOST="elders.example")
    caching.bump()
    call()
    assert asked == [SHEET, SHEET, SHEET]


def test_with_login_required_nothing_is_shared(client, seed):
    assert client.get(SHEET).status_code == 200  # stored
    with override_settings(PORTAL_REQUIRE_LOGIN=True):
        response = client.get(SHEET)
    assert response.status_code == 302
    assert response["Cache-Control"] == caching.PRIVATE
