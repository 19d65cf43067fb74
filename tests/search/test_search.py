"""Search (/zoeken/): Dutch matching, exact look-ups, filters, paging and an index that follows
every change. Runs on SQLite (FTS5) and, with DATABASE_URL, on PostgreSQL."""

import re

import pytest

from casuistiek.models import Casus, CasusUitspraak, Uitspraak
from dilemmas.models import Dilemma, DilemmaPlacement
from portal.search import service as search_service
from tests.conftest import h1_texts
from tests.search_pages import results_html, shown_hits, top_sheets
from themabladen.models import KaderStatement, Themablad

INFORMATIE = "/themabladen/omgaan-met-informatie/"


def urls(client, query, **params):
    return [hit.url for hit in shown_hits(client, query, **params)]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Hij heeft zijn reiskosten gedeclareerd.", "declaraties"),
        ("Lever de declaratie op tijd in.", "declareren"),
        ("De declaraties worden gecontroleerd.", "declaratie"),
        ("Hij declareert zijn kilometers.", "gedeclareerd"),
        ("Een bekende crimineel uit de buurt.", "criminelen"),
        ("Contact met criminelen.", "crimineel"),
        ("Een uitnodiging voor de borrel.", "uitnodigingen"),
        ("Uitnodigingen van leveranciers.", "uitnodiging"),
        ("Je privé mailadres.", "prive"),
        ("Je prive telefoon.", "privé"),
        ("De casuïstiek van dit jaar.", "casuistiek"),
        ("Ik creëer gelijke kansen.", "creeer"),
        ("Lid van een supportersclub.", "supporters"),
        ("Een bezoek aan een horecagelegenheid.", "horeca"),
        ("Melden van nevenwerkzaamheden.", "nevenwerkzaamheeden"),
    ],
)
def test_dutch_word_forms_accents_compounds_and_typos_find_each_other(
    client, make_themablad, text, query
):
    sheet = make_themablad(title="Proefblad", inleiding=text)
    assert sheet.get_absolute_url() in [hit.sheet_url for hit in shown_hits(client, query)]


@pytest.mark.parametrize(
    "text",
    [
        "Dit is goed geregeld.",  # ge-re-geld: "gere" is no word
        "De regels voor iedereen.",  # nor may "geregeld" elsewhere pull in its stem "regel"
    ],
)
def test_words_that_only_look_like_a_compound_of_the_typed_word_are_not_found(
    client, make_themablad, text
):
    lookalike = make_themablad(title="Proefblad", inleiding=text)
    real = make_themablad(title="Geldzaken", inleiding="Het gemeenschapsgeld en wat geregeld is.")

    hits = [hit.sheet_url for hit in shown_hits(client, "geld")]

    assert real.get_absolute_url() in hits
    assert lookalike.get_absolute_url() not in hits


def test_a_real_compound_with_a_linking_s_is_found(client, make_themablad):
    sheet = make_themablad(title="Geldzaken", inleiding="Over het gemeenschapsgeld.")
    make_themablad(title="Gemeenschap", inleiding="De gemeenschap.")

    assert sheet.get_absolute_url() in [hit.sheet_url for hit in shown_hits(client, "geld")]


def test_a_typo_gets_a_did_you_mean_suggestion(client, make_themablad):
    make_themablad(title="Nevenwerkzaamheden", inleiding="Melden van nevenwerkzaamheden.")
    html = results_html(client, "nevenwerkzaamheeden")
    assert "Bedoelde u" in html
    assert "?q=nevenwerkzaamheden" in html


def test_did_you_mean_keeps_the_other_words_as_typed_and_spells_like_the_content(
    client, make_themablad
):
    make_themablad(title="Privé", inleiding="Melden van nevenwerkzaamheden in je privétijd.")

    html = results_html(client, "Privé nevenwerkzaamheeden")
    assert (
        'Bedoelde u <a href="?q=Priv%C3%A9%20nevenwerkzaamheden">Privé nevenwerkzaamheden</a>?'
        in html
    )
    assert ">privétijd</a>?" in results_html(client, "privetijt")


