from django.apps import AppConfig


class CasuistiekConfig(AppConfig):
    name = "casuistiek"
    verbose_name = "Casuïstiek"
