"""Searches that found nothing, or whose results nobody opened: counted per normalised query and
day only, for editors to add Zoekwoorden or content (README "Zoeken", privacy rules there).

A click is known without knowing who clicked: a result's link goes through /zoeken/ga/, which
adds one to the day's row of the query it came from and redirects to the result.
"""

import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
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
    if day is None:
        flush()
    cutoff = (day or today()) - timedelta(days=KEEP_DAYS)
    deleted, _ = SearchLog.objects.before(cutoff).delete()
    return deleted


# Counts wait in the process this long (setting SEARCH_LOG_FLUSH_SECONDS) and are then written
# in one transaction: a write per search cost the SQLite search page a commit (+14 ms p50 at
# 100x). At most this many seconds of counts are lost when a process stops.
FLUSH_SECONDS = 10
MAX_PENDING = 200
_pending: dict[tuple[str, object], Counter] = {}
_lock = threading.Lock()
_last_flush = [time.monotonic()]


def _flush_seconds() -> float:
    return getattr(settings, "SEARCH_LOG_FLUSH_SECONDS", FLUSH_SECONDS)


def _add(query: str, **counts) -> None:
    text = normalized(query)
    if not text:
        return
    with _lock:
        _pending.setdefault((text, today()), Counter()).update(counts)
        due = len(_pending) >= MAX_PENDING or time.monotonic() - _last_flush[0] >= _flush_seconds()
    if due:
        flush()


def flush() -> None:
    """Write the counts waiting in this process."""
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _last_flush[0] = time.monotonic()
    if not pending:
        return
    new_day = False
    with transaction.atomic():
        for (text, day), counts in pending.items():
            new_day |= _write(text, day, counts)
    if new_day:
        # Deletion on write: the first row of a query on a day also clears what has expired,
        # so nothing older than KEEP_DAYS stays even when the daily command does not run.
        purge(day=max(day for _, day in pending))


def _write(text: str, day, counts: Counter) -> bool:
    """Add the counts to the day's row of the query; says whether the row is new."""
    updates = {field: F(field) + n for field, n in counts.items()}
    if SearchLog.objects.filter(query=text, day=day).update(**updates):
        return False
    try:
        with transaction.atomic():
            SearchLog.objects.create(query=text, day=day, **counts)
    except IntegrityError:
        # Another process created the day's row first.
        SearchLog.objects.filter(query=text, day=day).update(**updates)
        return False
    return True


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
    flush()
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