def test_matching_words_are_highlighted_and_escaped(client, make_themablad):
    make_themablad(title="Proefblad", inleiding="Een <b>vet</b> verhaal over declaraties & kosten.")
    hit = shown_hits(client, "declaratie")[0]
    assert "<mark>declaraties</mark>" in hit.html
    assert "&lt;b&gt;vet&lt;/b&gt;" in hit.html
    assert "<b>" not in hit.html


def test_title_weighs_more_than_body_text(client, make_themablad):
    body = make_themablad(title="Iets anders", inleiding="Ook over geschenken, terloops.")
    title = make_themablad(title="Geschenken", inleiding="Wat te doen.")
    sheets = [hit.sheet_url for hit in shown_hits(client, "geschenk")]
    assert sheets.index(title.get_absolute_url()) < sheets.index(body.get_absolute_url())


def test_each_kind_of_content_is_found_with_its_label_and_lands_on_the_passage(client, seed):
    hits = shown_hits(client, "kenteken voertuig bevragen")
    assert hits[0].kind == "Dilemma"
    assert re.match(rf"{INFORMATIE}#dilemma-\d+$", hits[0].url)
    kader = shown_hits(client, "politiesystemen nieuwsgierigheid", soort="kader")
    assert kader and all(hit.kind == "Kader" for hit in kader)
    assert re.match(rf"{INFORMATIE}#kader-\d+$", kader[0].url)
    casus = shown_hits(client, "bevragen kennissen", soort="casus")
    assert re.match(rf"{INFORMATIE}#casus-\d+$", casus[0].url)
    guideline = shown_hits(client, "praktijkhandboek")
    assert guideline[0].kind == "Richtlijn"
    assert re.match(rf"{INFORMATIE}#richtlijn-\d+$", guideline[0].url)
    legal = shown_hits(client, "wetboek van strafrecht", soort="regelgeving")
    assert legal and legal[0].url.startswith("/regelgeving/sr/")
    sheet = shown_hits(client, "representativiteit", soort="themablad")
    assert sheet[0].url == "/themabladen/representativiteit/"
    tag = shown_hits(client, "tatoeage", soort="themablad")
    assert tag[0].url == "/themabladen/representativiteit/"


def test_hits_link_to_their_themablad(client, seed):
    hit = shown_hits(client, "supportersclub")[0]
    assert hit.sheet_url == "/themabladen/contacten-in-de-privesfeer/"
    assert "Themablad 2 bij de beroepscode: Contacten in de privésfeer" in hit.html


def test_filters_count_per_kind_and_per_themablad(client, seed):
    html = results_html(client, "informatie")
    kinds = dict(re.findall(r"soort=(\w+)\">\w+ <span class=\"count\">\((\d+)\)", html))
    assert {"kader", "dilemma", "richtlijn"} <= set(kinds)
    only_kader = shown_hits(client, "informatie", soort="kader")
    assert only_kader and {hit.kind for hit in only_kader} == {"Kader"}
    total = re.search(r"(\d+) resultaten", results_html(client, "informatie", soort="kader"))
    assert int(total.group(1)) == int(kinds["kader"])
    sheet = Themablad.objects.get(slug="zakendoen-met-leveranciers")
    in_sheet = shown_hits(client, "informatie", themablad=sheet.pk)
    assert in_sheet and {hit.sheet_url for hit in in_sheet} == {sheet.get_absolute_url()}


def test_paging_and_the_query_stays_in_the_box(client, seed):
    html = results_html(client, "politie")
    assert 'value="politie"' in html
    assert "Pagina 1 van" in html
    first = urls(client, "politie")
    second = urls(client, "politie", pagina=2)
    assert len(first) == 10 and second and not set(first) & set(second)
    assert 'start="11"' in results_html(client, "politie", pagina=2)


@pytest.mark.parametrize(
    "typed",
    [
        "ECLI:NL:CRVB:2018:3429",
        "ecli:nl:crvb:2018:3429",
        "ECLI: NL: CRVB: 2018: 3429",
        "CRVB 2018 3429",
        "crvb:2018:3429",
        "uitspraak ECLI NL CRVB 2018 3429",
    ],
)
def test_an_ecli_in_any_spelling_goes_straight_to_its_ruling(client, seed, typed):
    response = client.get("/zoeken/", {"q": typed})
    assert response.status_code == 302
    assert response["Location"] == "/uitspraken/ECLI:NL:CRVB:2018:3429/"


