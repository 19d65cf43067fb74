"""Reading the search results page the way a user sees it."""

import html as html_lib
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.utils.http import urlencode


@dataclass
class ShownHit:
    kind: str
    url: str
    title: str
    sheet_url: str
    html: str
    # The link as shown: through /zoeken/ga/, which counts the click (portal/search/searchlog.py).
    link: str = ""


def results_html(client, query, **params):
    response = client.get("/zoeken/?" + urlencode({"q": query, **params}))
    assert response.status_code == 200, (query, response.status_code)
    return response.content.decode()


def shown_hits(client, query, **params) -> list[ShownHit]:
    html = results_html(client, query, **params)
    match = re.search(
        r'<ol class="search-results"[^>]*>(.*?)</ol>\s*(?:<nav|</section>)', html, re.S
    )
    if not match:
        return []
    hits = []
    for item in re.findall(r'<li class="search-hit[^"]*">(.*?)</li>', match.group(1), re.S):
        kind = re.search(r'search-hit__kind">(.*?)</p>', item, re.S).group(1).strip()
        link = re.search(r'search-hit__title"><a href="([^"]+)">(.*?)</a>', item, re.S)
        sheet = re.search(r'search-hit__sheet">Uit <a href="([^"]+)"', item)
        href = html_lib.unescape(link.group(1))
        url = target_of(href)
        sheet_url = sheet.group(1) if sheet else url.split("#")[0]
        hits.append(ShownHit(kind, url, link.group(2), sheet_url, item, href))
    return hits


def target_of(href: str) -> str:
    """Where a result's link leads: the `naar` of a click-counting /zoeken/ga/ link."""
    parts = urlsplit(href)
    if parts.path == "/zoeken/ga/":
        return parse_qs(parts.query).get("naar", [""])[0]
    return href


def top_sheets(client, query, n=3) -> list[str]:
    """The sheet pages the first n hits belong to."""
    return [hit.sheet_url for hit in shown_hits(client, query)[:n]]
