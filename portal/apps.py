from django.apps import AppConfig, apps


def person_name(user) -> str:
    """How the portal names a person: full name, else the user name."""
    return user.get_full_name() or user.get_username()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self):
        # Authors, reviewers and owners appear wherever a user is printed: admin columns, filter
        # and owner choices, the overview, review pages. One definition names them by full name.
        user_model = apps.get_model("auth", "User")
        user_model.__str__ = person_name
        # taggit names its app "Taggit" (a heading on the admin start page and in breadcrumbs);
        # the app label stays "taggit", so URLs and migrations are untouched.
        apps.get_app_config("taggit").verbose_name = "Trefwoorden"
        # Crafted values end in form errors, not 500s (portal/hardening.py).
        from . import hardening

        hardening.install()
