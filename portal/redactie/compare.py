"""A readable side-by-side comparison of two snapshots, part by part.

Each part (Algemeen, Kader, Dilemma's, ...; the sections as themabladen.sections declares them)
becomes a list of readable lines; difflib pairs the lines of both versions so an officer sees
per part what was removed, added or changed. Within a changed line the words are compared too
(`word_diff`), so a reviewer sees the two words that changed rather than a whole coloured
statement.
"""

import difflib
import re
from dataclasses import dataclass, field

from casuistiek.models import Uitspraak
from themabladen.models import Article, Guideline, Law, Themablad
from themabladen.sections import SECTIONS, paragraphs

# A piece of a line as the comparison shows it: ("same" | "del" | "ins", text). The old side has
# only same and del pieces, the new side only same and ins; joined, each side is its line again.
Segment = tuple[str, str]

# Words, runs of whitespace, and every other character on its own: together they are the text.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

# Below this share of unchanged characters a line is shown as replaced whole: marking the few
# letters two unrelated sentences happen to share helps nobody.
_MIN_KEPT = 0.25


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """`old` and `new` as pieces: unchanged words plain, removed ones del, added ones ins."""
    if not old or not new:
        return ([("del", old)] if old else []), ([("ins", new)] if new else [])
    a, b = tokens(old), tokens(new)
    # Whitespace is junk to the matcher: it never anchors a match (a space in common would
    # otherwise pair "je" with "vooraf"), but it joins the words around it into one.
    matcher = difflib.SequenceMatcher(str.isspace, a=a, b=b, autojunk=False)
    opcodes = matcher.get_opcodes()
    kept = sum(len("".join(a[i1:i2]).strip()) for tag, i1, i2, *_ in opcodes if tag == "equal")
    if kept < _MIN_KEPT * max(len(old.strip()), len(new.strip())):
        return [("del", old)], [("ins", new)]
    left: list[Segment] = []
    right: list[Segment] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        # A lone space between two changed words belongs to the change: one "de grote" struck
        # through reads better than "de" and "grote" struck through apart.
        between_changes = 0 < index < len(opcodes) - 1 and not old_part.strip()
        if tag == "equal" and not between_changes:
            _add(left, "same", old_part)
            _add(right, "same", new_part)
        else:
            _add(left, "del", old_part)
            _add(right, "ins", new_part)
    return left, right


