"""Production: PostgreSQL through DATABASE_URL, hashed and compressed static files."""

import os

from django.core.exceptions import ImproperlyConfigured

from portal.logs import production_logging

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} for production.")
    return value


def _secret_key() -> str:
    # A file keeps the key out of the process environment (systemd's LoadCredential, or the
    # key `make serve` generates for a local try-out); the variable itself wins when both are set.
    path = os.environ.get("DJANGO_SECRET_KEY_FILE", "").strip()
    if path and not os.environ.get("DJANGO_SECRET_KEY", "").strip():
        try:
            with open(path, encoding="utf-8") as handle:
                key = handle.read().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"DJANGO_SECRET_KEY_FILE cannot be read: {error}") from None
        if key:
            return key
    return _required("DJANGO_SECRET_KEY")


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [host.strip() for host in _required("DJANGO_ALLOWED_HOSTS").split(",")]
DEBUG = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = os.environ.get("DJANGO_INSECURE_COOKIES", "0") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


# --- Serving behind the intranet's reverse proxy, hardening, logging (issue 10) --------------
# Every value documented in README.md ("In productie"). The defaults are the safe ones: HTTPS
# only, nothing believed from proxy headers until it is said which proxy sets them.


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.")
    return int(value)


# TLS ends at the proxy. Only when it is configured to set X-Forwarded-Proto (and to overwrite
# whatever a client sent) may the portal believe it; otherwise anyone could claim https.
if _flag("DJANGO_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The number of proxies in front that append to X-Forwarded-For (portal.middleware).
TRUSTED_PROXY_COUNT = _number("DJANGO_TRUST_X_FORWARDED_FOR", 0)

SECURE_SSL_REDIRECT = _flag("DJANGO_SSL_REDIRECT", True)
# The load balancer may ask for the health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]
# HSTS is remembered by browsers for its whole lifetime: switched on only once TLS works.
SECURE_HSTS_SECONDS = _number("DJANGO_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("DJANGO_HSTS_PRELOAD", True)

# An unreachable database host must not hold a worker until gunicorn kills it: fail fast, the
# request gets the 503 page (portal.views.server_error) and the next one tries again.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(  # noqa: F405
        "connect_timeout", _number("DATABASE_CONNECT_TIMEOUT", 5)
    )

# One JSON event a line on stderr, with the request id (portal/logs.py).
LOGGING = production_logging(os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper())
