"""A themablad's parts, declared once.

Each part type of a sheet (kader, dilemma's, casuïstiek, …) is one `Section` in `SECTIONS`: its
model, the fields that are content, how a row reads as a plain JSON item and how an item is
written back, its heading, how it reads in a comparison and how it is loaded from the fixtures.
Snapshots and approval (portal.redactie.snapshots), the comparison (portal.redactie.compare),
the content loader, the search corpus generator and the sheet admin loop over `SECTIONS`.

Adding a part type: a model with a `position` and a foreign key to the sheet (and its
migration), a `Section` here, and a template `templates/jinja2/themabladen/sections/<key>.html`.

Layer: above the models of themabladen, dilemmas and casuistiek; below search and redactie.
"""

from dataclasses import dataclass

from casuistiek.models import Casus
from casuistiek.services import set_rulings
from dilemmas.models import Dilemma, DilemmaPlacement
from dilemmas.services import create_dilemma, option_pairs, set_dilemma_text
from portal.compiled import related_all
from themabladen.models import (
    Article,
    Guideline,
    KaderStatement,
    Law,
    LegalReference,
    RelatedThemablad,
    TextBlock,
    Themablad,
    ThemabladGuideline,
)

# The sheet's own fields that are content (declared with the model, which its form reads too).
SHEET_FIELDS = Themablad.CONTENT_FIELDS


@dataclass
class SearchEntry:
    """One thing search can find on a sheet; a, b and c are its texts by weight, highest first."""

    kind: str
    title: str
    url: str
    text: str = ""
    a: str = ""
    b: str = ""
    c: str = ""
    ecli: str = ""


