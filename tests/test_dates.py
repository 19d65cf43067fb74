"""Dates on the Jinja2 pages (portal.dates): Django's date filter in the portal's time zone,
kept per moment, format, time zone and language."""

from datetime import UTC, date, datetime

from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation

from portal.dates import local_date

LATE_EVENING_UTC = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)


def test_a_moment_is_dated_in_the_time_zone_in_force_each_time():
    assert local_date(LATE_EVENING_UTC, "j F Y") == "1 januari 2027"  # Europe/Amsterdam
    with timezone.override("UTC"):
        assert local_date(LATE_EVENING_UTC, "j F Y") == "31 december 2026"
    assert local_date(LATE_EVENING_UTC, "j F Y") == "1 januari 2027"


def test_a_date_is_named_in_the_language_in_force_each_time():
    assert local_date(LATE_EVENING_UTC, "F") == "januari"
    with translation.override("en"):
        assert local_date(LATE_EVENING_UTC, "F") == "January"
    assert local_date(LATE_EVENING_UTC, "F") == "januari"


def test_it_says_what_djangos_filter_says_in_local_time():
    moments = [
        LATE_EVENING_UTC,
        datetime(2026, 6, 1, 12, 0, tzinfo=UTC),
        datetime(2026, 6, 1, 12, 0),  # naive: shown as it is
        date(2026, 3, 5),
        None,
        "",
    ]
    for moment in moments:
        for arg in ("j F Y", "Y-m-d", None):
            expected = django_date(timezone.template_localtime(moment), arg)
            assert local_date(moment, arg) == expected, (moment, arg)
    # The same instant written in another zone is the same moment, and so the same text.
    amsterdam = timezone.localtime(LATE_EVENING_UTC)
    assert local_date(amsterdam, "j F Y H:i") == local_date(LATE_EVENING_UTC, "j F Y H:i")