def test_an_unknown_ecli_says_so(client, seed):
    html = results_html(client, "ECLI:NL:HR:2020:1234")
    assert "ECLI:NL:HR:2020:1234 staat niet in het portaal" in html


@pytest.mark.parametrize(
    ("typed", "article_page"),
    [
        ("art 76 barp", "/regelgeving/barp/artikel-76/"),
        ("Art. 76 Barp", "/regelgeving/barp/artikel-76/"),
        ("artikel 76 van het barp", "/regelgeving/barp/artikel-76/"),
        ("barp 76", "/regelgeving/barp/artikel-76/"),
        ("272 Sr", "/regelgeving/sr/artikel-272/"),
        ("art 272 wetboek van strafrecht", "/regelgeving/sr/artikel-272/"),
        ("artikel 8 grondwet", "/regelgeving/gw/artikel-8/"),
        ("art 8 lid 1 sub e ambtenarenwet", "/regelgeving/aw/artikel-8/"),
        ("art 55a barp", "/regelgeving/barp/artikel-55a/"),
    ],
)
def test_a_legal_reference_finds_the_article_page_first_then_citing_sheets(
    client, seed, typed, article_page
):
    hits = shown_hits(client, typed)
    assert hits[0].url == article_page
    assert client.get(article_page).status_code == 200
    assert len({hit.sheet_url for hit in hits[1:]}) >= 1


def test_art_76_barp_lists_the_sheets_citing_it(client, seed):
    sheets = {hit.sheet_url for hit in shown_hits(client, "art 76 barp")[1:]}
    assert {INFORMATIE, "/themabladen/contacten-in-de-privesfeer/"} <= sheets


def test_a_law_name_alone_finds_the_law_page(client, seed):
    assert shown_hits(client, "Wet politiegegevens")[0].url == "/regelgeving/wpg/"


@pytest.mark.parametrize("typed", ["themablad 8", "Themablad 8", "themablad nr. 8", "tb 8"])
def test_a_sheet_number_finds_that_sheet(client, seed, typed):
    assert shown_hits(client, typed)[0].url == INFORMATIE


def test_drafts_and_archived_sheets_are_never_found(client, make_themablad):
    make_themablad(
        title="Geheimzinnigheid",
        inleiding="Alleen in concept: zeppelinvaart.",
        status=Themablad.Status.DRAFT,
    )
    make_themablad(
        title="Oud blad", inleiding="Gearchiveerd: luchtballon.", status=Themablad.Status.ARCHIVED
    )
    for query in ["geheimzinnigheid", "zeppelinvaart", "luchtballon", "zeppelinvart"]:
        html = results_html(client, query)
        assert "Niets gevonden" in html, query
        assert "zeppelin" not in html.split("<main", 1)[1].replace(query, ""), query


def test_a_sheet_leaves_the_results_when_it_is_unpublished(client, make_themablad):
    sheet = make_themablad(title="Zeilvaart", inleiding="Over zeilboten.")
    assert urls(client, "zeilboten")
    sheet.status = Themablad.Status.DRAFT
    sheet.save()
    assert not urls(client, "zeilboten")
    sheet.status = Themablad.Status.PUBLISHED
    sheet.save()
    assert urls(client, "zeilboten")


def test_words_of_an_unpublished_sheet_are_never_suggested(client, make_themablad):
    sheet = make_themablad(title="Zeppelinvaart", inleiding="Over zeppelinvaart.")
    assert "?q=zeppelinvaart" in results_html(client, "zepelinvaart")
    sheet.status = Themablad.Status.DRAFT
    sheet.save()
    html = results_html(client, "zepelinvaart")
    assert "Bedoelde u" not in html
    assert "zeppelinvaart" not in html


