"""Two app servers on one PostgreSQL database and one Redis: a publish is served by both at once.

Each server is a gunicorn process of its own (as behind a load balancer, both are asked under
the same host name); this test process is a third one that approves the change. Runs on
PostgreSQL only, with Redis on 127.0.0.1:6379 (`.ci/run` starts it).
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import override_settings

from portal.redactie import publishing
from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS
from portal.redactie.snapshots import take_snapshot
from themabladen.models import KaderStatement, Themablad

ROOT = Path(__file__).resolve().parent.parent
REDIS = "redis://127.0.0.1:6379/5"  # this suite's own database number
PORTS = range(8510, 8530)
URL = "/themabladen/twee-servers/"

pytestmark = pytest.mark.django_db(transaction=True)


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _free_ports(count):
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                found.append(port)
        if len(found) == count:
            return found
    pytest.fail(f"No free port in {PORTS}")


def _get(port, path=URL):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, "", dict(error.headers)


@pytest.fixture
def shared_cache(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("two servers share one database server: runs on PostgreSQL only")
    if not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
    prefix = f"two-servers-{secrets.token_hex(4)}"
    cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    cache["KEY_PREFIX"] = prefix
    with override_settings(CACHES={"default": cache, "generation": cache}):
        yield prefix
    import redis

    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def servers(shared_cache):
    name = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        "CACHE_URL": REDIS,
        "CACHE_KEY_PREFIX": shared_cache,
    }
    ports = _free_ports(2)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}"]
            + ["portal.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 60
        for port, process in zip(ports, processes, strict=True):
            while True:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                try:
                    _get(port, "/toegankelijkheid/")
                    break
                except OSError:
                    assert time.monotonic() < deadline, "server did not start"
                    time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def test_a_change_approved_in_another_process_is_served_by_both_servers_at_once(servers):
    one, two = servers
    sheet = Themablad.objects.create(
        number=901, title="Twee servers", slug="twee-servers", status="gepubliceerd"
    )
    statement = KaderStatement.objects.create(themablad=sheet, position=1, text="Oude tekst.")
    author = User.objects.create_user("auteur", is_staff=True)
    approver = User.objects.create_user("keurder", is_staff=True)
    for user in (author, approver):
        user.groups.add(Group.objects.get(name=INTEGRITEITSFUNCTIONARIS))

    status, page, headers = _get(one)
    assert status == 200 and "Oude tekst." in page
    assert "public" in headers["Cache-Control"]

    # The page is shared: a row changed behind the portal's back (no signal, no publish) is not
    # seen by the second server either, which never rendered the page itself.
    KaderStatement.objects.filter(pk=statement.pk).update(text="Buiten de portal om.")
    assert "Oude tekst." in _get(two)[1]
    assert _get(two)[2]["ETag"] == headers["ETag"]

    snapshot = take_snapshot(sheet)
    snapshot["kader"][0]["text"] = "Nieuwe tekst na goedkeuring."
    publishing.save_draft(themablad=sheet, snapshot=snapshot, user=author, note="Nieuw")
    revision = publishing.submit(themablad=sheet, user=author, note="Nieuw")
    # A change waiting for approval changes no page.
    assert "Nieuwe tekst" not in _get(one)[1]
    publishing.approve(revision=revision, user=approver)

    for port in (two, one):
        status, page, after = _get(port)
        assert status == 200
        assert "Nieuwe tekst na goedkeuring." in page, port
        assert after["ETag"] != headers["ETag"]

    publishing.archive(themablad=sheet, user=approver)
    assert _get(two)[0] == 404
    assert _get(one)[0] == 404
