"""Turns a user's query into analysed term groups and asks the database for ranked documents.

The query language is forgiving, like a web search box: every word is optional, and documents
matching more of the words come first (then by the engine's own weighted rank: ts_rank on
PostgreSQL, bm25 on SQLite). A "quoted phrase" needs its words side by side, -word excludes. No
byte of the user's text reaches the database as syntax: only analysed terms (letters and
digits) are put into a tsquery or an FTS5 expression, each quoted.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, transaction
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Length

from themabladen.models import Themablad

from . import analysis, lexicon, phrases
from .models import SearchDocument, Synonym, VocabularyEntry

MAX_EXPANSIONS = 30
MIN_CORRECTION_SIMILARITY = 0.45

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass
class Group:
    word: str
    terms: frozenset[str]
    expansions: set[str] = field(default_factory=set)
    required: bool = False
    correction: str = ""
    # How the user wrote the word, and the correction as the content writes it, for "bedoelde u".
    typed: str = ""
    shown_correction: str = ""
    # False when the typed word itself occurs nowhere: its synonyms, compounds or correction
    # then stand in for it fully ("kerstpakket" → geschenk).
    in_content: bool = True

    @property
    def alternatives(self) -> list[str]:
        return sorted(self.terms | self.expansions)

    @property
    def weaker_forms(self) -> list[str]:
        """The alternatives that count less than the word itself."""
        return sorted(self.expansions - self.terms) if self.in_content else []


@dataclass
class Plan:
    groups: list[Group] = field(default_factory=list)
    excluded: list[frozenset[str]] = field(default_factory=list)
    only_stop_words: bool = False
    # Quoted phrases of two or more indexed words, in the order typed.
    phrases: list[list[str]] = field(default_factory=list)

    @property
    def highlight_terms(self) -> set[str]:
        return {term for group in self.groups for term in group.alternatives}

    @property
    def corrected_query(self) -> str:
        if not any(group.correction for group in self.groups):
            return ""
        return " ".join(
            group.shown_correction or group.correction or group.typed or group.word
            for group in self.groups
        )


# Sounds that join the parts of a Dutch compound: gemeenschap-s-geld, pannenkoek, zielenrust.
LINKING_SOUNDS = ("s", "e", "en", "n")


def _left_of_member(part: str, word: str) -> str | None:
    """What precedes `part` in the compound `word` ("" at the start), or None when `part` is no
    meaningful member of it (supporters/supportersclub, auto/politieauto).

    The rest on either side must be at least three letters, so inflections (uitnodiging/-en) and
    prefixes (on-kosten) are not taken for compounds.
    """
    if len(part) < 4 or len(word) < len(part) + 3:
        return None
    index = word.find(part)
    if index < 0:
        return None
    left, right = word[:index], word[index + len(part) :]
    if (left and len(left) < 3) or (right and len(right) < 3):
        return None
    if lexicon.available() and (
        (right and not lexicon.is_word(right)) or (left and not lexicon.is_modifier(left))
    ):
        # auto-risaties, supporters-club: only a rest that is a Dutch word makes a compound.
        return None
    base = analysis.lemma(word)
    if base != word and base.startswith(left) and len(base) - len(left) - len(part) < 3:
        # A form of another word: geldende is gelden (to apply), not a compound of geld.
        return None
    return left


def _modifier_forms(left: str) -> set[str]:
    return {left} | {
        left[: -len(sound)]
        for sound in LINKING_SOUNDS
        if left.endswith(sound) and len(left) - len(sound) >= 3
    }


def _compound_entries(group: Group, vocab) -> list[tuple[str, str, str]]:
    """(vocabulary word, typed part, what precedes it) for the compounds the word may be in."""
    entries = []
    for entry in vocab:
        if entry == group.word:
            continue
        for part in _compound_candidates(group):
            left = _left_of_member(part, entry)
            if left is not None:
                entries.append((entry, part, left))
                break
    return entries


def _short_modifiers(compounds) -> set[str]:
    """Short words in front of a typed part, to be looked up: ge-re-geld is no compound of geld,
    politie-auto is one of auto. Longer ones are taken as words (gemeenschaps-geld)."""
    return {
        form
        for entries in compounds
        for _, _, left in entries
        if 0 < len(left) < 5
        for form in _modifier_forms(left)
    }


def _vocabulary_for(groups: list[Group]) -> dict[str, tuple[frozenset[str], int]]:
    """Vocabulary entries sharing a term with, or containing, one of the typed words.

    One query; the table holds each distinct word once (a few thousand rows), so a scan is cheap
    and nothing needs caching across requests.
    """
    condition = Q()
    for group in groups:
        for candidate in _compound_candidates(group):
            condition |= Q(word__contains=candidate)
        for term in group.terms:
            condition |= Q(terms__contains=f" {term} ")
    rows = VocabularyEntry.objects.filter(condition).values_list("word", "terms", "frequency")
    return {word: (frozenset(terms.split()), frequency) for word, terms, frequency in rows}


def _compound_candidates(group: Group) -> set[str]:
    return {group.word} | {t for t in group.terms if len(t) >= 5 and t.isalpha()}


def _expand(group: Group, vocab, compounds, known_words: set[str], synonyms) -> bool:
    """Add compound and synonym alternatives; says whether the word occurs in the content."""
    known = any(entry_terms & group.terms for entry_terms, _ in vocab.values())
    group.in_content = known
    found = sorted(
        (-vocab[entry][1], entry, part)
        for entry, part, left in compounds
        if len(left) == 0 or len(left) >= 5 or _modifier_forms(left) & known_words
    )
    for _, entry, part in found[:MAX_EXPANSIONS]:
        # Only the compound's own forms: a stem without the part (geregeld → "regel") would
        # match texts that have nothing to do with the typed word.
        group.expansions |= {term for term in vocab[entry][0] if part in term}
    alternatives = _synonyms_of(group.word, synonyms)
    for synonym in alternatives:
        group.expansions |= analysis.word_terms(synonym)
    # An editor's Zoekwoord says what the word means: no guessing at its parts or its spelling.
    return known or bool(found) or bool(alternatives)


def _lookup_words(word: str) -> set[str]:
    """The Zoekwoorden a typed word may be filed under: itself and its dictionary form
    ("cadeautjes" → cadeautje)."""
    return {word, analysis.lemma(word)}


def _synonyms_of(word: str, synonyms: dict[str, str]) -> list[str]:
    found = []
    for key in sorted(_lookup_words(word)):
        found.extend(synonyms.get(key, "").split())
    return found


def _split_compound(word: str, synonyms: dict[str, str]) -> set[str]:
    """Terms of the known words a typed compound consists of, if any: with the Dutch word list
    its parts ("netwerkborrel" → netwerk, borrel) that are in the content or are Zoekwoorden,
    without it two words of the content."""
    parts = lexicon.split(word)
    if parts:
        forms = {form for part in parts for form in lexicon.head_forms(part)}
        known = set(VocabularyEntry.objects.filter(word__in=forms).values_list("word", flat=True))
        terms = set()
        for part in parts:
            for form in lexicon.head_forms(part):
                if form in known:
                    terms |= analysis.word_terms(form)
                for synonym in _synonyms_of(form, synonyms):
                    terms |= analysis.word_terms(synonym)
        return terms
    pieces = set()
    for cut in range(4, len(word) - 3):
        left, right = word[:cut], word[cut:]
        pieces |= {left, right}
        if left.endswith("s"):
            pieces.add(left[:-1])
    known = set(VocabularyEntry.objects.filter(word__in=pieces).values_list("word", flat=True))
    for cut in range(len(word) - 4, 3, -1):
        left, right = word[:cut], word[cut:]
        for head in (left, left[:-1] if left.endswith("s") else None):
            if head in known and right in known:
                return set(analysis.word_terms(head) | analysis.word_terms(right))
    return set()


def _correct(word: str) -> tuple[str, str, frozenset[str]]:
    """The closest vocabulary word, as indexed and as the content writes it, with its terms."""
    entries = VocabularyEntry.objects.all()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        entries = (
            entries.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity", "-frequency", "word")[:10]
        )
    else:
        entries = entries.annotate(size=Length("word")).filter(
            size__gte=len(word) - 3, size__lte=len(word) + 3
        )
    candidates = entries.values_list("word", "terms", "frequency", "spelling")
    # Scored the same way on both engines (pg_trgm's similarity, in Python).
    best = max(
        (
            (analysis.similarity(word, entry), frequency, entry, terms, spelling)
            for entry, terms, frequency, spelling in candidates
        ),
        default=None,
        key=lambda item: (item[0], item[1], item[2]),
    )
    if best and best[0] >= MIN_CORRECTION_SIMILARITY:
        return best[2], best[4].lower() or best[2], frozenset(best[3].split())
    return "", "", frozenset()


def build_plan(query: str) -> Plan:
    text, _ = analysis.clean_query(query)
    plan = Plan()
    saw_words = False
    for match in _TOKEN.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        is_phrase = match.group(2) is not None
        chunk = match.group(2) if is_phrase else match.group(4)
        phrase = []
        for typed in analysis.WORD.findall(chunk):
            word = analysis.normalize(typed)
            saw_words = True
            if word in analysis.STOP_WORDS or len(word) > 60:
                continue
            terms = analysis.word_terms(word)
            if negated:
                plan.excluded.append(terms)
            elif all(group.word != word for group in plan.groups):
                plan.groups.append(Group(word=word, terms=terms, required=is_phrase, typed=typed))
            if is_phrase and not negated:
                phrase.append(word)
            if len(plan.groups) >= analysis.MAX_QUERY_WORDS:
                break
        if len(phrase) > 1:
            plan.phrases.append(phrase)
    plan.only_stop_words = saw_words and not plan.groups
    if not plan.groups:
        return plan
    vocab = _vocabulary_for(plan.groups)
    # One look-up for every word a group may be filed under, its parts included.
    keys = set()
    for group in plan.groups:
        keys |= _lookup_words(group.word)
        keys |= {form for part in lexicon.split(group.word) for form in lexicon.head_forms(part)}
    synonyms = dict(Synonym.objects.filter(word__in=keys).values_list("word", "alternatives"))
    compounds = {group.word: _compound_entries(group, vocab) for group in plan.groups}
    modifiers = _short_modifiers(compounds.values())
    known_words = set(
        VocabularyEntry.objects.filter(word__in=modifiers).values_list("word", flat=True)
        if modifiers
        else ()
    )
    for group in plan.groups:
        if _expand(group, vocab, compounds[group.word], known_words, synonyms):
            continue
        if not group.word.isalpha() or len(group.word) < 4:
            continue
        parts = _split_compound(group.word, synonyms)
        if parts:
            group.expansions |= parts
            continue
        group.correction, group.shown_correction, terms = _correct(group.word)
        group.expansions |= terms
    return plan


@dataclass(frozen=True)
class Match:
    id: int
    kind: str
    themablad_id: int
    url: str
    coverage: int
    score: float


def postgres_vector(doc):
    """The stored vector of a new document, from its analysed term columns."""
    return (
        SearchVector(Value(doc.terms_a), config="simple", weight="A")
        + SearchVector(Value(doc.terms_b), config="simple", weight="B")
        + SearchVector(Value(doc.terms_c), config="simple", weight="C")
    )


def _coverage_tests(group: Group) -> list[tuple[list[str], int]]:
    """What a typed word adds to a document's coverage, by the first test that holds: 2 when the
    document has the word itself (any form), 1 when it has only a compound or synonym of it."""
    weaker = group.weaker_forms
    return [(sorted(group.terms), 2), (weaker, 1)] if weaker else [(group.alternatives, 2)]


def _tsquery(terms) -> str:
    return "(" + " | ".join(f"'{term}'" for term in terms) + ")"


def _fts(terms) -> str:
    return "(" + " OR ".join(f'"{term}"' for term in terms) + ")"


def _expression(plan: Plan, one, and_, or_, not_) -> str:
    required = [one(group.alternatives) for group in plan.groups if group.required]
    optional = [one(group.alternatives) for group in plan.groups if not group.required]
    parts = list(required)
    if optional:
        parts.append("(" + or_.join(optional) + ")")
    expression = and_.join(parts)
    for terms in plan.excluded:
        expression = f"({expression}){not_}{one(sorted(terms))}"
    return expression


class Matches(list):
    """Ranked matches; `capped` when the database had more than `limit` (before phrases)."""

    capped = False


def search_documents(query, *, limit: int = 1000, kind: str = "", themablad_id=None) -> Matches:
    """Ranked matches (best first) for a query string or a Plan; [] when nothing to search.
    `kind` and `themablad_id` keep only documents of that kind or sheet."""
    plan = query if isinstance(query, Plan) else build_plan(query)
    if not plan.groups:
        return Matches()
    narrow = {
        field: value for field, value in [("kind", kind), ("themablad_id", themablad_id)] if value
    }
    if connection.vendor == "postgresql":
        ranked = _search_postgres(plan, limit, narrow)
    else:
        ranked = _search_sqlite(plan, limit, narrow)
    matches = Matches(phrases.adjacent_only(plan, ranked) if plan.phrases else ranked)
    matches.capped = len(ranked) >= limit
    return matches


def _search_postgres(plan: Plan, limit: int, narrow: dict) -> list[Match]:
    def raw(expression):
        return SearchQuery(expression, search_type="raw", config="simple")

    matching = raw(_expression(plan, _tsquery, " & ", " | ", " & !"))
    # ts_rank costs ~16 µs a row on an OR of a dozen terms (measured: 50 ms for 3,100 matches at
    # 100x), so PostgreSQL orders equal coverage by "a word is in the title or kader" (weight A,
    # one @@ per row), then by shorter text: bm25's field weights and length normalisation, cheaply.
    in_title = raw(
        " | ".join(f"'{term}':A" for group in plan.groups for term in group.alternatives)
    )
    # Each row stops at the first WHEN that holds, and a lone word's last test is implied by
    # the row matching at all: every @@ costs ~1 µs a row.
    alone = len(plan.groups) == 1 and not plan.excluded
    coverage = Value(0)
    for group in plan.groups:
        tests = _coverage_tests(group)
        last_weight = tests.pop()[1] if alone else 0
        if alone and not tests:
            coverage = Value(last_weight)
            break
        coverage += Case(
            *(When(vector=raw(_tsquery(terms)), then=Value(weight)) for terms, weight in tests),
            default=Value(last_weight),
        )
    rows = (
        SearchDocument.objects.visible()
        .filter(vector=matching, **narrow)
        .annotate(
            coverage=coverage,
            rank=Case(When(vector=in_title, then=Value(1.0)), default=Value(0.0)),
        )
        .order_by("-coverage", "-rank", "size", "id")
        .values_list("id", "kind", "themablad_id", "url", "coverage", "rank")[:limit]
    )
    with transaction.atomic():
        # The planner prices `vector @@ query` as one cheap operator, so for a common word it
        # prefers testing every row over the GIN index: 18 ms instead of 2 ms at 100x. Only this
        # statement's transaction is affected (safe behind a transaction-pooling proxy too).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        return [Match(*row) for row in rows]


def _search_sqlite(plan: Plan, limit: int, narrow: dict) -> list[Match]:
    tests = [_coverage_tests(group) for group in plan.groups]
    coverage = " + ".join(
        "CASE "
        + " ".join(
            "WHEN search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) "
            f"THEN {weight}"
            for _, weight in group_tests
        )
        + " ELSE 0 END"
        for group_tests in tests
    )
    published, published_params = Themablad.objects.published().values("id").query.sql_with_params()
    sql = (
        "SELECT d.id, d.kind, d.themablad_id, d.url, "
        f"({coverage}) AS coverage, bm25(search_fts, 10.0, 4.0, 1.0) AS score "
        "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND d.themablad_id IN ({published}) "
        + "".join(f"AND d.{column} = %s " for column in narrow)
        + "ORDER BY coverage DESC, score ASC, d.id LIMIT %s"
    )
    params = [_fts(terms) for group_tests in tests for terms, _ in group_tests]
    params += [_expression(plan, _fts, " AND ", " OR ", " NOT ")]
    params += [*published_params, *narrow.values(), limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [Match(*row) for row in rows]
