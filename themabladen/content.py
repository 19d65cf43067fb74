"""Loads the initial content from fixtures/ (TOML, one file per themablad).

Idempotent by design: every record is looked up by a natural key (law key, article number, ECLI,
guideline address) or by the source key the loader gave it, and left alone when found. So a
re-run adds only what is new in the fixtures and never undoes an editor's change.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from dilemmas.models import AnswerOption, Dilemma, DilemmaPlacement
from dilemmas.nieuw_sturen import load_culture_transitions
from portal.redactie.snapshots import apply_change
from portal.search.indexing import rebuilds_search_index
from portal.search.models import Synonym

from .models import Article, ContactPoint, Guideline, Law, Themablad
from .sections import SECTIONS

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
PAGE_FOLDERS = (("themabladen", Themablad.Kind.THEMABLAD), ("praktijk", Themablad.Kind.PRAKTIJK))
REPORTED_AS = {
    Themablad.Kind.THEMABLAD: "themabladen",
    Themablad.Kind.PRAKTIJK: "pagina’s Integriteit in de praktijk",
}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    def __str__(self) -> str:
        if not self.created:
            return "Niets nieuws: alle inhoud stond er al."
        return "Toegevoegd: " + ", ".join(f"{n} {kind}" for kind, n in sorted(self.created.items()))


def read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@rebuilds_search_index
@transaction.atomic
def load_content(*, fixtures: Path = FIXTURES) -> LoadReport:
    report = LoadReport()
    _load_laws(read(fixtures / "wetten.toml"), report)
    # The pages of Integriteit in de praktijk are sheets of another kind: the same parts, the
    # same loading.
    sheets = [
        (kind, read(path))
        for folder, kind in PAGE_FOLDERS
        for path in sorted((fixtures / folder).glob("*.toml"))
    ]
    new_sheets = {}
    for kind, data in sheets:
        themablad, created = _get_or_create(
            Themablad,
            f"themablad:{data['slug']}",
            report,
            report_as=REPORTED_AS[kind],
            kind=kind,
            slug=data["slug"],
            title=data["title"],
            number=data.get("number"),
            available=data.get("available", True),
            status=Themablad.Status.PUBLISHED,
            inleiding=data.get("inleiding", "").strip(),
            guidelines_intro=data.get("guidelines_intro", "").strip(),
            shown_with_rulings=data.get("shown_with_rulings", False),
        )
        if created:
            themablad.tags.set(data.get("tags", []))
            new_sheets[data["slug"]] = (themablad, data)
    # Sections are loaded with their sheet only: a sheet that exists already is the editors' now.
    for themablad, data in new_sheets.values():
        _load_sections(themablad, data, report)
    _load_extra_dilemmas(read(fixtures / "dilemmas.toml"), report)
    if (fixtures / "nieuw_sturen.toml").exists():
        load_culture_transitions(read(fixtures / "nieuw_sturen.toml"), report)
    if (fixtures / "synoniemen.toml").exists():
        _load_synonyms(read(fixtures / "synoniemen.toml"), report)
    if (fixtures / "aanspreekpunten.toml").exists():
        _load_contact_points(read(fixtures / "aanspreekpunten.toml"), report)
    return report


def _get_or_create(model, source_key, report, *, report_as="", **values):
    existing = model.objects.filter(source_key=source_key).first()
    if existing:
        return existing, False
    instance = model(source_key=source_key, **values)
    instance.full_clean()
    instance.save()
    report.add(report_as or model._meta.verbose_name_plural)
    return instance, True


def _load_laws(data: dict, report: LoadReport) -> None:
    for law in data["laws"]:
        _, created = Law.objects.get_or_create(
            key=law["key"],
            defaults={
                "name": law["name"],
                "abbreviation": law.get("abbreviation", ""),
                "bwb_id": law.get("bwb_id", ""),
                "official_url": law.get("official_url", ""),
            },
        )
        if created:
            report.add("wetten")
    for article in data.get("articles", []):
        _, created = Article.objects.get_or_create(
            law=Law.objects.get(key=article["law"]),
            number=article["number"],
            defaults={"text": article.get("text", "").strip()},
        )
        if created:
            report.add("artikelen")


class _Lookup:
    """Turns the fixtures' natural keys (law key, guideline address, slug) into records."""

    def __init__(self, report: LoadReport):
        self.report = report

    def guideline(self, item: dict) -> Guideline:
        return _guideline(item, self.report)

    def law_and_article(self, item: dict):
        law = Law.objects.get(key=item["law"])
        article = None
        if item.get("article"):
            article, created = Article.objects.get_or_create(law=law, number=item["article"])
            if created:
                self.report.add("artikelen")
        return law, article

    def sheet(self, slug: str) -> Themablad:
        return Themablad.objects.get(slug=slug)


