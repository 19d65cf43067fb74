from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

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
    return render(request, "search/results.html", {"result": result, "query": result.query})


# Suggestions follow publishing, so they are kept only briefly and only in the browser itself
# (retyping the same letters), never in a shared proxy.
@require_safe
@cache_control(private=True, max_age=60)
def suggestions(request):
    return JsonResponse({"suggestions": suggest(request.GET.get("q", ""))})
