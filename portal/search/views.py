from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from . import searchlog
from .service import run_search
from .suggestions import suggest


def search(request):
    result = run_search(
        request.GET.get("q", ""),
        kind=request.GET.get("soort", ""),
        themablad=request.GET.get("themablad", ""),
        page=request.GET.get("pagina", "1"),
    )
    if result.redirect_to:
        return redirect(result.redirect_to)
    if result.query and result.page == 1 and not (result.kind or result.themablad):
        # Counted once per search, not again for its filters or next pages.
        searchlog.record_search(result.query, found_nothing=not (result.hits or result.exact))
    return render(request, "search/results.html", {"result": result, "query": result.query})


@require_safe
@never_cache
def follow(request):
    """A result's link: counts the click on the query's day row, then goes to the result. Only
    addresses on this portal (a path), so it cannot send anyone elsewhere."""
    target = request.GET.get("naar", "")
    if (
        not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        raise Http404("Deze link leidt niet naar een pagina van het portaal.")
    searchlog.record_click(request.GET.get("q", ""))
    return redirect(target)


# Suggestions follow publishing, so they are kept only briefly and only in the browser itself
# (retyping the same letters), never in a shared proxy.
@require_safe
@cache_control(private=True, max_age=60)
def suggestions(request):
    return JsonResponse({"suggestions": suggest(request.GET.get("q", ""))})
