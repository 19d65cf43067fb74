from django.apps import AppConfig


class RedactieConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal.redactie"
    label = "redactie"
    verbose_name = "Redactie"
