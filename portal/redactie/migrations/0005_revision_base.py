from django.db import migrations, models


def base_from_latest_version(apps, schema_editor):
    """A change in progress from before this migration was based on the latest published version."""
    Revision = apps.get_model("redactie", "Revision")
    for revision in Revision.objects.filter(status__in=["concept", "ingediend"], base=None):
        latest = (
            Revision.objects.filter(themablad_id=revision.themablad_id, status="gepubliceerd")
            .order_by("-published_at", "-pk")
            .first()
        )
        revision.base = latest.snapshot if latest else {}
        revision.save(update_fields=["base"])


class Migration(migrations.Migration):
    dependencies = [("redactie", "0004_record_versions")]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="base",
            field=models.JSONField(blank=True, null=True, verbose_name="gebaseerd op"),
        ),
        migrations.RunPython(base_from_latest_version, migrations.RunPython.noop),
    ]
