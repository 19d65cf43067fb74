"""Relevance: what employees actually type, and the sheet that must be among the first three hits.

The same list must pass on SQLite and PostgreSQL.
"""

import pytest

from tests.search_pages import top_sheets

QUERIES = [
    ("mag ik een kenteken opzoeken", "omgaan-met-informatie"),
    ("biertje op een congres", "omgaan-met-zakelijke-uitnodigingen"),
    ("bijbaan als taxichauffeur", "nevenwerkzaamheden"),
    ("kerstpakket van een leverancier", "aannemen-van-geschenken"),
    ("vrijwilligerswerk bij de voetbalclub", "nevenwerkzaamheden"),
    ("uitnodiging evenement leverancier", "omgaan-met-zakelijke-uitnodigingen"),
    ("reiskosten declareren", "waarheidsgetrouw-opmaken"),
    ("proces-verbaal opmaken", "waarheidsgetrouw-opmaken"),
    ("zichtbare tatoeage", "representativiteit"),
    ("korte broek naar het werk", "representativiteit"),
    ("foto in uniform op facebook", "social-media"),
    ("werk posten op mijn privéaccount", "social-media"),
    ("racistische opmerking van een collega", "sociaal-veilig-werkklimaat"),
    ("pesten op het werk", "sociaal-veilig-werkklimaat"),
    ("vertrouwenspersoon", "sociaal-veilig-werkklimaat"),
    ("vrienden in het criminele circuit", "contacten-in-de-privesfeer"),
    ("schoonouders crimineel netwerk", "contacten-in-de-privesfeer"),
    ("harde kern supporters", "contacten-in-de-privesfeer"),
    ("liefdesrelatie met een collega", "contacten-in-de-privesfeer"),
    ("nevenfunctie melden", "nevenwerkzaamheden"),
    ("ziek en bijspringen in bedrijf van een vriend", "nevenwerkzaamheden"),
    ("webshop naast mijn werk", "nevenwerkzaamheden"),
    ("klussen voor een recherchebureau", "nevenwerkzaamheden"),
    ("politiesystemen raadplegen voor privézaken", "omgaan-met-informatie"),
    ("vertrouwelijke informatie mee naar huis", "omgaan-met-informatie"),
    ("burgerservicenummer opzoeken", "omgaan-met-informatie"),
    ("werkmail doorsturen naar privé mailadres", "omgaan-met-informatie"),
    ("informatie lekken naar de pers", "omgaan-met-informatie"),
    ("partner doet mee aan aanbesteding", "zakendoen-met-leveranciers"),
    ("teamuitje in de horeca", "zakendoen-met-leveranciers"),
    ("korting speciaal voor de politie", "omgaan-met-zakelijke-uitnodigingen"),
    ("uitgenodigd voor bedrijfsfeest", "omgaan-met-zakelijke-uitnodigingen"),
    ("duur weekend in een kasteel", "omgaan-met-zakelijke-uitnodigingen"),
    ("gunsten van zakelijke contacten", "zakendoen-met-leveranciers"),
    ("uren verantwoorden in BVCM", "waarheidsgetrouw-opmaken"),
    ("handtekening zetten voor een collega", "waarheidsgetrouw-opmaken"),
    ("nepaccount om verdachten te benaderen", "social-media"),
    ("groepsapp met vrouwonvriendelijke opmerkingen", "social-media"),
    ("grappen over schokkende zaken", "sociaal-veilig-werkklimaat"),
    ("bijnamen in het team", "sociaal-veilig-werkklimaat"),
    ("schoenen uitdoen bij een burger thuis", "representativiteit"),
    ("uitingen van levensovertuiging", "representativiteit"),
    ("bekende crimineel in de sportschool", "contacten-in-de-privesfeer"),
    ("productonafhankelijke omschrijving", "zakendoen-met-leveranciers"),
    ("cadeau aannemen", "aannemen-van-geschenken"),
    ("ambtsgeheim geschonden", "omgaan-met-informatie"),
    ("nevenwerkzaamheeden", "nevenwerkzaamheden"),
    ("gedeclareerd", "waarheidsgetrouw-opmaken"),
    ("privé contacten", "contacten-in-de-privesfeer"),
    ("mening over vluchtelingenbeleid op facebook", "social-media"),
    ("laptop veilig gebruiken", "omgaan-met-informatie"),
    ("arbeidstijdenwet avonddienst", "waarheidsgetrouw-opmaken"),
]


def test_there_are_at_least_forty_queries():
    assert len(QUERIES) >= 40


@pytest.mark.parametrize(("query", "slug"), QUERIES)
def test_the_sheet_is_in_the_top_three(client, seed, query, slug):
    assert f"/themabladen/{slug}/" in top_sheets(client, query, n=3)
