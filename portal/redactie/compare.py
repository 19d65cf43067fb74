"""A readable side-by-side comparison of two snapshots, part by part.

Each part (Algemeen, Kader, Dilemma's, ...) becomes a list of readable lines; difflib pairs the
lines of both versions so an officer sees per part what was removed, added or changed.
"""

import difflib
from dataclasses import dataclass, field

from themabladen.models import Article, Law


@dataclass
class Row:
    kind: str  # "same", "changed", "removed", "added"
    left: str
    right: str


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
    return [
        f"Nummer: {sheet.get('number') if sheet.get('number') is not None else '(geen)'}",
        f"Titel: {sheet.get('title', '')}",
        f"Adres: {sheet.get('slug', '')}",
        f"Tekst beschikbaar: {_yes_no(sheet.get('available'))}",
        f"Trefwoorden: {', '.join(snapshot.get('tags', [])) or '(geen)'}",
    ]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _kader(snapshot: dict) -> list[str]:
    lines = []
    for item in snapshot.get("kader", []):
        prefix = f"[{item['group']}] " if item.get("group") else ""
        bullet = "• " if item.get("bullet") else ""
        lines.append(prefix + bullet + " ".join(_paragraphs(item["text"])))
    return lines


def _dilemmas(snapshot: dict) -> list[str]:
    lines = []
    for item in snapshot.get("dilemmas", []):
        if item.get("title"):
            lines.append(f"Dilemma: {item['title']}")
        question = item.get("question", item["label"])
        lines.extend(
            _paragraphs(question)
            if item.get("title")
            else [
                f"Dilemma: {line}" if index == 0 else line
                for index, line in enumerate(_paragraphs(question))
            ]
        )
        lines.extend(f"  {label}. {text}" for label, text in item.get("options", []))
    return lines


def _casussen(snapshot: dict) -> list[str]:
    lines = []
    for item in snapshot.get("casussen", []):
        lines.append(f"Casus: {item['title']}")
        if item.get("lead_in"):
            lines.append(f"  Inleidende vraag: {item['lead_in']}")
        lines.extend(f"  {line}" for line in _paragraphs(item["summary"]))
        if item.get("rulings"):
            lines.append(f"  Uitspraken: {', '.join(item['rulings'])}")
    return lines


def _legal(snapshot: dict, laws: dict, articles: dict) -> list[str]:
    lines = []
    for item in snapshot.get("legal_references", []):
        target = articles.get(item.get("article")) or laws.get(item.get("law")) or ""
        lines.append(f"{item['label']} ({target})" if target else item["label"])
    return lines


def parts_of(snapshot: dict, laws: dict, articles: dict) -> list[tuple[str, list[str]]]:
    sheet = snapshot.get("sheet", {})
    return [
        ("Algemeen", _general(snapshot)),
        ("Inleiding", _paragraphs(sheet.get("inleiding", ""))),
        ("Kader", _kader(snapshot)),
        ("Dilemma’s", _dilemmas(snapshot)),
        ("Casuïstiek", _casussen(snapshot)),
        (
            "Interne richtlijnen en handreikingen",
            _paragraphs(sheet.get("guidelines_intro", ""))
            + [f"Richtlijn: {item['label']}" for item in snapshot.get("guidelines", [])],
        ),
        ("Wet- en regelgeving", _legal(snapshot, laws, articles)),
        ("Gerelateerde themabladen", [item["label"] for item in snapshot.get("related", [])]),
    ]


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
            old, new = left[i1:i2], right[j1:j2]
            for index in range(max(len(old), len(new))):
                a = old[index] if index < len(old) else ""
                b = new[index] if index < len(new) else ""
                kind = "changed" if a and b else ("removed" if a else "added")
                rows.append(Row(kind, a, b))
    return rows


def compare(old: dict | None, new: dict) -> list[Part]:
    """Parts of `old` (left) against `new` (right); `old` None means a new sheet."""
    old = old or {}
    law_ids, article_ids = set(), set()
    for snapshot in (old, new):
        for item in snapshot.get("legal_references", []):
            law_ids.add(item.get("law"))
            article_ids.add(item.get("article"))
    laws = {pk: str(law) for pk, law in Law.objects.in_bulk(law_ids - {None}).items()}
    articles = {
        pk: str(article)
        for pk, article in Article.objects.select_related("law")
        .in_bulk(article_ids - {None})
        .items()
    }
    result = []
    for (title, left), (_title, right) in zip(
        parts_of(old, laws, articles), parts_of(new, laws, articles), strict=True
    ):
        if left or right:
            result.append(Part(title, _rows(left, right)))
    return result


def summary(parts: list[Part]) -> str:
    changed = [part.title for part in parts if part.changed]
    return ", ".join(changed) if changed else "geen verschillen"