def paragraphs(text: str) -> list[str]:
    """The text's non-empty lines, stripped (how a comparison reads a text)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class Section:
    key: str  # the snapshot's key, and the template's name
    label: str  # the heading on the sheet, in comparisons and in the admin
    model: type
    # snapshot field -> model attribute, for the fields whose values are content
    fields: dict[str, str]
    sheet_fk: str = "themablad"
    # shown in the admin, in this order; a tuple groups fields on one line
    admin_fields: tuple = ()
    admin_autocomplete: tuple = ()
    admin_stacked: bool = False
    admin_form: str = ""  # dotted path of the inline's form class
    admin_formset: str = ""  # dotted path of the inline's formset class (whole-part rules)
    # fields of the sheet itself shown above this part (comparison)
    sheet_intro: tuple = ()
    # parts the loader keys (casus:<slug>:<n>), so a re-run recognises what it loaded
    source_key_prefix: str = ""
    # on the sheet's page: the relation whose (prefetched) rows templates/themabladen/sections/
    # <key>.html shows, and the part's anchor; no relation: the page shows it on its own
    page_relation: str = ""
    page_anchor: str = ""
    # the field naming a shared record that a sheet names at most once (unique per sheet)
    unique_target: str = ""
    # the kinds of page (Themablad.Kind) whose admin offers this part; a part holding rows on
    # a page of another kind is offered there too, so nothing is ever hidden from its editor
    kinds: tuple = ("themablad", "praktijk")

    @property
    def template(self) -> str:
        return f"themabladen/sections/{self.key}.html"

    # -- reading ----------------------------------------------------------------------------

    @property
    def content_fields(self) -> tuple[str, ...]:
        """The fields a change can touch, each merged on its own."""
        return tuple(self.fields)

    def rows(self, sheet):
        return self.model.objects.filter(**{self.sheet_fk: sheet}).order_by("position", "pk")

    def read(self, row) -> dict:
        return {"id": row.pk, **{name: getattr(row, attr) for name, attr in self.fields.items()}}

    def items(self, sheet) -> list[dict]:
        return [self.read(row) for row in self.rows(sheet)]

    # -- writing (inside a transaction; every write is validated) ----------------------------

    def create(self, sheet, item: dict, *, pk=None):
        row = self.model(pk=pk, **{self.sheet_fk: sheet})
        for name, attr in self.fields.items():
            setattr(row, attr, item.get(name))
        row.full_clean(exclude=[self.sheet_fk])
        row.save(force_insert=True)
        return row

    def update(self, row, values: dict) -> None:
        """Write the changed fields only; the row keeps its id."""
        for name, value in values.items():
            setattr(row, self.fields[name], value)
        row.full_clean(exclude=[self.sheet_fk])
        row.save(update_fields=[self.fields[name].removesuffix("_id") for name in values])

    def missing(self, item: dict) -> str | None:
        """Why an item cannot be written (what it points to was removed), or None."""
        return None

    # -- reading for people -----------------------------------------------------------------

    def lines(self, item: dict, names: dict) -> list[str]:
        """The item as readable lines for a side-by-side comparison."""
        return [item.get("label") or ""]

    def search_entries(self, sheet, rows) -> list[SearchEntry]:
        """What search finds of these rows of a published sheet (none: not searchable)."""
        return []

    # -- loading ----------------------------------------------------------------------------

    def from_fixture(self, data: dict, position: int, *, lookup) -> dict:
        """A fixture entry (fixtures/themabladen/*.toml) as a new snapshot item."""
        raise NotImplementedError


class TextBlockSection(Section):
    """Headings with paragraphs, list items and tables: the pages of Integriteit in de praktijk
    (any sheet may hold them)."""

    def search_entries(self, sheet, rows):
        base = sheet.get_absolute_url()
        entries = []
        for block in rows:
            table = "\n".join(" – ".join(row) for row in block.table_rows)
            text = "\n\n".join(part for part in (block.text, block.table_caption, table) if part)
            entries.append(
                SearchEntry(
                    "praktijk",
                    block.heading or sheet.title,
                    f"{base}#uitleg-{block.pk}",
                    text,
                    a=f"{block.heading} {sheet.title}",
                    b=block.table_caption,
                    c=f"{block.text}\n{table}",
                )
            )
        return entries

    def lines(self, item, names):
        lines = [f"Kop: {item['heading']}"] if item.get("heading") else []
        lines.extend(paragraphs(item.get("text")))
        if item.get("table"):
            lines.append(f"Tabel: {item.get('table_caption') or ''}")
            lines.extend(f"  {line}" for line in paragraphs(item["table"]))
        return lines or [""]

    def from_fixture(self, data, position, *, lookup):
        return {
            "position": position,
            "heading": data.get("heading", ""),
            "text": data.get("text", "").strip(),
            "table_caption": data.get("table_caption", ""),
            "table": data.get("table", "").strip(),
        }


class KaderSection(Section):
    def search_entries(self, sheet, rows):
        base = sheet.get_absolute_url()
        return [
            SearchEntry("kader", s.text, f"{base}#kader-{s.pk}", s.text, a=f"{s.group} {s.text}")
            for s in rows
        ]

    def lines(self, item, names):
        prefix = f"[{item['group']}] " if item.get("group") else ""
        bullet = "• " if item.get("bullet") else ""
        return [prefix + bullet + " ".join(paragraphs(item["text"]))]

    def from_fixture(self, data, position, *, lookup):
        return {
            "position": position,
            "group": data.get("group", ""),
            "bullet": data.get("bullet", False),
            "text": data["text"].strip(),
        }


# A dilemma can stand on several sheets; its text is shared, its place is the sheet's own.
DILEMMA_TEXT = ("title", "question", "options")


class DilemmaSection(Section):
    """Placements of dilemma's; each item also carries the dilemma's (shared) text."""

    def search_entries(self, sheet, rows):
        base = sheet.get_absolute_url()
        entries = []
        for placement in rows:
            dilemma = placement.dilemma
            options = "\n".join(f"- {option.text}" for option in dilemma.options.all())
            entries.append(
                SearchEntry(
                    "dilemma",
                    dilemma.title or dilemma.question,
                    f"{base}#dilemma-{dilemma.pk}",
                    f"{dilemma.question}\n\n{options}".strip(),
                    a=dilemma.title,
                    b=f"{dilemma.question} {' '.join(t.name for t in dilemma.tags.all())}",
                    c=options,
                )
            )
        return entries

    def rows(self, sheet):
        return (
            super()
            .rows(sheet)
            .select_related("dilemma")
            .prefetch_related("dilemma__options", "dilemma__tags")
        )

    def read(self, row):
        dilemma = row.dilemma
        return {
            **super().read(row),
            "label": dilemma.title or dilemma.question,
            **dilemma_text(dilemma),
        }

    def create(self, sheet, item, *, pk=None):
        return DilemmaPlacement.objects.create(
            pk=pk, themablad=sheet, dilemma_id=item["dilemma"], position=item["position"]
        )

    def missing(self, item):
        if not Dilemma.objects.filter(pk=item["dilemma"]).exists():
            return f"Het dilemma ‘{item.get('label', '')[:80]}’ bestaat niet meer."
        return None

    def lines(self, item, names):
        lines = []
        question = item.get("question", item.get("label", ""))
        if item.get("title"):
            lines.append(f"Dilemma: {item['title']}")
            lines.extend(paragraphs(question))
        else:
            lines.extend(
                f"Dilemma: {line}" if index == 0 else line
                for index, line in enumerate(paragraphs(question))
            )
        lines.extend(f"  {label}. {text}" for label, text in item.get("options", []))
        return lines

    def from_fixture(self, data, position, *, lookup):
        return {
            "position": position,
            "dilemma": None,
            "new_dilemma": True,
            "source_key": data.get("source_key"),
            "title": data.get("title", ""),
            "question": data["question"].strip(),
            "options": [[o["label"], o["text"].strip()] for o in data.get("options", [])],
        }


def dilemma_text(dilemma: Dilemma) -> dict:
    return {"title": dilemma.title, "question": dilemma.question, "options": option_pairs(dilemma)}


def write_dilemma_text(dilemma: Dilemma, values: dict) -> None:
    text = {**dilemma_text(dilemma), **values}
    set_dilemma_text(dilemma=dilemma, **text)


def create_dilemma_for(item: dict, *, pk=None) -> Dilemma:
    return create_dilemma(
        pk=pk,
        source_key=item.get("source_key"),
        **{name: item.get(name) or ("" if name != "options" else []) for name in DILEMMA_TEXT},
    )


class CasusSection(Section):
    @property
    def content_fields(self):
        return (*self.fields, "rulings")

    def rows(self, sheet):
        return super().rows(sheet).prefetch_related("citations__uitspraak")

    def read(self, row):
        rulings = [c.uitspraak.ecli for c in sorted(row.citations.all(), key=_cite_order)]
        return {**super().read(row), "source_key": row.source_key, "rulings": rulings}

    def search_entries(self, sheet, rows):
        """Each case, and each ruling it cites (once per sheet), leading to the ruling's page."""
        base = sheet.get_absolute_url()
        entries, seen = [], set()
        for casus in rows:
            rulings = [c.uitspraak for c in sorted(casus.citations.all(), key=_cite_order)]
            entries.append(
                SearchEntry(
                    "casus",
                    casus.title,
                    f"{base}#casus-{casus.pk}",
                    f"{casus.lead_in}\n\n{casus.summary}".strip(),
                    a=casus.title,
                    b=casus.lead_in,
                    c=f"{casus.summary} {' '.join(r.ecli for r in rulings)}",
                )
            )
            for uitspraak in rulings:
                if uitspraak.pk in seen:
                    continue
                seen.add(uitspraak.pk)
                parsed = uitspraak.parsed
                entries.append(
                    SearchEntry(
                        "uitspraak",
                        f"{uitspraak.ecli} ({parsed.court_name})",
                        uitspraak.get_absolute_url(),
                        uitspraak.summary or f"Aangehaald bij de casus ‘{casus.title}’.",
                        a=f"{uitspraak.ecli} {parsed.court} {parsed.year} {parsed.ordinal}",
                        b=parsed.court_name,
                        c=f"{uitspraak.summary} {casus.title}",
                        ecli=uitspraak.ecli,
                    )
                )
        return entries

    def create(self, sheet, item, *, pk=None):
        casus = super().create(sheet, item, pk=pk)
        if item.get("source_key"):
            casus.source_key = item["source_key"]
            casus.save(update_fields=["source_key"])
        set_rulings(casus=casus, eclis=item.get("rulings", []))
        return casus

    def update(self, row, values):
        values = dict(values)
        rulings = values.pop("rulings", None)
        if values:
            super().update(row, values)
        if rulings is not None:
            set_rulings(casus=row, eclis=rulings)

    def lines(self, item, names):
        lines = [f"Casus: {item['title']}"]
        if item.get("lead_in"):
            lines.append(f"  Inleidende vraag: {item['lead_in']}")
        lines.extend(f"  {line}" for line in paragraphs(item["summary"]))
        rulings = names.get("rulings", {})
        lines.extend(f"  Uitspraak: {rulings.get(ecli, ecli)}" for ecli in item.get("rulings", []))
        return lines

    def from_fixture(self, data, position, *, lookup):
        return {
            "position": position,
            "source_key": data.get("source_key"),
            "title": data["title"],
            "lead_in": data.get("lead_in", "").strip(),
            "summary": data["summary"].strip(),
            "rulings": list(data.get("rulings", [])),
        }


def _cite_order(cite):
    return (cite.position, cite.pk)


class GuidelineSection(Section):
    def search_entries(self, sheet, rows):
        base = sheet.get_absolute_url()
        return [
            SearchEntry(
                "richtlijn",
                link.guideline.title,
                f"{base}#richtlijn-{link.guideline.pk}",
                link.guideline.description,
                a=link.guideline.title,
                c=link.guideline.description,
            )
            for link in rows
        ]

    def rows(self, sheet):
        return super().rows(sheet).select_related("guideline")

    def read(self, row):
        return {**super().read(row), "label": row.guideline.title}

    def missing(self, item):
        if not Guideline.objects.filter(pk=item["guideline"]).exists():
            return f"De richtlijn ‘{item.get('label', '')}’ bestaat niet meer."
        return None

    def lines(self, item, names):
        guideline = names["guidelines"].get(item["guideline"])
        if guideline is None:
            return [f"Richtlijn: {item.get('label', '')}"]
        # The address too: it is what employees will click.
        return [f"Richtlijn: {guideline.title}" + (f" ({guideline.url})" if guideline.url else "")]

    def from_fixture(self, data, position, *, lookup):
        return {"position": position, "guideline": lookup.guideline(data).pk}


class LegalSection(Section):
    def search_entries(self, sheet, rows):
        entries = []
        for reference in rows:
            law = reference.law
            article = f"artikel {reference.article.number}" if reference.article_id else ""
            entries.append(
                SearchEntry(
                    "regelgeving",
                    reference.label,
                    # The article's (or law's) own page, which lists every sheet citing it: one
                    # hit, not the same article once for each sheet.
                    reference.portal_url,
                    f"{reference.label} – {law.name}",
                    a=reference.label,
                    b=f"{law.name} {law.abbreviation} {article}",
                    c=reference.article.text if reference.article_id else "",
                )
            )
        return entries

    def rows(self, sheet):
        return super().rows(sheet).select_related("law", "article__law")

    def missing(self, item):
        if not Law.objects.filter(pk=item["law"]).exists() or (
            item.get("article") and not Article.objects.filter(pk=item["article"]).exists()
        ):
            return f"De wet of het artikel bij ‘{item['label']}’ bestaat niet meer."
        return None

    def lines(self, item, names):
        target = names["articles"].get(item.get("article")) or names["laws"].get(item.get("law"))
        return [f"{item['label']} ({target})" if target else item["label"]]

    def from_fixture(self, data, position, *, lookup):
        law, article = lookup.law_and_article(data)
        return {
            "position": position,
            "law": law.pk,
            "article": article.pk if article else None,
            "lid": data.get("lid", ""),
            "sub": data.get("sub", ""),
            "label": data["label"],
        }


class RelatedSection(Section):
    def rows(self, sheet):
        return super().rows(sheet).select_related("to_themablad")

    def read(self, row):
        return {**super().read(row), "label": str(row.to_themablad)}

    def missing(self, item):
        if not Themablad.objects.filter(pk=item["to"]).exists():
            return f"Het gerelateerde themablad ‘{item.get('label', '')}’ bestaat niet meer."
        return None

    def from_fixture(self, data, position, *, lookup):
        return {"position": position, "to": lookup.sheet(data).pk}


SECTIONS: tuple[Section, ...] = (
    TextBlockSection(
        key="text_blocks",
        kinds=("praktijk",),
        page_relation="text_blocks",
        page_anchor="uitleg",
        label="Uitleg",
        model=TextBlock,
        fields={
            "position": "position",
            "heading": "heading",
            "text": "text",
            "table_caption": "table_caption",
            "table": "table",
        },
        admin_fields=(("position", "heading"), "text", "table_caption", "table"),
        admin_stacked=True,
        admin_formset="themabladen.forms.TextBlockFormSet",
    ),
    KaderSection(
        key="kader",
        kinds=("themablad",),
        page_relation="kader",
        page_anchor="kader",
        label="Kader",
        model=KaderStatement,
        fields={"position": "position", "group": "group", "bullet": "bullet", "text": "text"},
        admin_fields=("position", "text", "group", "bullet"),
        admin_formset="themabladen.forms.KaderFormSet",
    ),
    DilemmaSection(
        key="dilemmas",
        kinds=("themablad",),
        page_relation="dilemmas",
        page_anchor="dilemmas",
        label="Dilemma’s",
        model=DilemmaPlacement,
        fields={"position": "position", "dilemma": "dilemma_id"},
        unique_target="dilemma",
        admin_fields=(("position", "dilemma"), "dilemma_title", "question", "options"),
        admin_autocomplete=("dilemma",),
        admin_stacked=True,
        admin_form="dilemmas.forms.DilemmaPlacementForm",
        source_key_prefix="dilemma",
    ),
    CasusSection(
        key="casussen",
        kinds=("themablad",),
        page_relation="casussen",
        page_anchor="casuistiek",
        label="Casuïstiek",
        model=Casus,
        fields={
            "position": "position",
            "title": "title",
            "lead_in": "lead_in",
            "summary": "summary",
        },
        admin_fields=(("position", "title"), "lead_in", "summary", "uitspraken"),
        admin_stacked=True,
        admin_form="casuistiek.forms.CasusForm",
        source_key_prefix="casus",
    ),
    GuidelineSection(
        key="guidelines",
        page_relation="guideline_links",
        page_anchor="richtlijnen",
        label="Interne richtlijnen en handreikingen",
        model=ThemabladGuideline,
        fields={"position": "position", "guideline": "guideline_id"},
        unique_target="guideline",
        admin_fields=("position", "guideline"),
        admin_autocomplete=("guideline",),
        sheet_intro=("guidelines_intro",),
    ),
    LegalSection(
        key="legal_references",
        page_relation="legal_references",
        page_anchor="regelgeving",
        label="Wet- en regelgeving",
        model=LegalReference,
        fields={
            "position": "position",
            "law": "law_id",
            "article": "article_id",
            "lid": "lid",
            "sub": "sub",
            "label": "label",
        },
        admin_fields=("position", "law", "article", "lid", "sub", "label"),
        admin_autocomplete=("law", "article"),
        admin_form="themabladen.forms.LegalReferenceForm",
    ),
    RelatedSection(
        key="related",
        label="Gerelateerde themabladen",
        model=RelatedThemablad,
        fields={"position": "position", "to": "to_themablad_id"},
        unique_target="to",
        sheet_fk="from_themablad",
        admin_fields=("position", "to_themablad"),
        admin_autocomplete=("to_themablad",),
        admin_formset="themabladen.forms.RelatedFormSet",
    ),
)

BY_KEY = {section.key: section for section in SECTIONS}


@dataclass
class PagePart:
    section: Section
    rows: list
    shown: bool

    @property
    def template(self) -> str:
        return self.section.template


def page_parts(themablad) -> list[PagePart]:
    """The sheet's parts as its page shows them, in order (rows as prefetched by
    `Themablad.objects.with_sections()`)."""
    parts = []
    for section in SECTIONS:
        if not section.page_relation:
            continue
        rows = list(related_all(themablad, section.page_relation))
        intro = any(getattr(themablad, name) for name in section.sheet_intro)
        parts.append(PagePart(section, rows, bool(rows) or intro))
    return parts
