"""The two editorial roles and the model permissions each needs.

The groups are created and kept in sync by data migrations (see migrations/), which call
`sync_roles` with a frozen copy of this mapping; a test checks the database matches it. To change a
role: edit ROLES here and add a migration that calls `sync_roles` with the new mapping.
"""

REDACTEUR = "Redacteur"
INTEGRITEITSFUNCTIONARIS = "Integriteitsfunctionaris"

_EDIT_CONTENT = {
    "themabladen": {
        "themablad": ["view", "add", "change"],
        "kaderstatement": ["view", "add", "change", "delete"],
        "textblock": ["view", "add", "change", "delete"],
        "guideline": ["view", "add", "change"],
        "themabladguideline": ["view", "add", "change", "delete"],
        "law": ["view", "add", "change"],
        "article": ["view", "add", "change"],
        "legalreference": ["view", "add", "change", "delete"],
        "relatedthemablad": ["view", "add", "change", "delete"],
        # Whom to ask, on sheets without text: loaded with the content, edited under review.
        "contactpoint": ["view", "change"],
    },
    "dilemmas": {
        "dilemma": ["view", "add", "change"],
        "dilemmaplacement": ["view", "add", "change", "delete"],
        "answeroption": ["view", "add", "change", "delete"],
    },
    "casuistiek": {
        "casus": ["view", "add", "change", "delete"],
        "uitspraak": ["view", "add", "change"],
        "casusuitspraak": ["view", "add", "change", "delete"],
    },
    "taggit": {"tag": ["view", "add"], "taggeditem": ["view", "add", "change", "delete"]},
    "redactie": {
        "revision": ["view", "add", "change"],
        "stewardship": ["view", "change"],
        # Changes to shared records (redactie/record_review.py): both roles read the list.
        "recordversion": ["view"],
    },
    "search": {"synonym": ["view", "add", "change", "delete"]},
}


def _codenames(spec: dict) -> list[str]:
    return sorted(
        f"{app}.{action}_{model}"
        for app, models in spec.items()
        for model, actions in models.items()
        for action in actions
    )


ROLES: dict[str, list[str]] = {
    REDACTEUR: _codenames(_EDIT_CONTENT),
    INTEGRITEITSFUNCTIONARIS: _codenames(_EDIT_CONTENT)
    + [
        "redactie.approve_revision",
        "redactie.archive_themablad",
        "redactie.view_auditentry",
        # Unlocking a sign-in locked after repeated failed passwords (portal.admin.LoginLockAdmin).
        "portal.view_loginlock",
        "portal.delete_loginlock",
    ],
}


def sync_roles(apps, roles: dict[str, list[str]]) -> None:
    """Make each group hold exactly the given permissions ("app.codename"); usable in migrations."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    assign_roles(apps, roles)


def assign_roles(apps, roles: dict[str, list[str]], using: str = "default") -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in roles.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(
                Permission.objects.using(using).get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)


def restore_roles(sender, using="default", **kwargs) -> None:
    """post_migrate: a flush (`manage.py flush`, transactional tests) empties auth_group; like
    Django's own permissions, the roles come back after every migrate and flush."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = kwargs.get("apps") or global_apps
    # post_migrate reaches the apps in INSTALLED_APPS order: apps after this one have no
    # permissions yet after a flush.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    assign_roles(apps, ROLES, using=using)
