from django.db import migrations

import portal.tagging


def remove_tags_without_address(apps, schema_editor):
    """Tags of punctuation only (‘?’) have no page and broke the pages listing them; they carry
    no meaning, so they go, with their links to sheets and dilemma's."""
    Tag = apps.get_model("taggit", "Tag")
    names = Tag.objects.values_list("pk", "slug", "name")
    broken = [pk for pk, slug, name in names if not slug or not portal.tagging.tag_slug(name)]
    Tag.objects.filter(pk__in=broken).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("themabladen", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="themablad",
            name="tags",
            field=portal.tagging.PortalTaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="taggit.TaggedItem",
                to="taggit.Tag",
                verbose_name="trefwoorden",
            ),
        ),
        migrations.RunPython(remove_tags_without_address, migrations.RunPython.noop),
    ]
