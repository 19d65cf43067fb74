"""Keeps the search index in step with the content: one sheet at a time, or all of it."""

import contextlib
import threading
from collections import Counter

from django.db import connection, transaction

from portal.caching import content_changed
from themabladen.models import Themablad
from themabladen.sections import SECTIONS

from . import analysis
from .models import Kind, SearchDocument, VocabularyEntry

_state = threading.local()


def _doc(themablad, kind, position, title, url, text="", *, a="", b="", c="", ecli=""):
    doc = SearchDocument(
        kind=kind,
        themablad=themablad,
        position=position,
        title=title[:300],
        url=url,
        text=text,
        ecli=ecli,
        terms_a=analysis.term_string(a),
        terms_b=analysis.term_string(b),
        terms_c=analysis.term_string(c),
    )
    doc.size = sum(len(terms.split()) for terms in (doc.terms_a, doc.terms_b, doc.terms_c))
    if connection.vendor == "postgresql":
        # Computed in the INSERT itself: no second write of every row, no dead tuples.
        from .engine import postgres_vector

        doc.vector = postgres_vector(doc)
    return doc


def documents_for(themablad: Themablad) -> list[SearchDocument]:
    """The documents of one published sheet."""
    base = themablad.get_absolute_url()
    tags = " ".join(tag.name for tag in themablad.tags.all())
    intro = themablad.inleiding if themablad.available else ""
    # A page of Integriteit in de praktijk is found as such, never as "themablad".
    kind, label = (
        (Kind.PRAKTIJK, "integriteit in de praktijk")
        if themablad.is_practice_page
        else (Kind.THEMABLAD, f"themablad {themablad.number or ''}")
    )
    docs = [
        _doc(
            themablad,
            kind,
            0,
            themablad.title,
            base,
            intro,
            a=f"{themablad.title} {label}",
            b=tags,
            c=f"{intro}\n{themablad.guidelines_intro if themablad.available else ''}",
        )
    ]
    if not themablad.available:
        return docs
    for section in SECTIONS:
        for entry in section.search_entries(themablad, section.rows(themablad)):
            docs.append(
                _doc(
                    themablad,
                    entry.kind,
                    len(docs),
                    entry.title,
                    entry.url,
                    entry.text,
                    a=entry.a,
                    b=entry.b,
                    c=entry.c,
                    ecli=entry.ecli,
                )
            )
    return docs


def _store(docs: list[SearchDocument]) -> None:
    SearchDocument.objects.bulk_create(docs, batch_size=500)


def _word_counts(docs) -> Counter:
    counts = Counter()
    for doc in docs:
        for word in analysis.words(f"{doc.title} {doc.text}"):
            if 3 <= len(word) <= 100 and word not in analysis.STOP_WORDS and word.isalpha():
                counts[word] += 1
    return counts


def _spellings(docs) -> dict[str, str]:
    """Per normalised word, the form the texts write it in most often (accents, capitals)."""
    forms: dict[str, Counter] = {}
    normalized: dict[str, str] = {}  # texts repeat their words; normalising is the cost
    for doc in docs:
        for token in analysis.WORD.findall(f"{doc.title} {doc.text}"):
            if token not in normalized:
                normalized[token] = analysis.normalize(token)
            forms.setdefault(normalized[token], Counter())[token] += 1
    return {
        word: spelling
        for word, counter in forms.items()
        # Only a form of the same length can stand in for the word letter by letter.
        if len(spelling := counter.most_common(1)[0][0]) == len(word)
    }


def _vocabulary_entry(word: str, frequency: int, spellings: dict[str, str]) -> VocabularyEntry:
    terms = f" {' '.join(sorted(analysis.word_terms(word)))} "[:400]
    return VocabularyEntry(
        word=word, spelling=spellings.get(word, ""), terms=terms, frequency=frequency
    )


def _update_vocabulary(removed: Counter, added: Counter, spellings: dict[str, str]) -> None:
    """Keep word frequencies exact, so a word whose last published use is gone (its sheet went
    back to draft) is never offered as "bedoelde u …?"."""
    delta = Counter(added)
    delta.subtract(removed)
    words = [word for word, change in delta.items() if change]
    if not words:
        return
    existing = {entry.word: entry for entry in VocabularyEntry.objects.filter(word__in=words)}
    changed, gone, new = [], [], []
    for word in words:
        entry = existing.get(word)
        if entry is None:
            if delta[word] > 0:
                new.append(_vocabulary_entry(word, delta[word], spellings))
            continue
        entry.frequency = max(0, entry.frequency + delta[word])
        (changed if entry.frequency else gone).append(entry)
    VocabularyEntry.objects.filter(pk__in=[entry.pk for entry in gone]).delete()
    VocabularyEntry.objects.bulk_update(changed, ["frequency"], batch_size=500)
    VocabularyEntry.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)


@transaction.atomic
def reindex_themabladen(themablad_ids) -> None:
    """Rebuild the documents of these sheets; sheets that are not published lose theirs."""
    ids = {pk for pk in themablad_ids if pk is not None}
    if not ids:
        return
    if getattr(_state, "deferred", None) is not None:
        _state.deferred |= ids
        return
    old = SearchDocument.objects.filter(themablad_id__in=ids)
    removed = _word_counts(old.only("title", "text"))
    old.delete()
    sheets = Themablad.objects.published().filter(pk__in=ids).prefetch_related("kader", "tags")
    docs = []
    for themablad in sheets:
        docs.extend(documents_for(themablad))
    _store(docs)
    _update_vocabulary(removed, _word_counts(docs), _spellings(docs))


@transaction.atomic
def rebuild_index() -> int:
    """Throw the whole index away and build it again from the published sheets."""
    SearchDocument.objects.all().delete()
    VocabularyEntry.objects.all().delete()
    docs = []
    for themablad in Themablad.objects.published().prefetch_related("kader", "tags"):
        docs.extend(documents_for(themablad))
    _store(docs)
    spellings = _spellings(docs)
    VocabularyEntry.objects.bulk_create(
        (_vocabulary_entry(word, n, spellings) for word, n in _word_counts(docs).items()),
        batch_size=500,
    )
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner takes the new index for empty and picks nested loops.
        with connection.cursor() as cursor:
            for table in (
                "search_searchdocument",
                "search_vocabularyentry",
                "themabladen_themablad",
            ):
                cursor.execute(f"ANALYZE {table}")
    content_changed()  # the search pages read the index, written here without signals
    return len(docs)


@contextlib.contextmanager
def deferred_indexing(*, rebuild: bool = False):
    """Collect the sheets that changed and index them once at the end (bulk loads).

    With rebuild=True the whole index is rebuilt at the end instead, which also catches rows that
    bulk_create wrote without sending signals.
    """
    outer = getattr(_state, "deferred", None)
    if outer is not None:
        yield
        return
    _state.deferred = set()
    try:
        yield
    finally:
        pending, _state.deferred = _state.deferred, None
    if rebuild:
        rebuild_index()
    else:
        reindex_themabladen(pending)


def rebuilds_search_index(function):
    """Decorator for bulk loaders: no per-row indexing, one full rebuild at the end."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with deferred_indexing(rebuild=True):
            return function(*args, **kwargs)

    return wrapper
