"""Integriteit in de praktijk in a real browser: WCAG 2.1 AA (axe-core) and valid HTML (Nu Html
Checker) on the index and a page with a table, at desktop and phone width."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.nu import nu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "/integriteit-in-de-praktijk/",
    "/integriteit-in-de-praktijk/interne-onderzoeken/",
    "/integriteit-in-de-praktijk/meldplicht/",
]
WIDTHS = [(1280, 900), (375, 812)]


def test_practice_pages_meet_wcag_21_aa_and_are_valid_at_desktop_and_phone_width(
    live_server, seed, page
):
    axe = Axe()
    documents = {}
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for url in PAGES:
            page.goto(live_server.url + url)
            results = axe.run(page, options=WCAG21_AA)
            assert results.violations_count == 0, f"{url} at {width}px\n{results.generate_report()}"
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{url} scrolls sideways at {width}px"
            documents[f"{url} ({width}px)"] = page.content()
            if "interne-onderzoeken" in url:
                caption = page.locator("table caption")
                assert caption.is_visible() and caption.inner_text() == "Strafrecht en Disciplinair"
    # The markup the server sent, as the browser holds it after its scripts ran.
    assert nu_errors(documents) == {}
