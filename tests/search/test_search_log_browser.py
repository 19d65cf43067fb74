"""The editors' report of searches without an answer, in a real browser: WCAG 2.1 AA (axe-core)
at desktop and phone width."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from portal.redactie.roles import REDACTEUR
from portal.search.models import SearchLog
from tests.redactie_fixtures import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_the_report_meets_wcag_21_aa_on_desktop_and_phone(live_server, page):
    make_user("rita", REDACTEUR)
    today = timezone.localdate()
    for offset in range(3):
        day = today - timedelta(days=offset)
        SearchLog.objects.create(query="zeppelinvaart", day=day, searches=2, empty=2)
        SearchLog.objects.create(query="wat moet ik melden", day=day, searches=1)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", "geheim-wachtwoord")
    page.click("input[type=submit]")

    for width, height in [(1280, 900), (375, 812)]:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(live_server.url + "/admin/search/searchlog/")
        assert page.locator("h1").inner_text() == "Zoekvragen zonder antwoord"
        assert page.locator("#content-main tbody tr").count() == 2
        results = Axe().run(page, options=WCAG21_AA)
        assert results.violations_count == 0, f"{width}px\n{results.generate_report()}"
