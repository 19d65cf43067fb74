"""Querysets turned into SQL once per process and database, then run with new values.

For the small queries a page makes, most of the ORM's time goes into building the SQL, not into
the database: on the sheet page a query of eleven kader statements took 0.40 ms through the ORM,
of which 0.03 ms in SQLite. A `CompiledQuery` builds its queryset once, with stand-ins for
its parameters, keeps the compiler Django made for it, and then only swaps the parameters,
runs the SQL and turns the rows into model instances the way the ORM itself does (with its
converters and its select_related populators), so what comes back is what the queryset would
have given. (SQLAlchemy's "baked queries" do the same.)

The compiler's `select`, `klass_info`, `get_converters()`, `apply_converters()` and
`get_related_populators()` are Django internals: tests/test_compiled.py compares compiled
queries with their querysets, so an upgrade of Django that changes them fails there, not on a
page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators
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
    params: list
    slots: dict  # parameter name -> its positions in params
    model: type
    names: list  # the model's columns, in the order selected
    fields: slice  # where they are in a row
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
        compiled = _Compiled(
            compiler=compiler,
            sql=sql,
            params=list(params),
            slots=slots,
            model=klass_info["model"],
            names=[column[0].target.attname for column in compiler.select[fields]],
            fields=fields,
            populators=get_related_populators(klass_info, compiler.select, using),
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
        sql, params = self.statement(using=using, **values)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return self.instances(rows, using=using)

    def instances(self, rows: list, *, using: str = DEFAULT_DB_ALIAS) -> list:
        """The model instances for rows the statement gave, as the queryset would make them."""
        query = self._compiled[using]
        if query.compiler.has_extra_select:
            rows = [row[: query.compiler.col_count] for row in rows]
        if query.converters:
            rows = query.compiler.apply_converters(rows, query.converters)
        model, names, fields = query.model, query.names, query.fields
        if not query.populators and not query.annotations:
            return [model.from_db(using, names, row[fields]) for row in rows]
        found = []
        for row in rows:
            instance = model.from_db(using, names, row[fields])
            for populator in query.populators:
                populator.populate(row, instance)
            for name, position in query.annotations.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found


def run_together(queries: list, *, using: str = DEFAULT_DB_ALIAS, **values) -> list[list]:
    """The instances of several compiled queries with the same values, in one round trip
    where the database allows: PostgreSQL's pipeline mode (psycopg) sends them all before
    reading any answer. On a sheet page that is 11 queries, 3.3 -> 1.8 ms on this machine.

    Only when nothing watches the queries one by one (Django's query log in DEBUG and in the
    tests' query counts, execute wrappers): then they run one after another, as anywhere else.
    """
    connection = connections[using]
    statements = [query.statement(using=using, **values) for query in queries]
    if _may_pipeline(connection):
        connection.validate_no_broken_transaction()
        with connection.wrap_database_errors:
            raw = connection.connection
            cursors = []
            with raw.pipeline():
                for sql, params in statements:
                    cursor = raw.cursor()
                    cursor.execute(sql, params)
                    cursors.append(cursor)
            results = [cursor.fetchall() for cursor in cursors]
            for cursor in cursors:
                cursor.close()
    else:
        with connection.cursor() as cursor:
            results = []
            for sql, params in statements:
                cursor.execute(sql, params)
                results.append(cursor.fetchall())
    return [
        query.instances(rows, using=using) for query, rows in zip(queries, results, strict=True)
    ]


def _may_pipeline(connection) -> bool:
    if connection.vendor != "postgresql" or connection.queries_logged:
        return False
    if connection.execute_wrappers or connection.connection is None:
        return False
    return Pipeline.is_supported()
