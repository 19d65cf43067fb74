import gc
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Stored public pages are answered before Django handles the request (portal/caching.py).
from portal.caching import serve_stored_pages  # noqa: E402  (needs the settings module above)

application = serve_stored_pages(application)

# Garbage collection tuned for a server process (each gunicorn worker imports this module).
# Django, the apps and their imports leave some 120,000 objects that live as long as the
# process; CPython's collector walked them again and again while pages were rendered, about a
# sixth of a sheet page's CPU (3.3 -> 2.9 ms in-process). Frozen, they are never walked again
# (gc.freeze, as Instagram's Django servers do). A rendered page's rows and their parents refer
# to each other, so they are freed by the collector, not when the response is sent: a larger
# first-generation threshold collects them in fewer, larger passes instead of walking the live
# objects of the request under way every 700 allocations.
try:
    GC_FIRST_GENERATION = int(os.environ.get("PORTAL_GC_THRESHOLD") or 10_000)
except ValueError:
    GC_FIRST_GENERATION = 0
if GC_FIRST_GENERATION < 100:
    # 0 would switch the collector off, and a loaded page is freed only by the collector.
    raise ImproperlyConfigured("PORTAL_GC_THRESHOLD must be a whole number of at least 100.")
gc.collect()
gc.freeze()
gc.set_threshold(GC_FIRST_GENERATION, *gc.get_threshold()[1:])
