"""Searches that found nothing, for editors: only the normalised query and daily counts, a
report of queries seen on at least 3 days, deletion after 90 days (README "Zoeken")."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from portal.search import searchlog
from portal.search.models import SearchLog
from tests.nu import assert_valid_html
from tests.search_pages import results_html, shown_hits

REPORT = "/admin/search/searchlog/"
TODAY = date(2026, 12, 1)


@pytest.fixture
def on_day():
    """Search as if on a given day (the log knows days, nothing finer)."""
    days = {"today": TODAY}
    with mock.patch.object(searchlog, "today", lambda: days["today"]):

        def set_day(day):
            days["today"] = day

        yield set_day


def search_on(client, on_day, day, query, **params):
    on_day(day)
    return results_html(client, query, **params)


def test_a_search_that_found_nothing_keeps_only_its_words_and_a_count(client, seed, on_day):
    results_html(client, "  Zeppelinvaart  met Luchtballon?! ")
    results_html(client, "zeppelinvaart met luchtballon")

    row = SearchLog.objects.get()
    assert (row.query, row.day, row.searches, row.empty, row.clicks) == (
        "zeppelinvaart met luchtballon",
        TODAY,
        2,
        2,
        0,
    )
    # Nothing that could point at a person or a moment: no user, IP, session or time of day.
    fields = {field.name for field in SearchLog._meta.get_fields()}
    assert fields == {"id", "query", "day", "searches", "empty", "clicks"}


def test_a_click_on_a_result_counts_on_the_querys_day_and_leads_to_the_result(client, seed, on_day):
    hit = shown_hits(client, "kenteken opzoeken")[0]
    assert hit.link.startswith("/zoeken/ga/?")

    response = client.get(hit.link)

    assert response.status_code == 302
    assert response.url == hit.url
    row = SearchLog.objects.get(query="kenteken opzoeken")
    assert (row.searches, row.empty, row.clicks) == (1, 0, 1)


OUTSIDE = ["https://elders.example/", "//elders.example/", "/\\elders.example", "", "javascript:x"]


@pytest.mark.parametrize("target", OUTSIDE)
def test_a_result_link_never_leads_outside_the_portal(client, db, on_day, target):
    response = client.get("/zoeken/ga/", {"q": "kenteken", "naar": target})

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert not SearchLog.objects.exists()


def test_filters_and_further_pages_do_not_count_the_search_again(client, seed, on_day):
    results_html(client, "informatie")
    results_html(client, "informatie", soort="kader")
    results_html(client, "informatie", pagina="2")

    assert SearchLog.objects.get().searches == 1


def test_the_report_shows_a_query_only_from_its_third_day(client, seed, on_day, redacteur):
    for offset in range(2):
        search_on(client, on_day, TODAY + timedelta(days=offset), "zeppelinvaart")
        search_on(client, on_day, TODAY + timedelta(days=offset), "luchtballon")
    search_on(client, on_day, TODAY + timedelta(days=2), "luchtballon")
    # Searched on three days, but its result was opened each time: answered.
    for offset in range(3):
        search_on(client, on_day, TODAY + timedelta(days=offset), "kenteken")
        client.get("/zoeken/ga/", {"q": "kenteken", "naar": "/themabladen/"})
    client.force_login(redacteur)

    html = client.get(REPORT).content.decode()

    assert "luchtballon" in html
    assert "zeppelinvaart" not in html
    assert ">kenteken<" not in html
    assert "/admin/search/synonym/add/?word=luchtballon" in html


def test_a_query_whose_results_nobody_opened_is_reported(client, seed, on_day, officer):
    for offset in range(3):
        search_on(client, on_day, TODAY + timedelta(days=offset), "informatie delen")
    client.force_login(officer)

    html = client.get(REPORT).content.decode()

    assert "informatie delen" in html
    assert "?word=informatie" in html and "?word=delen" in html


def test_only_editors_see_the_report(client, db, redacteur, officer, staff_without_role):
    assert client.get(REPORT).status_code == 302
    for user, status in [(staff_without_role, 403), (redacteur, 200), (officer, 200)]:
        client.force_login(user)
        assert client.get(REPORT).status_code == status, user
        listed = "Zoekvragen zonder antwoord" in client.get("/admin/").content.decode()
        assert listed == (status == 200), user


def test_single_rows_cannot_be_opened_changed_or_deleted(client, db, officer):
    row = SearchLog.objects.create(query="zeppelin", day=TODAY, searches=1, empty=1)
    client.force_login(officer)

    assert client.get(f"{REPORT}{row.pk}/change/").status_code == 404
    assert client.post(f"{REPORT}{row.pk}/delete/", {"post": "yes"}).status_code in {403, 404}
    assert client.get(f"{REPORT}add/").status_code == 403
    assert SearchLog.objects.filter(pk=row.pk).exists()


def test_counts_wait_in_the_process_and_reach_the_report_and_the_database(
    client, seed, on_day, officer, settings
):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    searchlog.flush()
    try:
        for offset in range(3):
            search_on(client, on_day, TODAY + timedelta(days=offset), "zeppelinvaart")
        assert not SearchLog.objects.exists()
        client.force_login(officer)

        html = client.get(REPORT).content.decode()
        assert "zeppelinvaart" in html
        assert SearchLog.objects.count() == 3
    finally:
        searchlog.flush()


def test_many_waiting_counts_are_written_together(db, on_day, settings):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    searchlog.flush()
    try:
        for n in range(searchlog.MAX_PENDING):
            searchlog.record_search(f"woord{n}", found_nothing=True)
        assert SearchLog.objects.count() == searchlog.MAX_PENDING
    finally:
        searchlog.flush()


def test_the_command_deletes_what_is_older_than_90_days(db, on_day):
    kept = SearchLog.objects.create(query="a", day=TODAY - timedelta(days=90), searches=1)
    SearchLog.objects.create(query="b", day=TODAY - timedelta(days=91), searches=1)

    call_command("purge_search_log", stdout=mock.Mock())

    assert list(SearchLog.objects.all()) == [kept]


def test_a_new_days_row_deletes_what_has_expired(client, seed, on_day):
    SearchLog.objects.create(query="oud", day=TODAY - timedelta(days=91), searches=1, empty=1)

    results_html(client, "zeppelinvaart")

    assert list(SearchLog.objects.values_list("query", flat=True)) == ["zeppelinvaart"]


def test_the_report_page_is_valid_html(client, seed, on_day, officer):
    for offset in range(3):
        search_on(client, on_day, TODAY + timedelta(days=offset), "zeppelinvaart & <b>")
    client.force_login(officer)

    assert_valid_html(client, [REPORT, "/toegankelijkheid/"])


def test_the_privacy_page_says_what_is_kept(client, db):
    html = client.get("/toegankelijkheid/").content.decode()

    assert "Privacy bij zoeken" in html
    assert "90 dagen" in html and "drie verschillende dagen" in html


QUERIES = st.sampled_from(["zeppelinvaart", "kenteken", "Kenteken!", "informatie delen", "fiets"])


class SearchLogMachine(RuleBasedStateMachine):
    """Searches, clicks and days passing, against a model of what the log should report."""

    @initialize()
    def start(self):
        SearchLog.objects.all().delete()
        self.day = TODAY
        # (normalised query, day) → [searches, empty, clicks]
        self.model: dict[tuple[str, date], list[int]] = {}

    def _write(self, query, index):
        key = (searchlog.normalized(query), self.day)
        self.model.setdefault(key, [0, 0, 0])
        created = self.model[key] == [0, 0, 0]
        self.model[key][index] += 1
        if created:
            cutoff = self.day - timedelta(days=searchlog.KEEP_DAYS)
            self.model = {k: v for k, v in self.model.items() if k[1] >= cutoff}

    @rule(query=QUERIES, found_nothing=st.booleans())
    def search(self, query, found_nothing):
        with mock.patch.object(searchlog, "today", lambda: self.day):
            searchlog.record_search(query, found_nothing=found_nothing)
        self._write(query, 0)
        if found_nothing:
            self.model[(searchlog.normalized(query), self.day)][1] += 1

    @rule(query=QUERIES)
    def click(self, query):
        with mock.patch.object(searchlog, "today", lambda: self.day):
            searchlog.record_click(query)
        self._write(query, 2)

    @rule(days=st.sampled_from([1, 2, 30, 89]))
    def days_pass(self, days):
        self.day += timedelta(days=days)

    @invariant()
    def counts_match(self):
        stored = {
            (row.query, row.day): [row.searches, row.empty, row.clicks]
            for row in SearchLog.objects.all()
        }
        assert stored == self.model

    @invariant()
    def report_shows_queries_unanswered_on_three_days(self):
        unanswered: dict[str, int] = {}
        for (query, _), (_, empty, clicks) in self.model.items():
            if empty or not clicks:
                unanswered[query] = unanswered.get(query, 0) + 1
        expected = {q for q, days in unanswered.items() if days >= searchlog.MIN_DAYS}
        assert {row.query for row in searchlog.report()} == expected


@pytest.mark.django_db
def test_the_log_keeps_its_rules_through_any_sequence():
    SearchLogMachine.TestCase.settings = settings(
        max_examples=40,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    SearchLogMachine.TestCase().runTest()
