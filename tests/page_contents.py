"""What a loaded page holds, as plain data: to compare Themablad.objects.page() (compiled
queries) with with_sections() (Django's prefetch) field by field and row by row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from themabladen.models import PAGE_RELATIONS


def fields_of(instance) -> list | None:
    """A row's fields, each with its type: 1 == True, but a page shows 1 where it should say
    "ja", so a missing converter must show."""
    if instance is None:
        return None
    values = (getattr(instance, field.attname) for field in instance._meta.concrete_fields)
    return [(type(value).__name__, value) for value in values]


def _cached(instance) -> dict:
    """The related objects already loaded with the row (select_related, or its parent)."""
    return {
        name: (type(value).__name__, value.pk if value is not None else None)
        for name, value in instance._state.fields_cache.items()
    }


def page_contents(page) -> dict:
    """Every row the page's relations hold, with its fields and what came with it; reading
    them must cost no query (they were loaded with the page)."""
    contents = {"page": fields_of(page), "with": _cached(page)}

    def walk(parent, relations, path):
        for relation in relations:
            rows = list(getattr(parent, relation.name).all())
            key = f"{path}/{relation.name}"
            if relation.name == "tags":  # in no order of their own: the page sorts them by name
                rows.sort(key=lambda row: row.pk)
            contents[key] = [(fields_of(row), _cached(row)) for row in rows]
            for row in rows:
                walk(row, relation.children, f"{key}:{row.pk}")

    with CaptureQueriesContext(connection) as queries:
        walk(page, PAGE_RELATIONS, "")
    assert not queries.captured_queries, [q["sql"] for q in queries.captured_queries]
    return contents
