import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.parametrize(
    "environment",
    [{}, {"DJANGO_SECRET_KEY": "s3cret"}, {"DJANGO_ALLOWED_HOSTS": "portaal.politie.local"}],
)
def test_production_refuses_to_start_without_secret_key_and_hosts(environment):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.production", **environment},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_with_both_and_serves_hashed_compressed_static_files():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.STORAGES['staticfiles']['BACKEND'])",
        ],
        env={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": "s3cret",
            "DJANGO_ALLOWED_HOSTS": "portaal.politie.local",
        },
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == ("whitenoise.storage.CompressedManifestStaticFilesStorage"), (
        result.stderr
    )


@pytest.mark.django_db(transaction=True)
def test_roles_survive_a_database_flush():
    from django.contrib.auth.models import Group

    call_command("flush", interactive=False, verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Redacteur",
        "Integriteitsfunctionaris",
        "Trainer",
    }
    assert (
        Group.objects.get(name="Integriteitsfunctionaris")
        .permissions.filter(codename="approve_revision")
        .exists()
    )


def test_pages_allow_no_script_or_style_from_elsewhere(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
