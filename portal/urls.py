from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from mozilla_django_oidc import views as oidc_views

from . import views
from .signin import PortalLoginView, when_oidc_enabled

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("gezond/", views.health, name="health"),
    path("themabladen/", include("themabladen.urls")),
    path("integriteit-in-de-praktijk/", include("themabladen.urls_praktijk")),
    path("regelgeving/", include("themabladen.urls_regelgeving")),
    path("dilemmas/", include("dilemmas.urls")),
    path("casuistiek/", include("casuistiek.urls")),
    path("uitspraken/", include("casuistiek.urls_uitspraken")),
    path("wijzigingen/", views.changes, name="changes"),
    path("wijzigingen/atom/", views.ChangesFeed(), name="changes-feed"),
    path("tags/", include("portal.urls_tags")),
    path("zoeken/", include("portal.search.urls")),
    path("admin/", admin.site.urls),
    path("trainingen/", include("dilemmas.urls_trainingen")),
    path(
        "inloggen/",
        PortalLoginView.as_view(),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    # OpenID Connect (portal.signin).
    path(
        "oidc/authenticate/",
        when_oidc_enabled(oidc_views.OIDCAuthenticationRequestView),
        name="oidc_authentication_init",
    ),
    path(
        "oidc/callback/",
        when_oidc_enabled(oidc_views.OIDCAuthenticationCallbackView),
        name="oidc_authentication_callback",
    ),
]

admin.site.site_header = "Integriteitsportaal – redactie"
admin.site.site_title = "Integriteitsportaal"
admin.site.index_title = "Inhoud beheren"

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
