"""Signing in through the intranet: a user name from the reverse proxy, or OpenID Connect.

Both ways map the directory's groups onto the portal's three roles (Redacteur,
Integriteitsfunctionaris, Trainer) on every sign-in, so the directory stays the one place where
roles are given and taken. Local accounts with a password stay for break-glass use; the directory
never touches them, and it never makes anyone a superuser. Settings: README "Inloggen".
"""

import logging

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import RemoteUserBackend
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.middleware import LoginRequiredMiddleware, RemoteUserMiddleware
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from dilemmas.trainingen import TRAINER_GROUP, is_trainer
from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, REDACTEUR

logger = logging.getLogger(__name__)

ROLES = (REDACTEUR, INTEGRITEITSFUNCTIONARIS, TRAINER_GROUP)
EDITORIAL_ROLES = {REDACTEUR, INTEGRITEITSFUNCTIONARIS}
# Remembered in the session: a change in the proxy's group header re-maps the roles at once,
# not only when the session ends.
SESSION_GROUPS_KEY = "portal_directory_groups"


def split_groups(value) -> list[str]:
    """Directory groups as a proxy header ("a;b", "a, b") or an OIDC claim (a list) gives them."""
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return [str(group).strip() for group in value or () if str(group).strip()]


def roles_for(directory_groups) -> set[str]:
    """The portal roles that PORTAL_DIRECTORY_GROUPS gives to members of these groups."""
    mapping = {
        group.casefold(): role
        for role, groups in settings.PORTAL_DIRECTORY_GROUPS.items()
        for group in groups
    }
    return {
        mapping[g.casefold()] for g in split_groups(directory_groups) if g.casefold() in mapping
    }


def sync_directory_roles(*, user, directory_groups) -> set[str]:
    """Give the user exactly the roles the directory's groups map to; other groups stay."""
    roles = roles_for(directory_groups)
    with transaction.atomic():
        for role in ROLES:
            group, _ = Group.objects.get_or_create(name=role)
            if role in roles:
                user.groups.add(group)
            else:
                user.groups.remove(group)
        # The admin is for the editorial roles; a superuser stays what a local admin made them.
        user.is_staff = user.is_superuser or bool(roles & EDITORIAL_ROLES)
        user.save(update_fields=["is_staff"])
    return roles


class IntranetRemoteUserBackend(RemoteUserBackend):
    """Trusts the user name in the proxy's header (only reached when that header is enabled)."""

    @staticmethod
    def username_max_length() -> int:
        return get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length

    def clean_username(self, username):
        # "POLITIE\\jdevries" and "JDeVries" are the same person as "jdevries".
        return username.rsplit("\\", 1)[-1].strip().casefold()

    def authenticate(self, request, remote_user):
        username = self.clean_username(remote_user or "")
        try:
            UnicodeUsernameValidator()(username)
            MaxLengthValidator(self.username_max_length())(username)
        except ValidationError:
            logger.warning("Sign-in refused: the proxy sent an unusable user name.")
            return None
        return super().authenticate(request, remote_user)

    def configure_user(self, request, user, created=True):
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        groups = request.META.get(_meta_key(settings.PORTAL_REMOTE_GROUPS_HEADER), "")
        if settings.PORTAL_REMOTE_GROUPS_HEADER:
            sync_directory_roles(user=user, directory_groups=groups)
            request.session[SESSION_GROUPS_KEY] = groups
        return user


class IntranetRemoteUserMiddleware(RemoteUserMiddleware):
    """Django's RemoteUserMiddleware with the header named in settings; off while it is empty.

    The proxy must set the header on every request and strip it from what browsers send: with
    the header enabled, whoever can reach the app directly can claim any name.
    """

    async_capable = False

    @property
    def header(self):
        return _meta_key(settings.PORTAL_REMOTE_USER_HEADER)

    def __call__(self, request):
        if settings.PORTAL_REMOTE_USER_HEADER:
            self.process_request(request)
            self._follow_group_changes(request)
        return self.get_response(request)

    def _follow_group_changes(self, request):
        if not settings.PORTAL_REMOTE_GROUPS_HEADER or not request.user.is_authenticated:
            return
        if request.session.get(auth.BACKEND_SESSION_KEY) != _dotted(IntranetRemoteUserBackend):
            return
        groups = request.META.get(_meta_key(settings.PORTAL_REMOTE_GROUPS_HEADER), "")
        if request.session.get(SESSION_GROUPS_KEY) != groups:
            sync_directory_roles(user=request.user, directory_groups=groups)
            request.session[SESSION_GROUPS_KEY] = groups


class PortalLoginView(LoginView):
    """/inloggen/: without a `next`, each lands where their role works — a trainer at the
    trainings, an officer in the admin, anyone else at the home page (not a 'trainers only')."""

    template_name = "registration/inloggen.html"

    def get_default_redirect_url(self):
        user = self.request.user
        if is_trainer(user):
            return "/trainingen/"
        return "/admin/" if user.is_staff else "/"


class RequireLoginMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware while PORTAL_REQUIRE_LOGIN is on: every page asks for an
    account, except the views marked login_not_required (signing in, the health check)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PORTAL_REQUIRE_LOGIN:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class IntranetOIDCBackend(OIDCAuthenticationBackend):
    """OpenID Connect: the user is found by the claim named OIDC_USERNAME_CLAIM, not by e-mail
    (addresses change and may be shared); names and roles follow the claims on every sign-in."""

    def verify_claims(self, claims):
        return bool(claims.get(settings.OIDC_USERNAME_CLAIM))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=claims.get(settings.OIDC_USERNAME_CLAIM))

    def create_user(self, claims):
        user = self.UserModel(username=claims[settings.OIDC_USERNAME_CLAIM])
        user.set_unusable_password()
        user.save()
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        user.email = str(claims.get("email", ""))[:254]
        user.save(update_fields=["first_name", "last_name", "email"])
        sync_directory_roles(user=user, directory_groups=claims.get(settings.OIDC_GROUPS_CLAIM))
        return user


def _meta_key(header: str) -> str:
    """ "X-Remote-User" → "HTTP_X_REMOTE_USER", as Django puts request headers in META."""
    return "HTTP_" + header.upper().replace("-", "_")


def _dotted(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def when_oidc_enabled(view_class):
    """The OIDC view, answering 404 while OpenID Connect is not configured; open without an
    account, even under PORTAL_REQUIRE_LOGIN (it is how one signs in)."""

    def view(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("Inloggen via het intranet is niet ingesteld.")
        return view_class.as_view()(request, *args, **kwargs)

    return login_not_required(view)
