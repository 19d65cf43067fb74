"""Quoted phrases: of the documents the database found with every word of a phrase, keep those
where the words stand next to each other, in the order typed.

Checked here, in Python, so SQLite and PostgreSQL agree: the indexes hold one or two stems per
word and no stop words, so the engines' own phrase operators (`<->`, FTS5 "a b") would count
stems instead of words. Stop words in the text do not break a phrase (they are not indexed
either), and a word matches in any form that shares a stem with the typed one, as in the index.

Two readings of each document, either of which may show the phrase:

- `title` and `text`, the words a hit shows, with their real word boundaries: exact.
- `terms_a/b/c`, which also hold what those columns lack (tags, a kader statement's group, the
  article behind a legal reference, ECLIs). Word boundaries are gone there, so a run of terms
  counts only if every term in it is a stem of a phrase word, in phrase order: then no other word
  can stand in between. A form whose second stem is not one of the typed word's may be missed
  there, never matched wrongly (unless neighbouring phrase words are forms of one word).
"""

import re

from . import analysis
from .models import SearchDocument


def _token_terms(token: str) -> frozenset[str] | None:
    """Index terms of a word as written, or None for a stop word (skipped, as when indexing)."""
    return None if analysis.normalize(token) in analysis.STOP_WORDS else analysis.token_terms(token)


def _never(_text: str) -> bool:
    return False


def _any(terms) -> str:
    return "(?:" + "|".join(re.escape(term) for term in sorted(terms)) + ")"


class _Phrase:
    """Tells whether a document holds one phrase, given the index terms of each of its words."""

    def __init__(self, words: list[frozenset[str]]):
        self.words = words
        self.done = 1 << (len(words) - 1)
        # What each written word can stand for, kept across documents: they share most words.
        self.masks: dict[str, int] = {}
        # A run of terms, each a stem of its phrase word, in order. A term of the word the run
        # is at stays with it (a second stem, or another form of it right after): only a term
        # that word lacks moves on, so a second stem is not taken for the next word.
        steps = [word - previous for previous, word in zip(words, words[1:], strict=False)]
        run = f"{_any(words[0])}(?: {_any(words[0])})*" + "".join(
            f" {_any(step)}(?: {_any(word)})*" for step, word in zip(steps, words[1:], strict=True)
        )
        self.in_terms = re.compile(rf"(?<!\S){run}(?!\S)").search if all(steps) else _never

    def in_text(self, text: str) -> bool:
        # Shift-and: bit k of `state` says the phrase's first k + 1 words end at this word.
        state = 0
        for token in analysis.WORD.findall(text):
            mask = self.masks.get(token)
            if mask is None:
                terms = _token_terms(token)
                mask = self.masks[token] = -1 if terms is None else self._mask(terms)
            if mask >= 0:
                state = ((state << 1) | 1) & mask
                if state & self.done:
                    return True
        return False

    def _mask(self, terms) -> int:
        return sum(1 << k for k, wanted in enumerate(self.words) if not wanted.isdisjoint(terms))

    def in_row(self, title: str, text: str, *term_strings: str) -> bool:
        # Title and text apart: the last word of a title does not stand next to the text's first.
        return any(self.in_terms(part) for part in term_strings) or any(
            self.in_text(part) for part in {title, text}
        )


def _word_terms(plan, word: str) -> frozenset[str]:
    terms = analysis.word_terms(word)
    for group in plan.groups:
        # A typo the plan corrected is searched as its correction, in a phrase too.
        if group.word == word and group.correction:
            terms |= analysis.word_terms(group.correction)
    return terms


def adjacent_only(plan, matches: list) -> list:
    """The matches in which every phrase of the plan occurs, in their ranked order."""
    if not matches:
        return matches
    wanted = [_Phrase([_word_terms(plan, word) for word in phrase]) for phrase in plan.phrases]
    rows = SearchDocument.objects.filter(id__in=[match.id for match in matches]).values_list(
        "id", "title", "text", "terms_a", "terms_b", "terms_c"
    )
    keep = {row[0] for row in rows if all(phrase.in_row(*row[1:]) for phrase in wanted)}
    return [match for match in matches if match.id in keep]
