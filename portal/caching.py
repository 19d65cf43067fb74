"""The page cache: what employees read is rendered once per change, in one process or many.

Everything public hangs on one *content generation*: a random token kept in the cache alias
"generation" (Redis when several servers share it, a file per machine with the default local
memory cache, so the workers of one server agree). Any write to a model whose rows a public page
shows (`connect_content_models`, wired in portal/apps.py) replaces the token once the write is
committed; a page is served from the cache only when it was stored under the current token. So
there is nothing to invalidate page by page, and a page stored by a request that read the token
just before a publish is never served after it.

The token is read *before* rendering: a render that overlaps a commit stores its page under the
old token, which is already gone. Inside a transaction of the application (a service running
`transaction.atomic`, the admin's rolled-back trial saves) the cache is neither read nor written,
so nothing rendered from uncommitted rows can reach another visitor.

Only anonymous GETs of the public pages (PUBLIC_VIEWS) are shared: anyone with a session cookie,
share links, trainers' pages, the login page and the admin answer `private, no-store`.
"""

import hashlib
import logging
import os
import secrets
from functools import cache as memoize
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import quote_etag

from .logs import request_id_for

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
PAGE_SECONDS = 60 * 60 * 24

# URL names (namespace:name) of the pages every employee sees alike. Not the search results: every
# search must reach the search log (portal/search/searchlog.py), which tells editors what
# employees looked for and did not find.
PUBLIC_VIEWS = frozenset(
    {
        "home",
        "accessibility",
        "themabladen:list",
        "themabladen:detail",
        "themabladen:print",
        "themabladen:pdf",
        "regelgeving:list",
        "regelgeving:law",
        "regelgeving:article",
        "dilemmas:list",
        "dilemmas:detail",
        "casuistiek:list",
        "uitspraken:list",
        "uitspraken:detail",
        "tags:index",
        "tags:detail",
        "praktijk:index",
        "praktijk:detail",
        "changes",
        "changes-feed",
    }
)
PRIVATE = "private, no-store"
# Headers a stored page must not carry to the next visitor (they are made per response; a
# stored page answers without a request id of its own).
_NOT_STORED = {"set-cookie", "date", "content-length", "x-request-id"}


def _generation_cache():
    return caches["generation"]


def _page_cache():
    return caches["default"]


# The generation
# --------------


def generation() -> str:
    cache = _generation_cache()
    if isinstance(cache, FileBasedCache):
        return _file_generation(cache)
    return _cached_generation(cache)


def _cached_generation(cache) -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        # First use, or the token was evicted: any new token will do, pages stored under an
        # older one are simply never served again.
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        token = cache.get(GENERATION_KEY)
    return token


_file_tokens: dict[str, tuple[tuple, str]] = {}


def _file_generation(cache) -> str:
    # Every request asks; reading and unpickling the file is most of a page hit. The file cache
    # writes a new file (os.replace) for every new token, so while the file's inode and
    # modification time are those seen with a token, that token is still the current one.
    path = _generation_file(cache)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return _cached_generation(cache)
    seen = (info.st_ino, info.st_mtime_ns, info.st_size)
    known = _file_tokens.get(path)
    if known is not None and known[0] == seen:
        return known[1]
    token = _cached_generation(cache)
    _file_tokens[path] = (seen, token)
    return token


@memoize
def _generation_file(cache) -> str:
    return cache._key_to_file(GENERATION_KEY)


def bump() -> None:
    """Make every stored page stale, now."""
    try:
        _generation_cache().set(GENERATION_KEY, secrets.token_hex(8), None)
    except Exception:
        # The cache is down: pages are not served from it either (see PageCacheMiddleware).
        logger.exception("Paginacache: nieuwe inhoudsgeneratie niet opgeslagen")


def _outermost_is_test(connection) -> bool:
    # Django's TestCase (and pytest-django's `db`) wrap every test in transactions that never
    # commit; Django marks them, and treats them as autocommit for durable blocks too.
    return bool(connection.atomic_blocks) and getattr(
        connection.atomic_blocks[0], "_from_testcase", False
    )


def in_application_transaction(using=DEFAULT_DB_ALIAS) -> bool:
    connection = connections[using]
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def content_changed(using=DEFAULT_DB_ALIAS) -> None:
    """Record that public content changed: the pages go stale when the change is committed.

    A change in a savepoint that is rolled back (a trial save, a preview) never bumps: Django
    drops its on_commit callbacks with it.
    """
    connection = connections[using]
    if not connection.in_atomic_block or _outermost_is_test(connection):
        bump()
        return
    if not any(entry[1] is bump for entry in connection.run_on_commit):
        transaction.on_commit(bump, using=using)


def connect_content_models(models, *, shown_fields=None) -> None:
    """Bump the generation on every save, delete and many-to-many change of these models.

    shown_fields: for a model of which pages show only some fields, those; a save that names
    its update_fields and touches none of them changes no page (a sheet's edit counter).
    """
    watched = frozenset(models)
    shown_fields = shown_fields or {}

    def on_write(sender, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs):
        # raw: rows loaded by loaddata, outside the portal's own writes.
        if raw:
            return
        shown = shown_fields.get(sender)
        if shown and update_fields is not None and not shown & set(update_fields):
            return
        content_changed(using)

    for model in watched:
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(on_write, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_write, sender=model, weak=False, dispatch_uid=f"{uid}-delete")

    def on_m2m(sender, instance, action, using=DEFAULT_DB_ALIAS, **kwargs):
        if action.startswith("post_") and (sender in watched or type(instance) in watched):
            content_changed(using)

    m2m_changed.connect(on_m2m, weak=False, dispatch_uid="page-cache-m2m")


