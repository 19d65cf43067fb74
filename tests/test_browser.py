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
    "/themabladen/aannemen-van-geschenken/",
    "/dilemmas/",
    "/casuistiek/",
    "/uitspraken/",
    "/uitspraken/ECLI:NL:CRVB:2018:3429/",
    "/regelgeving/",
    "/regelgeving/barp/artikel-76/",
    "/tags/",
    "/toegankelijkheid/",
    "/wijzigingen/",
    "/bestaat-niet/",
    "/zoeken/?q=informatie+delen&themablad=",
    "/zoeken/?q=nevenwerkzaamheeden",
    "/zoeken/?q=zeppelinvaart",
]


@pytest.fixture
def portal(live_server, seed):
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


def test_search_results_meet_wcag_21_aa_at_phone_width_too(portal, page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(portal + "/zoeken/?q=informatie&soort=kader")
    results = Axe().run(page, options=WCAG21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_skip_link_is_the_first_stop_and_focus_is_visible(portal, page):
    page.goto(portal + "/themabladen/omgaan-met-informatie/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Direct naar de inhoud"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_pages_and_admin_work_within_the_content_security_policy(portal, page):
    from django.contrib.auth.models import User

    from themabladen.models import Themablad

    User.objects.create_superuser("beheer", "beheer@politie.example", "geheim-wachtwoord")
    sheet = Themablad.objects.get(slug="omgaan-met-informatie")
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    for url in PAGES:
        page.goto(portal + url)
    page.fill("#zoek-kop-q", "kent")
    wait_for_suggestion(page, "kenteken")
    page.goto(portal + "/admin/login/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "geheim-wachtwoord")
    page.click("input[type=submit]")
    for url in [
        "/admin/",
        f"/admin/themabladen/themablad/{sheet.pk}/change/",
        "/admin/casuistiek/uitspraak/add/",
        "/admin/search/synonym/",
    ]:
        page.goto(portal + url)
        assert page.locator("h1").count() == 1, url
    page.goto(portal + "/")

    assert not [text for text in refused if "Content Security Policy" in text], refused


def test_print_drops_navigation_and_search(portal, page):
    page.goto(portal + "/themabladen/omgaan-met-informatie/")
    page.emulate_media(media="print")
    for selector in [".main-nav", ".site-header", ".search-form", ".site-footer", ".toc"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.get_by_text("Ik raadpleeg de politiesystemen alleen").is_visible()


def suggestions_shown(page) -> list[str]:
    return page.eval_on_selector_all(
        "#zoek-kop-q-suggesties option", "all => all.map(o => o.value)"
    )


def wait_for_suggestion(page, text):
    page.wait_for_function(
        "text => [...document.querySelectorAll('#zoek-kop-q-suggesties option')]"
        ".some(option => option.value === text)",
        arg=text,
    )


def test_typing_in_the_search_box_offers_suggestions_and_stays_accessible(portal, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(portal + "/themabladen/omgaan-met-informatie/")
    box = page.locator("#zoek-kop-q")
    box.press_sequentially("mag ik een kent", delay=20)
    wait_for_suggestion(page, "mag ik een kenteken")
    assert box.get_attribute("list") == "zoek-kop-q-suggesties"
    assert box.get_attribute("autocomplete") == "off"
    # Debounced: a request when typing pauses, not one for every key.
    asked = [url for url in requests if "/zoeken/suggesties/" in url]
    assert 1 <= len(asked) <= 3, asked

    box.fill("")
    box.press_sequentially("Privé", delay=20)
    wait_for_suggestion(page, "Contacten in de privésfeer")
    results = Axe().run(page, options=WCAG21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_an_older_answer_never_replaces_the_suggestions_for_what_is_typed_now(portal, page):
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/zoeken/suggesties/*", hold_the_first)
    page.goto(portal + "/")
    box = page.locator("#zoek-kop-q")
    box.press_sequentially("in", delay=20)
    for _ in range(40):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "no request for the first letters"
    box.press_sequentially("tegr", delay=20)
    wait_for_suggestion(page, "integriteit")
    # The answer to the first letters arrives last (if the script had not already aborted it).
    held[0].fulfill(json={"suggestions": ["verouderd antwoord"]})
    page.wait_for_timeout(300)
    assert "integriteit" in suggestions_shown(page)
    assert "verouderd antwoord" not in suggestions_shown(page)


def test_the_search_box_works_without_javascript(portal, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal + "/")
    box = page.locator("#zoek-kop-q")
    box.fill("kenteken")
    box.press("Enter")
    page.wait_for_url("**/zoeken/?q=kenteken")
    assert box.get_attribute("list") is None
    assert page.get_by_role("link", name="Omgaan met informatie").first.is_visible()
    context.close()
