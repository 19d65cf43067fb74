"""Querysets turned into SQL once per process and database, then run with new values.

For the small queries a page makes, most of the ORM's time goes into building the SQL, not into
the database: on the sheet page a query of eleven kader statements took 0.40 ms through the ORM,
of which 0.03 ms in SQLite. A `CompiledQuery` builds its queryset once, with stand-ins for
its parameters, keeps the compiler Django made for it, and then only swaps the parameters,
runs the SQL and turns the rows into model instances the way the ORM itself does (with its
converters and its select_related populators), so what comes back is what the queryset would
have given. (SQLAlchemy's "baked queries" do the same.)

The compiler's `select`, `klass_info`, `get_converters()`, `apply_converters()` and
`RelatedPopulator` are Django internals: tests/test_compiled.py compares compiled
queries with their querysets, so an upgrade of Django that changes them fails there, not on a
page.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import count

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX
from django.db.models import signals
from django.db.models.base import Model, ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import QuerySet, RelatedPopulator
from psycopg import Pipeline

_stand_ins = count(1)


def _stand_in(kind: type):
    """A value no row holds, told apart from the query's own parameters."""
    number = next(_stand_ins)
    if kind is int:
        return -2_000_000_000 + number
    if kind is str:
        return f"\x1fparameter {number}\x1f"
    raise TypeError(f"a compiled query takes int or str parameters, not {kind.__name__}")


@dataclass
class _Compiled:
    compiler: object
    sql: str
    driver_sql: str  # the same in the driver's own parameter style (SQLite's ?)
    params: list
    slots: dict  # parameter name -> its positions in params
    model: type
    names: list  # the model's columns, in the order selected
    fields: slice  # where they are in a row
    plain: bool  # its instances can be made without Model.__init__ (_make)
    populators: list  # select_related
    annotations: dict
    converters: dict


