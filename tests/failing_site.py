"""Settings for the production-server tests: the production settings plus one view that fails.

The portal has no page that raises on purpose; the tests need one to see what an error leaves
in the log (tests/failing_urls.py). Static files are served from the source folders, so the
tests need no collectstatic.
"""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.failing_urls"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# No collected files in a fresh clone: whitenoise would warn (a line that is not JSON) about a
# missing STATIC_ROOT.
STATIC_ROOT = None
