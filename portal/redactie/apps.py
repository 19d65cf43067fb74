from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RedactieConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal.redactie"
    label = "redactie"
    verbose_name = "Redactie"

    def ready(self):
        from .roles import restore_roles

        post_migrate.connect(restore_roles, sender=self)
