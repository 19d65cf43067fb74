"""Every saved state of a shared record, and bringing an earlier one back.

Rulings, guidelines, laws, articles and search words are shared by many sheets and edited on
their own admin pages without review. So that nothing an editor types over is lost, each save
keeps the record's new state; the first save of a record that predates this also keeps the
state it replaced ("Oorspronkelijke versie").
"""

import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import RecordVersion

ORIGINAL = "Oorspronkelijke versie"


def _fields(model):
    return [f for f in model._meta.concrete_fields if f.editable and not f.primary_key]


def record_state(instance) -> dict:
    return {f.attname: f.value_from_object(instance) for f in _fields(type(instance))}


def versions_of(instance):
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

    latest = versions_of(instance).first()
    if latest is None and previous_state is not None:
        latest = add(data=previous_state, note=ORIGINAL)
    state = record_state(instance)
    if latest is not None and _as_json(latest.data) == _as_json(state):
        return  # saved without a change: nothing new to keep
    add(data=state, saved_by=user, note=note)


def _as_json(state: dict) -> dict:
    """The state as it reads back from the JSON column (dates become text)."""
    return json.loads(json.dumps(state, cls=DjangoJSONEncoder))


@dataclass
class Change:
    label: str
    before: str
    after: str


def changes(instance, older: dict, newer: dict) -> list[Change]:
    """The fields that differ between two saved states, with their Dutch labels."""
    return [
        Change(str(f.verbose_name), _shown(older.get(f.attname)), _shown(newer.get(f.attname)))
        for f in _fields(type(instance))
        if older.get(f.attname) != newer.get(f.attname)
    ]


def _shown(value) -> str:
    return "" if value is None else str(value)


@transaction.atomic
def restore_version(*, instance, version: RecordVersion, user):
    """Put the version's values back on the record, validated like an admin save.

    Raises ValidationError (Dutch messages) when the old values no longer fit, for instance an
    ECLI another ruling has taken since; the record is then left as it is.
    """
    for field in _fields(type(instance)):
        if field.attname in version.data:
            setattr(instance, field.attname, field.to_python(version.data[field.attname]))
    instance.full_clean()
    instance.save()
    keep_version(
        instance=instance,
        previous_state=None,
        user=user,
        note=f"Versie van {timezone.localtime(version.saved_at):%d-%m-%Y %H:%M} teruggezet",
    )
    return instance
