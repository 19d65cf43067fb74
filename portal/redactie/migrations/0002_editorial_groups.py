"""Creates the groups Redacteur and Integriteitsfunctionaris with the permissions they need.

The mapping is frozen here on purpose: a later change to the roles gets a migration of its own.
"""

from django.db import migrations

from portal.redactie.roles import sync_roles

_CONTENT = {
    "themabladen": {
        "themablad": ["view", "add", "change"],
        "kaderstatement": ["view", "add", "change", "delete"],
        "guideline": ["view", "add", "change"],
        "themabladguideline": ["view", "add", "change", "delete"],
        "law": ["view", "add", "change"],
        "article": ["view", "add", "change"],
        "legalreference": ["view", "add", "change", "delete"],
        "relatedthemablad": ["view", "add", "change", "delete"],
    },
    "dilemmas": {
        "dilemma": ["view", "add", "change"],
        "dilemmaplacement": ["view", "add", "change", "delete"],
        "answeroption": ["view", "add", "change", "delete"],
    },
    "casuistiek": {
        "casus": ["view", "add", "change", "delete"],
        "uitspraak": ["view", "add", "change"],
        "casusuitspraak": ["view", "add", "change", "delete"],
    },
    "taggit": {"tag": ["view", "add"], "taggeditem": ["view", "add", "change", "delete"]},
    "redactie": {"revision": ["view", "add", "change"], "stewardship": ["view", "change"]},
}
_EDIT = sorted(
    f"{app}.{action}_{model}"
    for app, models in _CONTENT.items()
    for model, actions in models.items()
    for action in actions
)
ROLES = {
    "Redacteur": _EDIT,
    "Integriteitsfunctionaris": _EDIT
    + ["redactie.approve_revision", "redactie.archive_themablad", "redactie.view_auditentry"],
}


def forwards(apps, schema_editor):
    sync_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("redactie", "0001_revisions_stewardship_audit"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("themabladen", "0001_initial"),
        ("dilemmas", "0002_initial"),
        ("casuistiek", "0002_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
