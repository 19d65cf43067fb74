"""Searches that found nothing, or whose results nobody opened: counted per normalised query and
day only, for editors to add Zoekwoorden or content (README "Zoeken", privacy rules there).

A click is known without knowing who clicked: a result's link goes through /zoeken/ga/, which
adds one to the day's row of the query it came from and redirects to the result.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from . import analysis
from .models import SearchLog

KEEP_DAYS = 90
# A query is shown to editors only once it came back on this many different days: one person
# trying something once says little, and a rare query could point at that person.
MIN_DAYS = 3


def normalized(query: str) -> str:
    """The query as it is kept: lower case, no accents or punctuation ("Privé?" → "prive")."""
    text, _ = analysis.clean_query(query)
    return " ".join(analysis.words(text))[:200].strip()


def today():
    return timezone.localdate()


def purge(*, day=None) -> int:
    """Delete the rows older than KEEP_DAYS days; returns how many."""
    cutoff = (day or today()) - timedelta(days=KEEP_DAYS)
    deleted, _ = SearchLog.objects.before(cutoff).delete()
    return deleted


def _add(query: str, **counts) -> None:
    text = normalized(query)
    if not text:
        return
    day = today()
    updates = {field: F(field) + n for field, n in counts.items()}
    if SearchLog.objects.filter(query=text, day=day).update(**updates):
        return
    try:
        with transaction.atomic():
            SearchLog.objects.create(query=text, day=day, **counts)
    except IntegrityError:
        # Another request created the day's row first.
        SearchLog.objects.filter(query=text, day=day).update(**updates)
        return
    # Deletion on write: the first row of a query on a day also clears what has expired, so
    # nothing older than KEEP_DAYS stays even when the daily command does not run.
    purge(day=day)


def record_search(query: str, *, found_nothing: bool) -> None:
    _add(query, searches=1, empty=1 if found_nothing else 0)


def record_click(query: str) -> None:
    _add(query, clicks=1)


@dataclass
class Unanswered:
    query: str
    days: int
    searches: int
    empty: int
    clicks: int
    words: list[str]


def report() -> list[Unanswered]:
    """Queries that found nothing or were not clicked on at least MIN_DAYS different days, most
    days first."""
    rows = (
        SearchLog.objects.unanswered()
        .values("query")
        .annotate(days=Count("day"))
        .filter(days__gte=MIN_DAYS)
    )
    days = {row["query"]: row["days"] for row in rows}
    totals = (
        SearchLog.objects.filter(query__in=days)
        .values("query")
        .annotate(searches=Sum("searches"), empty=Sum("empty"), clicks=Sum("clicks"))
    )
    found = [
        Unanswered(
            query=row["query"],
            days=days[row["query"]],
            searches=row["searches"],
            empty=row["empty"],
            clicks=row["clicks"],
            words=[w for w in row["query"].split() if w not in analysis.STOP_WORDS],
        )
        for row in totals
    ]
    return sorted(found, key=lambda item: (-item.days, -item.empty, item.query))
