"""Compiled queries (portal.compiled) give what their querysets give, and a page loaded by
Themablad.objects.page() holds what with_sections() prefetches (on both databases: the suite
runs on SQLite and PostgreSQL)."""

import pickle
from itertools import count

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from dilemmas.models import Dilemma
from portal.compiled import CompiledQuery, related_all
from tests.page_contents import fields_of, page_contents
from themabladen.models import PAGE_RELATIONS, KaderStatement, LegalReference, Themablad

pytestmark = pytest.mark.django_db


def _rows(instances):
    """Each row's fields, and those of what came with it (select_related, nested too)."""

    def cached(instance):
        return {
            name: (fields_of(value), cached(value) if value is not None else None)
            for name, value in instance._state.fields_cache.items()
        }

    return [(fields_of(instance), cached(instance)) for instance in instances]


QUERIES = {
    # a nullable join (a reference naming a law without an article), two levels deep
    "select_related": (
        lambda sheet: LegalReference.objects.filter(themablad=sheet).select_related(
            "law", "article__law"
        ),
        "pk",
    ),
    # ordered across a many-to-many, as the sheet's dilemma's are
    "ordered_through": (
        lambda sheet: Dilemma.objects.filter(placements__themablad=sheet).order_by(
            "placements__position"
        ),
        "pk",
    ),
    # a subquery, a slice and booleans (SQLite gives 0 and 1: the converters must run)
    "nested_and_sliced": (
        lambda sheet: KaderStatement.objects.filter(
            themablad__in=Themablad.objects.filter(pk=sheet)
        ).order_by("-bullet", "pk")[:3],
        "pk",
    ),
    # a reverse one-to-one that may be missing, with dates
    "reverse_one_to_one": (
        lambda sheet: Themablad.objects.filter(pk=sheet).select_related("stewardship"),
        "pk",
    ),
}


@pytest.mark.parametrize("name", QUERIES)
def test_a_compiled_query_gives_what_its_queryset_gives(seed, name):
    build, _ = QUERIES[name]
    compiled = CompiledQuery(build, sheet=int)
    sheets = list(Themablad.objects.values_list("pk", flat=True)) + [0, -1]
    for sheet in sheets:
        assert _rows(compiled.run(sheet=sheet)) == _rows(build(sheet)), sheet
    assert any(compiled.run(sheet=sheet) for sheet in sheets)  # it found something at all


def test_a_compiled_query_costs_one_query_and_takes_text_parameters(seed):
    compiled = CompiledQuery(
        lambda slug, kind: Themablad.objects.filter(slug=slug, kind=kind), slug=str, kind=str
    )
    with CaptureQueriesContext(connection) as queries:
        found = compiled.run(slug="nevenwerkzaamheden", kind="themablad")
    assert [sheet.slug for sheet in found] == ["nevenwerkzaamheden"]
    assert len(queries.captured_queries) == 1
    assert compiled.run(slug="nevenwerkzaamheden", kind="praktijk") == []
    # A slug with what SQL would read as syntax is only a value.
    assert compiled.run(slug="x' OR '1'='1", kind="themablad") == []


def test_a_query_that_ignores_its_parameter_is_refused():
    with pytest.raises(ValueError, match="sheet"):
        CompiledQuery(lambda sheet: Themablad.objects.all(), sheet=int).run(sheet=1)


def test_every_published_page_loads_as_the_prefetch_would(seed):
    pages = Themablad.objects.published()
    assert pages.sheets().exists() and pages.practice_pages().exists()
    for page in pages:
        reference = Themablad.objects.with_sections().select_related("stewardship").get(pk=page.pk)
        assert page_contents(
            Themablad.objects.page(slug=page.slug, kind=page.kind)
        ) == page_contents(reference), page.slug


