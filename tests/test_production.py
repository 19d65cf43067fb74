"""Production serving, hardening and failure: gunicorn subprocesses with the production settings
(tests/failing_site.py adds one failing view), check --deploy, the headers, the 503 and health."""

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
TLS_DEPLOYMENT = {
    # The environment README.md ("In productie") documents for a deployment behind a TLS proxy.
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "portaal.politie.local",
    "DJANGO_TRUST_X_FORWARDED_PROTO": "1",
    "DJANGO_TRUST_X_FORWARDED_FOR": "1",
    "DJANGO_HSTS_SECONDS": "31536000",
}


def _env(**extra):
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "PGHOST")}
    return {**keep, **extra}


def _check_deploy(tmp_path, deployment: dict):
    """`manage.py check --deploy` with the production settings and this environment."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_env(
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **deployment,
        ),
        capture_output=True,
        text=True,
    )


def test_check_deploy_has_no_warnings_for_the_documented_tls_deployment(tmp_path):
    result = _check_deploy(tmp_path, TLS_DEPLOYMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_https_is_switched_off(tmp_path):
    # The same check does fail: the test above cannot pass by checking nothing.
    switched_off = {**TLS_DEPLOYMENT, "DJANGO_HSTS_SECONDS": "0", "DJANGO_SSL_REDIRECT": "0"}
    result = _check_deploy(tmp_path, switched_off)
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def test_proxy_headers_are_not_believed_unless_configured():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.TRUSTED_PROXY_COUNT, s.SECURE_SSL_REDIRECT)"
    )
    base = {"DJANGO_SETTINGS_MODULE": "portal.settings.production", "DJANGO_SECRET_KEY": "x"}
    base["DJANGO_ALLOWED_HOSTS"] = "portaal.politie.local"
    plain = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_env(**base), capture_output=True, text=True
    )
    assert plain.stdout.split() == ["None", "0", "True"], plain.stderr
    configured = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(**base, DJANGO_TRUST_X_FORWARDED_PROTO="1", DJANGO_TRUST_X_FORWARDED_FOR="1"),
        capture_output=True,
        text=True,
    )
    assert configured.stdout.split() == ["('HTTP_X_FORWARDED_PROTO',", "'https')", "1", "True"]


def test_a_server_process_freezes_what_it_loaded_and_collects_in_larger_passes():
    # What the WSGI module leaves behind is never walked by the collector again (README: Cold
    # path); PORTAL_GC_THRESHOLD sets the first generation's threshold.
    code = "import gc, portal.wsgi; print(gc.get_freeze_count(), gc.get_threshold()[0])"
    base = {"DJANGO_SETTINGS_MODULE": "portal.settings.production", "DJANGO_SECRET_KEY": "x"}
    base["DJANGO_ALLOWED_HOSTS"] = "portaal.politie.local"
    for extra, threshold in (({}, 10_000), ({"PORTAL_GC_THRESHOLD": "2500"}, 2500)):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=_env(**base, **extra),
            capture_output=True,
            text=True,
        )
        frozen, first_generation = map(int, result.stdout.split())
        assert frozen > 50_000, result.stderr
        assert first_generation == threshold
    # 0 would switch the collector off: a worker refuses to start, saying why.
    for wrong in ("0", "veel"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=_env(**base, PORTAL_GC_THRESHOLD=wrong),
            capture_output=True,
            text=True,
        )
        assert result.returncode != 0
        assert "PORTAL_GC_THRESHOLD must be a whole number of at least 100" in result.stderr


def test_the_client_address_comes_from_x_forwarded_for_only_when_configured(client, db):
    headers = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 10.1.2.3"}
    # The login page: never a stored page, which is answered before the address is looked at.
    assert client.get("/inloggen/", **headers).wsgi_request.META["REMOTE_ADDR"] == "127.0.0.1"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        from django.test import Client

        # The proxy appended 10.1.2.3; what stands left of it the client may have made up.
        request = Client().get("/inloggen/", **headers).wsgi_request
        assert request.META["REMOTE_ADDR"] == "10.1.2.3"


def test_every_response_carries_permissions_policy_and_csp(client, db):
    responses = [client.get("/"), client.get("/bestaat-niet/")]
    responses.append(client.post("/inloggen/", {"username": "\x00"}))  # answered by middleware
    for response, status in zip(responses, [200, 404, 400], strict=True):
        assert response.status_code == status
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_sane_request_id_is_echoed_and_anything_else_replaced(client, db):
    assert client.get("/", HTTP_X_REQUEST_ID="abc-123.4")["X-Request-ID"] == "abc-123.4"
    for forged in ["", "a b", "x" * 200, "id\nINFO fake line"]:
        given = client.get("/", HTTP_X_REQUEST_ID=forged)["X-Request-ID"]
        assert given != forged and len(given) == 32 and given.isalnum()


def test_health_answers_200_when_the_database_answers_and_is_not_cached(client, db):
    response = client.get("/gezond/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# -- gunicorn subprocesses ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the production settings (and the failing view), on a free loopback port."""

    def __init__(self, tmp_path, **env):
        self.port = _free_port()
        self.stderr_path = tmp_path / f"gunicorn-{self.port}.log"
        self.env = _env(
            DJANGO_SETTINGS_MODULE="tests.failing_site",
            PORT=str(self.port),
            GUNICORN_WORKERS="1",
            **{**TLS_DEPLOYMENT, "DJANGO_ALLOWED_HOSTS": "127.0.0.1", **env},
        )

    def __enter__(self):
        self.stderr = open(self.stderr_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", "portal/gunicorn_conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.stderr_path.read_text()
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start: " + self.stderr_path.read_text())

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.stderr.close()

    def get(self, path, headers=None):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"X-Forwarded-Proto": "https", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def log_events(self) -> list[dict]:
        self.stderr.flush()
        return [json.loads(line) for line in self.stderr_path.read_text().splitlines() if line]


def test_an_error_is_one_json_line_with_traceback_and_request_id_never_shown(tmp_path):
    with Server(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}") as server:
        status, headers, body = server.get("/kapot/", {"X-Request-ID": "proxy-4711"})
        time.sleep(0.5)  # the access log line is written after the response
        events = server.log_events()
    assert status == 500
    assert "Er ging iets mis" in body
    assert "Traceback" not in body and "Kapot met opzet" not in body
    assert headers["X-Request-ID"] == "proxy-4711"
    errors = [e for e in events if e["level"] == "ERROR"]
    assert len(errors) == 1, events
    assert errors[0]["request_id"] == "proxy-4711"
    assert "Traceback" in errors[0]["exception"] and "Kapot met opzet" in errors[0]["exception"]
    access = [e for e in events if e["logger"] == "gunicorn.access"]
    assert [(e["path"], e["status"], e["request_id"]) for e in access] == [
        ("/kapot/", "500", "proxy-4711")
    ]


def test_plain_http_is_redirected_to_https_except_the_health_check(tmp_path):
    with Server(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}") as server:
        opener = urllib.request.build_opener(NoRedirect)
        plain = f"http://127.0.0.1:{server.port}"
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(f"{plain}/toegankelijkheid/", timeout=30)
        with opener.open(f"{plain}/gezond/", timeout=30) as health:
            health_status = health.status
        status, headers, _ = server.get("/toegankelijkheid/")  # as the proxy forwards https
    assert redirect.value.code == 301
    location = redirect.value.headers["Location"]
    assert location.startswith("https://127.0.0.1") and location.endswith("/toegankelijkheid/")
    assert health_status == 200
    assert status == 200
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class TcpProxy:
    """A loopback TCP forwarder to the database that can be cut off and restored: the database
    becomes unreachable for real, as when its host or the network goes away."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = _free_port()
        self.sockets: list[socket.socket] = []
        self.listener = None

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen()
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        # shutdown() first: on Linux a bare close() leaves the blocked accept() listening.
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="cuts a PostgreSQL connection (make test-postgres runs it)",
)
def test_database_outage_gives_the_503_page_and_the_portal_recovers_by_itself(tmp_path, db):
    settings = connection.settings_dict
    proxy = TcpProxy((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    proxy.start()
    url = f"postgres://{settings['USER']}@127.0.0.1:{proxy.port}/{settings['NAME']}"
    try:
        with Server(tmp_path, DATABASE_URL=url) as server:
            assert server.get("/gezond/")[0] == 200
            assert server.get("/themabladen/")[0] == 200
            proxy.stop()
            # A page already stored is still served (the page cache needs no database); one
            # that must be rendered gets the 503 page.
            assert server.get("/themabladen/")[0] == 200
            status, headers, body = server.get("/dilemmas/")
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert "tijdelijk niet beschikbaar" in body
            assert settings["NAME"] not in body and "Traceback" not in body
            assert "OperationalError" not in body
            assert server.get("/gezond/")[0] == 503
            proxy.start()
            assert server.get("/gezond/")[0] == 200
            assert server.get("/themabladen/")[0] == 200
    finally:
        proxy.stop()


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="ends PostgreSQL connections (make test-postgres runs it)",
)
def test_a_connection_the_database_ended_is_replaced_before_a_page_is_rendered(tmp_path, seed):
    # A restart, a fail-over or an idle timeout ends the server's kept connection (CONN_MAX_AGE);
    # the next cold page must open a new one, as Django's own cursor would, not answer 503.
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}"
    url += f":{settings['PORT'] or 5432}/{settings['NAME']}"
    sheet = "/themabladen/omgaan-met-informatie/"
    with Server(tmp_path, DATABASE_URL=url, PAGE_CACHE="0") as server:
        assert server.get(sheet)[0] == 200
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] >= 1
        for _ in range(3):
            status, _headers, body = server.get(sheet)
            assert status == 200, body[:300]


# -- backup and restore ------------------------------------------------------------------------


def _what_users_see(client):
    from dilemmas.models import Training
    from portal.redactie.models import Revision
    from themabladen.models import Themablad

    sheets = Themablad.objects.published().order_by("pk")
    trainings = list(Training.objects.order_by("pk"))
    return {
        "pages": {s.slug: client.get(s.get_absolute_url()).content.decode() for s in sheets},
        "search": client.get("/zoeken/?q=nevenwerkzaamheden").content.decode(),
        "versions": list(
            Revision.objects.order_by("pk").values_list(
                "pk", "themablad_id", "status", "author_id", "reviewer_id", "snapshot", "note"
            )
        ),
        "trainings": [
            (t.pk, t.owner.username, t.title, t.share_token, list(t.items.values_list()))
            for t in trainings
        ],
        "shared": [client.get(t.get_share_url()).content.decode() for t in trainings],
    }


def test_restoring_a_backup_into_an_empty_database_gives_the_same_pages_versions_and_trainings(
    seed, client, tmp_path, redacteur
):
    from django.contrib.auth.models import User
    from django.core.management import CommandError, call_command

    from dilemmas import trainingen
    from dilemmas.models import Dilemma
    from tests.redactie_fixtures import change_url, form_data, publish_pending
    from themabladen.models import Themablad

    # A published change (a version with author and approver) and a trainer's session.
    sheet = Themablad.objects.published().get(slug="omgaan-met-informatie")
    client.force_login(redacteur)
    data = form_data(client.get(change_url(sheet)).content.decode())
    data.update(title="Omgaan met informatie (herzien)", _continue="1")
    assert client.post(change_url(sheet), data).status_code == 302
    publish_pending(sheet)
    training = trainingen.create_training(owner=redacteur, title="Teamdag")
    trainingen.add_items(training=training, dilemmas=list(Dilemma.objects.published()[:3]))
    client.logout()
    before = _what_users_see(client)
    assert "Omgaan met informatie (herzien)" in before["pages"]["omgaan-met-informatie"]

    if connection.vendor == "postgresql":
        # This test's own writes are still unchecked (deferred) in its transaction, and
        # PostgreSQL truncates no table with checks pending; restore runs in a fresh one.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup))
    with pytest.raises(CommandError, match="bevat al gegevens"):
        call_command("restore", str(backup))
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert not User.objects.exists() and not Themablad.objects.exists()
    call_command("restore", str(backup))

    after = _what_users_see(client)
    assert after == before
    assert backup.stat().st_mode & 0o077 == 0  # password hashes: for its owner only
    assert len(after["versions"]) >= 1 and after["trainings"][0][2] == "Teamdag"
    restored = User.objects.get(username=redacteur.username)
    assert restored.check_password("geheim-wachtwoord") and restored.groups.exists()


def test_health_needs_no_account_when_every_page_asks_for_one(client, db):
    with override_settings(PORTAL_REQUIRE_LOGIN=True):
        assert client.get("/").status_code == 302
        assert client.get("/gezond/").status_code == 200
