"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Search log counts are written at once, not batched per process (portal/search/searchlog.py):
# nothing from one test waits in memory for another.
SEARCH_LOG_FLUSH_SECONDS = 0
