"""Both roles may read and edit the contact points (themabladen.ContactPoint) under review.

Builds on the mapping frozen in 0007, so this migration stays frozen too.
"""

from importlib import import_module

from django.db import migrations

from portal.redactie.roles import sync_roles

_BEFORE = import_module("portal.redactie.migrations.0007_unlock_sign_ins").ROLES
_CONTACT_POINTS = [f"themabladen.{action}_contactpoint" for action in ("view", "change")]
ROLES = {name: sorted(perms + _CONTACT_POINTS) for name, perms in _BEFORE.items()}


def forwards(apps, schema_editor):
    sync_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("redactie", "0007_unlock_sign_ins"),
        ("themabladen", "0003_contact_points"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
