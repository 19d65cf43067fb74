"""Django's `reverse()` and `static()`, remembered: the ones the portal's records and Jinja2
templates use.

Reversing a URL name costs 25–35 µs here (the resolver tries its candidates as regular
expressions), and a sheet page links some thirty records: a sixth of a cold render. The answer
depends only on the name, the arguments, the URL configuration in force and the script prefix,
so it is kept per those, for a bounded number of answers. A static file's address (its hashed
name from the manifest, 15 µs to work out) depends only on the file and the storage in force.
"""

from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


def reverse(viewname: str, args=()) -> str:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    # Each argument with its type: 1 and True are equal, their addresses are not.
    return _reverse(urlconf, get_script_prefix(), viewname, tuple((type(a), a) for a in args))


@lru_cache(maxsize=16384)
def _reverse(urlconf, prefix, viewname, typed_args) -> str:
    # Django's reverse() reads the same script prefix: it is part of the key.
    return django_reverse(viewname, urlconf=urlconf, args=[a for _type, a in typed_args])


def static(path: str) -> str:
    return _static(*_static_settings(), get_script_prefix(), path)


def _static_settings() -> tuple:
    return settings.STORAGES["staticfiles"]["BACKEND"], settings.DEBUG, settings.STATIC_URL


def addresses_in_force() -> tuple:
    """What the answers of `reverse()` and `static()` depend on besides their arguments: a
    key for anything remembered that holds addresses (portal_tags' page frame)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return urlconf, get_script_prefix(), *_static_settings()


@lru_cache(maxsize=1024)
def _static(storage, debug, static_url, prefix, path) -> str:
    # The manifest is read once per process too (a new release is a new process).
    return django_static(path)
