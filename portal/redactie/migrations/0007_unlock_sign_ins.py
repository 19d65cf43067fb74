"""Integriteitsfunctionarissen may see and lift the locks on repeated failed sign-ins.

Builds on the mapping frozen in 0006, so this migration stays frozen too.
"""

from importlib import import_module

from django.db import migrations

from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, sync_roles

_BEFORE = import_module("portal.redactie.migrations.0006_record_review").ROLES
_UNLOCK = ["portal.view_loginlock", "portal.delete_loginlock"]
ROLES = {
    name: sorted(perms + _UNLOCK) if name == INTEGRITEITSFUNCTIONARIS else perms
    for name, perms in _BEFORE.items()
}


def forwards(apps, schema_editor):
    sync_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("redactie", "0006_record_review"),
        ("portal", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
