from django.apps import AppConfig


class ThemabladenConfig(AppConfig):
    name = "themabladen"
    verbose_name = "Themabladen"
