"""A sheet whose text is not available yet ranks below the passages that answer the question."""

import re

import pytest

from tests.search_pages import shown_hits
from themabladen.models import Themablad

GIFTS = "/themabladen/aannemen-van-geschenken/"


def marked(hit) -> set[str]:
    return {word.lower() for word in re.findall(r"<mark>(.*?)</mark>", hit.html)}


@pytest.mark.parametrize("query", ["kerstpakket", "cadeau van een burger", "cadeautje", "gift"])
def test_gift_questions_show_passages_about_gifts_first_then_the_sheet(client, seed, query):
    assert not Themablad.objects.get(slug="aannemen-van-geschenken").available
    hits = shown_hits(client, query)
    urls = [hit.url for hit in hits]

    assert GIFTS in urls[1:3], urls
    before = hits[: urls.index(GIFTS)]
    assert all(hit.sheet_url != GIFTS for hit in before)
    # What comes first answers the question: it speaks of gifts or favours, other sheets' text.
    assert all(marked(hit) & {"geschenken", "gunsten"} for hit in before), [h.html for h in before]


def test_a_sheet_without_text_is_pulled_below_answers_that_ranked_lower(client, make_themablad):
    placeholder = make_themablad(title="Fietsen", available=False)
    first = make_themablad(title="Vervoer", inleiding="Over de fiets van de zaak en het parkeren.")
    second = make_themablad(title="Stalling", inleiding="Waar je fietsen zet, lang verhaal " * 20)

    urls = [hit.url for hit in shown_hits(client, "fiets")]

    assert set(urls[:2]) == {first.get_absolute_url(), second.get_absolute_url()}
    assert urls[2] == placeholder.get_absolute_url()


def test_a_sheet_without_text_alone_is_still_found(client, make_themablad):
    placeholder = make_themablad(title="Fietsen", available=False)

    assert [hit.url for hit in shown_hits(client, "fiets")] == [placeholder.get_absolute_url()]
