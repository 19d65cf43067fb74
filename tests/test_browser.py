"""What a person sees in a real browser: WCAG 2.1 AA (axe-core), phone width, keyboard, print."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "/",
    "/themabladen/",
    "/themabladen/omgaan-met-informatie/",
    "/themabladen/zakendoen-met-leveranciers/",
    "/themabladen/gedrag-in-vrije-tijd/",
    "/dilemmas/",
    "/casuistiek/",
    "/uitspraken/ECLI:NL:CRVB:2018:3429/",
    "/regelgeving/",
    "/regelgeving/barp/artikel-76/",
    "/tags/",
    "/toegankelijkheid/",
    "/bestaat-niet/",
]


@pytest.fixture
def portal(live_server):
    from themabladen.content import load_content

    load_content()
    return live_server.url


def test_every_page_meets_wcag_21_aa(portal, page):
    axe = Axe()
    for url in PAGES:
        page.goto(portal + url)
        results = axe.run(page, options=WCAG21_AA)
        assert results.violations_count == 0, f"{url}\n{results.generate_report()}"


def test_pages_fit_a_phone_without_sideways_scrolling(portal, page):
    page.set_viewport_size({"width": 360, "height": 800})
    for url in PAGES:
        page.goto(portal + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, url


def test_skip_link_is_the_first_stop_and_focus_is_visible(portal, page):
    page.goto(portal + "/themabladen/omgaan-met-informatie/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Direct naar de inhoud"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_print_drops_navigation_and_search(portal, page):
    page.goto(portal + "/themabladen/omgaan-met-informatie/")
    page.emulate_media(media="print")
    for selector in [".main-nav", ".site-header", ".search-form", ".site-footer", ".toc"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.get_by_text("Ik raadpleeg de politiesystemen alleen").is_visible()
