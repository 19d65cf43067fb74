"""Signing in: lockout after repeated failed passwords, the proxy's header, OpenID Connect, and
PORTAL_REQUIRE_LOGIN (portal/signin.py, settings "Signing in")."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import User
from django.test import override_settings

from dilemmas.trainingen import TRAINER_GROUP
from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, REDACTEUR
from tests.redactie_fixtures import make_user

pytestmark = pytest.mark.django_db

LOGIN_PAGES = ["/inloggen/", "/admin/login/"]
DIRECTORY = {
    REDACTEUR: ["GG-Integriteit-Redactie"],
    INTEGRITEITSFUNCTIONARIS: ["GG-VIK-Integriteitsfunctionaris"],
    TRAINER_GROUP: ["GG-Trainers"],
}


def roles(user) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def signed_in(client) -> str | None:
    """The user name the portal now knows this browser by, or None."""
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


# --- Repeated failed passwords (django-axes) --------------------------------------------------


@pytest.mark.parametrize("login_page", LOGIN_PAGES)
def test_thirty_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, login_page):
    make_user("wim", is_staff=True)
    for _ in range(30):
        response = client.post(login_page, {"username": "wim", "password": "fout"})
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()

    response = client.post(login_page, {"username": "wim", "password": "geheim-wachtwoord"})
    assert response.status_code == 429
    assert "te vaak een verkeerd wachtwoord" in response.content.decode()
    assert signed_in(client) is None


def test_the_lock_counts_per_user_name_so_colleagues_still_sign_in(client):
    make_user("wim")
    make_user("wendy")
    for _ in range(6):
        client.post("/inloggen/", {"username": "wim", "password": "fout"})
    response = client.post("/inloggen/", {"username": "wendy", "password": "geheim-wachtwoord"})
    assert response.status_code == 302
    assert signed_in(client) == "wendy"


def test_a_few_typing_errors_do_not_lock_and_a_success_forgets_them(client, settings):
    make_user("wim")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/inloggen/", {"username": "wim", "password": "fout"}).status_code == 200
    client.post("/inloggen/", {"username": "wim", "password": "geheim-wachtwoord"})
    assert signed_in(client) == "wim"
    client.post("/uitloggen/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/inloggen/", {"username": "wim", "password": "fout"})
    client.post("/inloggen/", {"username": "wim", "password": "geheim-wachtwoord"})
    assert signed_in(client) == "wim"


def test_an_integriteitsfunctionaris_unlocks_a_locked_sign_in(client):
    make_user("wim")
    officer = make_user("ivo", INTEGRITEITSFUNCTIONARIS)
    for _ in range(10):
        client.post("/inloggen/", {"username": "wim", "password": "fout"})

    client.force_login(officer)
    page = client.get("/admin/portal/loginlock/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "wim" in html and "Deblokkeren" in html
    lock_id = page.context["cl"].result_list[0].pk
    response = client.post(
        "/admin/portal/loginlock/",
        {"action": "unlock", "_selected_action": [lock_id]},
        follow=True,
    )
    assert "1 inlogblokkade(s) opgeheven." in response.content.decode()
    client.logout()

    response = client.post("/inloggen/", {"username": "wim", "password": "geheim-wachtwoord"})
    assert response.status_code == 302
    assert signed_in(client) == "wim"


def test_a_redacteur_cannot_see_or_lift_locks(client):
    client.force_login(make_user("rita", REDACTEUR))
    assert client.get("/admin/portal/loginlock/").status_code == 403


# --- (a) The reverse proxy's header ------------------------------------------------------------

PROXY = {
    "PORTAL_REMOTE_USER_HEADER": "X-Remote-User",
    "PORTAL_REMOTE_GROUPS_HEADER": "X-Remote-Groups",
    "PORTAL_DIRECTORY_GROUPS": DIRECTORY,
}


def test_the_header_is_ignored_unless_it_is_enabled(client):
    client.get("/", HTTP_X_REMOTE_USER="ivo")
    assert signed_in(client) is None
    assert not User.objects.filter(username="ivo").exists()


@override_settings(**PROXY)
def test_the_proxy_names_the_user_and_the_directory_groups_give_the_roles(client):
    groups = "GG-VIK-Integriteitsfunctionaris;GG-Alle-Medewerkers"
    response = client.get(
        "/admin/", HTTP_X_REMOTE_USER="POLITIE\\IvoJansen", HTTP_X_REMOTE_GROUPS=groups
    )
    assert response.status_code == 200, "an integriteitsfunctionaris goes straight into the admin"
    user = User.objects.get(username="ivojansen")
    assert roles(user) == {INTEGRITEITSFUNCTIONARIS}
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()


@override_settings(**PROXY)
def test_a_role_taken_away_in_the_directory_is_gone_at_the_next_request(client):
    client.get(
        "/", HTTP_X_REMOTE_USER="tim", HTTP_X_REMOTE_GROUPS="GG-Trainers, GG-Integriteit-Redactie"
    )
    user = User.objects.get(username="tim")
    assert roles(user) == {TRAINER_GROUP, REDACTEUR}

    response = client.get("/admin/", HTTP_X_REMOTE_USER="tim", HTTP_X_REMOTE_GROUPS="GG-Trainers")
    assert roles(user) == {TRAINER_GROUP}
    assert response.status_code == 302, "no editorial role: no admin"
    assert (
        client.get(
            "/trainingen/", HTTP_X_REMOTE_USER="tim", HTTP_X_REMOTE_GROUPS="GG-Trainers"
        ).status_code
        == 200
    )


@override_settings(**PROXY)
def test_without_the_header_a_proxy_user_is_signed_out_but_a_break_glass_account_stays(client):
    client.get("/", HTTP_X_REMOTE_USER="tim", HTTP_X_REMOTE_GROUPS="GG-Trainers")
    assert signed_in(client) == "tim"
    client.get("/")
    assert signed_in(client) is None

    make_user("beheer")
    client.post("/inloggen/", {"username": "beheer", "password": "geheim-wachtwoord"})
    client.get("/")
    assert signed_in(client) == "beheer"


@override_settings(**PROXY)
@pytest.mark.parametrize("name", ["", "   ", "jan de vries", "a" * 200, "<script>"])
def test_an_unusable_name_from_the_proxy_signs_nobody_in(client, name):
    response = client.get("/", HTTP_X_REMOTE_USER=name)
    assert response.status_code == 200
    assert signed_in(client) is None


# --- (b) OpenID Connect, against a fake provider inside the test ------------------------------


class FakeProvider:
    """An OpenID provider on a loopback port: token, userinfo and JWKS endpoints, RS256."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims = {}
        self.nonce = None
        self.code_verifier_seen = None
        self.sign_with = self.key
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body):
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):  # the token endpoint
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                provider.code_verifier_seen = form.get("code_verifier", [None])[0]
                id_token = jwt.encode(
                    {
                        "iss": provider.url,
                        "aud": "portaal",
                        "sub": provider.claims.get("preferred_username", "?"),
                        "nonce": provider.nonce,
                        "iat": int(time.time()),
                        "exp": int(time.time()) + 300,
                    },
                    provider.sign_with,
                    algorithm="RS256",
                    headers={"kid": "sleutel-1"},
                )
                self._json(
                    {"access_token": "toegang", "id_token": id_token, "token_type": "Bearer"}
                )

            def do_GET(self):
                if self.path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    self._json(
                        {"keys": [{**jwk, "kid": "sleutel-1", "alg": "RS256", "use": "sig"}]}
                    )
                else:  # userinfo
                    self._json(provider.claims)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def settings(self):
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": "portaal",
            "OIDC_RP_CLIENT_SECRET": "geheim",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_RP_SIGN_ALGO": "RS256",
            "PORTAL_DIRECTORY_GROUPS": DIRECTORY,
            "AUTHENTICATION_BACKENDS": [
                "axes.backends.AxesStandaloneBackend",
                "portal.signin.IntranetOIDCBackend",
                "django.contrib.auth.backends.ModelBackend",
            ],
        }

    def sign_in(self, client, next_url="/trainingen/"):
        """What the browser does: to the provider and back with a code."""
        start = client.get(f"/oidc/authenticate/?next={next_url}")
        assert start.status_code == 302 and start["Location"].startswith(f"{self.url}/authorize")
        query = parse_qs(urlparse(start["Location"]).query)
        self.nonce = query["nonce"][0]
        return client.get(f"/oidc/callback/?code=een-code&state={query['state'][0]}")


