"""Settings shared by every environment; dev, test and production override what differs."""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "taggit",
    "axes",
    "mozilla_django_oidc",
    "portal",
    "themabladen",
    "dilemmas",
    "casuistiek",
    "portal.redactie",
    "portal.search",
]

MIDDLEWARE = [
    # First: a stored page carries every header the others set (portal/caching.py).
    "portal.caching.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.signin.IntranetRemoteUserMiddleware",
    "portal.signin.RequireLoginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The parts of a sheet (portal.jinja says why), reached through template tags.
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "portal.jinja.environment"},
    },
]

# SQLite needs no set-up at all; production points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "login"


# --- Signing in (README "Inloggen"). Readers need no account unless PORTAL_REQUIRE_LOGIN=1. ---
def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


PORTAL_REQUIRE_LOGIN = os.environ.get("PORTAL_REQUIRE_LOGIN", "0") == "1"

# (a) The intranet's reverse proxy names the user in a header, e.g. X-Remote-User; off when empty.
PORTAL_REMOTE_USER_HEADER = os.environ.get("PORTAL_REMOTE_USER_HEADER", "")
PORTAL_REMOTE_GROUPS_HEADER = os.environ.get("PORTAL_REMOTE_GROUPS_HEADER", "")
# Directory groups (comma-separated, either way of signing in) that give each portal role.
PORTAL_DIRECTORY_GROUPS = {
    "Redacteur": _env_list("PORTAL_GROUPS_REDACTEUR"),
    "Integriteitsfunctionaris": _env_list("PORTAL_GROUPS_INTEGRITEITSFUNCTIONARIS"),
    "Trainer": _env_list("PORTAL_GROUPS_TRAINER"),
}

AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: refuses a locked-out user name before any password check.
    "axes.backends.AxesStandaloneBackend",
    "portal.signin.IntranetRemoteUserBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# (b) OpenID Connect (mozilla-django-oidc), on when OIDC_RP_CLIENT_ID is set.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "") or None
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_USE_PKCE = True
LOGIN_REDIRECT_URL = "/"
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/?sso=mislukt"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.insert(1, "portal.signin.IntranetOIDCBackend")

# Repeated failed passwords (django-axes), on /inloggen/ and /admin/login/ alike: after
# AXES_FAILURE_LIMIT failures for one user name from one address, that pair is locked out for
# AXES_COOLOFF_MINUTES; an integriteitsfunctionaris or administrator can unlock it in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_ENABLE_ADMIN = False  # portal/admin.py shows the locks in Dutch, with an unlock action
AXES_VERBOSE = False

# --- Hardening and observability (issue 10: serving, hardening, failure and recovery) ---------
# First of all: the request id, so every log event of a request carries it; then the client's
# address from X-Forwarded-For (only with DJANGO_TRUST_X_FORWARDED_FOR, see production.py).
# Requests holding a NUL character are answered 400 right after the static files, before the
# session middleware could look their cookie up in the database.
# The security headers (CSP, Permissions-Policy) move to the outside, so the 400 answered below
# and the static files carry them too.
# Right after the request id comes the page cache: a stored page must carry every header the
# others set, the security headers above all (portal.caching.serve_stored_pages serves it past
# Django); the request id is made anew for each response.
_OUTERMOST = ["portal.caching.PageCacheMiddleware"]
MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    *_OUTERMOST,
    "portal.security.ContentSecurityPolicyMiddleware",
    "portal.middleware.ForwardedForMiddleware",
    *(
        name
        for name in MIDDLEWARE
        if name not in ("portal.security.ContentSecurityPolicyMiddleware", *_OUTERMOST)
    ),
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "portal.middleware.MalformedRequestMiddleware",
)
TRUSTED_PROXY_COUNT = 0
# A user name longer than django-axes' column was a 500 on PostgreSQL (portal/hardening.py).
AXES_USERNAME_CALLABLE = "portal.hardening.axes_username"

# Cache: pages and PDFs (portal/caching.py, portal/pdf.py)
# ---------------------------------------------------------
# CACHE_URL (or REDIS_URL) redis://host:6379/0 shares one cache between every worker and server
# (Django's own RedisCache). Without it each process keeps its own pages in local memory, and the
# content generation that says which pages are current is a file per machine, so the workers of
# one server never serve a page another worker has seen go stale.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or ""
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "integriteitsportaal")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "TIMEOUT": 60 * 60 * 24,
    }
    CACHES = {"default": _shared_cache, "generation": _shared_cache}
elif CACHE_URL and CACHE_URL != "locmem://":
    raise ValueError(f"CACHE_URL {CACHE_URL!r}: use redis://, rediss://, unix:// or locmem://")
else:
    _machine = hashlib.sha256(f"{BASE_DIR}|{DATABASES['default'].get('NAME')}".encode())
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "CACHE_GENERATION_DIR",
                str(
                    Path(tempfile.gettempdir()) / f"integriteitsportaal-{_machine.hexdigest()[:12]}"
                ),
            ),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
    }
# Seconds a browser or the intranet's proxy may show a public page before asking again (with
# its ETag: an unchanged page costs a 304).
PAGE_MAX_AGE = int(os.environ.get("PAGE_MAX_AGE", "30"))
# Off: every page is rendered anew (the cold side of `make benchmark-pages`).
PAGE_CACHE = os.environ.get("PAGE_CACHE", "1") != "0"
