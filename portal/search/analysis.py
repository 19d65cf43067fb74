"""Dutch text analysis, done in Python so that PostgreSQL and SQLite index the very same terms.

Neither engine stems Dutch well (PostgreSQL's `dutch` is the old Porter stemmer, FTS5 has none),
so both receive pre-analysed terms: lower case, accents stripped, stop words dropped, and every
word indexed under two stems. Measured (tests/test_search_properties.py and the relevance test):
the Kraaij-Pohlmann stemmer (`dutch`) joins declaratie/declaraties/gedeclareerd but not
declareren; the Porter stemmer (`dutch_porter`) joins crimineel/criminelen but not
declaratie/declaraties. Indexing both, with doubled vowels collapsed (declareer → declarer,
kenteek → kentek), makes every family in the issue meet.
"""

import re
import unicodedata
from functools import lru_cache

import simplemma
import snowballstemmer

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12

# Snowball's Dutch stop list plus words that carry no topic in employees' questions
# ("mag ik ...", "wat doe je als ...").
STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere mag mogen jij jou jouw we wij ons onze doe doet wel even welke waar wanneer waarom
    mijzelf jezelf zich mezelf hoe
    word ga gaat gaan zit zitten hebt kun kunt wilt zullen zouden
    """.split()  # noqa: SIM905
)

_KP = snowballstemmer.stemmer("dutch")
_PORTER = snowballstemmer.stemmer("dutch_porter")
# A word: letters and digits. One definition for indexing, queries, snippets and phrases.
WORD = re.compile(r"[^\W_]+")
_DOUBLE_VOWEL = re.compile(r"([aeiou])\1")


def normalize(text: str) -> str:
    """Lower case without accents or control characters: "Privé" → "prive", "creëer" → "creeer"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def words(text: str) -> list[str]:
    """The normalised words of a text, stop words included, in order."""
    return WORD.findall(normalize(text))


def _fixpoint(stemmer, word: str) -> str:
    for _ in range(4):
        stem = stemmer.stemWord(word)
        if stem == word:
            break
        word = stem
    return word


def lemma(word: str) -> str:
    """The dictionary form of a normalised word, from simplemma's Dutch data ("gekregen" →
    "krijgen", "schreeuwt" → "schreeuwen"); the word itself when it has none.

    Accepted only when it begins like the word (after a "ge-"): the data hold look-alikes
    such as "vaart" → "ervaren" that would join unrelated words.
    """
    if len(word) < 4 or not word.isascii() or not word.isalpha():
        return word
    found = normalize(simplemma.lemmatize(word, lang="nl"))
    if found == word or len(found) < 4 or not found.isalpha():
        return word
    bare = word[2:] if word.startswith("ge") else word
    if found[:2] == word[:2] or found[:1] == bare[:1]:
        return found
    return word


def _stems(word: str, *, porter_only: bool = False) -> set[str]:
    stems = {_fixpoint(_PORTER, word)}
    if not porter_only:
        stems.add(word if len(word) <= 3 else _fixpoint(_KP, word))
    # Only the collapsed forms: two stems equal before collapsing are equal after it, so nothing
    # is lost, and vectors and queries stay small (the per-row cost on PostgreSQL).
    return {_DOUBLE_VOWEL.sub(r"\1", stem) for stem in stems}


@lru_cache(maxsize=50_000)
def word_terms(word: str) -> frozenset[str]:
    """The index terms for one normalised word."""
    if not word.isascii() or not word.isalpha():
        # Numbers, article numbers like "55a" and words of other scripts are kept as they are.
        return frozenset({word})
    base = lemma(word)
    # Kraaij-Pohlmann takes every ge- for a participle's (geschenken → "schenk", gezag → "zag");
    # when the dictionary form keeps the ge- (geschenk, gezag), only Porter's stem is used.
    noun = word.startswith("ge") and base.startswith("ge")
    terms = _stems(word, porter_only=noun)
    # Irregular forms meet their dictionary form: gekregen/krijgen, gereden/rijden.
    if base != word:
        terms |= _stems(base, porter_only=noun)
    # Third person singular: "declareert", "meldt" meet "declareer", "meld".
    if len(word) > 4 and (word.endswith("dt") or word.endswith("eert")):
        terms |= word_terms(word[:-1])
    return frozenset(term for term in terms if term)


@lru_cache(maxsize=100_000)
def token_terms(token: str) -> frozenset[str]:
    """The index terms of one word as it is written in a text ("Declaraties")."""
    return word_terms(normalize(token))


def terms(text: str) -> list[str]:
    """Every index term of a text, stop words dropped, in order (duplicates kept for ranking)."""
    result = []
    for word in words(text):
        if word in STOP_WORDS:
            continue
        result.extend(sorted(word_terms(word)))
    return result


def term_string(text: str) -> str:
    return " ".join(terms(text))


def clean_query(raw: str) -> tuple[str, bool]:
    """Strip control characters and cut to MAX_QUERY_CHARS; says whether it was cut."""
    text = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} else ch
        for ch in str(raw or "")[: MAX_QUERY_CHARS * 4]
    )
    text = " ".join(text.split())
    cut = len(text) > MAX_QUERY_CHARS
    return text[:MAX_QUERY_CHARS].strip(), cut


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word (two spaces before, one after), so both engines agree."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