def test_only_a_published_page_of_its_own_kind_loads(seed):
    sheet = Themablad.objects.published().sheets().first()
    with pytest.raises(Themablad.DoesNotExist):
        Themablad.objects.page(slug=sheet.slug, kind=Themablad.Kind.PRAKTIJK)
    Themablad.objects.filter(pk=sheet.pk).update(status=Themablad.Status.ARCHIVED)
    with pytest.raises(Themablad.DoesNotExist):
        Themablad.objects.page(slug=sheet.slug, kind=sheet.kind)


def test_the_rows_of_a_loaded_page_filter_as_their_relation_would(seed):
    page = Themablad.objects.page(slug="omgaan-met-informatie", kind=Themablad.Kind.THEMABLAD)
    statements = list(page.kader.all())
    assert statements
    # Filtering the loaded rows asks the database, for this page's rows only.
    first = statements[0]
    assert list(page.kader.filter(pk__gte=first.pk)) == [s for s in statements if s.pk >= first.pk]
    assert page.kader.count() == len(statements)
    assert all(s.themablad is page for s in statements)


def test_a_loaded_relation_filters_with_its_own_filter_and_order(seed, django_assert_num_queries):
    page = Themablad.objects.published().sheets().filter(named_by_links__isnull=False).first()
    draft = Themablad.objects.create(title="Concept dat linkt", slug="concept-dat-linkt")
    draft.related_links.create(to_themablad=page)  # named_by_links shows published sheets only
    loaded = Themablad.objects.page(slug=page.slug, kind=page.kind)
    reference = Themablad.objects.with_sections().get(pk=page.pk)
    for further in (
        lambda links: list(links.filter(pk__gt=0)),
        lambda links: links.filter(from_themablad=draft).exists(),
        lambda links: links.order_by().count(),
        lambda links: links.last(),
    ):
        assert further(loaded.named_by_links) == further(reference.named_by_links)
    assert draft.pk not in [
        link.from_themablad_id for link in loaded.named_by_links.filter(pk__gt=0)
    ]
    # Rows fetched again know their parent, as after Django's prefetch.
    with django_assert_num_queries(1):
        assert all(s.themablad is loaded for s in loaded.kader.filter(pk__gt=0))


FURTHER = (
    lambda rows: [row.pk for row in rows.filter(pk__gt=0)],
    lambda rows: list(rows.order_by("-pk").values_list("pk", flat=True)),
    lambda rows: rows.exclude(pk__in=[row.pk for row in rows.all()[:1]]).count(),
    lambda rows: rows.filter(pk__lt=0).exists(),
    lambda rows: [row.pk for row in rows.all()],
)


def test_every_loaded_relation_filters_further_as_the_prefetch_would(seed):
    """Many-to-many ones (dilemma's, trefwoorden) and nested ones (a dilemma's options, a
    case's rulings) too: their querysets are built only when asked, by their managers."""
    for page in Themablad.objects.published().filter(slug="omgaan-met-informatie"):
        loaded = Themablad.objects.page(slug=page.slug, kind=page.kind)
        reference = Themablad.objects.with_sections().get(pk=page.pk)
        pairs = [(getattr(loaded, r.name), getattr(reference, r.name)) for r in PAGE_RELATIONS]
        for nested, parent in (("options", "dilemmas"), ("citations", "casussen")):
            rows = zip(getattr(loaded, parent).all(), getattr(reference, parent).all(), strict=True)
            pairs += [(getattr(a, nested), getattr(b, nested)) for a, b in rows]
        assert len(pairs) > len(PAGE_RELATIONS)
        for mine, theirs in pairs:
            assert isinstance(mine.all(), type(theirs.all()))
            for further in FURTHER:
                assert further(mine) == further(theirs)


def test_a_loaded_relation_still_filters_as_its_relation_would_after_the_page_changed(seed):
    """refresh_from_db() and a related manager's add() empty the page's prefetch cache; rows
    handed over before still filter further for this page only, every time."""
    loaded = Themablad.objects.page(slug="omgaan-met-informatie", kind=Themablad.Kind.THEMABLAD)
    kader, tags, dilemmas = loaded.kader.all(), loaded.tags.all(), loaded.dilemmas.all()
    loaded.tags.add("nieuw-trefwoord")
    loaded.refresh_from_db()
    reference = Themablad.objects.with_sections().get(pk=loaded.pk)
    for mine, theirs in (
        (kader, reference.kader.all()),
        (tags, reference.tags.all()),
        (dilemmas, reference.dilemmas.all()),
    ):
        for _ in range(2):
            assert mine.filter(pk__gt=0).count() == theirs.count()
            assert sorted(mine.values_list("pk", flat=True)) == sorted(t.pk for t in theirs)


