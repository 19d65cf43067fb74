"""The Jinja2 pages' own versions of Django filters say what Django's say."""

from django.template.defaultfilters import truncatewords as django_truncatewords
from hypothesis import given
from hypothesis import strategies as st

from portal.jinja import truncatewords

WORDS = st.lists(st.sampled_from(["Mag", "ik", "een", "kenteken", "…", "-", "", " ", "\n", "é"]))


@given(words=WORDS, separators=st.sampled_from([" ", "  ", "\n", "\t "]), count=st.integers(-2, 9))
def test_truncatewords_says_what_djangos_filter_says(words, separators, count):
    text = separators.join(words)
    assert truncatewords(text, count) == django_truncatewords(text, count)


def test_truncatewords_on_a_question():
    question = "Mag ik voor een vriend het kenteken van zijn nieuwe buurman opzoeken?"
    assert truncatewords(question, 8) == "Mag ik voor een vriend het kenteken van …"
    assert truncatewords("Kort.", 8) == "Kort."
    assert truncatewords(None, 8) == django_truncatewords(None, 8)
    assert truncatewords(question, "acht") == django_truncatewords(question, "acht")
