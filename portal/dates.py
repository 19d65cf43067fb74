"""Dates as the portal's pages show them: Django's `date` filter in the portal's time zone.

Django's filter takes some 18 µs a date (its format is looked up for the language, the month
named through the translation catalogue); a sheet page shows four to a dozen. The text depends
only on the moment, the format, the time zone and the language in force, so it is kept per
those, for a bounded number of answers (as portal.urlnames keeps addresses).
"""

from functools import lru_cache

from django.template.defaultfilters import date
from django.utils.timezone import get_current_timezone_name, template_localtime
from django.utils.translation import get_language


def local_date(value, arg=None) -> str:
    """Django's date filter as Django's templates apply it: in the portal's time zone
    (Europe/Amsterdam), not in UTC, or a change saved just after midnight is dated the day
    before."""
    try:
        return _local_date(value, arg, get_current_timezone_name(), get_language())
    except TypeError:  # a value that cannot be a key
        return date(template_localtime(value), arg)


@lru_cache(maxsize=4096)
def _local_date(value, arg, zone, language) -> str:
    # Two moments that compare equal (the same instant in other time zones) give the same
    # text: each is shown in the zone in force, which is part of the key.
    return date(template_localtime(value), arg)
