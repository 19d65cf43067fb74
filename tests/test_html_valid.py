"""Every page employees read is valid HTML by the Nu Html Checker (the W3C validator)."""

import pytest

from tests.nu import assert_valid_html

PUBLIC_PAGES = [
    "/",
    "/themabladen/",
    "/themabladen/omgaan-met-informatie/",
    "/themabladen/gedrag-in-vrije-tijd/",
    "/themabladen/aannemen-van-geschenken/",
    "/integriteit-in-de-praktijk/",
    "/integriteit-in-de-praktijk/interne-onderzoeken/",
    "/integriteit-in-de-praktijk/meldplicht/",
    "/dilemmas/",
    "/casuistiek/",
    "/uitspraken/",
    "/uitspraken/?indeling=instantie",
    "/uitspraken/ECLI:NL:CRVB:2018:3429/",
    "/regelgeving/",
    "/regelgeving/barp/artikel-76/",
    "/tags/",
    "/toegankelijkheid/",
    "/wijzigingen/",
    "/zoeken/?q=informatie+delen",
    "/zoeken/?q=zeppelinvaart",
]


@pytest.mark.django_db
def test_public_pages_have_no_nu_html_checker_errors(client, seed):
    from dilemmas.models import Dilemma

    # A dilemma's address holds its id, which differs between databases.
    dilemma = Dilemma.objects.published().order_by("pk").first()
    assert_valid_html(client, [*PUBLIC_PAGES, dilemma.get_absolute_url()])
