"""Server-side PDFs with WeasyPrint, offline by construction.

Only the portal's own static files (stylesheets, fonts) are ever fetched; every other address
(the internet, the portal's pages, file:// paths) is refused, so rendering cannot leak or hang.
PDFs are cached by a hash of the HTML they are made from: any change in what a PDF shows changes
the HTML, so a stale PDF is never served and nothing needs invalidating by hand.
"""

import hashlib
import logging
import mimetypes
from functools import cache as memoize
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

CACHE_SECONDS = 60 * 60 * 24 * 7
logger = logging.getLogger(__name__)


@memoize
def static_only_fetcher_class():
    # WeasyPrint (and pango under it) is imported on first use only: pages that make no PDF
    # keep working on a machine where pango is missing.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if not path.startswith(settings.STATIC_URL):
                raise ValueError(f"Alleen eigen statische bestanden worden opgehaald, niet {url}")
            relative = path.removeprefix(settings.STATIC_URL)
            if ".." in relative.split("/"):
                raise ValueError(f"Ongeldig pad: {relative}")
            found = finders.find(relative)
            if not found and settings.STATIC_ROOT:
                candidate = settings.STATIC_ROOT / relative
                found = str(candidate) if candidate.is_file() else None
            if not found:
                raise ValueError(f"Statisch bestand niet gevonden: {relative}")
            mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            with open(found, "rb") as handle:
                body = handle.read()
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return StaticOnlyFetcher


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    key = "pdf:" + hashlib.sha256(f"{base_url}\n{html}".encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        from weasyprint import HTML

        fetcher = static_only_fetcher_class()()
        pdf = HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def render_pdf(request, template: str, context: dict, *, filename: str) -> HttpResponse:
    # The base address makes relative links in the PDF point back to the portal.
    html = render_to_string(template, {**context, "for_pdf": True}, request=request)
    try:
        pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    except (ImportError, OSError):
        # WeasyPrint's system libraries (pango) missing or broken: say so, the print view works.
        logger.exception("PDF kon niet worden gemaakt")
        return render(request, "print/pdf_unavailable.html", status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
