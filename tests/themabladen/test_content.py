"""The loaded seed content against facts counted by hand in the source (shared/seed)."""

import pytest

from casuistiek.models import CasusUitspraak, Uitspraak
from dilemmas.models import Dilemma
from themabladen.models import Article, Guideline, Themablad

# number: (slug, kader, dilemma's, casussen, rulings cited, guidelines, legal refs, related)
FACTS = {
    2: ("contacten-in-de-privesfeer", 6, 4, 2, 4, 0, 4, 3),
    7: ("nevenwerkzaamheden", 6, 3, 2, 2, 2, 4, 3),
    # Sheet 8 carries the VIK "Handreiking voor het raadplegen van politiesystemen" as a 7th
    # guideline and the VIK multiple-choice dilemma as a 6th dilemma.
    8: ("omgaan-met-informatie", 11, 6, 3, 5, 7, 6, 3),
    9: ("omgaan-met-zakelijke-uitnodigingen", 9, 3, 1, 2, 2, 4, 5),
    10: ("representativiteit", 7, 4, 0, 0, 2, 2, 4),
    11: ("social-media", 7, 6, 1, 1, 4, 3, 3),
    12: ("sociaal-veilig-werkklimaat", 9, 6, 1, 2, 4, 3, 0),
    13: ("waarheidsgetrouw-opmaken", 4, 4, 2, 2, 0, 6, 1),
    14: ("zakendoen-met-leveranciers", 10, 2, 1, 2, 1, 4, 3),
}

SAMPLES = {
    "omgaan-met-informatie": [
        "Ik raadpleeg de politiesystemen alleen als dat nodig is voor de uitoefening van mijn "
        "functie.",
        "In je vrije tijd zie je een verdachte situatie. Mag je het kenteken van het voertuig "
        "bevragen?",
        "Burgers moeten er op kunnen vertrouwen dat individuele medewerkers van de politie "
        "respectvol met gegevens omgaan.",
    ],
    "representativiteit": [
        "Ik kom mijn afspraken na. En als ik ze niet na kan komen, leg ik uit waarom niet.",
    ],
    "nevenwerkzaamheden": [
        "werkzaamheden als taxichauffeur, tenzij dit zich beperkt tot ziekenvervoer of "
        "schoolvervoer",
        "Het strafontslag dat daarop volgde, was dus terecht.",
    ],
    "zakendoen-met-leveranciers": [
        "Ik creëer gelijke kansen voor leveranciers door meerdere partijen te betrekken."
    ],
    "waarheidsgetrouw-opmaken": ["Hij dient een reisdeclaratie in voor meer dan € 250,-."],
}


@pytest.mark.parametrize("number", sorted(FACTS))
def test_each_sheet_has_every_part_of_the_source(seed, number):
    slug, kader, dilemmas, casussen, rulings, guidelines, legal, related = FACTS[number]
    sheet = Themablad.objects.published().get(number=number)
    assert sheet.slug == slug
    assert sheet.available
    assert sheet.inleiding
    assert sheet.kader.count() == kader
    assert sheet.dilemmas.count() == dilemmas
    assert sheet.casussen.count() == casussen
    assert CasusUitspraak.objects.filter(casus__themablad=sheet).count() == rulings
    assert sheet.guideline_links.count() == guidelines
    assert sheet.legal_references.count() == legal
    assert sheet.related_links.count() == related


def test_sample_sentences_are_carried_word_for_word(seed, client):
    for slug, sentences in SAMPLES.items():
        html = client.get(f"/themabladen/{slug}/").content.decode()
        for sentence in sentences:
            assert sentence in html, (slug, sentence)


def test_placeholders_exist_with_title_only(seed):
    placeholders = Themablad.objects.filter(available=False)
    assert sorted(placeholders.values_list("title", flat=True)) == [
        "Aannemen van geschenken",
        "Financiële belangen",
        "Gebruik van geweld",
        "Gedrag in vrije tijd",
    ]
    for sheet in placeholders:
        assert sheet.number is None
        assert not sheet.inleiding and not sheet.kader.exists()


def test_rulings_are_normalised_and_shared_between_sheets(seed):
    assert Uitspraak.objects.count() == 19
    for uitspraak in Uitspraak.objects.all():
        assert " " not in uitspraak.ecli and uitspraak.ecli == uitspraak.ecli.upper()
    shared = Uitspraak.objects.get(ecli="ECLI:NL:CRVB:2018:3429")
    assert sorted(shared.casussen.values_list("themablad__number", flat=True)) == [9, 14]
    assert Uitspraak.objects.filter(ecli="ECLI:NL:RBNHO:2019:3998").exists()
    assert Uitspraak.objects.filter(ecli="ECLI:NL:RBASS:2012:BW3300").exists()


def test_guideline_cited_by_two_sheets_is_one_record(seed):
    toolkit = Guideline.objects.get(title="Toolkit inkoop en bestellen")
    assert sorted(toolkit.themablad_links.values_list("themablad__number", flat=True)) == [9, 14]
    assert toolkit.url == (
        "https://intranet.politie.local/algemenedocumenten/1203/"
        "wat-moet-ik-doen-als-ik-iets-wil-laten-inkopen.html"
    )


def test_kader_of_sheet_14_is_grouped(seed):
    sheet = Themablad.objects.get(number=14)
    groups = list(dict.fromkeys(sheet.kader.values_list("group", flat=True)))
    assert groups == ["Gelijkheid", "Transparantie", "Representatie"]
    assert all(sheet.kader.values_list("bullet", flat=True))


def test_art_76_barp_carries_its_text_and_is_cited_by_five_sheets(seed):
    article = Article.objects.get(law__key="barp", number="76")
    assert "Plichtsverzuim omvat zowel het overtreden van een voorschrift" in article.text
    references = article.legalreference_set
    # and by the practice page Interne Onderzoeken (tests/themabladen/test_praktijk.py)
    assert list(
        references.filter(themablad__kind="praktijk").values_list("themablad__slug", flat=True)
    ) == ["interne-onderzoeken"]
    assert sorted(
        references.filter(themablad__kind="themablad").values_list("themablad__number", flat=True)
    ) == [
        2,
        8,
        9,
        11,
        13,
    ]


def test_multiple_choice_dilemmas_from_the_vik_slides(seed):
    systems = Dilemma.objects.get(title="Het raadplegen van politiesystemen")
    assert list(systems.options.values_list("label", flat=True)) == ["A", "B", "C"]
    assert list(systems.themabladen.values_list("number", flat=True)) == [8]
    grens = Dilemma.objects.get(title="Grensoverschrijdend?")
    assert list(grens.themabladen.values_list("number", flat=True)) == [12]
    assert grens.options.get(label="B").text.startswith("Ik ga in gesprek met beide collega’s.")


def test_withheld_text_never_appears(seed, client):
    for sheet in Themablad.objects.published():
        html = client.get(sheet.get_absolute_url()).content.decode()
        assert "Niet onder reikwijdte" not in html
        assert "5.1.2.e" not in html
