"""Local development: `make run`. Serves static files straight from the source folders."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
# Off by default so that `make run` shows the portal's own 404 and 500 pages; DJANGO_DEBUG=1 for
# Django's technical pages.
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
