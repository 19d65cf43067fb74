"""The employee pages of issue 11 in a real browser, at 1280 px and on a phone (375 × 812):
WCAG 2.1 AA (axe-core), valid HTML (Nu Html Checker), and the phone's compact header with the
first search hit in the upper half of the first screen."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from dilemmas.models import Dilemma
from tests.nu import nu_errors
from tests.test_browser import WCAG21_AA

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
# Today's header was 305 px on a phone; the first screen's upper half ends at 406 px.
PHONE_HEADER_MAX = 100
FIRST_HIT_MAX = PHONE["height"] / 2


def employee_pages() -> list[str]:
    dilemmas = Dilemma.objects.published().order_by("pk")
    untitled, titled = dilemmas.filter(title="").first(), dilemmas.exclude(title="").first()
    return [
        "/themabladen/aannemen-van-geschenken/",
        "/uitspraken/",
        "/uitspraken/?indeling=instantie",
        "/uitspraken/ECLI:NL:CRVB:2018:3429/",
        "/regelgeving/",
        untitled.get_absolute_url(),
        titled.get_absolute_url(),
        "/wijzigingen/",
        "/wijzigingen/?sinds=gisteren",
        "/themabladen/omgaan-met-informatie/",
        "/zoeken/?q=informatie",
        "/zoeken/?q=informatie&soort=kader",
    ]


def approve_a_change(sheet_slug: str, note: str):
    """A published change, so Wijzigingen and the sheet's own list have something to show."""
    from portal.redactie import publishing
    from portal.redactie.snapshots import take_snapshot
    from tests.redactie_fixtures import make_user
    from themabladen.models import Themablad

    sheet = Themablad.objects.get(slug=sheet_slug)
    author = make_user(f"auteur-{sheet_slug}", "Redacteur")
    approver = make_user(f"keurder-{sheet_slug}", "Integriteitsfunctionaris")
    snapshot = take_snapshot(sheet)
    snapshot["sheet"]["guidelines_intro"] = "Zie ook de richtlijnen hieronder."
    publishing.save_draft(themablad=sheet, snapshot=snapshot, user=author, note=note)
    revision = publishing.submit(themablad=sheet, user=author, note=note)
    publishing.approve(revision=revision, user=approver)


@pytest.mark.django_db
def test_the_employee_pages_have_no_nu_html_checker_errors(client, seed):
    approve_a_change("omgaan-met-informatie", "Toelichting bij de richtlijnen aangevuld.")
    pages = {}
    for url in employee_pages():
        response = client.get(url)
        # A date that is no date is a 400 with a Dutch message: that page must be valid too.
        assert response.status_code == (400 if "sinds=gisteren" in url else 200), url
        pages[url] = response.content.decode()
    errors = nu_errors(pages)
    assert not errors, json.dumps(errors, indent=2, ensure_ascii=False)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_employee_pages_meet_wcag_21_aa_at_1280_and_375(live_server, seed, page):
    approve_a_change("omgaan-met-informatie", "Toelichting bij de richtlijnen aangevuld.")
    axe = Axe()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for url in employee_pages():
            page.goto(live_server.url + url)
            results = axe.run(page, options=WCAG21_AA)
            assert results.violations_count == 0, f"{viewport} {url}\n{results.generate_report()}"
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{viewport} {url} scrolls sideways"
    # The phone's panels, opened, are accessible too.
    page.goto(live_server.url + "/zoeken/?q=informatie")
    for button in ["Menu", "Zoeken"]:
        page.locator(".site-header__buttons summary", has_text=button).click()
        results = axe.run(page, options=WCAG21_AA)
        assert results.violations_count == 0, f"{button} open\n{results.generate_report()}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_header_is_compact_and_the_first_hit_is_in_the_upper_half(
    live_server, seed, browser
):
    for javascript in (True, False):
        context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        page = context.new_page()
        page.goto(live_server.url + "/zoeken/?q=informatie")
        header = page.locator("header.site-header").bounding_box()
        assert header["height"] < PHONE_HEADER_MAX, header
        first_hit = page.locator(".search-results > li").first.bounding_box()
        assert first_hit["y"] < FIRST_HIT_MAX, first_hit
        # The filters come after the hits, folded.
        filters = page.locator("details.search-filters")
        assert not filters.evaluate("details => details.open")
        assert filters.bounding_box()["y"] > first_hit["y"]
        assert not page.get_by_role("link", name="Alle soorten").is_visible()
        page.locator("details.search-filters > summary").click()
        assert page.get_by_role("link", name="Alle soorten").is_visible()

        # Search and menu are behind two buttons that work without JavaScript too.
        menu_link = page.locator(".site-header__buttons").get_by_role("link", name="Uitspraken")
        assert not menu_link.is_visible()
        assert not page.locator("#zoek-kop-q").is_visible()
        page.locator(".site-header__buttons summary", has_text="Menu").click()
        assert menu_link.is_visible()
        menu_link.click()
        page.wait_for_url("**/uitspraken/")
        page.locator(".site-header__buttons summary", has_text="Zoeken").click()
        box = page.locator("#zoek-menu-q")
        assert box.is_visible()
        box.fill("kenteken")
        box.press("Enter")
        page.wait_for_url("**/zoeken/?q=kenteken")
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_at_1280_the_header_and_the_filters_stand_as_before(live_server, seed, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/zoeken/?q=informatie")
    assert page.locator("#zoek-kop-q").is_visible()
    assert page.locator(".site-header__nav").get_by_role("link", name="Uitspraken").is_visible()
    assert not page.locator(".site-header__buttons").is_visible()
    # The filters are open, in a column left of the hits, beside (not above) the first hit.
    filters = page.locator("details.search-filters")
    assert filters.evaluate("details => details.open")
    first_hit = page.locator(".search-results > li").first.bounding_box()
    box = filters.bounding_box()
    assert box["x"] + box["width"] <= first_hit["x"]
    assert abs(box["y"] - first_hit["y"]) < 60
    assert page.get_by_role("link", name="Alle soorten").is_visible()
