"""Suggestions while typing in the search box: the last word completed, and matching sheet titles.

Two small queries per request. The vocabulary is built from published content only
(portal.search.indexing), and sheet titles are read through Themablad.objects.published(), so a
draft never leaks through a suggestion.
"""

import re

from themabladen.models import Themablad

from . import analysis
from .models import VocabularyEntry

MAX_SUGGESTIONS = 8
MAX_TITLES = 3
MIN_PREFIX = 2

# The word being typed: letters and digits at the very end, so "%", "_" and other punctuation
# never become part of a LIKE pattern (Django escapes them as well).
_LAST_WORD = re.compile(r"[^\W_]+$")


def suggest(raw: str) -> list[str]:
    query, cut = analysis.clean_query(raw)
    # A text longer than the box allows is not being typed; completing its cut-off end would
    # put words in the box the user never wrote.
    match = None if cut else _LAST_WORD.search(query)
    if match is None:
        return []
    typed = match.group()
    prefix = analysis.normalize(typed)
    if len(prefix) < MIN_PREFIX:
        return []
    # What was typed stays as typed ("Privé" → "Privéaccounts"): browsers only show the datalist
    # options that contain the text in the box.
    upper = typed.isupper() and len(typed) > 1
    completions = [
        query + (rest.upper() if upper else rest)
        for rest in (word[len(prefix) :] for word in _completions(prefix))
    ]
    # Offering exactly what is in the box already would only take a place.
    suggestions, seen = [], {analysis.normalize(query)}
    for text in _titles(prefix) + completions:
        key = analysis.normalize(text)
        if key not in seen:
            seen.add(key)
            suggestions.append(text)
    return suggestions[:MAX_SUGGESTIONS]


def _completions(prefix: str) -> list[str]:
    """Words starting with the prefix, as the content writes them ("privé…", not "prive…")."""
    entries = (
        VocabularyEntry.objects.filter(word__startswith=prefix)
        .exclude(word=prefix)
        .order_by("-frequency", "word")
        .values_list("word", "spelling")
    )
    return [(spelling or word).lower() for word, spelling in entries[:MAX_SUGGESTIONS]]


def _titles(prefix: str) -> list[str]:
    # Matched in Python: accent-insensitive prefix matching of words is not portable SQL, and
    # there are only as many titles as sheets.
    titles = Themablad.objects.published().values_list("title", flat=True)
    found = [
        title
        for title in titles
        if any(
            word.startswith(prefix)
            for word in analysis.words(title)
            if word not in analysis.STOP_WORDS
        )
    ]
    return found[:MAX_TITLES]
