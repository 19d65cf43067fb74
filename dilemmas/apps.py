from django.apps import AppConfig
from django.db.models.signals import post_migrate


def restore_trainer_group(sender, using="default", **kwargs):
    """A flush (`manage.py flush`, transactional tests) empties auth_group; bring the group back."""
    from django.apps import apps as global_apps

    from .trainingen import TRAINER_GROUP

    Group = (kwargs.get("apps") or global_apps).get_model("auth", "Group")
    Group.objects.using(using).get_or_create(name=TRAINER_GROUP)


class DilemmasConfig(AppConfig):
    name = "dilemmas"
    verbose_name = "Dilemma’s"

    def ready(self):
        post_migrate.connect(restore_trainer_group, sender=self)
