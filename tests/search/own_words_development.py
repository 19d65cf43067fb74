"""DEVELOPMENT set: situations in own words to tune the thesaurus and word handling on.

Unlike own_words_heldout.py (written first and never tuned on), these may be looked at and
adjusted to freely. Same format: (query, sheets that answer it).
"""

from tests.search.own_words_heldout import (
    APPEARANCE,
    CLIMATE,
    GIFTS,
    INFORMATION,
    INVITATIONS,
    PRIVATE,
    SIDE_JOB,
    SOCIAL,
    SUPPLIERS,
    TRUTHFUL,
)

DEVELOPMENT = [
    ("kerstpakket van een leverancier", GIFTS),
    ("cadeau van een burger", GIFTS),
    ("doos bonbons gekregen", GIFTS),
    ("tip van een klant", GIFTS),
    ("borrel van een leverancier", INVITATIONS + SUPPLIERS),
    ("uitje betaald door een bedrijf", INVITATIONS),
    ("relatie met een criminele vriend", PRIVATE),
    ("broer is crimineel", PRIVATE),
    ("relatie op het werk", PRIVATE),
    ("schuld bij een bekende", PRIVATE),
    ("bijbaantje in een kroeg", SIDE_JOB),
    ("pizzabezorger in het weekend", SIDE_JOB),
    ("eigen zaak starten", SIDE_JOB),
    ("kenteken opzoeken van mijn buurman", INFORMATION),
    ("dossier mee naar huis", INFORMATION),
    ("laptop in de trein", INFORMATION),
    ("wachtwoord delen met een collega", INFORMATION),
    ("tattoo in de nek", APPEARANCE),
    ("baard en uniform", APPEARANCE),
    ("appen over het werk", SOCIAL),
    ("facebook foto uniform", SOCIAL),
    ("groepsapp met racistische grappen", SOCIAL + CLIMATE),
    ("pesten door collega", CLIMATE),
    ("vertrouwenspersoon bellen", CLIMATE),
    ("racisme melden", CLIMATE),
    ("proces verbaal klopt niet", TRUTHFUL),
    ("uren schrijven", TRUTHFUL),
    ("onkosten declareren", TRUTHFUL),
    ("leverancier kiezen", SUPPLIERS),
    ("partner heeft een bedrijf dat levert aan de politie", SUPPLIERS),
]
