"""Shared records that employees can see change only after review: RecordVersion gets a status,
the state a proposal was based on, its editors and its reviewer. Both roles may read the list of
those changes (view_recordversion); approving needs approve_revision, as for sheets.

Builds on the mapping frozen in 0003, so this migration stays frozen too.
"""

from importlib import import_module

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from portal.redactie.roles import sync_roles

_BEFORE = import_module("portal.redactie.migrations.0003_editors_keep_search_words").ROLES
ROLES = {name: sorted([*perms, "redactie.view_recordversion"]) for name, perms in _BEFORE.items()}


def forwards(apps, schema_editor):
    sync_roles(apps, ROLES)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('redactie', '0005_revision_base'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='recordversion',
            name='author',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='auteur'),
        ),
        migrations.AddField(
            model_name='recordversion',
            name='base',
            field=models.JSONField(blank=True, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='gebaseerd op'),
        ),
        migrations.AddField(
            model_name='recordversion',
            name='editor_ids',
            field=models.JSONField(blank=True, default=list, verbose_name='bewerkers'),
        ),
        migrations.AddField(
            model_name='recordversion',
            name='review_comment',
            field=models.TextField(blank=True, verbose_name='toelichting beoordelaar'),
        ),
        migrations.AddField(
            model_name='recordversion',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='beoordeeld op'),
        ),
        migrations.AddField(
            model_name='recordversion',
            name='reviewer',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='beoordelaar'),
        ),
        migrations.AddField(
            model_name='recordversion',
            name='status',
            field=models.CharField(choices=[('gepubliceerd', 'Gepubliceerd'), ('ingediend', 'Ter beoordeling'), ('teruggestuurd', 'Teruggestuurd'), ('ingetrokken', 'Ingetrokken'), ('vervangen', 'Vervangen door een nieuwere versie')], default='gepubliceerd', max_length=20, verbose_name='status'),
        ),
        migrations.AddConstraint(
            model_name='recordversion',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['ingediend', 'teruggestuurd'])), fields=('content_type', 'object_id'), name='one_open_change_per_record'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
