"""The search page as a service: exact look-ups first, then ranked, filtered, paged hits."""

import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from casuistiek.ecli import find_ecli
from casuistiek.models import Uitspraak
from themabladen.models import Article, Law, Themablad

from . import analysis
from .engine import Group, Plan, build_plan, search_documents
from .models import Kind, SearchDocument

PER_PAGE = 10
# Ranked hits read per query: 100 pages. A broader query says "meer dan" instead of a count.
MAX_MATCHES = 1000
MAX_SHEET_FACETS = 12
SNIPPET_WORDS = 36
# A sheet whose text is not available yet comes after this many passages that answer the
# question from other sheets, when it ranks among the first PLACEHOLDER_WINDOW hits.
PASSAGES_BEFORE_PLACEHOLDER = 2
PLACEHOLDER_WINDOW = 30
TITLE_WORDS = 14

# Ways people write a law that its name and abbreviation do not cover.
LAW_ALIASES = {
    "strafrecht": "sr",
    "wvsr": "sr",
    "wvs": "sr",
    "strafvordering": "sv",
    "wvsv": "sv",
    "ambtenarenwet": "aw",
    "grondwet": "gw",
    "arbo": "arbowet",
    "politiegegevens": "wpg",
    "gdpr": "avg",
}
_ARTICLE_FIRST = re.compile(
    r"^(?:art(?:ikel)?\.?\s*)?(?P<number>\d{1,4}[a-z]{0,3})\s+(?:van\s+(?:de|het)\s+)?(?P<law>\D.*)$"
)
_LAW_FIRST = re.compile(r"^(?P<law>\D.*?)\s+(?:art(?:ikel)?\.?\s*)?(?P<number>\d{1,4}[a-z]{0,3})$")
_SUBDIVISION = re.compile(r"\s+(?:lid\s+\d+|sub\s+[a-z]{1,2}|onder\s+[a-z]{1,2})\b")
_SHEET_NUMBER = re.compile(r"^(?:themablad|tb)\s*(?:nr\.?|nummer)?\s*(?P<number>\d{1,4})$")


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: SafeString
    url: str
    snippet: SafeString = mark_safe("")
    themablad: Themablad | None = None
    exact: bool = False
    # The link through /zoeken/ga/ that counts a click for the query (searchlog).
    click_url: str = ""


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchPage:
    query: str = ""
    cut: bool = False
    redirect_to: str = ""
    exact: list[Hit] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    capped: bool = False
    kinds: list[Facet] = field(default_factory=list)
    themabladen: list[Facet] = field(default_factory=list)
    kind: str = ""
    themablad: str = ""
    page: int = 1
    pages: int = 1
    notices: list[str] = field(default_factory=list)
    suggestion: str = ""
    only_stop_words: bool = False

    @property
    def start(self) -> int:
        return (self.page - 1) * PER_PAGE + 1 + len(self.exact)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def highlight(text: str, terms: set[str], *, limit: int = SNIPPET_WORDS) -> SafeString:
    """Escaped text around the first match, matching words in <mark>; at most `limit` words."""
    text = " ".join(str(text or "").replace("\n- ", "\n").split())
    tokens = list(analysis.WORD.finditer(text))
    if not tokens:
        return mark_safe(escape(text[:300]))
    first = next((i for i, t in enumerate(tokens) if analysis.token_terms(t.group()) & terms), 0)
    begin = max(0, min(first - 8, len(tokens) - limit))
    end = min(len(tokens), begin + limit)
    start_char = tokens[begin].start() if begin else 0
    end_char = tokens[end - 1].end() if end < len(tokens) else len(text)
    parts = ["… " if begin else ""]
    cursor = start_char
    for index in range(begin, end):
        token = tokens[index]
        parts.append(escape(text[cursor : token.start()]))
        word = escape(token.group())
        marked = analysis.token_terms(token.group()) & terms
        parts.append(f"<mark>{word}</mark>" if marked else word)
        cursor = token.end()
    parts.append(escape(text[cursor:end_char]))
    if end < len(tokens):
        parts.append(" …")
    return mark_safe("".join(parts))


def _law_aliases() -> dict[str, Law]:
    laws = {law.key: law for law in Law.objects.all()}
    aliases = {}
    for law in laws.values():
        name = " ".join(analysis.words(law.name))
        for alias in (law.key, law.abbreviation, name, re.sub(r"\s*\d+$", "", name)):
            if alias:
                aliases[" ".join(analysis.words(alias))] = law
    for alias, key in LAW_ALIASES.items():
        if key in laws:
            aliases.setdefault(alias, laws[key])
    return aliases


