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
        from .caching import connect_content_models

        connect_content_models(
            public_content_models(),
            shown_fields={apps.get_model(label): fields for label, fields in SHOWN_FIELDS.items()},
        )


# What employees' pages show: every model of these apps, but for the trainers' own sessions...
PUBLIC_APPS = ("themabladen", "dilemmas", "casuistiek", "taggit")
PRIVATE_MODELS = {"dilemmas.training", "dilemmas.trainingitem"}
# ...and of the others the search words (search results) and the stewardship (the sheet page's
# "laatst herzien"). Pending revisions, versions and the audit log show on no public page; the
# approved changes do (Wijzigingen, the feed, the sheet page), but a change is approved only
# together with its sheet's "laatst herzien" (publishing.approve), which bumps.
EXTRA_MODELS = ("search.synonym", "redactie.stewardship")
# Saving only the stewardship's edit counter (every draft does) changes no page.
SHOWN_FIELDS = {"redactie.stewardship": {"last_reviewed"}}


def public_content_models():
    models = [
        model
        for label in PUBLIC_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.label_lower not in PRIVATE_MODELS
    ]
    return models + [apps.get_model(label) for label in EXTRA_MODELS]
