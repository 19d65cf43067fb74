"""Top-3 accuracy of a search over the own-words sets, for the engine and for PostgreSQL's
built-in `dutch` full-text search over the same documents (the obvious alternative)."""

from django.db import connection

from portal.search import analysis
from portal.search.models import SearchDocument
from tests.search_pages import top_sheets


def found(sheet_urls, slugs) -> bool:
    return any(f"/themabladen/{slug}/" in sheet_urls for slug in slugs)


def engine_misses(client, cases) -> list[str]:
    return [query for query, slugs in cases if not found(top_sheets(client, query, n=3), slugs)]


def dutch_fts_top_sheets(query, n=3) -> list[str]:
    """The sheets of the first n documents by PostgreSQL's `dutch` configuration: every word
    optional (OR), ranked by ts_rank, one hit per page as on the search page."""
    words = [w for w in analysis.WORD.findall(analysis.normalize(query)) if w.isalnum()]
    if not words:
        return []
    tsquery = " | ".join(f"'{word}'" for word in words)
    visible = SearchDocument.objects.visible().values("id").query.sql_with_params()
    sql = (
        "SELECT d.url, t.slug FROM search_searchdocument d "
        "JOIN themabladen_themablad t ON t.id = d.themablad_id, "
        "to_tsquery('dutch', %s) q, "
        "to_tsvector('dutch', d.title || ' ' || d.text) v "
        f"WHERE v @@ q AND d.id IN ({visible[0]}) "
        "ORDER BY ts_rank(v, q) DESC, d.id"
    )
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery, *visible[1]])
        rows = cursor.fetchall()
    seen, sheets = set(), []
    for url, slug in rows:
        if url not in seen:
            seen.add(url)
            sheets.append(f"/themabladen/{slug}/")
    return sheets[:n]


def dutch_fts_misses(cases) -> list[str]:
    return [query for query, slugs in cases if not found(dutch_fts_top_sheets(query), slugs)]


def score(cases, misses) -> float:
    return round(100 * (len(cases) - len(misses)) / len(cases), 1)
