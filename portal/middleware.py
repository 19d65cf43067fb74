"""Request plumbing for production: request ids, the client address behind the proxy, and no
NUL characters for the views.

Order in MIDDLEWARE matters: RequestIdMiddleware comes first, so every log event of a request
(including an error raised by later middleware) carries its id.
"""

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.template import loader

from .logs import current_request_id, request_id_for


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request.META.get("HTTP_X_REQUEST_ID", ""))
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
    """Keeps NUL characters away from the views. No text of the portal holds one, no browser
    sends one from a keyboard, and PostgreSQL refuses them in strings: without this,
    `?themablad=%00` reached a query and ended in a 500. One rule here instead of a check in
    every view, form and admin filter:

    - in the path: no page has such an address, so 404 (the portal's own page);
    - in the query (a look-up, a filter, a page number): the character is dropped, and the page
      answers as for the rest of what was asked;
    - in a form that is posted (a write): refused whole with the Dutch 400 page, nothing saved,
      rather than storing something other than what was sent;
    - in a cookie: the cookie is ignored, as if it had not been sent (a session key with a NUL
      would otherwise be looked up in the database).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("Een adres met een NUL-teken bestaat niet.")
        if _query_has_nul(request.GET):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
            request.META["QUERY_STRING"] = cleaned.urlencode()
        if _has_nul(request.COOKIES.keys()) or _has_nul(request.COOKIES.values()):
            request.COOKIES = {
                name: value
                for name, value in request.COOKIES.items()
                if "\x00" not in name and "\x00" not in value
            }
        if self._posted_nul(request):
            return bad_request_response()
        return self.get_response(request)

    @staticmethod
    def _posted_nul(request) -> bool:
        if request.method != "POST" or request.content_type not in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return False
        try:
            return _query_has_nul(request.POST)
        except MultiPartParserError:
            return True  # a broken multipart body: no view could read it either


def bad_request_response():
    html = loader.render_to_string("400.html")
    return HttpResponseBadRequest(html)
