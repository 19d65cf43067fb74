"""Request plumbing for production: request ids, the client address behind the proxy, and a
400 for requests no view should ever see.

Order in MIDDLEWARE matters: RequestIdMiddleware comes first, so every log event of a request
(including an error raised by later middleware) carries its id.
"""

import re
import uuid

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.template import loader

from .logs import current_request_id

# What a proxy sends as X-Request-ID: a UUID, a hex string, or the like. Anything else (too
# long, spaces, control characters) is replaced, so it cannot forge or break a log line.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if SANE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class ForwardedForMiddleware:
    """Takes the client's address from X-Forwarded-For, only when configured.

    DJANGO_TRUST_X_FORWARDED_FOR is the number of proxies in front of the portal (0: none, the
    header is ignored). Each proxy appends the address it received the request from, so the
    client is the N-th address from the right; anything further left was sent by the client
    itself and is not believed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request):
        if self.proxies:
            hops = [
                hop.strip()
                for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if hop.strip()
            ]
            if len(hops) >= self.proxies:
                request.META["REMOTE_ADDR"] = hops[-self.proxies]
        return self.get_response(request)


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def _query_has_nul(querydict) -> bool:
    return any("\x00" in key or _has_nul(values) for key, values in querydict.lists())


class MalformedRequestMiddleware:
    """Answers 400 (a Dutch page) for a NUL character in the path, the query, a form value or a
    cookie. No text of the portal holds one, and PostgreSQL refuses them in strings: without
    this, `?themablad=%00` would reach a query and end in a 500. One check here instead of one in
    every view, form and admin filter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._malformed(request):
            return bad_request_response(request)
        return self.get_response(request)

    @staticmethod
    def _malformed(request) -> bool:
        if "\x00" in request.path or _query_has_nul(request.GET):
            return True
        if _has_nul(request.COOKIES.keys()) or _has_nul(request.COOKIES.values()):
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            try:
                return _query_has_nul(request.POST)
            except MultiPartParserError:
                return True  # a broken multipart body: no view could read it either
        return False


def bad_request_response(request=None):
    html = loader.render_to_string("400.html")
    return HttpResponseBadRequest(html)
