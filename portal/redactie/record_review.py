"""Shared records employees can see change only after a second integriteitsfunctionaris approves.

A guideline, ruling, law, article or dilemma shown on a published sheet (and so on the public
pages, in search, in the PDFs and in trainers' handouts) keeps its published values until a change
to it is approved. Saving such a record's admin page `propose`s the new state: a RecordVersion with
status `ingediend` and the published state it was based on. `approve` applies, field by field, the
fields the change touched, and refuses where one of them changed since. A record that no published
sheet shows is saved directly (its public pages do not exist yet; see the views).

At most one change per record is in play (waiting, or sent back to its author). Saving the record
again replaces it by a new proposal that carries everyone who worked on it, so nobody who edited a
change can approve it, and nobody approves a version they did not see (the old one is closed).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from themabladen.models import Themablad

from .models import RecordVersion, Revision
from .permissions import APPROVE_PERMISSION
from .record_versions import (
    ORIGINAL,
    apply_state,
    apply_tags,
    as_json,
    labels,
    record_state,
    restore_version,
    shown,
    versions_of,
)


def _published():
    # Archived sheets count: bringing one back must not publish what nobody reviewed.
    return Themablad.objects.published_or_archived()


# For each reviewed model: the published sheets that show an instance of it. A law is shown
# wherever one of its articles is cited too (a reference names its law).
_SHEETS = {
    "themabladen.guideline": lambda obj: _published().filter(guideline_links__guideline=obj),
    "casuistiek.uitspraak": lambda obj: _published().filter(casussen__citations__uitspraak=obj),
    "themabladen.law": lambda obj: _published().filter(legal_references__law=obj),
    "themabladen.article": lambda obj: _published().filter(legal_references__article=obj),
    "dilemmas.dilemma": lambda obj: _published().filter(placements__dilemma=obj),
    # Whom to ask stands on every sheet whose text is not available yet.
    "themabladen.contactpoint": lambda obj: _published().filter(available=False),
}


def is_reviewed(model) -> bool:
    return model._meta.label_lower in _SHEETS


def published_sheets(instance):
    """Every published sheet the record appears on, in the sheets' order."""
    return _SHEETS[type(instance)._meta.label_lower](instance).distinct().by_number()


def open_change(instance) -> RecordVersion | None:
    if instance.pk is None:
        return None
    return versions_of(instance).filter(status__in=RecordVersion.OPEN).first()


def needs_review(instance) -> bool:
    """Whether a save of this (stored) record must wait for approval."""
    if not is_reviewed(type(instance)) or instance.pk is None:
        return False
    return (
        published_sheets(instance).exists()
        or open_change(instance) is not None
        or _cited_by_a_waiting_sheet_change(instance)
    )


# Where a sheet's snapshot points to each reviewed model: (section key, how an item names it).
_CITED_IN = {
    "themabladen.guideline": ("guidelines", lambda item, obj: item.get("guideline") == obj.pk),
    "themabladen.law": ("legal_references", lambda item, obj: item.get("law") == obj.pk),
    "themabladen.article": ("legal_references", lambda item, obj: item.get("article") == obj.pk),
    "casuistiek.uitspraak": ("casussen", lambda item, obj: obj.ecli in item.get("rulings", [])),
    "dilemmas.dilemma": ("dilemmas", lambda item, obj: item.get("dilemma") == obj.pk),
}


def _cited_by_a_waiting_sheet_change(instance) -> bool:
    """A record a pending sheet change cites goes live with that change: its reviewer judged it
    as it was, so from then on it changes only through review too."""
    if type(instance)._meta.label_lower not in _CITED_IN:
        return False  # no sheet change names it (a contact point stands on sheets by itself)
    key, names = _CITED_IN[type(instance)._meta.label_lower]
    return bool(Revision.objects.pending().citing(key, lambda item: names(item, instance)))


def touched(version: RecordVersion) -> list[str]:
    data, base = as_json(version.data), as_json(version.base or {})
    return [key for key in data if data[key] != base.get(key)]


def shown_state(instance) -> dict:
    """The record as its admin page shows it: published, with the change in play on top."""
    state = as_json(record_state(instance))
    change = open_change(instance)
    if change is not None:
        data = as_json(change.data)
        state.update({key: data[key] for key in touched(change) if key in state})
    return state


def _lock(instance):
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def _open_for_update(instance) -> RecordVersion | None:
    pk = getattr(open_change(instance), "pk", None)
    return RecordVersion.objects.select_for_update().filter(pk=pk).first() if pk else None


def _ensure_original(instance, state: dict) -> None:
    """A record edited for the first time since it was loaded keeps that state as a version."""
    if not versions_of(instance).filter(status=RecordVersion.Status.PUBLISHED).exists():
        RecordVersion.objects.create(
            content_type=_content_type(instance),
            object_id=instance.pk,
            data=state,
            note=ORIGINAL,
        )


def _content_type(instance):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(instance)


def _validate(instance, state: dict) -> None:
    """The proposed values must pass the record's own checks (Dutch messages)."""
    candidate = _lock(instance)
    apply_state(candidate, state)
    candidate.full_clean()