def _add(segments: list[Segment], kind: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == kind:
        segments[-1] = (kind, segments[-1][1] + text)
    else:
        segments.append((kind, text))


@dataclass
class Row:
    kind: str  # "same", "changed", "removed", "added"
    left: str
    right: str

    @property
    def sides(self) -> tuple[list[Segment], list[Segment]]:
        if self.kind == "same":
            return [("same", self.left)], [("same", self.right)]
        return word_diff(self.left, self.right)


@dataclass
class Part:
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(row.kind != "same" for row in self.rows)


def _yes_no(value) -> str:
    return "ja" if value else "nee"


def _general(snapshot: dict) -> list[str]:
    sheet = snapshot.get("sheet", {})
    if not sheet:
        return []
    kind = sheet.get("kind") or Themablad.Kind.THEMABLAD  # versions older than practice pages
    return [
        f"Soort: {Themablad.Kind(kind).label}",
        f"Nummer: {sheet.get('number') if sheet.get('number') is not None else '(geen)'}",
        f"Titel: {sheet.get('title', '')}",
        f"Adres: {sheet.get('slug', '')}",
        f"Tekst beschikbaar: {_yes_no(sheet.get('available'))}",
        f"Tonen bij uitspraken: {_yes_no(sheet.get('shown_with_rulings'))}",
        f"Trefwoorden: {', '.join(snapshot.get('tags', [])) or '(geen)'}",
    ]


def parts_of(snapshot: dict, names: dict) -> list[tuple[str, list[str]]]:
    """The snapshot as readable lines, per part: the sheet's own, then each section's."""
    sheet = snapshot.get("sheet", {})
    parts = [
        ("Algemeen", _general(snapshot)),
        ("Inleiding", paragraphs(sheet.get("inleiding", ""))),
    ]
    for section in SECTIONS:
        lines = [line for name in section.sheet_intro for line in paragraphs(sheet.get(name))]
        for item in snapshot.get(section.key, []):
            lines.extend(section.lines(item, names))
        parts.append((section.label, lines))
    return parts


def _rows(left: list[str], right: list[str]) -> list[Row]:
    rows = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(Row("same", a, b) for a, b in zip(left[i1:i2], right[j1:j2], strict=True))
        elif tag == "delete":
            rows.extend(Row("removed", a, "") for a in left[i1:i2])
        elif tag == "insert":
            rows.extend(Row("added", "", b) for b in right[j1:j2])
        else:
            rows.extend(_paired(left[i1:i2], right[j1:j2]))
    return rows


# How alike two lines must be (difflib's ratio over their words) to be shown as one changed line.
_MIN_SIMILAR = 0.5


def _paired(old: list[str], new: list[str]) -> list[Row]:
    """Replaced lines, each old one paired in order with the most alike new one, if any.

    Pairing by position would set a newly inserted statement against the edited one below it:
    the reviewer would see two whole lines replaced instead of one added and one word changed.
    """
    rows = []
    start = 0
    for a in old:
        scores = [(_similarity(a, b), k) for k, b in enumerate(new[start:], start)]
        score, best = max(scores, key=lambda pair: (pair[0], -pair[1]), default=(0, None))
        if best is None or score < _MIN_SIMILAR:
            rows.append(Row("removed", a, ""))
            continue
        rows.extend(Row("added", "", b) for b in new[start:best])
        rows.append(Row("changed", a, new[best]))
        start = best + 1
    rows.extend(Row("added", "", b) for b in new[start:])
    return rows


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(str.isspace, tokens(a), tokens(b), autojunk=False).ratio()


def _names(*snapshots) -> dict:
    """What the parts point to, looked up once for both sides (laws, articles, guidelines)."""
    wanted = {"law": set(), "article": set(), "guideline": set()}
    for snapshot in snapshots:
        for key in ("legal_references", "guidelines"):
            for item in snapshot.get(key, []):
                for name, ids in wanted.items():
                    if item.get(name) is not None:
                        ids.add(item[name])
    eclis = {
        ecli
        for snapshot in snapshots
        for item in snapshot.get("casussen", [])
        for ecli in item.get("rulings", [])
    }
    articles = Article.objects.select_related("law").in_bulk(wanted["article"])
    return {
        "laws": {pk: str(law) for pk, law in Law.objects.in_bulk(wanted["law"]).items()},
        # With their text: a record that no published sheet showed goes live with the sheet,
        # so the reviewer must see what employees will read, not only its name.
        "articles": {pk: _with_text(str(a), a.text) for pk, a in articles.items()},
        "rulings": {
            u.ecli: _with_text(u.ecli, u.summary) for u in Uitspraak.objects.filter(ecli__in=eclis)
        },
        "guidelines": Guideline.objects.in_bulk(wanted["guideline"]),
    }


def _with_text(name: str, text: str, length: int = 160) -> str:
    text = " ".join((text or "").split())
    if not text:
        return name
    return f"{name}: {text[:length]}{'…' if len(text) > length else ''}"


def compare(old: dict | None, new: dict) -> list[Part]:
    """Parts of `old` (left) against `new` (right); `old` None means a new sheet."""
    old = old or {}
    names = _names(old, new)
    result = []
    for (title, left), (_title, right) in zip(
        parts_of(old, names), parts_of(new, names), strict=True
    ):
        if left or right:
            result.append(Part(title, _rows(left, right)))
    return result


def summary(parts: list[Part]) -> str:
    changed = [part.title for part in parts if part.changed]
    return ", ".join(changed) if changed else "geen verschillen"
