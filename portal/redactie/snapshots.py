"""A sheet with all its parts as plain JSON, and applying a change to the rows part by part.

A snapshot holds what a sheet *is* (text and links), not its status: the sheet's fields, its
tags and one list of items per section (themabladen.sections). A change is two snapshots: the
state it was based on and the state it proposes. Applying it (`apply_change`) is a three-way
merge, field by field, the way MediaWiki merges edit conflicts: a field the change did not touch
keeps whatever is published now; a field it touched is written when nobody else changed it since;
a field both changed differently is a `Conflict`. Rows are updated in place, so an unchanged part
keeps its row untouched and every part keeps its id (anchors like #kader-12, training items,
search documents, loader keys). Only new parts are created and only removed parts deleted.
"""

import contextlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

from dilemmas.models import Dilemma
from portal.tagging import clean_tag_names
from themabladen.models import Themablad
from themabladen.sections import (
    BY_KEY,
    DILEMMA_TEXT,
    SECTIONS,
    SHEET_FIELDS,
    create_dilemma_for,
    dilemma_text,
    write_dilemma_text,
)

FORMAT = 2


def _as_json(value):
    """The value as it reads back from a JSON column (tuples become lists, dates text), with
    line ends as \\n: browsers send a textarea's as \\r\\n, which is no change of the text."""
    return _lines(json.loads(json.dumps(value, cls=DjangoJSONEncoder)))


def _lines(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list):
        return [_lines(v) for v in value]
    if isinstance(value, dict):
        return {k: _lines(v) for k, v in value.items()}
    return value


def take_snapshot(themablad: Themablad) -> dict:
    sheet = Themablad.objects.get(pk=themablad.pk)
    snapshot = {
        "format": FORMAT,
        "sheet": {name: getattr(sheet, name) for name in SHEET_FIELDS},
        "tags": sorted(tag.name for tag in sheet.tags.all()),
    }
    for section in SECTIONS:
        snapshot[section.key] = section.items(sheet)
    return _as_json(snapshot)


def base_for(themablad: Themablad, proposed: dict) -> dict:
    """What a change proposing `proposed` is based on: the sheet as published now, plus the
    current text of each existing dilemma it places that this sheet does not show yet."""
    base = take_snapshot(themablad)
    placed = {item["dilemma"] for item in base["dilemmas"]}
    others = {
        item["dilemma"]
        for item in proposed.get("dilemmas", [])
        if item.get("dilemma") and not item.get("new_dilemma") and item["dilemma"] not in placed
    }
    base["dilemma_texts"] = _as_json(
        {
            str(dilemma.pk): dilemma_text(dilemma)
            for dilemma in Dilemma.objects.filter(pk__in=others).prefetch_related("options")
        }
    )
    return base


def mark_new_parts(themablad: Themablad, snapshot: dict) -> dict:
    """Mark the parts of a captured snapshot that have no row outside the capture's savepoint.

    Call after the savepoint was rolled back. Such parts (and dilemma's) are created on approval;
    their ids are kept only as the preferred ids, so that showing the change again gives the
    same anchors.
    """
    snapshot = _as_json(snapshot)
    for section in SECTIONS:
        items = snapshot.get(section.key, [])
        existing = set(
            section.model.objects.filter(
                pk__in=[item["id"] for item in items], **{section.sheet_fk: themablad}
            ).values_list("pk", flat=True)
        )
        for item in items:
            item.pop("new", None)
            if item["id"] not in existing:
                item["new"] = True
    dilemma_ids = [item["dilemma"] for item in snapshot.get("dilemmas", [])]
    known = set(Dilemma.objects.filter(pk__in=dilemma_ids).values_list("pk", flat=True))
    for item in snapshot.get("dilemmas", []):
        item.pop("new_dilemma", None)
        if item["dilemma"] not in known:
            item["new_dilemma"] = True
    return snapshot


def without_ids(snapshot: dict) -> dict:
    """The snapshot as all-new parts, for a copy of a sheet."""
    snapshot = _as_json(snapshot)
    for section in SECTIONS:
        for item in snapshot.get(section.key, []):
            item.update(id=None, new=True)
            item.pop("source_key", None)  # a loader key names one record
    for item in snapshot.get("dilemmas", []):
        item.update(dilemma=None, new_dilemma=True)
    return snapshot


@dataclass
class Conflict:
    where: str
    published: str
    yours: str


