"""Django's `reverse()` and `static()`, remembered: the ones the portal's records and Jinja2
templates use.

Reversing a URL name costs 25–35 µs here (the resolver tries its candidates as regular
expressions), and a sheet page links some thirty records: a sixth of a cold render. The answer
depends only on the name, the arguments, the URL configuration in force and the script prefix,
so it is kept per those, for a bounded number of answers. A static file's address (its hashed
name from the manifest, 15 µs to work out) depends only on the file and the storage in force.

Reading the URL configuration and script prefix in force costs about 1 µs each (they are
asgiref locals, behind a lock); a page's thirty links read them sixty times. Nothing changes
them while a page renders, so a render reads them once (`addresses_fixed()`, which the Jinja2
templates' render holds).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, get_urlconf, set_script_prefix
from django.urls import reverse as django_reverse

# (URL configuration, script prefix) while a render holds them, else None.
_fixed: ContextVar[tuple | None] = ContextVar("portal.urlnames.fixed", default=None)


def _urls_in_force() -> tuple:
    return _fixed.get() or (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@contextmanager
def addresses_fixed():
    """Within it, the URL configuration and script prefix are read once: for a stretch of
    code that cannot change them, such as rendering a template. Nested, the outer one holds."""
    if _fixed.get() is not None:
        yield
        return
    token = _fixed.set(_urls_in_force())  # read from the locals: nothing is fixed yet
    try:
        yield
    finally:
        _fixed.reset(token)


def reverse(viewname: str, args=()) -> str:
    urlconf, prefix = _urls_in_force()
    # Each argument with its type: 1 and True are equal, their addresses are not.
    return _reverse(urlconf, prefix, viewname, tuple((type(a), a) for a in args))


@lru_cache(maxsize=16384)
def _reverse(urlconf, prefix, viewname, typed_args) -> str:
    with _script_prefix(prefix):
        return django_reverse(viewname, urlconf=urlconf, args=[a for _type, a in typed_args])


def static(path: str) -> str:
    return _static(*_static_settings(), _urls_in_force()[1], path)


def _static_settings() -> tuple:
    return settings.STORAGES["staticfiles"]["BACKEND"], settings.DEBUG, settings.STATIC_URL


def addresses_in_force() -> tuple:
    """What the answers of `reverse()` and `static()` depend on besides their arguments: a
    key for anything remembered that holds addresses (portal_tags' page frame)."""
    return *_urls_in_force(), *_static_settings()


@lru_cache(maxsize=1024)
def _static(storage, debug, static_url, prefix, path) -> str:
    # The manifest is read once per process too (a new release is a new process).
    with _script_prefix(prefix):
        return django_static(path)


@contextmanager
def _script_prefix(prefix: str):
    """Django's reverse() and static() read the script prefix in force; an answer is kept
    under the prefix of its key, which a render holds fixed (`addresses_fixed`), so it is
    worked out under that one."""
    in_force = get_script_prefix()
    if in_force == prefix:
        yield
        return
    set_script_prefix(prefix)
    try:
        yield
    finally:
        set_script_prefix(in_force)
