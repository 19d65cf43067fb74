"""A trainer in Chromium at 1280 px: builds a session, reorders it, prints it, shares the link,
revokes and replaces it; every trainer page meets WCAG 2.1 AA (axe-core)."""

import io
import re

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from casuistiek.models import Casus
from dilemmas.models import Dilemma, Training
from dilemmas.trainingen import add_items, item_label
from tests.trainer_pages import trainer_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def portal(live_server, seed):
    return live_server.url


def make_user(username, *, trainer=True):
    user = User.objects.create_user(username, password=PASSWORD, first_name="Tess", last_name="Er")
    if trainer:
        user.groups.add(Group.objects.get(name="Trainer"))
    return user


def log_in(page, portal, username):
    page.goto(f"{portal}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    follow(page.get_by_role("button", name="Inloggen"))


def follow(locator):
    """Click a link or a form's button and wait for the page it leads to."""
    with locator.page.expect_navigation():
        locator.click()


def part_labels(page) -> list[str]:
    return [
        " ".join(text.split()) for text in page.locator(".session-items__label").all_inner_texts()
    ]


def pdf_text(page, url) -> str:
    response = page.request.get(url)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.body()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_a_trainer_builds_prints_and_shares_a_session(portal, page, context):
    make_user("trainer")
    # The seed's two multiple-choice dilemma's (A/B/C), one open one, and two cases.
    published = Dilemma.objects.published().order_by("pk")
    dilemmas = list(published.filter(options__label="C").distinct()[:2])
    dilemmas.append(published.filter(options=None).first())
    casussen = list(Casus.objects.filter(themablad__status="gepubliceerd").order_by("pk")[:2])
    assert len(dilemmas) == 3 and len(casussen) == 2
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")
    log_in(page, portal, "trainer")

    follow(page.get_by_role("link", name="Nieuwe training").first)
    page.get_by_label("Titel").fill("Teamdag Noord")
    follow(page.get_by_role("button", name="Opslaan"))
    for dilemma in dilemmas:
        page.locator(f'input[name="dilemma"][value="{dilemma.pk}"]').first.check()
    for casus in casussen:
        page.locator(f'input[name="casus"][value="{casus.pk}"]').check()
    follow(page.get_by_role("button", name="Aangevinkte onderdelen toevoegen").first)
    expect(page.get_by_text("5 onderdelen toegevoegd.")).to_be_visible()
    # Added in the picker's order; shown by full name (a dilemma without title: its question).
    names = [" ".join(item_label(item).split()) for item in Training.objects.get().items.all()]
    assert len(names) == 5 and " ".join(dilemmas[2].question.split()) in names
    assert part_labels(page) == names

    # Reorder: the first dilemma one down, the last case to the top (four times up).
    follow(page.get_by_role("button", name="Omlaag (onderdeel 1)"))
    for position in [5, 4, 3, 2]:
        follow(page.get_by_role("button", name=f"Omhoog (onderdeel {position})"))
    order = [names[4], names[1], names[0], names[2], names[3]]
    assert part_labels(page) == order
    # Folded: the page stays short and never wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.evaluate("document.documentElement.scrollHeight") < 2200

    # A note, in place, without leaving the page.
    page.locator("summary", has_text=names[4]).click()
    page.get_by_label("Jouw aantekening").first.fill("Vraag wat de chef had moeten doen.")
    follow(page.get_by_role("button", name="Aantekening opslaan bij onderdeel 1"))
    expect(page.get_by_text("De aantekening is opgeslagen.")).to_be_visible()
    detail_url = page.url.split("?")[0]

    # The handout has the case facts; the print button prints.
    follow(page.get_by_role("link", name="bekijken en afdrukken (Hand-out voor deelnemers)"))
    facts = " ".join(casussen[1].summary.split())[:80]
    assert facts in " ".join(page.locator("main").inner_text().split())
    page.get_by_role("button", name="Afdrukken").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Afdrukken").is_visible()
    page.emulate_media(media="screen")
    handout = pdf_text(page, page.url + "pdf/")
    assert facts in handout and "Vraag:" in handout

    # The cards: A/B/C and numbered 1..3 in the order of the session, on screen and on paper.
    page.goto(detail_url)
    follow(page.get_by_role("link", name="bekijken en afdrukken (Dilemmakaarten)"))
    titles = page.locator(".card__title").all_inner_texts()
    assert [re.match(r"Dilemma \d+", t).group() for t in titles] == [
        "Dilemma 1",
        "Dilemma 2",
        "Dilemma 3",
    ]
    assert page.locator(".card .options").first.locator(".options__label").all_inner_texts() == [
        "A.",
        "B.",
        "C.",
    ]
    page.get_by_role("button", name="Afdrukken").click()
    assert page.evaluate("window.printed") == 1  # a new page, a fresh counter
    cards = pdf_text(page, page.url + "pdf/")
    assert "Dilemma 1" in cards and "Dilemma 3" in cards and "Dilemma 4" not in cards
    assert "A. " in cards and "C. " in cards and "1. " not in cards

    # Share: copy the link with one click.
    page.goto(detail_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=portal)
    link = page.get_by_label("Deellink").input_value()
    page.get_by_role("button", name="Link kopiëren").click()
    expect(page.get_by_text("De link is gekopieerd.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert page.request.get(link).status == 200
    # The co-trainer's view: the same order, full names.
    shared = page.context.new_page()
    shared.goto(link)
    assert part_labels(shared) == order
    shared.close()

    # Replace: a new link; the old one answers 404.
    follow(page.get_by_role("button", name="Nieuwe link maken"))
    expect(page.get_by_text("de oude werkt niet meer")).to_be_visible()
    new_link = page.get_by_label("Deellink").input_value()
    assert new_link != link
    assert page.request.get(link).status == 404
    assert page.request.get(link + "kaarten/pdf/").status == 404
    assert page.request.get(new_link).status == 200

    # Revoke: no link at all, and the last one answers 404 too.
    follow(page.get_by_role("button", name="Link intrekken"))
    expect(page.get_by_text("De deellink is ingetrokken")).to_be_visible()
    assert page.get_by_label("Deellink").count() == 0
    assert page.request.get(new_link).status == 404
    assert Training.objects.get().share_token is None


def test_every_trainer_page_meets_wcag_21_aa(portal, page):
    trainer = make_user("trainer")
    make_user("lezer", trainer=False)
    training = Training.objects.create(owner=trainer, title="Teamdag", audience="Team West")
    add_items(
        training=training,
        dilemmas=Dilemma.objects.published().filter(options__label="C").distinct()[:2],
        casussen=Casus.objects.filter(themablad__status="gepubliceerd")[:1],
    )
    item = training.items.first()
    item.note = "Eerst stemmen."
    item.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, portal, "trainer")
    urls = trainer_pages(training, item)
    axe = Axe()
    for url in urls:
        page.goto(portal + url)
        # Folded parts are checked unfolded too: that is how a trainer reads them.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        results = axe.run(page, options=WCAG21_AA)
        assert results.violations_count == 0, f"{url}\n{results.generate_report()}"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, url
    page.goto(portal + "/trainingen/")
    follow(page.get_by_role("button", name="Uitloggen"))
    log_in(page, portal, "lezer")
    page.goto(portal + "/trainingen/")
    assert page.locator("h1").inner_text() == "Alleen voor trainers"
    results = axe.run(page, options=WCAG21_AA)
    assert results.violations_count == 0, results.generate_report()
