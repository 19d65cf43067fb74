"""Who may see and do what in the content admin."""

import pytest
from django.contrib.auth.models import Group

from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, REDACTEUR, ROLES
from tests.redactie_fixtures import make_user

pytestmark = pytest.mark.django_db


def test_the_migration_creates_both_groups_with_exactly_the_roles_permissions():
    for name, perms in ROLES.items():
        group = Group.objects.get(name=name)
        actual = sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        )
        assert actual == sorted(perms)


def test_anonymous_visitors_are_sent_to_the_login(client, make_themablad):
    sheet = make_themablad()
    for url in ["/admin/", f"/admin/themabladen/themablad/{sheet.pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_without_a_role_sees_no_content(client, staff_without_role, make_themablad):
    sheet = make_themablad()
    client.force_login(staff_without_role)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "Themabladen" not in index.content.decode()
    assert client.get("/admin/themabladen/themablad/").status_code == 403
    assert client.get(f"/admin/themabladen/themablad/{sheet.pk}/change/").status_code == 403
    assert client.get("/admin/redactie/revision/overzicht/").status_code == 403
    assert (
        client.get(f"/admin/redactie/revision/themablad/{sheet.pk}/voorbeeld/").status_code == 403
    )
    assert client.get("/admin/redactie/auditentry/").status_code == 403


def test_redacteur_edits_content_but_cannot_approve_archive_or_read_the_log(
    client, redacteur, make_themablad
):
    sheet = make_themablad()
    client.force_login(redacteur)
    assert "Themabladen" in client.get("/admin/").content.decode()
    assert client.get(f"/admin/themabladen/themablad/{sheet.pk}/change/").status_code == 200
    assert client.get("/admin/themabladen/themablad/add/").status_code == 200
    assert client.get("/admin/casuistiek/uitspraak/add/").status_code == 200
    assert client.get("/admin/redactie/auditentry/").status_code == 403
    assert not redacteur.has_perm("redactie.approve_revision")
    assert not redacteur.has_perm("redactie.archive_themablad")
    response = client.post(
        f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/", {"action": "archive"}
    )
    assert response.status_code == 403


def test_integriteitsfunctionaris_may_also_approve_archive_and_read_the_log(
    client, officer, make_themablad
):
    client.force_login(officer)
    assert officer.has_perm("redactie.approve_revision")
    assert officer.has_perm("redactie.archive_themablad")
    assert client.get("/admin/redactie/auditentry/").status_code == 200
    assert client.get("/admin/redactie/revision/overzicht/").status_code == 200


@pytest.mark.parametrize("role", [REDACTEUR, INTEGRITEITSFUNCTIONARIS])
def test_nobody_in_a_role_can_delete_a_sheet(client, role, make_themablad):
    user = make_user(f"user-{role.lower()}", role)
    sheet = make_themablad()
    client.force_login(user)
    response = client.get(f"/admin/themabladen/themablad/{sheet.pk}/delete/")
    assert response.status_code == 403