def test_a_loaded_page_and_its_rows_pickle_as_the_querysets_they_are(seed):
    loaded = Themablad.objects.page(slug="omgaan-met-informatie", kind=Themablad.Kind.THEMABLAD)
    kader = pickle.loads(pickle.dumps(loaded.kader.all()))
    assert type(kader) is type(Themablad.objects.with_sections().get(pk=loaded.pk).kader.all())
    assert [s.pk for s in kader] == [s.pk for s in loaded.kader.all()]
    again = pickle.loads(pickle.dumps(loaded))
    assert page_contents(again) == page_contents(loaded)
    assert again.tags.filter(pk__gt=0).count() == len(loaded.tags.all())


def test_a_compiled_query_takes_only_the_type_it_was_built_for(seed):
    compiled = CompiledQuery(lambda sheet: Themablad.objects.filter(pk=sheet), sheet=int)
    with pytest.raises(TypeError, match="sheet must be int"):
        compiled.run(sheet="1")
    with pytest.raises(TypeError, match="sheet must be int"):
        compiled.run(sheet=True)


def test_a_page_loads_the_same_from_the_driver_as_query_by_query(seed):
    """The page's queries go straight to the driver (on PostgreSQL together, in psycopg's
    pipeline mode; on SQLite without Django's cursor wrapper) unless something watches them one
    by one, as a query count does: both ways give the same."""
    from portal.compiled import _unwatched

    assert _unwatched(connection)
    for page in Themablad.objects.published():
        together = Themablad.objects.page(slug=page.slug, kind=page.kind)
        with CaptureQueriesContext(connection) as watched:
            one_by_one = Themablad.objects.page(slug=page.slug, kind=page.kind)
        assert len(watched.captured_queries) == 12  # the page, and each of its 11 relations
        assert page_contents(together) == page_contents(one_by_one), page.slug


def _driver_in_transaction() -> bool:
    if connection.vendor == "sqlite":
        return connection.connection.in_transaction
    return False  # PostgreSQL: each statement of the pipeline sees its own moment anyway


def test_a_page_and_its_rows_are_read_in_one_transaction_closed_after(
    transactional_db, monkeypatch
):
    """Outside a transaction (as a server's request is), SQLite reads the page and its rows in
    one transaction of the driver: one state of the database, one file lock. It is closed
    after the page is read, also when the reading fails, and nested in another it changes
    nothing."""
    import themabladen.models as models
    from portal.compiled import read_transaction

    sheet = Themablad.objects.create(number=901, title="Blad", slug="blad", status="gepubliceerd")
    KaderStatement.objects.create(themablad=sheet, position=1, text="Ik lees het blad.")
    import portal.compiled

    reading, run_on_driver = [], portal.compiled._run_on_driver

    def watched(connection, queries, *args):
        reading.append((len(queries), _driver_in_transaction()))
        return run_on_driver(connection, queries, *args)

    monkeypatch.setattr(portal.compiled, "_run_on_driver", watched)
    loaded = Themablad.objects.page(slug="blad", kind=Themablad.Kind.THEMABLAD)
    # The page, then its 11 relations: both within the one transaction.
    in_one = connection.vendor == "sqlite"
    assert reading == [(1, in_one), (len(models.PAGE_RELATIONS) + 2, in_one)]
    assert not _driver_in_transaction()
    reference = Themablad.objects.with_sections().select_related("stewardship").get(pk=sheet.pk)
    assert page_contents(loaded) == page_contents(reference)

    with read_transaction():
        Themablad.objects.page(slug="blad", kind=Themablad.Kind.THEMABLAD)
        assert _driver_in_transaction() == (connection.vendor == "sqlite")  # still the outer
    assert not _driver_in_transaction()

    def failing(queries, **values):
        raise RuntimeError("de database viel weg")

    monkeypatch.setattr(models, "run_together", failing)  # the relations' batch fails
    with pytest.raises(RuntimeError):
        Themablad.objects.page(slug="blad", kind=Themablad.Kind.THEMABLAD)
    assert not _driver_in_transaction()
    with pytest.raises(Themablad.DoesNotExist):
        Themablad.objects.page(slug="geen-blad", kind=Themablad.Kind.THEMABLAD)
    assert not _driver_in_transaction()
    # Django's own transactions work as before.
    with transaction.atomic():
        KaderStatement.objects.create(themablad=sheet, position=2, text="Ik schrijf.")
    assert sheet.kader.count() == 2