@transaction.atomic
def propose(
    *, instance, state: dict, user, note: str = "", restored_from: RecordVersion | None = None
) -> RecordVersion | None:
    """Keep `state` as the change in play for `instance`, to be approved by someone else.

    Returns the new proposal; None when nothing differs from what the page showed; the closed
    change when `state` is the published state again (saving that withdraws the change).
    """
    current = _lock(instance)
    published = as_json(record_state(current))
    _ensure_original(current, published)
    state = {key: as_json(state).get(key, value) for key, value in published.items()}
    previous = _open_for_update(current)
    if state == shown_state(current):
        return None
    if state == published:
        if previous is None:
            return None
        previous.status = RecordVersion.Status.WITHDRAWN
        previous.save(update_fields=["status"])
        return previous
    _validate(current, state)
    if previous is not None:
        previous.status = RecordVersion.Status.SUPERSEDED
        previous.save(update_fields=["status"])
    note = (note or "").strip() or (previous.note if previous else "")
    if restored_from is not None and not note:
        when = timezone.localtime(restored_from.saved_at).strftime("%d-%m-%Y %H:%M")
        note = f"Versie van {when} teruggezet"
    version = RecordVersion(
        content_type=_content_type(current),
        object_id=current.pk,
        status=RecordVersion.Status.SUBMITTED,
        data=state,
        base=previous.base if previous else published,
        saved_by=user,
        author=previous.author if previous else user,
        editor_ids=sorted({*(previous.editor_ids if previous else []), user.pk}),
        note=note[:200],
    )
    version.full_clean(exclude=["content_type", "saved_by", "author", "reviewer"])
    version.save()
    return version


def may_approve(version: RecordVersion, user) -> bool:
    return (
        user.has_perm(APPROVE_PERMISSION)
        and version.status == RecordVersion.Status.SUBMITTED
        and not is_own(version, user)
    )


def is_own(version: RecordVersion, user) -> bool:
    return user.pk in version.editor_ids or user.pk in (version.author_id, version.saved_by_id)


def may_withdraw(version: RecordVersion, user) -> bool:
    return version.is_open and (is_own(version, user) or user.has_perm(APPROVE_PERMISSION))


def _check_reviewer(version: RecordVersion, user) -> None:
    if not user.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied("Alleen een integriteitsfunctionaris kan wijzigingen beoordelen.")
    if version.status != RecordVersion.Status.SUBMITTED:
        raise ValidationError("Deze wijziging staat niet (meer) ter beoordeling.")


def conflicts(version: RecordVersion, current_state: dict) -> list[tuple[str, str, str]]:
    """(label, published now, proposed) for each touched field someone changed since."""
    data, base = as_json(version.data), as_json(version.base or {})
    current = as_json(current_state)
    names = labels(version.content_type.model_class())
    return [
        (names.get(key, key), shown(current[key]), shown(data[key]))
        for key in touched(version)
        if key in current and current[key] != base.get(key) and current[key] != data[key]
    ]


@transaction.atomic
def approve(*, version: RecordVersion, user, comment: str = "") -> RecordVersion:
    version = RecordVersion.objects.select_for_update().get(pk=version.pk)
    _check_reviewer(version, user)
    if is_own(version, user):
        raise ValidationError(
            "U heeft zelf aan deze wijziging gewerkt. Een andere integriteitsfunctionaris "
            "moet haar goedkeuren (vier-ogenprincipe)."
        )
    instance = version.record
    if instance is None:
        raise ValidationError("Dit gegeven bestaat niet meer.")
    instance = _lock(instance)
    found = conflicts(version, record_state(instance))
    if found:
        raise ValidationError(
            [
                f"De wijziging is niet goedgekeurd: ‘{label}’ is gewijzigd nadat zij werd "
                f"voorgesteld. Nu gepubliceerd: “{now}”. Deze wijziging: “{proposed}”. "
                "Stuur haar terug, zodat de auteur haar op de huidige tekst kan baseren."
                for label, now, proposed in found
            ]
        )
    fields = touched(version)
    data = as_json(version.data)
    apply_state(instance, data, only=fields)
    instance.full_clean()
    instance.save()  # the search index follows the saved record (portal/search/signals.py)
    apply_tags(instance, data, only=fields)
    version.status = RecordVersion.Status.PUBLISHED
    version.data = record_state(instance)
    version.reviewer = user
    version.reviewed_at = timezone.now()
    version.review_comment = (comment or "").strip()
    version.save()
    return version


@transaction.atomic
def reject(*, version: RecordVersion, user, comment: str) -> RecordVersion:
    """Send the change back to its author with what must change; it stays in play."""
    version = RecordVersion.objects.select_for_update().get(pk=version.pk)
    _check_reviewer(version, user)
    if not (comment or "").strip():
        raise ValidationError("Geef bij het terugsturen aan wat er anders moet.")
    version.status = RecordVersion.Status.REJECTED
    version.reviewer = user
    version.reviewed_at = timezone.now()
    version.review_comment = comment.strip()
    version.full_clean(exclude=["content_type", "saved_by", "author", "reviewer"])
    version.save()
    return version


@transaction.atomic
def withdraw(*, version: RecordVersion, user) -> RecordVersion:
    version = RecordVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_open:
        raise ValidationError("Deze wijziging staat niet (meer) open.")
    if not may_withdraw(version, user):
        raise PermissionDenied(
            "Alleen wie aan de wijziging werkte of een integriteitsfunctionaris kan haar intrekken."
        )
    version.status = RecordVersion.Status.WITHDRAWN
    version.save(update_fields=["status"])
    return version


@transaction.atomic
def restore(*, instance, version: RecordVersion, user) -> RecordVersion | None:
    """Bring an earlier version back: a proposal where employees see the record, else at once.

    Returns the proposal, or None when the record was restored directly.
    """
    if version.is_open:
        raise ValidationError("Deze versie staat nog ter beoordeling; zij is nog niet vervangen.")
    if not needs_review(instance):
        restore_version(instance=instance, version=version, user=user)
        return None
    current = as_json(record_state(_lock(instance)))
    state = {**current, **{k: v for k, v in as_json(version.data).items() if k in current}}
    proposal = propose(instance=instance, state=state, user=user, restored_from=version)
    if proposal is None or proposal.status != RecordVersion.Status.SUBMITTED:
        raise ValidationError("Deze versie is gelijk aan wat er nu staat.")
    return proposal
