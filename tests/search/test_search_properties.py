"""Arbitrary text thrown at search, on whichever database the suite runs against."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.search.analysis import normalize, word_terms
from portal.search.engine import search_documents
from portal.search.service import run_search
from themabladen.models import Themablad

OPERATORS = st.sampled_from(
    ["&", "|", "!", ":", "*", "(", ")", "<->", '"', "'", "-", "+", "NEAR", "OR", "AND", "NOT",
     "^", "{", "}", "\\", ";", "--", "\x00", "ECLI:", "art", "76", "barp", "themablad"]
)  # fmt: skip
WORDS = st.sampled_from(
    ["declaraties", "privé", "kenteken", "supporters", "nevenwerkzaamheeden", "crvb", "2018"]
)
QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(OPERATORS, WORDS, st.text(max_size=8)), max_size=25).map(" ".join),
)
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(query=QUERIES, page=st.one_of(st.integers(), st.text(max_size=5)))
def test_any_text_gives_a_page_never_an_error(client, seed, query, page):
    response = client.get("/zoeken/", {"q": query, "pagina": page})
    assert response.status_code in {200, 302}


@SETTINGS
@given(query=QUERIES)
def test_every_hit_is_published_and_ranked(seed, query):
    result = run_search(query)
    assert result.total >= len(result.hits)
    matches = search_documents(query)
    published = set(Themablad.objects.published().values_list("pk", flat=True))
    assert {m.themablad_id for m in matches} <= published
    assert [m.coverage for m in matches] == sorted((m.coverage for m in matches), reverse=True)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_analysis_is_total_and_accent_blind(text):
    for word in normalize(text).split():
        assert word_terms(word) is not None
    assert normalize(text) == normalize(normalize(text))


@pytest.mark.parametrize(
    "family",
    [
        "declaratie declaraties declareren gedeclareerd",
        "crimineel criminelen",
        "uitnodiging uitnodigingen",
        "kenteken kentekens",
        "congres congressen",
        "nevenwerkzaamheden nevenwerkzaamheid",
        "melden meldt",
    ],
)
def test_word_families_share_a_term(family):
    terms = [word_terms(normalize(word)) for word in family.split()]
    assert all(terms[0] & other or any(t & other for t in terms) for other in terms)
    # Each member meets the first one, directly: what a search for one form needs.
    assert all(terms[0] & other for other in terms[1:]), family
