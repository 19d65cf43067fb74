"""Drafts, the vier-ogenprincipe, versions, restore and archive: every write goes through here.

A published sheet's rows are only changed by `approve` (and by archive/unarchive, which change its
status). Edits to a published sheet are kept as a pending `Revision` snapshot until then.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.search.indexing import deferred_indexing
from themabladen.models import Themablad

from .models import AuditEntry, Revision, Stewardship
from .permissions import APPROVE_PERMISSION
from .snapshots import Conflict, apply_change, base_for, shown_with, take_snapshot

ARCHIVE_PERMISSION = "redactie.archive_themablad"


def stewardship_for(themablad: Themablad) -> Stewardship:
    stewardship, _ = Stewardship.objects.get_or_create(themablad=themablad)
    return stewardship


def current_version(themablad: Themablad) -> int:
    return stewardship_for(themablad).version


def _bump(themablad: Themablad) -> None:
    stewardship = Stewardship.objects.select_for_update().get(pk=stewardship_for(themablad).pk)
    stewardship.version += 1
    stewardship.save(update_fields=["version"])


def _bump_sheets_showing(dilemma_ids) -> None:
    """A shared dilemma's text changed: an editor who opened any sheet showing it before must
    look again before saving (their page showed the old text)."""
    if not dilemma_ids:
        return
    sheets = set(
        Themablad.objects.filter(placements__dilemma__in=dilemma_ids).values_list("pk", flat=True)
    )
    # And sheets whose change in progress places one (their editor's page showed its text).
    placing = Revision.objects.pending().citing(
        "dilemmas", lambda item: item.get("dilemma") in dilemma_ids
    )
    sheets.update(revision.themablad_id for revision in placing)
    for sheet in Themablad.objects.filter(pk__in=sheets):
        _bump(sheet)


def pending_revision(themablad: Themablad) -> Revision | None:
    return Revision.objects.pending().filter(themablad=themablad).first()


def state_after(revision: Revision) -> tuple[dict, list[Conflict]]:
    """The sheet as it would read if `revision` were approved now, and where it collides with
    what was published since it was based on it (nothing is written)."""
    with shown_with(revision.themablad, base=revision.base, proposed=revision.snapshot) as applied:
        return take_snapshot(revision.themablad), applied.conflicts


@transaction.atomic
def create_concept(*, fields: dict, user) -> Themablad:
    """A new sheet's own row, as concept; everything it holds waits in its first change."""
    themablad = Themablad(status=Themablad.Status.DRAFT, **fields)
    themablad.full_clean(exclude=["tags"])
    themablad.save()
    stewardship = stewardship_for(themablad)
    if stewardship.owner is None:
        stewardship.owner = user
        stewardship.save(update_fields=["owner"])
    return themablad


def ensure_baseline(themablad: Themablad) -> None:
    """Keep the version employees see now as a version, for sheets published before editing."""
    if themablad.status != Themablad.Status.PUBLISHED:
        return
    if Revision.objects.filter(themablad=themablad, status=Revision.Status.PUBLISHED).exists():
        return
    Revision.objects.create(
        themablad=themablad,
        status=Revision.Status.PUBLISHED,
        snapshot=take_snapshot(themablad),
        note="Versie zoals gepubliceerd bij de start van de redactie.",
        published_at=themablad.updated_at,
    )


@transaction.atomic
def save_draft(*, themablad: Themablad, snapshot: dict, user, note: str = "") -> Revision:
    """Keep `snapshot` as the change in progress; a submitted change goes back to concept."""
    ensure_baseline(themablad)
    revision = pending_revision(themablad)
    if revision is None:
        revision = Revision(themablad=themablad, author=user, editor_ids=[])
    revision.snapshot = snapshot
    # Saved by an editor who was shown the sheet as it is now (the edit counter guarantees it):
    # so the change is based on what is published now, conflicts they were shown included.
    revision.base = base_for(themablad, snapshot)
    revision.status = Revision.Status.DRAFT
    if note:
        revision.note = note
    if user.pk not in revision.editor_ids:
        revision.editor_ids = [*revision.editor_ids, user.pk]
    revision.full_clean(exclude=["themablad", "author", "reviewer", "restored_from"])
    revision.save()
    _bump(themablad)
    return revision