def test_the_index_follows_every_save_and_delete(client, make_themablad):
    sheet = make_themablad(title="Proefblad")
    statement = KaderStatement.objects.create(themablad=sheet, text="Ik meld mijn hobbyboerderij.")
    assert any("#kader-" in url for url in urls(client, "hobbyboerderij"))
    statement.text = "Ik meld mijn kinderboerderij."
    statement.save()
    assert not urls(client, "hobbyboerderij")
    assert urls(client, "kinderboerderij")
    statement.delete()
    assert not urls(client, "kinderboerderij")

    dilemma = Dilemma.objects.create(question="Mag ik een motorboot lenen?")
    DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma)
    assert any("#dilemma-" in url for url in urls(client, "motorboot"))
    dilemma.question = "Mag ik een zeilboot lenen?"
    dilemma.save()
    assert urls(client, "zeilboot") and not urls(client, "motorboot")

    casus = Casus.objects.create(themablad=sheet, title="Kasteelweekend", summary="Te duur.")
    uitspraak = Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2021:1111")
    CasusUitspraak.objects.create(casus=casus, uitspraak=uitspraak)
    assert any("#casus-" in url for url in urls(client, "kasteelweekend"))
    assert "/uitspraken/ECLI:NL:CRVB:2021:1111/" in urls(client, "crvb 2021", soort="uitspraak")

    sheet.tags.add("paardrijden")
    assert urls(client, "paardrijden", soort="themablad") == [sheet.get_absolute_url()]
    sheet.tags.remove("paardrijden")
    assert not urls(client, "paardrijden")

    sheet.delete()
    assert not urls(client, "zeilboot")
    assert not urls(client, "kasteelweekend")


def test_load_content_builds_the_index(client, seed):
    assert urls(client, "supportersclub")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "de het een",
        "mag ik",
        "x" * 10_000,
        "declaratie " * 2_000,
        "& | ! : * ( ) <-> \" ' \\",
        "kenteken & opzoeken | !bier",
        "(((",
        '"',
        '"proces verbaal',
        "-",
        "-declaratie",
        "NEAR(a b)",
        "terms_a:kenteken",
        "kenteken*",
        "'; DROP TABLE search_searchdocument; --",
        "1 OR 1=1",
        "a\x00b",
        "\x00",
        "😀🚓",
        "полиция взятка",
        "警察 贿赂",
        "الشرطة",
        "a²b ⅷ ﬁ",
        "ECLI:NL:XX:9999:0",
        "art 99999 barp",
        "themablad 99999",
    ],
)
def test_hostile_or_odd_input_gives_a_clear_page(client, seed, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert len(h1_texts(html)) == 1


def test_only_stop_words_explains_what_to_do(client, seed):
    assert "alleen veelvoorkomende woorden" in results_html(client, "mag ik het")


def test_empty_query_explains_what_to_do(client, seed):
    assert "Typ in het zoekvak" in results_html(client, "")


@pytest.mark.parametrize("page", ["999", "-1", "abc", "0", "1e9", "\x00"])
def test_page_out_of_range_or_invalid_gives_a_page(client, seed, page):
    response = client.get("/zoeken/", {"q": "politie", "pagina": page})
    assert response.status_code == 200
    assert '<ol class="search-results"' in response.content.decode()


@pytest.mark.parametrize("params", [{"soort": "nonsense"}, {"themablad": "x"}, {"themablad": "0"}])
def test_unknown_filters_are_ignored(client, seed, params):
    assert shown_hits(client, "politie", **params)


def test_the_results_page_needs_a_bounded_number_of_queries(
    client, seed, django_assert_max_num_queries
):
    # The first search of a query on a day adds its row to the search log and clears expired
    # rows (+5: update, savepoint, insert, release, delete); later ones update it (+1). A sheet
    # among the first hits costs one look-up of sheets without text (+1).
    with django_assert_max_num_queries(18):
        client.get("/zoeken/", {"q": "informatie delen met collega politiesystemen"})
    with django_assert_max_num_queries(14):
        client.get("/zoeken/", {"q": "informatie delen met collega politiesystemen"})
    with django_assert_max_num_queries(20):
        client.get("/zoeken/", {"q": "art 76 barp"})


def test_the_search_box_posts_to_the_results_page(client, seed):
    html = client.get("/").content.decode()
    assert 'action="/zoeken/"' in html
    assert top_sheets(client, "kenteken")[0] == INFORMATIE


def test_deleting_a_dilemma_removes_it_from_the_results(client, make_themablad):
    sheet = make_themablad(title="Proefblad")
    dilemma = Dilemma.objects.create(question="Mag ik de dienstfiets lenen?")
    DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma)
    assert urls(client, "dienstfiets")
    dilemma.delete()
    assert not urls(client, "dienstfiets")