class CompiledQuery:
    """`CompiledQuery(lambda sheet: Kader.objects.filter(themablad=sheet), sheet=int)`, then
    `.run(sheet=12)` gives the statements of sheet 12."""

    def __init__(self, build: Callable, **parameters: type):
        self._build = build
        self._parameters = parameters
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, using: str) -> _Compiled:
        stand_ins = {name: _stand_in(kind) for name, kind in self._parameters.items()}
        compiler = self._build(**stand_ins).query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        slots = {}
        for name, value in stand_ins.items():
            slots[name] = [i for i, param in enumerate(params) if param == value]
            if not slots[name]:
                raise ValueError(f"the query does not use its parameter {name!r}")
        columns = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(columns):
            raise ValueError("a compiled query cannot select a composite primary key")
        klass_info = compiler.klass_info
        fields = slice(klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1)
        names = [column[0].target.attname for column in compiler.select[fields]]
        if connections[using].vendor == "sqlite":
            # What Django's SQLite cursor does to every statement, done once.
            driver_sql = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
        else:
            driver_sql = sql
        compiled = _Compiled(
            compiler=compiler,
            sql=sql,
            driver_sql=driver_sql,
            params=list(params),
            slots=slots,
            model=klass_info["model"],
            names=names,
            fields=fields,
            plain=_is_plain(klass_info["model"], names),
            populators=_populators(klass_info, compiler.select, using),
            annotations=compiler.annotation_col_map,
            converters=compiler.get_converters(columns),
        )
        self._compiled[using] = compiled
        return compiled

    def statement(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> tuple[str, list]:
        """The SQL and its parameters for these values."""
        query = self._compiled.get(using) or self._compile(using)
        params = query.params.copy()
        for name, positions in query.slots.items():
            kind, value = self._parameters[name], values[name]
            # The driver gets the value as it is, so it must be of the type the SQL was built
            # for ("12" for 12 works on SQLite only); a choice (TextChoices) becomes its text.
            if not isinstance(value, kind) or isinstance(value, bool):
                raise TypeError(f"{name} must be {kind.__name__}")
            value = kind(value)
            for position in positions:
                params[position] = value
        return query.sql, params

    def run(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list:
        """The instances for these values (several queries at once: `run_together`)."""
        return run_together([self], using=using, **values)[0]

    def instances(self, rows: list, *, using: str = DEFAULT_DB_ALIAS) -> list:
        """The model instances for rows the statement gave, as the queryset would make them."""
        query = self._compiled[using]
        if query.compiler.has_extra_select:
            rows = [row[: query.compiler.col_count] for row in rows]
        if query.converters:
            rows = query.compiler.apply_converters(rows, query.converters)
        model, names, fields = query.model, query.names, query.fields
        plain = query.plain and not _init_watched(model)
        make = partial(_make, model) if plain else model.from_db
        if not query.populators and not query.annotations:
            return [make(using, names, row[fields]) for row in rows]
        for populator in query.populators:
            populator.ready()
        found = []
        for row in rows:
            instance = make(using, names, row[fields])
            for populator in query.populators:
                populator.populate(row, instance)
            for name, position in query.annotations.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found


def _is_plain(model, names) -> bool:
    """Whether `model.from_db` comes to `_make`: every field selected, in the model's order,
    none with a setter of its own (`Model.__init__` sets them with `setattr`), and the model's
    own `from_db` and `__init__` Django's. A sheet page makes some eighty instances;
    `__init__` was a third of loading them."""
    if model.from_db.__func__ is not Model.from_db.__func__ or model.__init__ is not Model.__init__:
        return False
    for field in model._meta.concrete_fields:
        descriptor = getattr(model, field.attname, None)
        if hasattr(descriptor, "__set__") and not isinstance(
            descriptor, ForeignKeyDeferredAttribute
        ):
            return False
    return names == [field.attname for field in model._meta.concrete_fields]


def _make(model, using, names, values):
    """A row's instance as `model.from_db(using, names, values)` makes it, for a plain model
    (`_is_plain`) whose init signals nobody listens to."""
    instance = model.__new__(model)
    state = instance._state = ModelState()
    state.adding = False
    state.db = using
    instance.__dict__.update(zip(names, values, strict=True))
    return instance


class _Populator(RelatedPopulator):
    """Django's select_related populator, making the related row's instance as `_make` does
    where that is the same (`populate` is Django's but for that)."""

    def __init__(self, klass_info, select, db):
        super().__init__(klass_info, select, db)
        self.related_populators = _populators(klass_info, select, db)
        self.plain = self.reorder_for_init is None and _is_plain(self.model_cls, self.init_list)
        self.makes = self.plain

    def ready(self):
        """Before a query's rows: whether `_make` may make this relation's instances, asked
        once for all rows (whether anyone listens to init signals is a lookup in a weak
        dictionary, behind the signal's lock)."""
        self.makes = self.plain and not _init_watched(self.model_cls)
        for populator in self.related_populators:
            populator.ready()

    def populate(self, row, from_obj):
        model = self.model_cls
        if not self.makes:
            return super().populate(row, from_obj)
        values = row[self.cols_start : self.cols_end]
        if values[self.pk_idx] is None:
            instance = None
        else:
            instance = _make(model, self.db, self.init_list, values)
            for populator in self.related_populators:
                populator.populate(row, instance)
        self.local_setter(from_obj, instance)
        if instance is not None:
            self.remote_setter(instance, from_obj)


def _populators(klass_info, select, db) -> list:
    return [_Populator(info, select, db) for info in klass_info.get("related_klass_infos", [])]


def _init_watched(model) -> bool:
    return signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model)


def run_together(queries: list, *, using: str = DEFAULT_DB_ALIAS, **values) -> list[list]:
    """The instances of several compiled queries with the same values, in one round trip
    where the database allows: PostgreSQL's pipeline mode (psycopg) sends them all before
    reading any answer. On a sheet page that is 11 queries, 3.3 -> 1.8 ms on this machine.

    Only when nothing watches the queries one by one (Django's query log in DEBUG and in the
    tests' query counts, execute wrappers): then they run one after another, as anywhere else.
    """
    connection = connections[using]
    statements = [query.statement(using=using, **values) for query in queries]
    if _unwatched(connection):
        results = _run_on_driver(connection, queries, statements, using)
    else:
        with connection.cursor() as cursor:
            results = []
            for sql, params in statements:
                cursor.execute(sql, params)
                results.append(cursor.fetchall())
    return [
        query.instances(rows, using=using) for query, rows in zip(queries, results, strict=True)
    ]


def _run_on_driver(connection, queries, statements, using) -> list[list]:
    """The rows of each statement, straight from the database driver: on PostgreSQL all sent
    before any answer is read (psycopg's pipeline mode), on SQLite without Django's cursor
    wrapper, which rewrote each statement's parameter style (half the time of the page's
    thirteen queries; `driver_sql` has it done once). The connection is made ready first
    (`_ready`)."""
    _ready(connection)
    with connection.wrap_database_errors:
        raw = connection.connection
        driver = [
            (query._compiled[using].driver_sql, params)
            for query, (_sql, params) in zip(queries, statements, strict=True)
        ]
        if connection.vendor == "sqlite":
            cursor = raw.cursor()
            try:
                return [cursor.execute(sql, params).fetchall() for sql, params in driver]
            finally:
                cursor.close()
        cursors = []
        with raw.pipeline():
            for sql, params in driver:
                cursor = raw.cursor()
                cursor.execute(sql, params)
                cursors.append(cursor)
        results = [cursor.fetchall() for cursor in cursors]
        for cursor in cursors:
            cursor.close()
        return results


@contextmanager
def read_transaction(using: str = DEFAULT_DB_ALIAS):
    """The statements run within read one state of an SQLite database, in one transaction
    of the driver. Outside a transaction SQLite takes and releases its file lock for every
    statement, and checks that no other process changed the file (some eight system calls
    each); a page's thirteen statements, read together, do so once.

    Only for code that reads: Django does not know of this transaction, so an atomic() within
    it fails on SQLite ("cannot start a transaction within a transaction"), and the tests,
    which run inside Django's own transaction, would not see that. A write, or a signal
    receiver that writes, does not belong inside.

    Nothing to do when a transaction is open already (Django's or another of these), where
    something watches queries one by one (they go through Django's cursor then), and on
    PostgreSQL, where the statements go out together already (`run_together`) and each sees
    the database as it was when it began (READ COMMITTED)."""
    connection = connections[using]
    if (
        connection.vendor != "sqlite"
        or connection.in_atomic_block
        or not connection.get_autocommit()
        or not _unwatched(connection)
    ):
        yield
        return
    _ready(connection)
    raw = connection.connection
    if raw.in_transaction:  # within another read_transaction
        yield
        return
    with connection.wrap_database_errors:
        raw.execute("BEGIN")
    try:
        yield
    finally:
        if raw.in_transaction:
            with connection.wrap_database_errors:
                raw.execute("COMMIT")


def _ready(connection) -> None:
    """Make the connection ready as Django's own cursor() does: one the server dropped (a
    restart, a fail-over, an idle timeout) is replaced (CONN_HEALTH_CHECKS, once a request),
    a closed one is opened."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_no_broken_transaction()


def _unwatched(connection) -> bool:
    """Whether the statements may go to the driver directly: nothing watches queries one by
    one (Django's query log in DEBUG and in the tests' query counts, execute wrappers), and on
    PostgreSQL psycopg has pipeline mode."""
    if connection.queries_logged or connection.execute_wrappers:
        return False
    if connection.vendor == "postgresql":
        return Pipeline.is_supported()
    return connection.vendor == "sqlite"


class _HandedOver:
    """Rows handed to an instance's relation (`page.kader.all()`), as Django's prefetch leaves
    them: read as they are; anything more (filter further, order, exclude) works on the
    relation's own queryset, which the related manager builds only when it is first needed.
    Building it for every relation of every loaded row cost a third of loading a sheet page
    (its trefwoorden alone 0.2 ms: taggit builds a join)."""

    # (instance, relation name, prefetch cache name, the relation's own queryset or None)
    # while not built
    _relation = None
    _queryset_class = QuerySet  # the class this one hands over rows of (hand_over)

    @property
    def query(self):
        if self._relation is not None:
            self._build_relation()
        return QuerySet.query.fget(self)

    @query.setter
    def query(self, value):
        QuerySet.query.fset(self, value)

    def _build_relation(self):
        instance, name, cache_name, own = self._relation
        # Out of the instance's prefetch cache while the manager builds, or it hands back
        # these rows again. They may be gone already: refresh_from_db() and the related
        # manager's add/remove/clear/set empty the cache (and then it stays so).
        cache = getattr(instance, "_prefetched_objects_cache", {})
        held = cache.pop(cache_name, None)
        try:
            built = relation_queryset(getattr(instance, name), own)
        finally:
            if held is not None:
                cache[cache_name] = held
        rows = self._result_cache
        self.__dict__.update(built.__dict__)
        self._result_cache, self._prefetch_done = rows, True
        del self.__dict__["_relation"]  # built: a queryset like any other from here on

    def __reduce__(self):
        # Pickled as the queryset its relation is (its class is made in this process only).
        if self._relation is not None:
            self._build_relation()
        return (_new_queryset, (self._queryset_class,), self.__getstate__())


def _new_queryset(cls):
    return cls.__new__(cls)


def relation_queryset(manager, own=None):
    """What a related manager gives for its instance, or, given the relation's own queryset
    (a `Prefetch`'s), that queryset for its instance, as Django's prefetch builds it."""
    if own is None:
        return manager.get_queryset()
    return manager._apply_rel_filters(own._chain())


# Per model and relation name: the prefetch cache its handed-over rows are kept under.
_cache_names: dict[tuple, str] = {}


def related_all(instance, name: str):
    """`instance.<name>.all()`: the very queryset, but without making the related manager
    when the rows were handed over (`hand_over`). Django makes a manager on every read of a
    relation (a class's worth of attributes, a filter), and a sheet page reads some thirty:
    a twentieth of the page."""
    cache_name = _cache_names.get((type(instance), name))
    # Without a primary key (deleted, or being copied) the manager refuses: so does this.
    if cache_name is not None and instance.pk is not None:
        try:
            return instance._prefetched_objects_cache[cache_name]
        except (AttributeError, KeyError):  # not handed over to this one, or let go since
            pass
    return getattr(instance, name).all()


# Per queryset class and model: the class of its handed-over rows, and the attributes a new
# queryset of it starts with (QuerySet.__init__'s, made once; its empty query is never used,
# since the relation's own is built before anything reads it).
_handed_over: dict[tuple, tuple[type, dict]] = {}


def hand_over(instance, name: str, rows: list, *, own, model, queryset_class, cache_name, using):
    """Give `instance.<name>.all()` these rows as Django's prefetch_related would: for a
    relation that keeps prefetched rows under `cache_name`, `queryset_class` of `model`, from
    `own` (the relation's own queryset, as in a `Prefetch`) or, if None, from its manager's.
    The rows must already know their parent (a foreign key's cached value)."""
    try:
        cls, state = _handed_over[queryset_class, model]
    except KeyError:
        cls = type(
            queryset_class.__name__,
            (_HandedOver, queryset_class),
            {"_queryset_class": queryset_class},
        )
        cls.__qualname__ = queryset_class.__qualname__
        state = vars(QuerySet(model=model))
        cls, state = _handed_over.setdefault((queryset_class, model), (cls, state))
    _cache_names[type(instance), name] = cache_name
    queryset = cls.__new__(cls)
    queryset.__dict__.update(state)
    queryset._db = using
    queryset._relation = (instance, name, cache_name, own)
    queryset._result_cache = rows
    queryset._prefetch_done = True
    try:
        instance._prefetched_objects_cache[cache_name] = queryset
    except AttributeError:
        instance._prefetched_objects_cache = {cache_name: queryset}
