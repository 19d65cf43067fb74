"""Integriteit in de praktijk: the VIK material as pages of their own, word for word from the
source, linked both ways with what they explain, and kept through the same four-eyes review as
sheets (they are sheets of another kind, with the part type Uitleg)."""

import html
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from casuistiek.models import Uitspraak
from dilemmas.models import Dilemma
from portal.redactie import publishing
from portal.redactie.compare import compare
from portal.redactie.models import Revision
from portal.redactie.snapshots import take_snapshot
from tests.conftest import h1_texts
from tests.redactie_fixtures import change_url, form_data
from themabladen.models import Guideline, TextBlock, Themablad

pytestmark = pytest.mark.django_db

INDEX = "/integriteit-in-de-praktijk/"
# The VIK slides as the source gives them (shared/seed, "Wie & Wat is V.I.K. ?" up to the
# Grensoverschrijdend dilemma), kept beside the test so it runs anywhere.
SOURCE_EXCERPT = Path(__file__).with_name("vik_source.txt")
SEED = Path("/work/shared/seed/000_89d29e8e3bfebbad.txt")
PAGES = [
    "wie-en-wat-is-vik",
    "betrouwbaarheidsonderzoek",
    "meldplicht",
    "veiligheidsonderzoek-politie",
    "interne-onderzoeken",
    "integrale-beveiliging",
]
# Headings and captions the portal composed from the source's words (a slide's title repeats
# the page's, so the table has a label of its own): each word must be the source's.
COMPOSED_LABELS = {"Strafrecht en Disciplinair"}
WITHHELD = ("Niet onder reikwijdte", "5.1.2.e")


def normalised(text: str) -> str:
    """The PDF text read as the clean-up rules say: one space for any run of whitespace."""
    return " ".join(text.split())


SOURCE = normalised(SOURCE_EXCERPT.read_text(encoding="utf-8"))