@pytest.fixture
def provider():
    fake = FakeProvider()
    with override_settings(**fake.settings()):
        yield fake
    fake.server.shutdown()


def test_oidc_signs_in_with_name_and_roles_from_the_claims(client, provider):
    provider.claims = {
        "preferred_username": "tdevries",
        "given_name": "Tamara",
        "family_name": "de Vries",
        "email": "t.devries@politie.example",
        "groups": ["GG-Trainers", "GG-Alle-Medewerkers"],
    }
    response = provider.sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/trainingen/"
    user = User.objects.get(username="tdevries")
    assert user.get_full_name() == "Tamara de Vries"
    assert roles(user) == {TRAINER_GROUP}
    assert not user.is_staff
    assert provider.code_verifier_seen, "PKCE is used"
    assert client.get("/trainingen/").status_code == 200

    client.logout()
    provider.claims["groups"] = ["GG-Integriteit-Redactie"]
    provider.sign_in(client)
    user.refresh_from_db()
    assert roles(user) == {REDACTEUR} and user.is_staff


def test_a_token_signed_by_someone_else_signs_nobody_in(client, provider):
    provider.claims = {
        "preferred_username": "mallory",
        "groups": ["GG-VIK-Integriteitsfunctionaris"],
    }
    provider.sign_with = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # A forged token is a bad request (400), as Django answers a SuspiciousOperation.
    assert provider.sign_in(client).status_code == 400
    assert signed_in(client) is None
    assert not User.objects.filter(username="mallory").exists()


