import os
import re

import pytest
from django.core.management.color import no_style
from django.db import connection
from pytest_django.fixtures import validate_django_db

from themabladen.content import load_content
from themabladen.models import Themablad

pytest_plugins = ["tests.redactie_fixtures"]


# The seed content, loaded once per session
# -----------------------------------------
# Between two tests the database is in one of two committed states:
#   empty:  as migrate left it (content types, permissions, roles), every other table empty;
#   seeded: the same plus load_content(), committed.
# A test cannot change that state: its writes are rolled back, or (transactional tests: the
# browser tests, transaction=True) flushed, which leaves the database empty. Before each
# database test the state it needs is made: tests that ask for `seed` get it seeded, all others
# empty. Loading takes seconds, emptying milliseconds (SQLite) to a second (PostgreSQL), so the
# tests are ordered to need it rarely (pytest_collection_modifyitems): the seed is loaded once
# for all the ordinary seed tests, and again only for a transactional seed test after a flush.
# Any order stays correct, only slower.
# The search index is plain rows in the same database, so it follows the state; the in-process
# caches of portal.search (analysis.word_terms, token_terms) map words to stems and hold nothing
# from the database.

DB_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


class ContentDatabase:
    """Switches the test database between empty and seeded, outside any test's transaction."""

    def __init__(self, django_db_blocker):
        self.blocker = django_db_blocker
        with self.blocker.unblock():
            if self.seeded():
                raise RuntimeError("The test database holds content already; use --create-db.")
            counts = self._counts(connection.introspection.django_table_names(only_existing=True))
        # What migrate filled stays; everything else is content, emptied again when not wanted.
        self.kept = sorted(table for table, n in counts.items() if n)
        self.content_tables = sorted(table for table, n in counts.items() if not n)

    @staticmethod
    def seeded() -> bool:
        return Themablad.objects.exists()

    def ensure(self, *, seed: bool) -> None:
        with self.blocker.unblock():
            if self.seeded() == seed:
                return
            if seed:
                before = self._counts(self.kept)
                load_content()
                changed = {t for t, n in self._counts(self.kept).items() if n != before[t]}
                if changed:
                    # Emptying would not undo this: the seed must only add to empty tables.
                    raise RuntimeError(f"load_content() changed tables migrate filled: {changed}")
            else:
                self.empty()

    def empty(self) -> None:
        sql = connection.ops.sql_flush(no_style(), self.content_tables, reset_sequences=True)
        connection.ops.execute_sql_flush(sql)

    @staticmethod
    def _counts(tables) -> dict[str, int]:
        with connection.cursor() as cursor:
            counts = {}
            for table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
        return counts


_content_database: ContentDatabase | None = None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    global _content_database
    _content_database = ContentDatabase(django_db_blocker)
    yield
    # A kept database (--reuse-db) is left as migrate made it.
    _content_database.ensure(seed=False)
    _content_database = None


@pytest.fixture(scope="session")
def _seeded_session(django_db_setup):
    # Session fixtures are set up before the test's transaction begins: this covers the first
    # database test of the session, before pytest_runtest_setup can switch the state.
    _content_database.ensure(seed=True)


@pytest.fixture
def seed(_seeded_session, db):
    """The full initial content, as `make run` loads it (loaded once, shared by these tests)."""
    if not ContentDatabase.seeded():
        load_content()  # never expected; inside this test's transaction, so still correct


def _database_use(item) -> str | None:
    """None, "db" or "transactional", as pytest-django decides for this test."""
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = bool(names & TRANSACTIONAL_FIXTURES)
    if marker:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        transactional = transactional or transaction or reset_sequences
    if transactional:
        return "transactional"
    return "db" if marker or names & DB_FIXTURES else None


def _wants_seed(item) -> bool:
    return "seed" in getattr(item, "fixturenames", ())


def pytest_runtest_setup(item):
    # Runs after the skip markers are evaluated and before any fixture: outside a transaction.
    if _content_database is not None and _database_use(item):
        _content_database.ensure(seed=_wants_seed(item))


def _order(item) -> tuple[int, bool]:
    """pytest-django runs the database tests first, then the transactional ones, then the rest
    (stable within each group). Within the first group the seed tests go last, so the empty
    database is seeded once; within the second they go first, reusing that seed, and each
    reloads it after the flush before it."""
    use = _database_use(item)
    if use == "db":
        return (0, _wants_seed(item))
    if use == "transactional":
        return (1, not _wants_seed(item))
    return (2, False)


@pytest.fixture
def make_themablad(db):
    counter = iter(range(100, 10_000))

    def make(**values):
        number = next(counter)
        values.setdefault("number", number)
        values.setdefault("title", f"Testblad {number}")
        values.setdefault("slug", f"testblad-{number}")
        values.setdefault("status", Themablad.Status.PUBLISHED)
        return Themablad.objects.create(**values)

    return make


def h1_texts(html: str) -> list[str]:
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)


# Browser tests: Playwright drives Debian's Chromium; browser downloads are blocked here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + page + ORM
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(config, items):
    items.sort(key=_order)
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_pages():
    # A test's writes are rolled back, but pages it had stored stay in the (process-wide) page
    # cache: a new content generation makes them stale for the next test.
    from portal.caching import bump

    bump()
