from django.shortcuts import redirect, render

from .service import run_search


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
