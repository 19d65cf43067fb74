from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "search"
    verbose_name = "Zoeken"

    def ready(self):
        from . import signals  # noqa: F401  (connects the index to every indexed model)
