import pytest
from django.core.exceptions import ValidationError

from casuistiek.ecli import InvalidECLI, find_ecli, normalize_ecli
from casuistiek.models import Uitspraak


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("ECLI: NL: RBNHO: 2019: 3998", "ECLI:NL:RBNHO:2019:3998"),
        ("ECLI:NL:CRVB: 2018:3429", "ECLI:NL:CRVB:2018:3429"),
        ("ECLI:NL:RBASS:2012: BW3300", "ECLI:NL:RBASS:2012:BW3300"),
        ("ecli:nl:crvb:2013:bz4250", "ECLI:NL:CRVB:2013:BZ4250"),
    ],
)
def test_mangled_ecli_gets_its_normal_form(typed, normal):
    assert normalize_ecli(typed) == normal


@pytest.mark.parametrize(
    "typed",
    [
        "ECLI:NL:CRVB:2018:03429",  # leading zero
        "ECLI:NL:CRVB:18:3429",  # two-digit year
        "ECLI:NL:C:2018:3429",  # court code too short for NL
        "ECLI:NL:CRVB:2018:B3300",  # half an LJN
        "CRVB 2018 3429",  # no prefix: not an ECLI as stored
        "",
        "ECLI:NL:CRVB:2018:3429; DROP TABLE",
    ],
)
def test_malformed_ecli_is_refused_with_a_dutch_message(typed):
    with pytest.raises(InvalidECLI, match="geen geldige"):
        normalize_ecli(typed)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("CRVB 2018 3429", "ECLI:NL:CRVB:2018:3429"),
        ("uitspraak ecli nl rbass 2012 bw3300 graag", "ECLI:NL:RBASS:2012:BW3300"),
        ("artikel 2018 12", None),
        ("themablad 8", None),
    ],
)
def test_ecli_found_in_free_text(text, found):
    assert find_ecli(text) == found


@pytest.mark.django_db
def test_uitspraak_mends_spelling_and_knows_its_court():
    uitspraak = Uitspraak(ecli="ecli:nl:crvb: 2018:3429")
    uitspraak.full_clean()
    uitspraak.save()
    assert uitspraak.ecli == "ECLI:NL:CRVB:2018:3429"
    assert uitspraak.court_name == "Centrale Raad van Beroep"
    assert uitspraak.year == 2018
    assert uitspraak.public_url == (
        "https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:CRVB:2018:3429"
    )


@pytest.mark.django_db
def test_invalid_ecli_in_a_form_gives_a_dutch_error_and_saves_nothing():
    with pytest.raises(ValidationError) as error:
        Uitspraak(ecli="ECLI:NL:CRVB:2018").full_clean()
    assert "geen geldige Nederlandse ECLI" in str(error.value)
    assert not Uitspraak.objects.exists()


@pytest.mark.django_db
def test_the_same_ruling_twice_is_refused():
    Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2018:3429")
    with pytest.raises(ValidationError, match="staat er al in"):
        Uitspraak(ecli="ECLI:NL:CRVB: 2018:3429").full_clean()