@dataclass
class Applied:
    conflicts: list[Conflict] = field(default_factory=list)
    # parts left out because what they point to was removed (only when keeping yours)
    problems: list[str] = field(default_factory=list)
    changed_dilemmas: set[int] = field(default_factory=set)


class ChangeConflict(ValidationError):
    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        super().__init__(
            "Deze wijziging botst met een wijziging die intussen is gepubliceerd. "
            + " ".join(
                f"{c.where} – nu gepubliceerd: «{c.published}»; in deze wijziging: «{c.yours}»."
                for c in conflicts
            )
            + " Laat de auteur de wijziging aanpassen (terugsturen)."
        )


def _shown(value) -> str:
    if isinstance(value, list):
        return "; ".join(". ".join(map(str, v)) if isinstance(v, list) else str(v) for v in value)
    return "" if value is None else str(value)


class _Merge:
    def __init__(self, *, keep_yours: bool):
        self.keep_yours = keep_yours
        self.result = Applied()

    def field(self, where, mine, base, live):
        """(write?, value) for one field: mine, based on base, against what is live now.

        `where` is called only for a collision: naming a part reads it as text.
        """
        if mine in (base, live):
            return False, None
        if live == base:
            return True, mine
        self.result.conflicts.append(Conflict(where(), _shown(live), _shown(mine)))
        return self.keep_yours, mine

    def fields(self, section, item, names, was, live) -> dict:
        """The fields of one part to write: {name: value}."""
        values = {}
        for name in names:
            write, value = self.field(
                lambda name=name: _where(section, item, name),
                item.get(name),
                was.get(name),
                live.get(name),
            )
            if write:
                values[name] = value
        return values

    def problem(self, message):
        if not self.keep_yours:
            raise ValidationError(message)
        self.result.problems.append(message)


def _label(model, name) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a snapshot field that is no model field (rulings, options)
        return {"rulings": "uitspraken", "options": "antwoordmogelijkheden"}.get(name, name)


def _where(section, item, name=None):
    first = (section.lines(item, _NO_NAMES) or [""])[0].strip()[:80]
    if name is None:
        return f"{section.label} – {first}"
    return f"{section.label} – {first} – {_label(section.model, name)}"


_NO_NAMES = {"guidelines": {}, "laws": {}, "articles": {}, "rulings": {}}


def apply_change(
    themablad: Themablad, *, base: dict | None, proposed: dict, keep_yours: bool = False
) -> Applied:
    """Bring the change from `base` to `proposed` onto the sheet's rows. Call in a transaction.

    Raises ChangeConflict where a field the change touched was changed differently since
    (unless `keep_yours`, used to show a change to its editor: theirs wins, the conflicts are
    returned), and ValidationError when a part points to something removed meanwhile.
    """
    base = base or {}
    merge = _Merge(keep_yours=keep_yours)
    sheet = Themablad.objects.get(pk=themablad.pk)
    _apply_sheet_fields(sheet, base, proposed, merge)
    for section in SECTIONS:
        _apply_section(section, sheet, base, proposed, merge)
    if merge.result.conflicts and not keep_yours:
        raise ChangeConflict(merge.result.conflicts)
    themablad.refresh_from_db()
    return merge.result


@contextlib.contextmanager
def shown_with(themablad: Themablad, *, base: dict | None, proposed: dict):
    """The change applied for showing it (review, preview), never for keeping it: inside a
    savepoint that is always rolled back, the author's text winning collisions. Yields what
    `apply_change` returns."""
    with transaction.atomic():
        savepoint = transaction.savepoint()
        try:
            yield apply_change(themablad, base=base, proposed=proposed, keep_yours=True)
        finally:
            transaction.savepoint_rollback(savepoint)


def _apply_sheet_fields(sheet, base, proposed, merge):
    live = _as_json({name: getattr(sheet, name) for name in SHEET_FIELDS})
    before = base.get("sheet", {})
    changed = []
    for name, mine in proposed.get("sheet", {}).items():
        if name not in SHEET_FIELDS:
            continue
        write, value = merge.field(
            lambda name=name: f"Algemeen – {_label(Themablad, name)}",
            mine,
            before.get(name, live[name]),
            live[name],
        )
        if write:
            setattr(sheet, name, value)
            changed.append(name)
    if changed:
        sheet.full_clean(exclude=["tags", "status", "related"])
        sheet.save(update_fields=[*changed, "updated_at"])
    if "tags" in proposed:
        # Tags merge as sets: what the change added or removed, on top of what is live.
        mine, was = set(proposed["tags"]), set(base.get("tags", []))
        live_tags = {tag.name for tag in sheet.tags.all()}
        wanted = (live_tags | (mine - was)) - (was - mine)
        if wanted != live_tags:
            sheet.tags.set(clean_tag_names(sorted(wanted)))