def _legal_lookup(query: str) -> Hit | None:
    text = " ".join(analysis.words(_SUBDIVISION.sub("", analysis.normalize(query))))
    text = _SUBDIVISION.sub("", text)
    if not text or len(text) > 80:
        return None
    aliases = _law_aliases()
    match = _ARTICLE_FIRST.match(text) or _LAW_FIRST.match(text)
    law = aliases.get(match["law"].strip()) if match else aliases.get(text)
    if law is None:
        return None
    label = f"{law.name} ({law.abbreviation})" if law.abbreviation else law.name
    if match:
        article = Article.objects.filter(law=law, number__iexact=match["number"]).first()
        if article:
            return Hit(
                kind=Kind.REGELGEVING,
                kind_label="Artikel",
                title=mark_safe(escape(f"Artikel {article.number} {label}")),
                url=article.get_absolute_url(),
                snippet=highlight(article.text, set()) if article.text else mark_safe(""),
                exact=True,
            )
    return Hit(
        kind=Kind.REGELGEVING,
        kind_label="Wet of regeling",
        title=mark_safe(escape(label)),
        url=law.get_absolute_url(),
        exact=True,
    )


def _sheet_lookup(query: str) -> Hit | None:
    match = _SHEET_NUMBER.match(" ".join(analysis.words(query)))
    if not match:
        return None
    sheet = Themablad.objects.published().filter(number=int(match["number"])).first()
    if sheet is None:
        return None
    return Hit(
        kind=Kind.THEMABLAD,
        kind_label="Themablad",
        title=mark_safe(escape(f"{sheet.heading}: {sheet.title}")),
        url=sheet.get_absolute_url(),
        snippet=highlight(sheet.inleiding, set()) if sheet.available else mark_safe(""),
        themablad=sheet,
        exact=True,
    )


def _counts(matches, attribute) -> list[tuple]:
    """(value, count) per value, most hits first; equal counts in order of their best hit."""
    counts: dict = {}
    for match in matches:
        value = getattr(match, attribute)
        counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


def _one_per_url(matches) -> list:
    """A ruling or article cited on several sheets is one hit: its best-ranked document."""
    seen, unique = set(), []
    for match in matches:
        if match.url not in seen:
            seen.add(match.url)
            unique.append(match)
    return unique


def _subject_plan(plan: Plan, doc: SearchDocument) -> Plan:
    """The words of the query a sheet's own document answers, each required."""
    terms = set(f"{doc.terms_a} {doc.terms_b} {doc.terms_c}".split())
    return Plan(
        groups=[
            Group(word=g.word, terms=g.terms, expansions=g.expansions, required=True)
            for g in plan.groups
            if terms & set(g.alternatives)
        ]
    )


def _placeholders_after_answers(plan: Plan, matches: list) -> list:
    """A sheet whose text is not available yet ("Aannemen van geschenken") has only its title to
    match, so it would come first for its subject while it answers nothing. It goes right after
    the best passages of other sheets that match the same words of the query (pulled up from
    further down when needed), so the first hits answer and the sheet still shows whom to ask."""
    window = [m for m in matches[:PLACEHOLDER_WINDOW] if m.kind == Kind.THEMABLAD]
    if not window:
        return matches
    placeholders = set(
        Themablad.objects.filter(
            pk__in={m.themablad_id for m in window}, available=False
        ).values_list("pk", flat=True)
    )
    if not placeholders:
        return matches
    docs = SearchDocument.objects.only("terms_a", "terms_b", "terms_c").in_bulk(
        [m.id for m in window if m.themablad_id in placeholders]
    )
    ordered = list(matches)
    # Copies of a sheet (and sheets titled alike) share their subject: one search for each.
    answers_for: dict[tuple[str, ...], list] = {}
    for doc_id in [m.id for m in window if m.id in docs]:
        subject = _subject_plan(plan, docs[doc_id])
        if not subject.groups:
            continue
        key = tuple(group.word for group in subject.groups)
        if key not in answers_for:
            # A lone word: every match has it, so the ranked list is already the answer list.
            alone = len(plan.groups) == 1 and not (plan.excluded or plan.phrases)
            found = (
                matches[:PLACEHOLDER_WINDOW]
                if alone
                else search_documents(subject, limit=PLACEHOLDER_WINDOW)
            )
            unknown = {m.themablad_id for m in found if m.kind == Kind.THEMABLAD} - placeholders
            if unknown:
                placeholders |= set(
                    Themablad.objects.filter(pk__in=unknown, available=False).values_list(
                        "pk", flat=True
                    )
                )
            answers_for[key] = [m for m in found if m.themablad_id not in placeholders]
        answers = answers_for[key]
        index = next(i for i, m in enumerate(ordered) if m.id == doc_id)
        above = {m.url for m in ordered[:index]}
        needed = PASSAGES_BEFORE_PLACEHOLDER - sum(1 for m in answers if m.url in above)
        pulled = [m for m in answers if m.url not in above][: max(0, needed)]
        pulled_ids = {m.id for m in pulled}
        ordered = (
            ordered[:index]
            + pulled
            + [ordered[index]]
            + [m for m in ordered[index + 1 :] if m.id not in pulled_ids]
        )
    return _one_per_url(ordered)