@transaction.atomic
def submit(*, themablad: Themablad, user, note: str = "") -> Revision:
    revision = pending_revision(themablad)
    if revision is None:
        if themablad.status == Themablad.Status.PUBLISHED:
            raise ValidationError("Er is geen wijziging om in te dienen: bewerk het blad eerst.")
        # A new sheet is edited in its own rows; what is submitted is what it holds now.
        revision = save_draft(
            themablad=themablad, snapshot=take_snapshot(themablad), user=user, note=note
        )
    if note:
        revision.note = note
    if not revision.note.strip():
        raise ValidationError(
            "Schrijf in de wijzigingsnotitie kort wat u heeft veranderd en waarom."
        )
    revision.status = Revision.Status.SUBMITTED
    revision.submitted_at = timezone.now()
    revision.save()
    _log(AuditEntry.Action.SUBMIT, themablad=themablad, revision=revision, user=user)
    return revision


def may_approve(revision: Revision, user) -> bool:
    return (
        user.has_perm(APPROVE_PERMISSION)
        and revision.status == Revision.Status.SUBMITTED
        and user.pk not in revision.editor_ids
        and user.pk != revision.author_id
    )


def _check_reviewer(revision: Revision, user) -> None:
    if not user.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied("Alleen een integriteitsfunctionaris kan wijzigingen beoordelen.")
    if revision.status != Revision.Status.SUBMITTED:
        raise ValidationError("Deze wijziging staat niet (meer) ter beoordeling.")


@transaction.atomic
def approve(*, revision: Revision, user, comment: str = "", seen_version=None) -> Revision:
    """Publish the change. `seen_version` is the edit counter the reviewer's page showed: a
    change saved again since must be looked at again."""
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    _check_reviewer(revision, user)
    if seen_version is not None and str(seen_version) != str(current_version(revision.themablad)):
        raise ValidationError(
            "De wijziging is aangepast nadat u deze pagina opende. Bekijk haar "
            "opnieuw voordat u haar goedkeurt."
        )
    if user.pk in revision.editor_ids or user.pk == revision.author_id:
        raise ValidationError(
            "U heeft zelf aan deze wijziging gewerkt. Een andere integriteitsfunctionaris "
            "moet haar goedkeuren (vier-ogenprincipe)."
        )
    themablad = revision.themablad
    with deferred_indexing():
        applied = apply_change(themablad, base=revision.base, proposed=revision.snapshot)
        # A concept goes live; an archived sheet stays in the archive (its change is kept).
        if themablad.status == Themablad.Status.DRAFT:
            themablad.status = Themablad.Status.PUBLISHED
            themablad.save(update_fields=["status", "updated_at"])
    now = timezone.now()
    revision.status = Revision.Status.PUBLISHED
    # The version as employees now see it (parts nobody touched included).
    revision.snapshot = take_snapshot(themablad)
    revision.reviewer = user
    revision.reviewed_at = now
    revision.published_at = now
    revision.review_comment = comment
    revision.save()
    stewardship = stewardship_for(themablad)
    stewardship.last_reviewed = timezone.localdate()
    stewardship.save(update_fields=["last_reviewed"])
    _bump(themablad)
    _bump_sheets_showing(applied.changed_dilemmas - {None})
    _log(
        AuditEntry.Action.APPROVE,
        themablad=themablad,
        revision=revision,
        user=user,
        comment=comment,
    )
    return revision


@transaction.atomic
def reject(*, revision: Revision, user, comment: str) -> Revision:
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    _check_reviewer(revision, user)
    if not (comment or "").strip():
        raise ValidationError("Geef bij een afwijzing aan wat er anders moet.")
    revision.status = Revision.Status.DRAFT
    revision.reviewer = user
    revision.reviewed_at = timezone.now()
    revision.review_comment = comment.strip()
    revision.save()
    _log(
        AuditEntry.Action.REJECT,
        themablad=revision.themablad,
        revision=revision,
        user=user,
        comment=comment.strip(),
    )
    return revision


@transaction.atomic
def withdraw(*, themablad: Themablad, user) -> None:
    """Set the change in progress aside; it can be taken up again (`reopen`)."""
    revision = pending_revision(themablad)
    if revision is not None:
        revision.status = Revision.Status.WITHDRAWN
        revision.save(update_fields=["status", "updated_at"])
        _bump(themablad)