def pieces(text: str) -> list[str]:
    """The paragraphs and list items of the portal's plain text markup."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text or ""):
        for line in paragraph.splitlines():
            if line.strip().startswith("- "):
                out.append(line.strip()[2:])
            elif line.strip():
                out.append(line.strip())
    return [normalised(piece) for piece in out if piece.strip()]


def assert_in_order(found: list[str], where: str) -> None:
    position = 0
    for piece in found:
        index = SOURCE.find(piece, position)
        assert index >= 0, f"{where}: «{piece}» is not in the source (in this order)"
        position = index + len(piece)


def test_the_excerpt_is_the_source_word_for_word():
    if not SEED.exists():
        pytest.skip("the source document is not on this machine")
    assert SOURCE in normalised(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("slug", PAGES)
def test_each_page_carries_the_source_word_for_word(seed, client, slug):
    page = Themablad.objects.published().practice_pages().get(slug=slug)
    assert normalised(page.title) in SOURCE
    blocks = list(page.text_blocks.all())
    assert blocks, "a practice page without text"
    texts = []
    for block in blocks:
        for label in (block.heading, block.table_caption):
            if label in COMPOSED_LABELS:
                assert all(word in SOURCE for word in label.split()), label
            elif label:
                texts.append(normalised(label))
        texts.extend(pieces(block.text))
    assert_in_order(texts, slug)
    for block in blocks:
        rows = block.table_rows
        for column in range(len(rows[0]) if rows else 0):
            assert_in_order([normalised(row[column]) for row in rows], f"{slug}: table column")
    shown = html.unescape(client.get(page.get_absolute_url()).content.decode())
    for piece in texts:
        assert piece in normalised(re.sub(r"<[^>]+>", " ", shown)), piece
    for withheld in WITHHELD:
        assert withheld not in shown


def test_every_topic_of_the_vik_slides_has_its_page(seed):
    words = {
        "wie-en-wat-is-vik": ["Veiligheid, Integriteit & Klachten", "Preventie"],
        "betrouwbaarheidsonderzoek": ["O.P.G.", "Omgevingsonderzoek", "BO 8 jr, BO+ 5 jr"],
        "meldplicht": [
            "Financiën",
            "Contact Politie / Justitie",
            "Burgerlijke staat / Partner",
            "Vrienden / bekenden / Familie",
            "Nevenactiviteiten",
            "Afhankelijkheden",
        ],
        "veiligheidsonderzoek-politie": ["Wet VO", "AIVD (VIK)", "VGB"],
        "interne-onderzoeken": ["Oriënterend", "Disciplinair", "Strafrechtelijk", "Rapportage"],
        "integrale-beveiliging": ["Infosystemen", "Risico objecten"],
    }
    for slug, expected in words.items():
        page = Themablad.objects.get(slug=slug)
        text = " ".join(f"{b.heading} {b.text} {b.table}" for b in page.text_blocks.all())
        for word in expected:
            assert word in text, (slug, word)


def test_the_comparison_is_a_table_with_caption_and_column_headers(seed, client):
    shown = client.get(f"{INDEX}interne-onderzoeken/").content.decode()
    table = re.search(r"<table[^>]*>(.*?)</table>", shown, re.S).group(1)
    assert "<caption>Strafrecht en Disciplinair</caption>" in table
    assert re.findall(r'<th scope="col">(.*?)</th>', table) == ["Strafrecht", "Disciplinair"]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert ("Bewijs", "Aannemelijk maken") in rows
    assert ("Recht op bijstand (advocaat)", "Recht op bijstand van éénieder") in rows
    assert ("Proces-verbaal", "Rapportage") in rows
    assert len(rows) == 8


def test_the_rest_of_the_vik_material_stands_where_content_md_says(seed):
    systems = Dilemma.objects.get(title="Het raadplegen van politiesystemen")
    assert list(systems.themabladen.values_list("slug", flat=True)) == ["omgaan-met-informatie"]
    assert systems.options.count() == 3
    crossing = Dilemma.objects.get(title="Grensoverschrijdend?")
    assert list(crossing.themabladen.values_list("slug", flat=True)) == [
        "sociaal-veilig-werkklimaat"
    ]
    handreiking = Guideline.objects.get(title="Handreiking voor het raadplegen van politiesystemen")
    assert list(handreiking.themablad_links.values_list("themablad__slug", flat=True)) == [
        "omgaan-met-informatie"
    ]
    assert "272 SR (schending ambtsgeheim)" in handreiking.description


# -- not themabladen --------------------------------------------------------------------------


def test_practice_pages_are_not_numbered_nor_listed_as_themabladen(seed, client):
    titles = list(Themablad.objects.practice_pages().values_list("title", flat=True))
    for url in ["/themabladen/", "/"]:
        listed = re.search(
            r'<ol class="sheet-list">.*?</ol>', client.get(url).content.decode(), re.S
        )
        for title in titles:
            assert html.escape(title) not in listed.group(0), (url, title)
    assert not Themablad.objects.practice_pages().exclude(number=None).exists()
    page = Themablad.objects.get(slug="meldplicht")
    assert page.heading == "Integriteit in de praktijk"
    for url in ["/themabladen/meldplicht/", "/themabladen/meldplicht/pdf/"]:
        assert client.get(url).status_code == 404
    shown = client.get(page.get_absolute_url()).content.decode()
    assert "Themablad" not in re.sub(r"<(nav|footer).*?</\1>", "", shown, flags=re.S)


def test_a_practice_page_with_a_number_is_refused_in_dutch(seed):
    page = Themablad(kind=Themablad.Kind.PRAKTIJK, number=99, title="X", slug="x")
    with pytest.raises(ValidationError, match="heeft geen nummer"):
        page.full_clean()


def test_the_index_lists_every_page_and_is_linked_from_home_and_menu(seed, client):
    shown = client.get(INDEX).content.decode()
    assert h1_texts(shown) == ["Integriteit in de praktijk"]
    links = re.findall(r'<h2><a href="/integriteit-in-de-praktijk/([^/]+)/">', shown)
    assert links == PAGES
    home = client.get("/").content.decode()
    assert f'href="{INDEX}"' in home
    menu = re.search(r'<nav class="main-nav".*?</nav>', home, re.S).group(0)
    assert f'href="{INDEX}"' in menu
    page = client.get(f"{INDEX}meldplicht/").content.decode()
    assert 'aria-current="page"' in re.search(r'<nav class="main-nav".*?</nav>', page, re.S)[0]


# -- links, both ways -------------------------------------------------------------------------


def links_in(html_text: str, section_id: str) -> list[str]:
    section = re.search(
        rf'<section[^>]*(?:id|aria-labelledby)="{section_id}".*?</section>', html_text, re.S
    )
    return re.findall(r'href="([^"]+)"', section.group(0)) if section else []


def test_meldplicht_and_the_sheets_it_concerns_link_to_each_other(seed, client):
    page = client.get(f"{INDEX}meldplicht/").content.decode()
    section = re.search(r'<section id="themabladen".*?</section>', page, re.S).group(0)
    assert "/themabladen/nevenwerkzaamheden/" in section
    assert "/themabladen/contacten-in-de-privesfeer/" in section
    assert "Financiële belangen" in section  # a sheet without text still gets the link
    for slug in ["nevenwerkzaamheden", "contacten-in-de-privesfeer", "financiele-belangen"]:
        sheet = client.get(f"/themabladen/{slug}/").content.decode()
        assert f"{INDEX}meldplicht/" in links_in(sheet, "kop-praktijk"), slug
        # and the practice page is not passed off as a sheet naming this one
        assert f"{INDEX}meldplicht/" not in links_in(sheet, "gerelateerd")


def test_internal_investigation_links_to_art_76_and_the_rulings_and_back(seed, client):
    url = f"{INDEX}interne-onderzoeken/"
    page = client.get(url).content.decode()
    assert "/regelgeving/barp/artikel-76/" in page
    assert 'href="/uitspraken/"' in page
    article = client.get("/regelgeving/barp/artikel-76/").content.decode()
    assert url in links_in(article, "kop-praktijk")
    for uitspraak in Uitspraak.objects.cited_on_published():
        ruling = client.get(uitspraak.get_absolute_url()).content.decode()
        assert url in links_in(ruling, "kop-praktijk"), uitspraak.ecli
    assert url in links_in(client.get("/uitspraken/").content.decode(), "kop-praktijk")
    # the article's list of citing themabladen holds sheets only
    cited_on = article.split("Genoemd op deze themabladen", 1)[1].split("kop-praktijk", 1)[0]
    assert url not in cited_on


# -- one editorial core: four eyes ------------------------------------------------------------


def edit_block(client, page, old, new, *, note="Tekst aangepast"):
    data = form_data(client.get(change_url(page)).content.decode())
    key = next(k for k, v in data.items() if k.startswith("text_blocks-") and v == old)
    data[key] = new
    data.update(change_note=note, _indienen="1")
    response = client.post(change_url(page), data)
    errors = re.findall(r"<ul class=\"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S)
    assert response.status_code == 302, errors


def test_an_officers_change_is_public_only_after_a_second_officer_approves(
    seed, client, redacteur, officer, second_officer
):
    page = Themablad.objects.get(slug="meldplicht")
    block = page.text_blocks.get()
    before = {b.pk for b in TextBlock.objects.filter(themablad=page)}
    old = block.text
    new = old.replace("- Afhankelijkheden", "- Afhankelijkheden\n- Schulden")
    client.force_login(officer)
    edit_block(client, page, old, new)
    revision = publishing.pending_revision(page)
    assert revision.status == Revision.Status.SUBMITTED
    client.logout()
    assert "Schulden" not in client.get(page.get_absolute_url()).content.decode()
    assert "Schulden" not in client.get("/zoeken/?q=schulden").content.decode()
    # the author cannot approve their own change
    client.force_login(officer)
    review = f"/admin/redactie/revision/{revision.pk}/change/"
    client.post(review, {"action": "approve", "version": publishing.current_version(page)})
    revision.refresh_from_db()
    assert revision.status == Revision.Status.SUBMITTED
    # the reviewer sees the change in the comparison
    parts = {part.title: part for part in compare(revision.base, revision.snapshot)}
    assert parts["Uitleg"].changed
    client.force_login(second_officer)
    # the reviewer's preview is the practice page as employees will see it
    preview = client.get(f"/admin/redactie/revision/{revision.pk}/voorbeeld/").content.decode()
    assert "Schulden" in preview and "Voorbeeld – niet gepubliceerd" in preview
    assert 'href="/integriteit-in-de-praktijk/"' in preview and "Afdrukken" not in preview
    response = client.post(
        review, {"action": "approve", "version": publishing.current_version(page)}
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == Revision.Status.PUBLISHED
    client.logout()
    shown = client.get(page.get_absolute_url()).content.decode()
    assert "Schulden" in shown and "Afhankelijkheden" in shown
    assert f'id="uitleg-{block.pk}"' in shown  # the part kept its id (anchors)
    assert {b.pk for b in TextBlock.objects.filter(themablad=page)} == before
    assert "meldplicht" in client.get("/zoeken/?q=schulden").content.decode()
    # nothing approved is lost: the earlier version is kept and can be brought back
    versions = Revision.objects.filter(themablad=page, status=Revision.Status.PUBLISHED)
    texts = [v.snapshot["text_blocks"][0]["text"] for v in versions.order_by("pk")]
    assert texts == [old, new]


def test_removing_a_link_goes_through_review_and_then_both_sides_lose_it(
    seed, client, officer, second_officer
):
    page = Themablad.objects.get(slug="meldplicht")
    base = take_snapshot(page)
    proposed = {
        **base,
        "related": [i for i in base["related"] if i["label"] != "Nevenwerkzaamheden"],
    }
    publishing.save_draft(themablad=page, snapshot=proposed, user=officer, note="Link weg")
    revision = publishing.submit(themablad=page, user=officer)
    sheet_url = "/themabladen/nevenwerkzaamheden/"
    assert f"{INDEX}meldplicht/" in client.get(sheet_url).content.decode()
    publishing.approve(revision=revision, user=second_officer)
    assert f"{INDEX}meldplicht/" not in client.get(sheet_url).content.decode()
    assert sheet_url not in client.get(f"{INDEX}meldplicht/").content.decode()


def test_a_table_with_a_missing_cell_is_refused_with_a_dutch_message(seed, client, officer):
    page = Themablad.objects.get(slug="interne-onderzoeken")
    client.force_login(officer)
    data = form_data(client.get(change_url(page)).content.decode())
    key = next(k for k, v in data.items() if k.endswith("-table") and v)
    data[key] = data[key] + "\nAlleen één cel"
    data.update(change_note="Rij erbij", _indienen="1")
    response = client.post(change_url(page), data)
    assert response.status_code == 200
    assert "cellen, de kolomkoppen 2" in html.unescape(response.content.decode())
    assert publishing.pending_revision(page) is None


def test_the_admin_offers_the_parts_of_each_kind_of_page(seed, client, redacteur):
    client.force_login(redacteur)
    page = client.get(change_url(Themablad.objects.get(slug="meldplicht"))).content.decode()
    assert 'id="text_blocks-group"' in page and 'id="related_links-group"' in page
    assert 'id="kader-group"' not in page and 'id="casussen-group"' not in page
    sheet = client.get(change_url(Themablad.objects.get(slug="nevenwerkzaamheden"))).content
    assert b'id="kader-group"' in sheet and b'id="text_blocks-group"' not in sheet
    # a new page, whose kind is still to be chosen, offers every part
    new = client.get("/admin/themabladen/themablad/add/").content.decode()
    assert 'id="text_blocks-group"' in new and 'id="kader-group"' in new


def test_the_index_tells_what_each_page_holds_in_the_sources_words(seed, client):
    shown = html.unescape(client.get(INDEX).content.decode())
    assert "Financiën · Contact Politie / Justitie · Burgerlijke staat / Partner" in shown
    assert "Wat:" not in shown
