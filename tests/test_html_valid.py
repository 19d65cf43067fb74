"""Every page employees read is valid HTML by the Nu Html Checker (the W3C validator)."""

import pytest

from tests.nu import assert_valid_html

PUBLIC_PAGES = [
    "/",
    "/themabladen/",
    "/themabladen/omgaan-met-informatie/",
    "/themabladen/gedrag-in-vrije-tijd/",
    "/integriteit-in-de-praktijk/",
    "/integriteit-in-de-praktijk/interne-onderzoeken/",
    "/integriteit-in-de-praktijk/meldplicht/",
    "/dilemmas/",
    "/casuistiek/",
    "/uitspraken/",
    "/uitspraken/ECLI:NL:CRVB:2018:3429/",
    "/regelgeving/",
    "/regelgeving/barp/artikel-76/",
    "/tags/",
    "/toegankelijkheid/",
    "/zoeken/?q=informatie+delen",
    "/zoeken/?q=zeppelinvaart",
]


@pytest.mark.django_db
def test_public_pages_have_no_nu_html_checker_errors(client, seed):
    assert_valid_html(client, PUBLIC_PAGES)
