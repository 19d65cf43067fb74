"""Both roles edit the text blocks (Uitleg) of the pages of Integriteit in de praktijk.

Builds on the mapping frozen in 0008, so this migration stays frozen too.
"""

from importlib import import_module

from django.db import migrations

from portal.redactie.roles import sync_roles

_BEFORE = import_module("portal.redactie.migrations.0008_editors_keep_contact_points").ROLES
_TEXT_BLOCKS = [f"themabladen.{action}_textblock" for action in ("view", "add", "change", "delete")]
ROLES = {name: sorted([*perms, *_TEXT_BLOCKS]) for name, perms in _BEFORE.items()}


def forwards(apps, schema_editor):
    sync_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("redactie", "0008_editors_keep_contact_points"),
        ("themabladen", "0004_practice_pages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
