import html
import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casuistiek.models import Casus, CasusUitspraak, Uitspraak
from dilemmas.models import AnswerOption, Dilemma, DilemmaPlacement
from tests.conftest import h1_texts
from themabladen.models import (
    Article,
    Guideline,
    KaderStatement,
    Law,
    LegalReference,
    RelatedThemablad,
    Themablad,
    ThemabladGuideline,
)

PAGES = [
    "/",
    "/themabladen/",
    "/themabladen/omgaan-met-informatie/",
    "/themabladen/gedrag-in-vrije-tijd/",
    "/themabladen/aannemen-van-geschenken/",
    "/integriteit-in-de-praktijk/",
    "/integriteit-in-de-praktijk/interne-onderzoeken/",
    "/integriteit-in-de-praktijk/meldplicht/",
    "/dilemmas/",
    "/dilemmas/?themablad=social-media",
    "/dilemmas/?tag=nevenfunctie",
    "/casuistiek/",
    "/uitspraken/",
    "/uitspraken/?indeling=instantie",
    "/uitspraken/ECLI:NL:CRVB:2018:3429/",
    "/regelgeving/",
    "/regelgeving/barp/",
    "/regelgeving/barp/artikel-76/",
    "/regelgeving/avg/",
    "/tags/",
    "/tags/nevenfunctie/",
    "/toegankelijkheid/",
    "/wijzigingen/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_opens_with_one_h1_in_dutch(seed, client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(h1_texts(html)) == 1
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert "https://" not in "".join(
        line for line in html.splitlines() if "<link" in line or "<script" in line
    )


def test_every_sheet_page_opens(seed, client):
    for sheet in Themablad.objects.published():
        response = client.get(sheet.get_absolute_url())
        assert response.status_code == 200
        assert sheet.title in html.unescape(h1_texts(response.content.decode())[0])


@pytest.mark.parametrize(
    "url",
    [
        "/bestaat-niet/",
        "/themabladen/bestaat-niet/",
        "/integriteit-in-de-praktijk/bestaat-niet/",
        "/themabladen/meldplicht/",
        "/uitspraken/ECLI:NL:CRVB:2099:1/",
        "/uitspraken/geen-ecli/",
        "/uitspraken/ECLI:NL:CRVB:2018:03429/",
        "/regelgeving/onbekend/",
        "/regelgeving/barp/artikel-9999/",
        "/tags/bestaat-niet/",
        "/dilemmas/999999/",
        "/themabladen/aannemen-van-geschenken/pdf/",
        "/themabladen/aannemen-van-geschenken/afdrukken/",
        "/wijzigingen/?themablad=bestaat-niet",
    ],
)
def test_unknown_addresses_get_the_portals_404(seed, client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in h1_texts(html)[0]
    assert 'class="search-form"' in html


def test_sheet_page_shows_sections_in_the_sources_order(seed, client):
    html = client.get("/themabladen/omgaan-met-informatie/").content.decode()
    assert "Themablad 8 bij de beroepscode" in html
    headings = [
        "kop-inleiding",
        "kop-kader",
        "kop-dilemmas",
        "kop-casuistiek",
        "kop-richtlijnen",
        "kop-regelgeving",
        "kop-gerelateerd",
    ]
    positions = [html.index(f'id="{heading}"') for heading in headings]
    assert positions == sorted(positions)


def test_sheet_links_rulings_and_laws_inside_and_out(seed, client):
    html = client.get("/themabladen/omgaan-met-informatie/").content.decode()
    assert 'href="/uitspraken/ECLI:NL:GHDHA:2019:600/"' in html
    assert 'href="https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:GHDHA:2019:600"' in html
    assert 'href="/regelgeving/barp/artikel-76/"' in html
    assert 'href="https://wetten.overheid.nl/jci1.3:c:BWBR0006516&amp;artikel=76"' in html
    assert 'href="/regelgeving/avg/"' in html
    assert "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679" in html


def test_article_link_carries_its_lid(seed, client):
    html = client.get("/themabladen/contacten-in-de-privesfeer/").content.decode()
    assert "https://wetten.overheid.nl/jci1.3:c:BWBR0001947&amp;artikel=10&amp;lid=1" in html


def test_placeholder_is_listed_as_not_available_and_never_a_dead_link(seed, client):
    listing = client.get("/themabladen/").content.decode()
    assert "Gedrag in vrije tijd" in listing
    assert 'href="/themabladen/gedrag-in-vrije-tijd/"' not in listing
    sheet_page = client.get("/themabladen/representativiteit/").content.decode()
    assert 'href="/themabladen/gedrag-in-vrije-tijd/"' not in sheet_page
    assert "Nog niet beschikbaar" in sheet_page
    placeholder = client.get("/themabladen/gedrag-in-vrije-tijd/").content.decode()
    assert "nog niet beschikbaar" in placeholder


def test_related_sheets_read_both_ways(make_themablad, client):
    a = make_themablad(title="Alfa")
    b = make_themablad(title="Bèta")
    RelatedThemablad.objects.create(from_themablad=a, to_themablad=b)
    page_a = client.get(a.get_absolute_url()).content.decode()
    page_b = client.get(b.get_absolute_url()).content.decode()
    assert f'href="{b.get_absolute_url()}"' in page_a
    assert "Dit themablad wordt genoemd op" in page_b
    assert f'href="{a.get_absolute_url()}"' in page_b


def test_sheet_is_not_related_to_itself(make_themablad):
    from django.core.exceptions import ValidationError

    a = make_themablad()
    with pytest.raises(ValidationError, match="niet aan zichzelf"):
        RelatedThemablad(from_themablad=a, to_themablad=a).full_clean()


def test_mendable_ecli_address_redirects_to_the_normal_form(seed, client):
    response = client.get("/uitspraken/ecli:nl:crvb: 2018:3429/")
    assert response.status_code == 301
    assert response["Location"] == "/uitspraken/ECLI:NL:CRVB:2018:3429/"


def test_ruling_page_lists_every_citing_case_and_sheet(seed, client):
    html = client.get("/uitspraken/ECLI:NL:CRVB:2018:3429/").content.decode()
    assert "Centrale Raad van Beroep" in html and "2018" in html
    assert "Omgaan met zakelijke uitnodigingen" in html
    assert "Zakendoen met leveranciers" in html


def test_article_page_shows_its_text_and_citing_sheets(seed, client):
    html = client.get("/regelgeving/barp/artikel-76/").content.decode()
    assert "Plichtsverzuim omvat zowel het overtreden van een voorschrift" in html
    for title in ["Omgaan met informatie", "Waarheidsgetrouw opmaken", "Social media"]:
        assert title in html


def test_dilemmas_filter_by_sheet_and_tag(seed, client):
    html = client.get("/dilemmas/?themablad=nevenwerkzaamheden").content.decode()
    assert "particulier recherchebureau" in html
    assert "kenteken van het voertuig" not in html
    html = client.get("/dilemmas/?themablad=bestaat-niet&tag=%3Cscript%3E").content.decode()
    assert "Geen dilemma’s gevonden" in html


def test_drafts_are_invisible_on_every_public_page(make_themablad, client):
    draft = make_themablad(title="Geheim concept", status=Themablad.Status.DRAFT)
    casus = Casus.objects.create(themablad=draft, title="Conceptcasus", summary="Tekst")
    ruling = Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2024:1")
    CasusUitspraak.objects.create(casus=casus, uitspraak=ruling)
    dilemma = Dilemma.objects.create(question="Conceptdilemma?")
    DilemmaPlacement.objects.create(themablad=draft, dilemma=dilemma)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(ruling.get_absolute_url()).status_code == 404
    assert client.get(dilemma.get_absolute_url()).status_code == 404
    for url in ["/", "/themabladen/", "/dilemmas/", "/casuistiek/", "/uitspraken/"]:
        html = client.get(url).content.decode()
        assert "Geheim concept" not in html and "Concept" not in html.replace("concept", "")


def test_hostile_markup_is_shown_as_text(make_themablad, client):
    sheet = make_themablad(
        inleiding='<script>alert("x")</script>\n\n- <img src=x onerror=alert(1)>'
    )
    KaderStatement.objects.create(themablad=sheet, text="Ik <b onclick=alert(1)>let op</b>")
    html = client.get(sheet.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onclick" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def _full_sheet(make_themablad, size):
    sheet = make_themablad()
    law = Law.objects.create(key=f"wet{size}", name="Testwet", bwb_id="BWBR0000001")
    for i in range(size):
        KaderStatement.objects.create(themablad=sheet, position=i, text=f"Ik doe {i}.")
        dilemma = Dilemma.objects.create(question=f"Vraag {i}?")
        DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma, position=i)
        AnswerOption.objects.create(dilemma=dilemma, label="A", text="Ja")
        casus = Casus.objects.create(themablad=sheet, position=i, title=f"Casus {i}", summary="…")
        ruling = Uitspraak.objects.create(ecli=f"ECLI:NL:CRVB:20{10 + size}:{i + 1}")
        CasusUitspraak.objects.create(casus=casus, uitspraak=ruling)
        guideline = Guideline.objects.create(
            title=f"R{i}", url=f"https://intranet.local/{size}/{i}"
        )
        ThemabladGuideline.objects.create(themablad=sheet, guideline=guideline, position=i)
        article = Article.objects.create(law=law, number=str(i + 1))
        LegalReference.objects.create(
            themablad=sheet, law=law, article=article, label=f"Art. {i + 1}", position=i
        )
        other = make_themablad()
        RelatedThemablad.objects.create(from_themablad=sheet, to_themablad=other, position=i)
        RelatedThemablad.objects.create(from_themablad=other, to_themablad=sheet)
        other.tags.add(f"tag{i}")
        sheet.tags.add(f"tag{i}")
    return sheet


def _queries(client, url):
    client.get(url)  # warm Django's content-type cache, which is per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_sheet_page_costs_a_fixed_number_of_queries(make_themablad, client):
    small = _queries(client, _full_sheet(make_themablad, 1).get_absolute_url())
    large = _queries(client, _full_sheet(make_themablad, 8).get_absolute_url())
    assert small == large
    assert large <= 14  # 12, one for the latest changes, one for practice pages' text blocks


def test_list_pages_cost_a_fixed_number_of_queries(make_themablad, client):
    _full_sheet(make_themablad, 1)
    urls = ["/dilemmas/", "/casuistiek/", "/regelgeving/", "/uitspraken/", "/wijzigingen/"]
    counts = {url: _queries(client, url) for url in urls}
    _full_sheet(make_themablad, 6)
    for url, count in counts.items():
        assert _queries(client, url) == count, url


def test_a_sheet_page_dates_changes_in_amsterdam_time_and_lists_its_tags_alphabetically(
    seed, client
):

    sheet = Themablad.objects.published().sheets().filter(available=True).first()
    sheet.tags.add("zwaluw", "aardbei", "Mier")
    # 22:30 UTC on 31 March is 00:30 on 1 April in Amsterdam (summer time).
    Themablad.objects.filter(pk=sheet.pk).update(
        updated_at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
    )
    html = client.get(sheet.get_absolute_url()).content.decode()
    assert "Laatst gewijzigd op 1 april 2026." in html
    printed = client.get(f"{sheet.get_absolute_url()}afdrukken/").content.decode()
    assert "1 april 2026" in printed
    tags = re.findall(
        r'<li><a href="/tags/[^"]+/">([^<]+)</a></li>',
        html.split('aria-label="Trefwoorden"')[1].split("</ul>")[0],
    )
    assert tags == sorted(tags, key=str.casefold) and {"aardbei", "Mier", "zwaluw"} <= set(tags)