def test_one_interface_for_both_engines(seed):
    from portal.search.engine import search_documents
    from portal.search.models import SearchDocument

    matches = search_documents("kenteken voertuig")
    assert matches
    first = SearchDocument.objects.get(pk=matches[0].id)
    assert first.kind == "dilemma"
    assert first.url.startswith(INFORMATIE)
    assert search_documents("") == []


def test_sheet_filter_lists_the_sheets_with_most_hits_first_and_no_long_tail(
    client, make_themablad
):
    for number in range(14):
        sheet = make_themablad(title=f"Blad {number:02}")
        KaderStatement.objects.create(themablad=sheet, text="Ik vraag een fietsvergoeding aan.")
    busy = make_themablad(title="Vervoer")
    for text in ["Ik meld mijn fietsvergoeding.", "Ik stop de fietsvergoeding bij verhuizing."]:
        KaderStatement.objects.create(themablad=busy, text=text)

    html = results_html(client, "fietsvergoeding")
    sheet_filter = html.split("<h3>Themablad</h3>")[1].split("</ul>")[0]
    labels = re.findall(r">([^<>]+) <span class=\"count\">\((\d+)\)", sheet_filter)

    assert labels[0] == ("Vervoer", "2")
    assert len(labels) == 12
    assert "16 resultaten" in html


def test_the_sheet_chosen_in_the_filter_stays_listed_beyond_the_first_twelve(
    client, make_themablad
):
    sheets = [make_themablad(title=f"Blad {number:02}") for number in range(15)]
    for sheet in sheets:
        KaderStatement.objects.create(themablad=sheet, text="Ik vraag een fietsvergoeding aan.")
    last = sheets[-1]

    html = results_html(client, "fietsvergoeding", themablad=str(last.pk))

    assert f'themablad={last.pk}" aria-current="true">Blad 14' in html
    assert [hit.sheet_url for hit in shown_hits(client, "fietsvergoeding", themablad=last.pk)] == [
        last.get_absolute_url()
    ]


def test_a_query_with_more_hits_than_are_ranked_says_so(client, make_themablad, monkeypatch):
    monkeypatch.setattr(search_service, "MAX_MATCHES", 3)
    for number in range(5):
        make_themablad(title=f"Blad {number}", inleiding="Over de fietsvergoeding.")

    assert "Meer dan 3 resultaten voor ‘fietsvergoeding’" in results_html(client, "fietsvergoeding")


def test_an_article_cited_on_several_sheets_is_one_hit_leading_to_its_page(client, seed):
    hits = shown_hits(client, "schuld", soort="regelgeving")

    assert [hit.url for hit in hits].count("/regelgeving/barp/artikel-76/") == 1
    page = client.get("/regelgeving/barp/artikel-76/").content.decode()
    assert page.count('#regelgeving">') >= 3  # the sheets citing it, listed on its page


def test_a_filter_finds_its_hits_also_beyond_the_best_ranked_of_a_broad_query(
    client, make_themablad, monkeypatch
):
    monkeypatch.setattr(search_service, "MAX_MATCHES", 3)
    for number in range(4):
        make_themablad(title=f"Blad {number}", inleiding="De fietsvergoeding.")
    wordy = make_themablad(
        title="Vervoer",
        inleiding="Over de fietsvergoeding, het openbaar vervoer, de dienstauto, het parkeren "
        "bij het bureau en de reiskosten van en naar het werk, in vele lange zinnen.",
    )
    unfiltered = shown_hits(client, "fietsvergoeding")
    assert wordy.get_absolute_url() not in [hit.sheet_url for hit in unfiltered]

    hits = shown_hits(client, "fietsvergoeding", themablad=str(wordy.pk))

    assert [hit.sheet_url for hit in hits] == [wordy.get_absolute_url()]
