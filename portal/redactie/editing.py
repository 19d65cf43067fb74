"""Editing a sheet without touching what employees see.

The sheet admin runs its whole save inside `trial_edit`: a savepoint that is always rolled back,
in which the sheet first shows its change in progress. What the save wrote is captured as a
snapshot; `keep_edit` keeps it as the sheet's change. So neither a sheet's rows nor a dilemma it
shares with other sheets change until a second integriteitsfunctionaris approves (publishing).
"""

import contextlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from themabladen.models import Themablad
from themabladen.sections import SHEET_FIELDS

from . import publishing
from .models import Revision
from .snapshots import Applied, apply_change, mark_new_parts


class StaleEdit(Exception):
    """The sheet was saved by someone else after the editor's page was opened."""


@dataclass
class Trial:
    themablad: Themablad | None
    shown: Applied = field(default_factory=Applied)
    load_error: str = ""


@contextlib.contextmanager
def trial_edit(*, themablad: Themablad | None):
    """Everything written inside is rolled back. The sheet (None: a new one) first shows its
    change in progress, the editor's text winning where it collides with what was published
    since (`trial.shown` lists those collisions, for the editor to see)."""
    trial = Trial(themablad=themablad)
    if themablad is not None:
        publishing.stewardship_for(themablad)  # its edit counter must outlive the trial
    with transaction.atomic():
        savepoint = transaction.savepoint()
        try:
            pending = publishing.pending_revision(themablad) if themablad else None
            if pending is not None:
                inner = transaction.savepoint()
                try:
                    trial.shown = apply_change(
                        themablad, base=pending.base, proposed=pending.snapshot, keep_yours=True
                    )
                except ValidationError as error:
                    transaction.savepoint_rollback(inner)
                    trial.load_error = " ".join(error.messages)
            yield trial
        finally:
            transaction.savepoint_rollback(savepoint)


def keep_edit(*, themablad: Themablad, captured: dict, seen_version, user, note: str) -> Revision:
    """Keep a snapshot captured in `trial_edit` as the sheet's change in progress.

    Raises StaleEdit when the sheet was saved since `seen_version` (its edit counter when the
    editor's page was opened): their page did not show what is there now.
    """
    if str(seen_version) != str(publishing.current_version(themablad)):
        raise StaleEdit
    return publishing.save_draft(
        themablad=themablad, snapshot=mark_new_parts(themablad, captured), user=user, note=note
    )


def start_sheet(*, captured: dict, user, note: str) -> Revision:
    """A new sheet from a snapshot captured in `trial_edit(themablad=None)`: its own row as
    concept now, everything it holds in its first change."""
    fields = {name: captured["sheet"][name] for name in SHEET_FIELDS}
    themablad = publishing.create_concept(fields=fields, user=user)
    return keep_edit(
        themablad=themablad,
        captured=captured,
        seen_version=publishing.current_version(themablad),
        user=user,
        note=note,
    )
