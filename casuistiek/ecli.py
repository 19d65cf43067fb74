"""European Case Law Identifiers: parsing, normal form and the Dutch courts behind the codes.

An ECLI reads ``ECLI:<country>:<court>:<year>:<ordinal>``. Dutch ordinals are either an old LJN
(two letters, four digits) or a sequence number without leading zeros. The normal form is upper
case without spaces; PDFs and people add spaces and lower case, which we mend.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

DUTCH_ECLI = re.compile(
    r"^ECLI:NL:[A-Z][A-Z0-9]{1,6}:(?:19|20)\d{2}:(?:[A-Z]{2}\d{4}|[1-9]\d{0,24})$"
)
ANY_ECLI = re.compile(r"^ECLI:[A-Z]{2}:[A-Z][A-Z0-9]{0,6}:\d{4}:[A-Z0-9.]{1,25}$")

# The rechtspraak.nl value list "Instanties", limited to the courts integrity cases come from.
COURTS = {
    "HR": "Hoge Raad",
    "PHR": "Parket bij de Hoge Raad",
    "RVS": "Raad van State",
    "CRVB": "Centrale Raad van Beroep",
    "CBB": "College van Beroep voor het bedrijfsleven",
    "GHAMS": "Gerechtshof Amsterdam",
    "GHARL": "Gerechtshof Arnhem-Leeuwarden",
    "GHDHA": "Gerechtshof Den Haag",
    "GHSHE": "Gerechtshof 's-Hertogenbosch",
    "RBAMS": "Rechtbank Amsterdam",
    "RBASS": "Rechtbank Assen",
    "RBDHA": "Rechtbank Den Haag",
    "RBGEL": "Rechtbank Gelderland",
    "RBLIM": "Rechtbank Limburg",
    "RBMNE": "Rechtbank Midden-Nederland",
    "RBNHO": "Rechtbank Noord-Holland",
    "RBNNE": "Rechtbank Noord-Nederland",
    "RBOBR": "Rechtbank Oost-Brabant",
    "RBOVE": "Rechtbank Overijssel",
    "RBROT": "Rechtbank Rotterdam",
    "RBZWB": "Rechtbank Zeeland-West-Brabant",
}

# Loose spellings people type or PDFs produce: "ecli: nl: crvb: 2018: 3429", "CRVB 2018 3429",
# "NL:CRVB:2018:3429". The court code must be a known one when the "ECLI:NL" prefix is missing,
# so that ordinary text ("art 2018 12") is not read as a ruling.
_LOOSE = re.compile(
    r"(?:\bECLI\s*[:\s]\s*)?(?:\bNL\s*[:\s]\s*)?\b(?P<court>[A-Z][A-Z0-9]{1,6})\s*[:\s]\s*"
    r"(?P<year>(?:19|20)\d{2})\s*[:\s]\s*(?P<ordinal>[A-Z]{2}\s?\d{4}|[1-9]\d{0,24})\b",
    re.IGNORECASE,
)


class InvalidECLI(ValueError):
    pass


@dataclass(frozen=True)
class ECLI:
    country: str
    court: str
    year: int
    ordinal: str

    def __str__(self) -> str:
        return f"ECLI:{self.country}:{self.court}:{self.year}:{self.ordinal}"

    @property
    def court_name(self) -> str:
        if self.country == "NL":
            return COURTS.get(self.court, self.court)
        return self.court

    @property
    def public_url(self) -> str:
        if self.country != "NL":
            return ""
        return f"https://uitspraken.rechtspraak.nl/details?id={self}"


def normalize_ecli(value: str) -> str:
    """Return the normal form of an ECLI, or raise InvalidECLI with a Dutch message."""
    return str(parse_ecli(value))


# An ECLI is parsed for its court, year and link each time a ruling is shown (three times per
# ruling on a sheet page); the answer is an immutable value of the text alone.
@lru_cache(maxsize=4096)
def parse_ecli(value: str) -> ECLI:
    candidate = re.sub(r"\s+", "", str(value)).upper()
    if candidate.startswith("ECLI:NL:"):
        if not DUTCH_ECLI.match(candidate):
            raise InvalidECLI(
                f"‘{value}’ is geen geldige Nederlandse ECLI. Verwacht wordt bijvoorbeeld "
                "ECLI:NL:CRVB:2018:3429 (instantie, jaartal en volgnummer of LJN)."
            )
    elif not ANY_ECLI.match(candidate):
        raise InvalidECLI(
            f"‘{value}’ is geen geldige ECLI. Een ECLI ziet eruit als ECLI:NL:CRVB:2018:3429."
        )
    _, country, court, year, ordinal = candidate.split(":")
    return ECLI(country=country, court=court, year=int(year), ordinal=ordinal)


def find_ecli(text: str) -> str | None:
    """Find one Dutch ECLI in free text, in any common spelling; None when there is none."""
    for match in _LOOSE.finditer(text or ""):
        court = match["court"].upper()
        prefixed = match.group(0).upper().replace(" ", "").startswith(("ECLI", "NL:"))
        if court not in COURTS and not prefixed:
            continue
        ordinal = match["ordinal"].replace(" ", "").upper()
        try:
            return normalize_ecli(f"ECLI:NL:{court}:{match['year']}:{ordinal}")
        except InvalidECLI:
            continue
    return None
