"""Every saved state of a shared record, and bringing an earlier one back.

Rulings, guidelines, laws, articles, dilemma's and search words are shared by many sheets and
edited on their own admin pages. So that nothing an editor types over is lost, each save keeps the
record's new state; the first save of a record that predates this also keeps the state it replaced
("Oorspronkelijke versie"). Where employees see the record, a save is a proposal that waits for
review instead (redactie/record_review.py); it is kept here too.
"""

import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import RecordVersion

ORIGINAL = "Oorspronkelijke versie"
TAGS = "tags"

# A dilemma's title, question and options are the sheet's (they change through the sheet's review
# and its versions); its own page keeps only the trainer notes and the tags.
_ONLY = {"dilemmas.dilemma": ("trainer_notes",)}
_TAGGED = {"dilemmas.dilemma"}


def _fields(model):
    only = _ONLY.get(model._meta.label_lower)
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and (only is None or f.name in only)
    ]


def has_tags(model) -> bool:
    return model._meta.label_lower in _TAGGED


def record_state(instance) -> dict:
    state = {f.attname: f.value_from_object(instance) for f in _fields(type(instance))}
    if has_tags(type(instance)):
        state[TAGS] = sorted(instance.tags.names()) if instance.pk else []
    return state


def apply_state(instance, state: dict, only=None) -> None:
    """Put `state`'s values on the record (not saved) and its tags (saved: call save() first)."""
    for field in _fields(type(instance)):
        if field.attname in state and (only is None or field.attname in only):
            setattr(instance, field.attname, field.to_python(state[field.attname]))


def apply_tags(instance, state: dict, only=None) -> None:
    if has_tags(type(instance)) and TAGS in state and (only is None or TAGS in only):
        instance.tags.set(state[TAGS])


def versions_of(instance):
    """Every kept state of the record, newest first: published ones and proposals."""
    return RecordVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).select_related("saved_by")


@transaction.atomic
def keep_version(*, instance, previous_state: dict | None, user, note: str = "") -> None:
    """Record `instance` as saved by `user`; `previous_state` is what the database held before
    (None for a new record)."""

    def add(**values):
        return RecordVersion.objects.create(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=instance.pk,
            **values,
        )

    latest = versions_of(instance).filter(status=RecordVersion.Status.PUBLISHED).first()
    if latest is None and previous_state is not None:
        latest = add(data=previous_state, note=ORIGINAL)
    state = record_state(instance)
    if latest is not None and as_json(latest.data) == as_json(state):
        return  # saved without a change: nothing new to keep
    add(data=state, saved_by=user, note=note)


def as_json(state: dict) -> dict:
    """The state as it reads back from the JSON column (dates become text)."""
    return json.loads(json.dumps(state, cls=DjangoJSONEncoder))


@dataclass
class Change:
    label: str
    before: str
    after: str


# Fields whose model gives no Dutch label.
_LABELS = {"themabladen.article": {"law_id": "wet"}}


def labels(model) -> dict[str, str]:
    """The Dutch label of each key of a record's state."""
    names = {f.attname: str(f.verbose_name) for f in _fields(model)}
    names.update(_LABELS.get(model._meta.label_lower, {}))
    if has_tags(model):
        names[TAGS] = "trefwoorden"
    return names


def changes(instance, older: dict, newer: dict) -> list[Change]:
    """The fields that differ between two saved states, with their Dutch labels."""
    older, newer = as_json(older), as_json(newer)
    related = {f.attname: f.related_model for f in _fields(type(instance)) if f.is_relation}

    def text(key, value):
        if key in related and value is not None:
            value = related[key]._default_manager.filter(pk=value).first() or value
        return shown(value)

    return [
        Change(label, text(key, older.get(key)), text(key, newer.get(key)))
        for key, label in labels(type(instance)).items()
        if older.get(key) != newer.get(key)
    ]


def shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


@transaction.atomic
def restore_version(*, instance, version: RecordVersion, user):
    """Put the version's values back on the record, validated like an admin save.

    Raises ValidationError (Dutch messages) when the old values no longer fit, for instance an
    ECLI another ruling has taken since; the record is then left as it is.
    """
    apply_state(instance, version.data)
    instance.full_clean()
    instance.save()
    apply_tags(instance, version.data)
    keep_version(
        instance=instance,
        previous_state=None,
        user=user,
        note=f"Versie van {timezone.localtime(version.saved_at):%d-%m-%Y %H:%M} teruggezet",
    )
    return instance
