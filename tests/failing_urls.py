"""The portal's URLs plus /kapot/, which raises (for tests/failing_site.py)."""

from django.urls import include, path


def failing_view(request):
    raise RuntimeError("Kapot met opzet")


urlpatterns = [path("kapot/", failing_view), path("", include("portal.urls"))]
handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
