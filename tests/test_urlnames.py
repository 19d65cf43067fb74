"""portal.urlnames.reverse answers as Django's reverse(), under any URL configuration and
script prefix in force."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_script_prefix, path, set_script_prefix
from django.urls import reverse as django_reverse

from portal.urlnames import reverse

CASES = [
    ("dilemmas:detail", [5]),
    ("themabladen:detail", ["omgaan-met-informatie"]),
    ("uitspraken:detail", ["ECLI:NL:CRVB:2018:3429"]),
    ("regelgeving:article", ["barp", "76"]),
    ("changes", []),
]


@pytest.mark.parametrize(("name", "args"), CASES)
def test_it_answers_as_django_does(name, args):
    assert reverse(name, args=args) == django_reverse(name, args=args)
    assert reverse(name, args=args) == django_reverse(name, args=args)  # and when remembered


def test_a_script_prefix_is_part_of_the_answer():
    before = reverse("changes")
    set_script_prefix("/portaal/")
    try:
        assert reverse("changes") == "/portaal/wijzigingen/"
    finally:
        clear_script_prefix()
    assert reverse("changes") == before == "/wijzigingen/"


# Another URL configuration (this module), where "changes" is elsewhere and "home" is not.
urlpatterns = [path("elders/", lambda request: None, name="changes")]


def test_another_url_configuration_gets_its_own_answers():
    assert reverse("changes") == "/wijzigingen/"
    assert reverse("home") == "/"
    with override_settings(ROOT_URLCONF="tests.test_urlnames"):
        assert reverse("changes") == "/elders/"
        with pytest.raises(NoReverseMatch):
            reverse("home")
    assert reverse("changes") == "/wijzigingen/"


def test_a_static_address_is_djangos_under_the_storage_in_force(settings):
    from django.templatetags.static import static as django_static

    from portal.urlnames import static

    assert static("css/portal.css") == django_static("css/portal.css")
    settings.STATIC_URL = "/elders/"
    assert static("css/portal.css") == django_static("css/portal.css")
    assert static("css/portal.css").startswith("/elders/")