# -- related_all: a relation's rows without its manager ---------------------------------------

SHEET = {"slug": "omgaan-met-informatie", "kind": Themablad.Kind.THEMABLAD}


class RelatedAllMachine(RuleBasedStateMachine):
    """A sheet loaded as its page loads it, by Django's own prefetch or plainly; changed through
    its relations' managers, its rows deleted, refreshed. Whatever came before, `related_all`
    gives what the relation's manager gives, and while the rows are handed over, the very
    queryset the manager would give."""

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()  # each example rolled back, as a test is
        self.atomic.__enter__()
        self.words = count(1)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @initialize()
    def load(self):
        self.load_as_the_page_does()

    @rule()
    def load_as_the_page_does(self):
        self.sheet = Themablad.objects.page(**SHEET)

    @rule()
    def load_with_djangos_prefetch(self):
        self.sheet = Themablad.objects.with_sections().get(**SHEET)

    @rule()
    def load_plainly(self):
        self.sheet = Themablad.objects.get(**SHEET)

    @rule()
    def add_a_tag(self):
        self.sheet.tags.add(f"woord-{next(self.words)}")

    @rule()
    def remove_a_tag(self):
        tag = self.sheet.tags.first()
        if tag is not None:
            self.sheet.tags.remove(tag)

    @rule()
    def add_a_kader_statement(self):
        self.sheet.kader.create(position=99, text=f"Ik {next(self.words)}.")

    @rule()
    def delete_an_answer_option(self):
        dilemma = self.sheet.dilemmas.first()
        option = dilemma.options.first() if dilemma else None
        if option is not None:
            option.delete()

    @rule()
    def refresh(self):
        self.sheet.refresh_from_db()

    @invariant()
    def related_all_is_the_relations_all(self):
        pairs = [(self.sheet, relation.name) for relation in PAGE_RELATIONS]
        pairs += [(d, "options") for d in related_all(self.sheet, "dilemmas")]
        pairs += [(c, "citations") for c in related_all(self.sheet, "casussen")]
        for instance, name in pairs:
            mine, theirs = related_all(instance, name), getattr(instance, name).all()
            held = getattr(instance, "_prefetched_objects_cache", {}).values()
            if any(rows is theirs for rows in held):
                assert mine is theirs, name
            assert type(mine) is type(theirs), name
            assert [row.pk for row in mine] == [row.pk for row in theirs], name


def test_related_all_refuses_an_instance_without_primary_key_as_the_manager_does(seed):
    sheet = Themablad.objects.page(**SHEET)
    assert list(related_all(sheet, "kader"))
    sheet.pk = None  # as when a page is copied
    for name in ("kader", "tags", "dilemmas"):
        with pytest.raises(ValueError) as by_manager:
            getattr(sheet, name).all()
        with pytest.raises(ValueError) as by_related_all:
            related_all(sheet, name)
        assert str(by_related_all.value) == str(by_manager.value)


def test_related_all_gives_what_the_relation_gives_whatever_came_before(seed):
    run_state_machine_as_test(
        RelatedAllMachine,
        settings=settings(
            max_examples=15,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