# The pages
# ---------


@memoize
def release() -> str:
    """A fingerprint of the code and templates: a new release never serves the old markup."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    roots = [base / name for name in ("portal", "themabladen", "dilemmas", "casuistiek")]
    roots += [base / "templates"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT or base / "staticfiles") / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


def page_key(request) -> str:
    # Scheme and host are part of what a page shows (the PDF's links, absolute addresses); the
    # host is validated (a host not in ALLOWED_HOSTS is a 400, never a key).
    query = request.META.get("QUERY_STRING", "")
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"page:{release()}:{hashlib.sha256(address.encode()).hexdigest()}"


def _enabled() -> bool:
    # With PORTAL_REQUIRE_LOGIN nobody reads anonymously, so nothing may be shared.
    return getattr(settings, "PAGE_CACHE", True) and not getattr(
        settings, "PORTAL_REQUIRE_LOGIN", False
    )


def _is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _view_name(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else None


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and _view_name(request) in PUBLIC_VIEWS
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not response.has_header("Cache-Control")
    )


def _public_headers(response, etag: str) -> None:
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={settings.PAGE_MAX_AGE}, must-revalidate"
    # The same address answers `private` to a visitor with a session cookie.
    patch_vary_headers(response, ("Cookie",))


def _from_entry(request, entry):
    _token, headers, body, etag = entry
    if etag in _if_none_match(request):
        response = HttpResponseNotModified()
        for name in ("etag", "cache-control", "vary"):
            if name in headers:
                response[headers[name][0]] = headers[name][1]
        return response
    response = HttpResponse(body)
    # The stored headers were checked and encoded when the page was first answered; setting
    # them one by one again is most of a hit's time, so the mapping is filled as it was.
    response.headers._store.update(headers)
    return response


def _if_none_match(request) -> set[str]:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _shared(request) -> bool:
    """Whether this request may be answered from, and stored in, the shared cache."""
    return (
        request.method == "GET"
        and not request.path_info.startswith(settings.STATIC_URL)  # whitenoise's, never stored
        and _enabled()
        and _is_anonymous(request)
        and not in_application_transaction()
    )


def _lookup(request):
    """(token, stored entry or None) for a shared request; raises when the cache is down and
    DisallowedHost for a host the portal does not answer to."""
    key = page_key(request)
    token = generation()
    entry = _page_cache().get(key)
    return key, token, (entry if entry is not None and entry[0] == token else None)


class PageCacheMiddleware:
    """Serves the public pages from the cache, stores them, and marks every other answer private.

    Placed first: a hit costs two cache reads and no other middleware, session, CSRF, user or
    template work, and the stored page carries every header the others set. What the security
    middleware decides before a view (the redirect to https) is never a 200, so never stored:
    a plain-http request finds no entry under its own scheme.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _shared(request):
            return self._private(self.get_response(request))
        try:
            key, token, entry = _lookup(request)
        except DisallowedHost:
            raise
        except Exception:
            logger.exception("Paginacache niet bereikbaar")
            return self._private(self.get_response(request))
        if entry is not None:
            return _from_entry(request, entry)
        response = self.get_response(request)
        if not _storable(request, response):
            return self._private(response)
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        _public_headers(response, etag)
        headers = {k: v for k, v in response.headers._store.items() if k not in _NOT_STORED}
        try:
            _page_cache().set(key, (token, headers, response.content, etag), PAGE_SECONDS)
        except Exception:
            logger.exception("Paginacache: pagina niet opgeslagen")
        if etag in _if_none_match(request):
            return _from_entry(request, (token, headers, b"", etag))
        return response

    @staticmethod
    def _private(response):
        # Only what is marked already keeps its own rule (the admin's never_cache, the
        # suggestions' short private max-age).
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = PRIVATE
        return response


def serve_stored_pages(application):
    """WSGI in front of Django: a stored page is answered before Django handles the request.

    The same lookup as PageCacheMiddleware (which stores the pages), without Django's request
    handling, signals and response objects: a hit then costs little more than the bare server.
    Anything else, and any doubt (a cache error, a host not allowed), goes to Django.
    """

    def serve(environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET":
            try:
                request = WSGIRequest(environ)
                entry = _lookup(request)[2] if _shared(request) else None
            except Exception:
                entry = None
            if entry is not None:
                _token, headers, body, etag = entry
                # Every response carries its request id, as RequestIdMiddleware gives it.
                request_id = ("X-Request-ID", request_id_for(environ.get("HTTP_X_REQUEST_ID", "")))
                if etag in _if_none_match(request):
                    names = ("etag", "cache-control", "vary")
                    kept = [headers[n] for n in names if n in headers]
                    start_response("304 Not Modified", [*kept, request_id])
                    return [b""]
                length = ("Content-Length", str(len(body)))
                start_response("200 OK", [*headers.values(), length, request_id])
                return [body]
        return application(environ, start_response)

    return serve