# The fixtures' name of each section, where it differs from the snapshot's.
FIXTURE_KEYS = {"legal_references": "legal", "text_blocks": "uitleg"}


def _load_sections(themablad: Themablad, data: dict, report: LoadReport) -> None:
    """A new sheet's parts, written the way an approved change writes them."""
    lookup = _Lookup(report)
    snapshot = {}
    for section in SECTIONS:
        entries = data.get(FIXTURE_KEYS.get(section.key, section.key), [])
        items = []
        for position, entry in enumerate(entries, start=1):
            if section.source_key_prefix:
                key = f"{section.source_key_prefix}:{themablad.slug}:{position}"
                entry = {**entry, "source_key": key}
                report.add(section.label.lower())
            item = section.from_fixture(entry, position, lookup=lookup)
            items.append({**item, "id": None, "new": True})
        snapshot[section.key] = items
    apply_change(themablad, base={}, proposed=snapshot)


def _guideline(item: dict, report: LoadReport) -> Guideline:
    lookup = {"url": item["url"]} if item.get("url") else {"title": item["title"], "url": ""}
    guideline = Guideline.objects.filter(**lookup).first()
    if guideline is None:
        guideline = Guideline(
            title=item["title"],
            url=item.get("url", ""),
            description=item.get("description", "").strip(),
        )
        guideline.full_clean()
        guideline.save()
        report.add("richtlijnen")
    return guideline


def _load_extra_dilemmas(data: dict, report: LoadReport) -> None:
    for index, item in enumerate(data.get("dilemmas", []), start=1):
        dilemma, created = _get_or_create(
            Dilemma,
            f"dilemma:extra:{index}",
            report,
            title=item.get("title", ""),
            question=item["question"].strip(),
            trainer_notes=item.get("trainer_notes", "").strip(),
        )
        if not created:
            continue
        dilemma.tags.set(item.get("tags", []))
        AnswerOption.objects.bulk_create(
            AnswerOption(dilemma=dilemma, label=o["label"], text=o["text"].strip(), position=i)
            for i, o in enumerate(item.get("options", []), start=1)
        )
        for slug in item.get("themabladen", []):
            themablad = Themablad.objects.get(slug=slug)
            position = themablad.placements.count() + 1
            DilemmaPlacement.objects.create(themablad=themablad, dilemma=dilemma, position=position)


def _load_synonyms(data: dict, report: LoadReport) -> None:
    # Once only: after that the editors own the list, and one they deleted stays deleted.
    if Synonym.objects.exists():
        return
    for word, alternatives in data.items():
        synonym = Synonym(word=word, alternatives=alternatives)
        synonym.full_clean()
        synonym.save()
        report.add(Synonym._meta.verbose_name_plural)


def _load_contact_points(data: dict, report: LoadReport) -> None:
    # Once only, like the search words: after that the text is the editors'.
    if ContactPoint.objects.exists():
        return
    for position, item in enumerate(data.get("aanspreekpunt", []), start=1):
        point = ContactPoint(position=position, **item)
        point.full_clean()
        point.save()
        report.add(ContactPoint._meta.verbose_name_plural)