def _refuse_while_pending(themablad: Themablad) -> None:
    """A sheet has at most one open change; restoring or reopening must wait for it."""
    if pending_revision(themablad) is not None:
        raise ValidationError(
            "Er staat al een wijziging open voor dit themablad. "
            "Handel die eerst af of trek haar in."
        )


@transaction.atomic
def restore(*, version: Revision, user) -> Revision:
    """Offer an earlier published version as a new change, through the same review."""
    if version.status != Revision.Status.PUBLISHED:
        raise ValidationError("Alleen een gepubliceerde versie kan worden teruggezet.")
    themablad = version.themablad
    _refuse_while_pending(themablad)
    when = timezone.localtime(version.published_at).strftime("%d-%m-%Y %H:%M")
    ensure_baseline(themablad)
    revision = Revision.objects.create(
        themablad=themablad,
        status=Revision.Status.SUBMITTED,
        snapshot=version.snapshot,
        base=base_for(themablad, version.snapshot),
        note=f"Teruggezet naar de versie van {when}.",
        author=user,
        editor_ids=[user.pk],
        submitted_at=timezone.now(),
        restored_from=version,
    )
    _bump(themablad)
    _log(AuditEntry.Action.RESTORE, themablad=themablad, revision=revision, user=user)
    return revision


@transaction.atomic
def reopen(*, withdrawn: Revision, user) -> Revision:
    """Take up a withdrawn change again, so that withdrawing never loses work."""
    if withdrawn.status != Revision.Status.WITHDRAWN:
        raise ValidationError("Alleen een ingetrokken wijziging kan weer worden opgepakt.")
    if Revision.objects.filter(
        restored_from=withdrawn,
        status__in=[Revision.Status.DRAFT, Revision.Status.SUBMITTED, Revision.Status.PUBLISHED],
    ).exists():
        raise ValidationError("Deze wijziging is al weer opgepakt.")
    themablad = withdrawn.themablad
    _refuse_while_pending(themablad)
    revision = Revision.objects.create(
        themablad=themablad,
        status=Revision.Status.DRAFT,
        snapshot=withdrawn.snapshot,
        # Still based on what it was based on: what was published since is merged on approval,
        # or refused where both changed the same field.
        base=withdrawn.base,
        note=withdrawn.note,
        author=user,
        editor_ids=sorted({*withdrawn.editor_ids, user.pk}),
        restored_from=withdrawn,
    )
    _bump(themablad)
    return revision


@transaction.atomic
def archive(*, themablad: Themablad, user, comment: str = "") -> None:
    if not user.has_perm(ARCHIVE_PERMISSION):
        raise PermissionDenied("Alleen een integriteitsfunctionaris kan themabladen archiveren.")
    if themablad.status == Themablad.Status.ARCHIVED:
        raise ValidationError("Dit themablad is al gearchiveerd.")
    ensure_baseline(themablad)
    themablad.status = Themablad.Status.ARCHIVED
    themablad.save(update_fields=["status", "updated_at"])
    _bump(themablad)
    _log(AuditEntry.Action.ARCHIVE, themablad=themablad, user=user, comment=comment)


@transaction.atomic
def unarchive(*, themablad: Themablad, user) -> None:
    if not user.has_perm(ARCHIVE_PERMISSION):
        raise PermissionDenied("Alleen een integriteitsfunctionaris kan themabladen terugzetten.")
    if themablad.status != Themablad.Status.ARCHIVED:
        raise ValidationError("Dit themablad staat niet in het archief.")
    was_published = Revision.objects.filter(
        themablad=themablad, status=Revision.Status.PUBLISHED
    ).exists()
    themablad.status = Themablad.Status.PUBLISHED if was_published else Themablad.Status.DRAFT
    themablad.save(update_fields=["status", "updated_at"])
    _bump(themablad)
    _log(AuditEntry.Action.UNARCHIVE, themablad=themablad, user=user)


def _log(action, *, themablad, user, revision=None, comment=""):
    AuditEntry.objects.create(
        action=action, themablad=themablad, revision=revision, user=user, comment=comment
    )
