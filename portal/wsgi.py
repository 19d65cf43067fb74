import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Stored public pages are answered before Django handles the request (portal/caching.py).
from portal.caching import serve_stored_pages  # noqa: E402  (needs the settings module above)

application = serve_stored_pages(application)
