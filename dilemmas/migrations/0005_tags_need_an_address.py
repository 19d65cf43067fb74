from django.db import migrations

import portal.tagging


class Migration(migrations.Migration):
    dependencies = [
        ("dilemmas", "0004_trainer_group"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="dilemma",
            name="tags",
            field=portal.tagging.PortalTaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="taggit.TaggedItem",
                to="taggit.Tag",
                verbose_name="trefwoorden",
            ),
        ),
    ]