def _to_int(value, default=1) -> int:
    try:
        return int(str(value).strip()[:6])
    except (TypeError, ValueError):
        return default


def run_search(raw_query: str, *, kind: str = "", themablad: str = "", page="1") -> SearchPage:
    query, cut = analysis.clean_query(raw_query)
    result = SearchPage(query=query, cut=cut, page=max(1, _to_int(page)))
    if cut:
        result.notices.append(
            f"Uw zoekvraag was erg lang; er is gezocht op de eerste {analysis.MAX_QUERY_CHARS} "
            "tekens."
        )
    if not query:
        return result

    ecli = find_ecli(query)
    if ecli:
        if Uitspraak.objects.cited_on_published().filter(ecli=ecli).exists():
            result.redirect_to = f"/uitspraken/{ecli}/"
            return result
        result.notices.append(f"De uitspraak {ecli} staat niet in het portaal.")
    # A filtered list is the user narrowing the hits down: no direct links on top of it then.
    for lookup in (_sheet_lookup, _legal_lookup) if not (kind or themablad) else ():
        hit = lookup(query)
        if hit:
            result.exact.append(hit)

    plan: Plan = build_plan(query)
    result.only_stop_words = plan.only_stop_words
    result.suggestion = plan.corrected_query
    found = search_documents(plan, limit=MAX_MATCHES)
    result.capped = found.capped
    matches = _one_per_url(found)
    if not result.exact:
        # Under a direct link (themablad 8, art 76 barp) the list is not the answer to a subject.
        matches = _placeholders_after_answers(plan, matches)

    selected_sheet = max(0, _to_int(themablad, default=0)) if themablad else 0
    kind_labels = dict(Kind.choices)
    result.kind = kind if kind in kind_labels else ""
    result.themablad = str(selected_sheet) if selected_sheet else ""

    in_sheet = [m for m in matches if not selected_sheet or m.themablad_id == selected_sheet]
    of_kind = [m for m in matches if not result.kind or m.kind == result.kind]
    result.kinds = [
        Facet(value, kind_labels[value], count, value == result.kind)
        for value, count in _counts(in_sheet, "kind")
        if value in kind_labels
    ]
    # The sheets with the most hits; a long tail of one-hit sheets helps nobody choose. Only
    # those are read from the database: a broad query touches hundreds of sheets at 100x.
    sheet_counts = [
        (sheet_id, count)
        for index, (sheet_id, count) in enumerate(_counts(of_kind, "themablad_id"))
        if index < MAX_SHEET_FACETS or sheet_id == selected_sheet
    ]
    shown = [m for m in in_sheet if not result.kind or m.kind == result.kind]
    if found.capped and (result.kind or selected_sheet):
        # The best 1,000 of everything may hold only part of what the filter asks for.
        narrowed = search_documents(
            plan, limit=MAX_MATCHES, kind=result.kind, themablad_id=selected_sheet or None
        )
        shown, result.capped = _one_per_url(narrowed), narrowed.capped
    result.total = len(shown)
    result.pages = max(1, -(-len(shown) // PER_PAGE))
    if result.page > result.pages:
        result.notices.append(
            f"Pagina {result.page} bestaat niet; u ziet pagina {result.pages} van {result.pages}."
        )
        result.page = result.pages
    page_matches = shown[(result.page - 1) * PER_PAGE : result.page * PER_PAGE]
    sheet_ids = {sheet_id for sheet_id, _ in sheet_counts} | {m.themablad_id for m in page_matches}
    sheets = Themablad.objects.only("pk", "title", "number", "slug", "kind").in_bulk(sheet_ids)
    result.themabladen = [
        Facet(str(sheet_id), sheets[sheet_id].title, count, sheet_id == selected_sheet)
        for sheet_id, count in sheet_counts
        if sheet_id in sheets
    ]
    docs = SearchDocument.objects.in_bulk([m.id for m in page_matches])
    terms = plan.highlight_terms
    for match in page_matches:
        doc = docs[match.id]
        title_words = doc.title.split()
        title = " ".join(title_words[:TITLE_WORDS]) + (
            " …" if len(title_words) > TITLE_WORDS else ""
        )
        result.hits.append(
            Hit(
                kind=doc.kind,
                kind_label=doc.get_kind_display(),
                title=highlight(title, terms, limit=TITLE_WORDS + 2),
                url=doc.url,
                snippet=(
                    highlight(doc.text, terms)
                    if doc.text != doc.title or len(title_words) > TITLE_WORDS
                    else mark_safe("")
                ),
                themablad=sheets.get(doc.themablad_id),
            )
        )
    for hit in [*result.exact, *result.hits]:
        hit.click_url = f"{reverse('search-follow')}?{urlencode({'q': query, 'naar': hit.url})}"
    return result
