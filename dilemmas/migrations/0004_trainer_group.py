from django.db import migrations

TRAINER_GROUP = "Trainer"


def create_trainer_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=TRAINER_GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("dilemmas", "0003_training_sessions_and_culture_transitions"),
    ]

    # Going back leaves the group alone: it may have members by then.
    operations = [migrations.RunPython(create_trainer_group, migrations.RunPython.noop)]
