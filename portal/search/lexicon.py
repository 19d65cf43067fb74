"""Dutch words from Debian's hunspell-nl word list (OpenTaal), to tell compounds from look-alikes.

`auto` is a part of `politieauto` but not of `autorisaties`: only in the first is the rest a
word. The list is read once per process (about 180,000 stems, ~0.3 s); without it (the
package `hunspell-nl` missing) `available()` is False and search falls back to its own rules.
"""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from . import analysis

DEFAULT_PATH = "/usr/share/hunspell/nl.dic"
# Endings that make a stem in the list into the written form: club → clubs, kaart → kaarten.
INFLECTIONS = ("s", "en", "n", "e", "er", "es", "je", "jes", "tje", "tjes", "t", "d")
# Sounds that join the parts of a compound: gemeenschap-s-geld, pannenkoek, zielenrust.
LINKING = ("s", "e", "en", "n")
MIN_PART = 3
MAX_PARTS = 3
_WORD = re.compile(r"^[a-z]+$")


@lru_cache(maxsize=4)
def _load(location: str) -> frozenset[str]:
    try:
        lines = Path(location).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return frozenset()
    words = set()
    for line in lines[1:]:  # the first line is the number of entries
        stem = analysis.normalize(line.split("/", 1)[0].strip())
        if _WORD.match(stem) and len(stem) >= 2:
            words.add(stem)
    return frozenset(words)


def words() -> frozenset[str]:
    # Called for every piece of every split: the setting is read, the file only once.
    return _load(getattr(settings, "SEARCH_LEXICON_PATH", DEFAULT_PATH))


def available() -> bool:
    return bool(words())


def is_word(text: str) -> bool:
    """A word of the list, possibly inflected (clubs, kaartjes)."""
    lexicon = words()
    if text in lexicon:
        return True
    # A stem of three letters with an ending is mostly a look-alike (b-ankje, aties).
    return any(
        text.endswith(ending) and _stem_in(text, ending, lexicon, longer_than=MIN_PART)
        for ending in INFLECTIONS
    )


def _stem_in(text: str, ending: str, lexicon, *, longer_than: int) -> bool:
    stem = text[: -len(ending)]
    return len(stem) > longer_than and stem in lexicon


def _is_part(text: str, *, last: bool) -> bool:
    if len(text) < MIN_PART:
        return False
    if last:
        return is_word(text)
    lexicon = words()
    return text in lexicon or any(
        text.endswith(sound) and _stem_in(text, sound, lexicon, longer_than=MIN_PART - 1)
        for sound in LINKING
    )


@lru_cache(maxsize=20_000)
def split(word: str) -> tuple[str, ...]:
    """The parts of a compound, fewest first ("netwerkborrel" → netwerk, borrel), linking sounds
    kept on the part before them; () when the word is no compound of listed words."""
    if not available() or len(word) < 2 * MIN_PART or not word.isalpha():
        return ()
    best: dict[int, tuple[str, ...]] = {0: ()}
    for end in range(MIN_PART, len(word) + 1):
        for start in sorted(best):
            whole = start == 0 and end == len(word)
            if whole or end - start < MIN_PART or len(best[start]) >= MAX_PARTS:
                continue
            piece = word[start:end]
            if not _is_part(piece, last=end == len(word)):
                continue
            candidate = (*best[start], piece)
            if end not in best or len(candidate) < len(best[end]):
                best[end] = candidate
    parts = best.get(len(word), ())
    return parts if len(parts) > 1 else ()


def head_forms(part: str) -> set[str]:
    """A part without its linking sound: "gemeenschaps" → {"gemeenschaps", "gemeenschap"}."""
    return {part} | {
        part[: -len(sound)]
        for sound in LINKING
        if part.endswith(sound) and part[: -len(sound)] in words()
    }


def is_modifier(text: str) -> bool:
    """A word that can stand in front of another in a compound (politie-, gemeenschaps-)."""
    return _is_part(text, last=False) or is_word(text)
