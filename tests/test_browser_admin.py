"""The admin in a real browser: WCAG 2.1 AA (axe-core) on the officer's pages, and the sheet's
edit page at 1280 and 1024 px: no sideways scrolling, tools clear of the title, one primary
action in view, parts folded with their counts."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from casuistiek.models import Uitspraak
from dilemmas.models import Dilemma
from tests.redactie_fixtures import change_url, make_user
from themabladen.models import Themablad
from themabladen.sections import SECTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
OPEN_ALL_PARTS = "document.querySelectorAll('details').forEach(d => { d.open = true; })"

STICKING_OUT = """(() => {
  const out = [];
  document.querySelectorAll(".inline-group .tabular table").forEach(table => {
    const part = table.closest("fieldset").getBoundingClientRect();
    if (table.getBoundingClientRect().right > part.right + 1) {
      out.push(table.closest(".inline-group").id);
    }
    table.querySelectorAll("td, th").forEach(cell => {
      const box = cell.getBoundingClientRect();
      if (!box.width) return;
      cell.querySelectorAll("input, textarea, .select2, th > *").forEach(control => {
        const inner = control.getBoundingClientRect();
        if (inner.width && (inner.right > box.right + 1 || inner.left < box.left - 1)) {
          out.push(cell.className + " " + (control.name || control.className));
        }
      });
    });
  });
  return out;
})()"""


def overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_the_admin_meets_wcag_21_aa_and_the_sheet_page_fits_and_reads_at_a_glance(
    live_server, seed, page
):
    from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS

    officer = make_user("ivo", INTEGRITEITSFUNCTIONARIS)
    officer.first_name, officer.last_name = "Ivo", "Integer"
    officer.save()
    sheet = Themablad.objects.get(slug="omgaan-met-informatie")
    # The parts a themablad's admin offers (a practice page's Uitleg is not one of them).
    parts = [section for section in SECTIONS if sheet.kind in section.kinds]
    counts = {
        section.label: section.model.objects.filter(**{section.sheet_fk: sheet}).count()
        for section in parts
    }
    assert all(counts.values()), counts  # a sheet with something in every part
    dilemma = Dilemma.objects.filter(themabladen=sheet).first()
    ruling = Uitspraak.objects.first()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "ivo")
    page.fill("#id_password", "geheim-wachtwoord")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    axe = Axe()
    for url in [
        "/admin/",
        "/admin/redactie/revision/overzicht/",
        "/admin/themabladen/themablad/",
        "/admin/themabladen/themablad/add/",
        "/admin/redactie/stewardship/",
        "/admin/dilemmas/dilemma/",
        f"/admin/dilemmas/dilemma/{dilemma.pk}/change/",
        "/admin/casuistiek/uitspraak/",
        f"/admin/casuistiek/uitspraak/{ruling.pk}/change/",
    ]:
        page.goto(live_server.url + url)
        results = axe.run(page, options=WCAG21_AA)
        assert results.violations_count == 0, f"{url}\n{results.generate_report()}"

    page.goto(live_server.url + change_url(sheet))
    # Folded: each part's summary names it with its number of items; nothing is open.
    summaries = page.locator(".inline-group details > summary")
    assert summaries.count() == len(parts)
    for label, count in counts.items():
        assert page.locator("summary", has_text=f"{label} ({count})").count() == 1, label
    assert page.locator(".inline-group details[open]").count() == 0
    # One primary action, in view without scrolling; the plain save next to it.
    primary = page.locator("#themablad_form input[type=submit].default")
    assert primary.count() == 1
    assert primary.get_attribute("value") == "Ter beoordeling indienen"
    assert primary.is_visible() and primary.evaluate(
        "el => el.getBoundingClientRect().bottom <= innerHeight"
    )
    assert page.locator("#themablad_form input[type=submit]").count() == 2
    # The jump list reaches a folded part; opening it shows its rows.
    jump = page.get_by_role("navigation", name="Onderdelen van dit themablad")
    jump.get_by_role("link", name="Wet- en regelgeving").click()
    assert page.url.endswith("#legal_references-group")
    page.locator("#legal_references-group summary").click()
    assert page.locator("#legal_references-group tbody tr.has_original").first.is_visible()

    page.evaluate(OPEN_ALL_PARTS)
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("window.scrollTo(0, 0)")
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, (width, overflow)
        title = page.locator("#content h1").bounding_box()
        for tool in page.locator(".object-tools a").all():
            assert not overlap(tool.bounding_box(), title), (width, tool.text_content())
        # Each table of rows fits its part, and no cell's content sticks out of its cell.
        sticking_out = page.evaluate(STICKING_OUT)
        assert not sticking_out, (width, sticking_out)
        tags = page.locator("#id_tags").bounding_box()
        assert tags["width"] >= 400, tags
    # All parts open, every control labelled: axe on the whole edit page.
    results = axe.run(page, options=WCAG21_AA)
    assert results.violations_count == 0, results.generate_report()
