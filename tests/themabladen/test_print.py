"""Sheets on paper: the print view, the PDF and the print stylesheet of the normal page."""

import io
import re
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.utils import translation
from django.utils.timezone import localtime

from casuistiek.models import Casus, CasusUitspraak, Uitspraak
from dilemmas.models import AnswerOption, Dilemma, DilemmaPlacement
from portal.pdf import static_only_fetcher_class
from tests.conftest import h1_texts
from themabladen.models import Themablad


def read_pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def pdf_text(reader) -> str:
    # Text extraction breaks lines (and hyphenates); compare on words joined by single spaces.
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"[\u2010-]\n", "", text)
    return " ".join(text.split())


def flat(text: str) -> str:
    return " ".join(text.replace("- ", "").split())


def pdf_links(reader) -> set[str]:
    links = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                links.add(str(action["/URI"]))
    return links


@pytest.fixture
def sheet_with_parts(make_themablad):
    themablad = make_themablad(title="Omgaan met geschenken", inleiding="Een korte inleiding.")
    for position, question in enumerate(
        ["Een leverancier stuurt een kerstpakket. Wat doe je?", "Je krijgt een fles wijn."],
        start=1,
    ):
        dilemma = Dilemma.objects.create(question=question)
        DilemmaPlacement.objects.create(themablad=themablad, dilemma=dilemma, position=position)
    AnswerOption.objects.create(dilemma=dilemma, label="A", text="Ik weiger beleefd.")
    casus = Casus.objects.create(
        themablad=themablad, title="Ontslag na geschenk", summary="De rechter oordeelde streng."
    )
    uitspraak = Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2018:3429")
    CasusUitspraak.objects.create(casus=casus, uitspraak=uitspraak)
    return themablad


def test_sheet_page_links_print_view_and_pdf(client, sheet_with_parts):
    html = client.get(sheet_with_parts.get_absolute_url()).content.decode()
    assert f'href="/themabladen/{sheet_with_parts.slug}/afdrukken/">Afdrukken</a>' in html
    assert f'href="/themabladen/{sheet_with_parts.slug}/pdf/"' in html


