"""Both roles may keep the search words (search.Synonym).

Builds on the mapping frozen in 0002, so this migration stays frozen too.
"""

from importlib import import_module

from django.db import migrations

from portal.redactie.roles import sync_roles

_BEFORE = import_module("portal.redactie.migrations.0002_editorial_groups").ROLES
_SEARCH_WORDS = [f"search.{action}_synonym" for action in ("view", "add", "change", "delete")]
ROLES = {name: sorted(perms + _SEARCH_WORDS) for name, perms in _BEFORE.items()}


def forwards(apps, schema_editor):
    sync_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("redactie", "0002_editorial_groups"),
        ("search", "0004_synonyms"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