def _apply_section(section, sheet, base, proposed, merge):
    fields = section.content_fields
    based_on = {
        item["id"]: item
        for item in base.get(section.key, [])
        if item.get("id") is not None and not item.get("new")
    }
    live_rows = {row.pk: row for row in section.rows(sheet)}
    kept, updates, creations, deletions = set(), [], [], []
    for item in proposed.get(section.key, []):
        item = _with_its_dilemma(section, item)
        pk = item.get("id")
        if not item.get("new") and pk in live_rows:
            kept.add(pk)
            row = live_rows[pk]
            live = _as_json(section.read(row))
            values = merge.fields(section, item, fields, based_on.get(pk, live), live)
            if section.unique_target in values:
                # Another record in this place: a new row, since a sheet names each record
                # once and the record it names now may still stand in another row until the
                # deletions below. The records keep their ids (anchors name those).
                deletions.append(row)
                creations.append({**item, "id": None, "new": True})
            else:
                updates.append((row, values, item))
        elif not item.get("new") and pk in based_on:
            # Removed by a change approved since; it stays removed unless this one changed it.
            if any(item.get(name) != based_on[pk].get(name) for name in fields):
                merge.result.conflicts.append(
                    Conflict(_where(section, item), "(intussen verwijderd)", "gewijzigd")
                )
                if merge.keep_yours:
                    creations.append(item)  # the editor is shown their part, as promised
        else:
            creations.append(item)  # new, or a part of an earlier version brought back

    for pk, was in based_on.items():
        if pk in kept or pk not in live_rows:
            continue
        live = _as_json(section.read(live_rows[pk]))
        if any(live.get(name) != was.get(name) for name in fields):
            merge.result.conflicts.append(
                Conflict(_where(section, was), "intussen gewijzigd", "(verwijderd)")
            )
            if not merge.keep_yours:
                continue
        deletions.append(live_rows[pk])  # removed by this change
    # Deletions first, creations last: no moment where a sheet names a record twice.
    for row in deletions:
        row.delete()
    for row, values, item in updates:
        if values:
            section.update(row, values)
        if section.key == "dilemmas":
            _apply_dilemma_text(item, base, merge)
    for item in creations:
        _create(section, sheet, item, base, merge)


def _with_its_dilemma(section, item):
    """A placement of a dilemma typed new gets that dilemma now, before anything points to it.

    Its id in the snapshot is only the preferred one: the capture's savepoint was rolled back,
    so another dilemma may hold that id by now.
    """
    if section.key != "dilemmas" or not item.get("new_dilemma"):
        return item
    dilemma = create_dilemma_for(item, pk=_free_pk(Dilemma, item.get("dilemma")))
    return {**item, "dilemma": dilemma.pk, "new_dilemma": False, "created_dilemma": True}


def _create(section, sheet, item, base, merge):
    problem = section.missing(item)
    if problem:
        return merge.problem(problem)
    try:
        with transaction.atomic():
            section.create(sheet, item, pk=_free_pk(section.model, item.get("id")))
    except IntegrityError:
        return merge.problem(
            f"{section.label}: ‘{_where(section, item)}’ staat al op dit themablad."
        )
    if section.key == "dilemmas" and not item.get("created_dilemma"):
        _apply_dilemma_text(item, base, merge)


def _apply_dilemma_text(item, base, merge):
    """A placed dilemma's text is shared by every sheet it stands on: merged on its own."""
    dilemma = Dilemma.objects.filter(pk=item.get("dilemma")).first()
    if dilemma is None or "question" not in item:
        return
    live = _as_json(dilemma_text(dilemma))
    was = next(
        (b for b in base.get("dilemmas", []) if b.get("dilemma") == dilemma.pk and "question" in b),
        None,
    ) or base.get("dilemma_texts", {}).get(str(dilemma.pk), live)
    values = merge.fields(BY_KEY["dilemmas"], item, DILEMMA_TEXT, was, live)
    if values:
        write_dilemma_text(dilemma, values)
        merge.result.changed_dilemmas.add(dilemma.pk)


def _free_pk(model, pk):
    """The preferred id when no row holds it, so a part shown twice gets the same anchor."""
    if pk is not None and not model.objects.filter(pk=pk).exists():
        return pk
    return None