def test_claims_without_a_user_name_send_back_to_the_login_page_with_a_dutch_message(
    client, provider
):
    provider.claims = {"email": "iemand@politie.example", "groups": ["GG-Trainers"]}
    response = provider.sign_in(client)
    assert response.status_code == 302 and "sso=mislukt" in response["Location"]
    assert signed_in(client) is None
    page = client.get(response["Location"])
    assert "Inloggen via het intranet is niet gelukt" in page.content.decode()


def test_the_login_pages_offer_the_intranet_account_and_keep_the_local_form(client, provider):
    for login_page in LOGIN_PAGES:
        html = client.get(login_page).content.decode()
        assert "Inloggen met je politie-account" in html
        assert "Lokaal account (noodtoegang)" in html
        assert 'name="password"' in html


def test_without_oidc_there_is_no_intranet_button_and_no_oidc_url(client):
    assert "politie-account" not in client.get("/inloggen/").content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404


# --- PORTAL_REQUIRE_LOGIN ---------------------------------------------------------------------


def test_readers_need_no_account_by_default(client, seed):
    assert client.get("/themabladen/omgaan-met-informatie/").status_code == 200


@override_settings(PORTAL_REQUIRE_LOGIN=True)
def test_with_require_login_every_page_asks_for_an_account_first(client, seed):
    for url in ["/", "/themabladen/omgaan-met-informatie/", "/zoeken/?q=geschenk", "/dilemmas/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/inloggen/?next="), url
    assert client.get("/inloggen/").status_code == 200
    assert client.get("/admin/login/").status_code == 200
    make_user("mila", is_staff=False)
    client.post("/inloggen/", {"username": "mila", "password": "geheim-wachtwoord"})
    assert client.get("/themabladen/omgaan-met-informatie/").status_code == 200


def test_the_sign_in_pages_are_valid_html(client, provider):
    from tests.nu import nu_errors

    make_user("wim")
    for _ in range(6):
        locked = client.post("/inloggen/", {"username": "wim", "password": "fout"})
    pages = {url: client.get(url).content.decode() for url in LOGIN_PAGES}
    pages["lockout"] = locked.content.decode()
    assert nu_errors(pages) == {}


@pytest.mark.parametrize(
    ("groups", "lands_at"),
    [((TRAINER_GROUP,), "/trainingen/"), ((REDACTEUR,), "/admin/"), ((), "/")],
)
def test_signing_in_without_next_lands_where_the_role_works(client, groups, lands_at):
    make_user("wil", *groups, is_staff=bool(set(groups) & {REDACTEUR}))
    response = client.post("/inloggen/", {"username": "wil", "password": "geheim-wachtwoord"})
    assert response.status_code == 302 and response["Location"] == lands_at