def test_print_view_reads_like_a_themablad_without_navigation(client, sheet_with_parts):
    response = client.get(f"/themabladen/{sheet_with_parts.slug}/afdrukken/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert h1_texts(html) == ["Omgaan met geschenken"]
    assert f"Themablad {sheet_with_parts.number} bij de beroepscode" in html
    assert "Hoofdmenu" not in html and "site-footer" not in html
    sections = ["Inleiding", "Dilemma’s", "Casuïstiek"]
    positions = [html.index(f">{name}</h2>") for name in sections]
    assert positions == sorted(positions)
    assert "ECLI:NL:CRVB:2018:3429" in html


def test_sheet_pdf_has_title_language_footer_links_and_every_part(client, sheet_with_parts):
    reader = read_pdf(client.get(f"/themabladen/{sheet_with_parts.slug}/pdf/"))
    text = pdf_text(reader)
    number = sheet_with_parts.number
    assert reader.metadata.title == f"Themablad {number} bij de beroepscode: Omgaan met geschenken"
    assert str(reader.trailer["/Root"]["/Lang"]) == "nl"
    assert f"Themablad {number} bij de beroepscode" in text
    assert "Een leverancier stuurt een kerstpakket. Wat doe je?" in text
    assert "Je krijgt een fles wijn." in text
    assert "Ik weiger beleefd." in text
    assert "ECLI:NL:CRVB:2018:3429" in text
    total = len(reader.pages)
    for index, page in enumerate(reader.pages, start=1):
        assert f"Pagina {index} van {total}" in page.extract_text()
    with translation.override("nl"):
        version = date_filter(localtime(sheet_with_parts.updated_at), "j F Y")
    assert f"versie {version}" in reader.pages[-1].extract_text()
    assert "https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:CRVB:2018:3429" in pdf_links(
        reader
    )


def test_sheet_pdf_uses_the_portals_own_font(client, sheet_with_parts):
    reader = read_pdf(client.get(f"/themabladen/{sheet_with_parts.slug}/pdf/"))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Subset names look like "/QBEEYB+Portaal-Sans": the portal's @font-face, no system font.
    assert fonts and all(name.split("+")[-1].startswith("Portaal-Sans") for name in fonts), fonts


def test_every_published_sheet_pdf_holds_all_its_dilemmas_casussen_and_eclis(client, seed):
    for themablad in Themablad.objects.published().sheets().filter(available=True).with_sections():
        reader = read_pdf(client.get(f"/themabladen/{themablad.slug}/pdf/"))
        text = pdf_text(reader)
        assert themablad.title in text
        for dilemma in themablad.dilemmas.all():
            assert flat(dilemma.question)[:60] in text, (themablad.slug, dilemma.question)
        for casus in themablad.casussen.all():
            assert casus.title in text
            for citation in casus.citations.all():
                assert citation.uitspraak.ecli in text
        links = pdf_links(reader)
        for reference in themablad.legal_references.all():
            assert reference.url in links


def test_sheet_pdf_follows_changes_to_its_dilemmas(client, sheet_with_parts):
    url = f"/themabladen/{sheet_with_parts.slug}/pdf/"
    first = client.get(url).content
    assert client.get(url).content == first
    dilemma = sheet_with_parts.dilemmas.first()
    dilemma.question = "Een geheel nieuwe vraag over taart."
    dilemma.save()
    assert "Een geheel nieuwe vraag over taart." in pdf_text(read_pdf(client.get(url)))


@pytest.mark.parametrize("status", [Themablad.Status.DRAFT, Themablad.Status.ARCHIVED])
def test_unpublished_sheet_has_no_print_view_or_pdf(client, make_themablad, status):
    themablad = make_themablad(status=status)
    assert client.get(f"/themabladen/{themablad.slug}/afdrukken/").status_code == 404
    assert client.get(f"/themabladen/{themablad.slug}/pdf/").status_code == 404


def test_unknown_sheet_pdf_is_a_404(client, db):
    assert client.get("/themabladen/bestaat-niet/pdf/").status_code == 404


def test_print_stylesheet_hides_navigation_and_sets_a4(client, sheet_with_parts):
    html = client.get(sheet_with_parts.get_absolute_url()).content.decode()
    assert 'href="/static/css/print.css" media="print"' in html
    css = (Path(settings.BASE_DIR) / "static/css/print.css").read_text()
    assert "size: A4" in css
    hidden = re.search(r"([^{}]+)\{\s*display:\s*none", css).group(1)
    for selector in [".site-header", ".main-nav", ".breadcrumbs", ".site-footer", ".skip-link"]:
        assert selector in hidden


def test_pdf_renderer_fetches_only_the_portals_static_files():
    fetcher = static_only_fetcher_class()()
    for url in [
        "https://example.org/style.css",
        "http://testserver/themabladen/",
        "file:///etc/passwd",
        "http://testserver/static/../../etc/passwd",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    response = fetcher.fetch("http://testserver/static/css/print-document.css")
    assert b"@font-face" in response.read()


def test_printing_the_sheet_page_puts_name_and_version_date_in_the_footer(client, make_themablad):
    themablad = make_themablad(title='Cadeaus "gratis" </style><script>alert(1)</script>')
    html = client.get(themablad.get_absolute_url()).content.decode()
    style = re.search(r'<style media="print">(.*?)</style>', html, re.S).group(1)
    assert "@bottom-left" in style and "versie" in style
    # The title is escaped for CSS: it cannot end the string or the style element.
    assert "<" not in style and '"gratis"' not in style
    assert "<script>" not in html


def test_pdf_failure_gives_a_dutch_page_not_a_500(client, sheet_with_parts, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("cannot load library 'pango'")

    monkeypatch.setattr("portal.pdf.html_to_pdf", broken)
    response = client.get(f"/themabladen/{sheet_with_parts.slug}/pdf/")
    assert response.status_code == 503
    assert "PDF niet beschikbaar" in response.content.decode()


def test_answer_options_read_a_b_c_on_the_sheet_its_pdf_and_the_dilemma_page(client, seed):
    """WeasyPrint numbers an <ol type="A"> 1, 2, 3: "antwoord B" must be B on paper too."""
    dilemma = Dilemma.objects.filter(options__isnull=False).distinct().first()
    sheet = dilemma.placements.filter(themablad__status="gepubliceerd").first().themablad
    letters = [f"{option.label}. {option.text}" for option in dilemma.options.all()]
    assert [letter[0] for letter in letters] == ["A", "B", "C"][: len(letters)]
    pdf = flat(pdf_text(read_pdf(client.get(f"/themabladen/{sheet.slug}/pdf/"))))
    for page in (f"/themabladen/{sheet.slug}/", dilemma.get_absolute_url()):
        shown = flat(re.sub(r"<[^>]+>", "", client.get(page).content.decode()))
        for letter in letters:
            assert flat(letter) in shown, (page, letter)
    for letter in letters:
        assert flat(letter) in pdf, letter
