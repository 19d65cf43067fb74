"""Review in a real browser: one changed word is what the second officer sees marked and approves;
the review, versions, compare and preview pages meet WCAG 2.1 AA and are valid HTML."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from portal.redactie import publishing, record_review
from portal.redactie.models import Revision
from portal.redactie.record_versions import record_state
from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, REDACTEUR
from tests.nu import assert_valid_html
from tests.redactie_fixtures import (
    change_url,
    first_kader,
    form_data,
    kader_key,
    make_user,
    publish_pending,
)
from themabladen.models import Themablad, ThemabladGuideline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "geheim-wachtwoord"  # make_user's
SLUG = "omgaan-met-informatie"

# The marked words as a sighted reader sees them (the screen-reader label left out).
MARKED = """(tag) => [...document.querySelectorAll('#content-main ' + tag)].map((element) => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll('.visually-hidden').forEach((label) => label.remove());
  return copy.textContent;
})"""


def log_in(page, portal, username):
    page.goto(portal + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


def log_out(page):
    page.locator("form[action$='/logout/'] [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/logout/"))


def a_word_to_change(text: str) -> str:
    """A word that occurs once in the statement, away from its ends."""
    words = re.findall(r"\w{4,}", text)
    return next(w for w in words[1:] if len(re.findall(rf"\b{w}\b", text)) == 1)


def test_one_changed_word_is_marked_for_the_reviewer_who_publishes_it(live_server, seed, page):
    portal = live_server.url
    make_user("rita", REDACTEUR)
    make_user("ivo", INTEGRITEITSFUNCTIONARIS)
    sheet = Themablad.objects.get(slug=SLUG)
    statement = first_kader(sheet).text
    old_word = a_word_to_change(statement)
    new_word = "ZORGVULDIG" if old_word.lower() != "zorgvuldig" else "NAUWKEURIG"
    changed = re.sub(rf"\b{old_word}\b", new_word, statement)

    # Officer A changes one word of a kader statement and submits it for review.
    log_in(page, portal, "rita")
    page.goto(portal + change_url(sheet))
    page.locator("#kader-group summary").click()  # the parts are folded
    field = page.locator("textarea[name^='kader-'][name$='-text']").first
    assert field.input_value() == statement
    field.fill(changed)
    page.fill("[name=change_note]", f"{old_word} wordt {new_word}")
    # The submit button by its name: its label is worded by the sheet's edit page.
    page.locator("[name=_indienen]").first.click()
    page.wait_for_url(re.compile(r"/admin/redactie/revision/\d+/change/"))
    log_out(page)
    revision = Revision.objects.awaiting_review().get(themablad=sheet)

    # Officer B sees exactly that word struck through and the new word underlined.
    log_in(page, portal, "ivo")
    page.goto(portal + f"/admin/redactie/revision/{revision.pk}/change/")
    assert page.evaluate(MARKED, "del") == [old_word]
    assert page.evaluate(MARKED, "ins") == [new_word]
    decoration = "(tag) => getComputedStyle(document.querySelector('#content-main ' + tag))"
    assert "line-through" in page.evaluate(decoration + ".textDecorationLine", "del")
    assert "underline" in page.evaluate(decoration + ".textDecorationLine", "ins")
    assert page.get_by_text(f"{old_word} wordt {new_word}").is_visible()  # the change note
    # The decision sits below the diff; B approves from here.
    approve = page.get_by_role("button", name="Goedkeuren en publiceren")
    diff_bottom = page.evaluate(
        "[...document.querySelectorAll('.redactie-diff')].at(-1).getBoundingClientRect().bottom"
    )
    assert approve.bounding_box()["y"] > diff_bottom + page.evaluate("window.scrollY") - 1
    page.get_by_label("Toelichting").fill("Akkoord.")
    approve.click()
    page.wait_for_load_state()
    assert page.get_by_text("goedgekeurd en gepubliceerd").first.is_visible()

    # Employees now read the new word.
    log_out(page)
    page.goto(portal + f"/themabladen/{SLUG}/")
    assert page.get_by_text(changed).first.is_visible()
    assert Revision.objects.get(pk=revision.pk).status == Revision.Status.PUBLISHED


def test_review_versions_compare_and_preview_pages_are_accessible_valid_and_fit(
    live_server, seed, page, client
):
    redacteur = make_user("rita", REDACTEUR)
    officer = make_user("ivo", INTEGRITEITSFUNCTIONARIS)
    sheet = Themablad.objects.get(slug=SLUG)
    statement = first_kader(sheet).text
    word = a_word_to_change(statement)

    # One approved change (so there are two versions to compare), then one waiting.
    client.force_login(redacteur)
    for new in ("ZORGVULDIG", "NAUWKEURIG"):
        data = form_data(client.get(change_url(sheet)).content.decode())
        data[kader_key(data, first_kader(sheet).text)] = re.sub(rf"\b{word}\b", new, statement)
        data["change_note"] = f"Woord {new}"
        data["_continue"] = "1"
        assert client.post(change_url(sheet), data).status_code == 302
        if new == "ZORGVULDIG":
            publish_pending(sheet)
    publishing.submit(themablad=sheet, user=redacteur, note="Nog een woord")
    pending = Revision.objects.awaiting_review().get(themablad=sheet)
    newest, older = Revision.objects.published_versions().filter(themablad=sheet)[:2]

    # A change to a shared record shown on a published sheet, waiting for approval.
    guideline = ThemabladGuideline.objects.filter(themablad=sheet).first().guideline
    state = record_state(guideline)
    state["description"] = (state["description"] or "") + " Lees ook de <nieuwe> handreiking."
    version = record_review.propose(
        instance=guideline, state=state, user=redacteur, note="Verwijzing toegevoegd"
    )

    urls = [
        f"/admin/redactie/revision/{pending.pk}/change/",
        f"/admin/redactie/recordversion/{version.pk}/change/",
        f"/admin/themabladen/guideline/{guideline.pk}/history/",
        f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/",
        f"/admin/redactie/revision/vergelijk/?a={older.pk}&b={newest.pk}",
        f"/admin/redactie/revision/{pending.pk}/voorbeeld/",
    ]
    client.force_login(officer)
    assert_valid_html(client, urls)

    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    axe = Axe()
    page.set_viewport_size({"width": 1280, "height": 900})
    for url in urls:
        page.goto(live_server.url + url)
        assert page.locator("h1").count() == 1, url
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways at 1280 px"
        results = axe.run(page, options=WCAG21_AA)
        assert results.violations_count == 0, f"{url}\n{results.generate_report()}"
    # The review of the waiting change marks its word; the record's review its added words.
    page.goto(live_server.url + urls[0])
    assert page.evaluate(MARKED, "ins") == ["NAUWKEURIG"]
    page.goto(live_server.url + urls[1])
    assert page.evaluate(MARKED, "ins") == [" Lees ook de <nieuwe> handreiking."]
