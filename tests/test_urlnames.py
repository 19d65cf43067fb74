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


def test_within_a_render_the_addresses_in_force_are_read_once():
    from portal.urlnames import _reverse, addresses_fixed

    _reverse.cache_clear()  # worked out, not remembered, under what the render holds
    with addresses_fixed():
        set_script_prefix("/portaal/")
        try:
            # What was in force when the render began holds to its end, also when nested.
            with addresses_fixed():
                assert reverse("changes") == "/wijzigingen/"
        finally:
            clear_script_prefix()
    set_script_prefix("/portaal/")
    try:
        assert reverse("changes") == "/portaal/wijzigingen/"
    finally:
        clear_script_prefix()


def test_a_page_rendered_under_a_script_prefix_links_with_it_and_the_next_without(
    seed, client, settings
):
    from themabladen.models import Themablad

    settings.PAGE_CACHE = False  # both renders are rendered, not one stored and served

    sheet = Themablad.objects.published().order_by("number").first()
    # Django's test client leaves the script prefix alone (WSGIHandler sets it from SCRIPT_NAME).
    set_script_prefix("/portaal/")
    try:
        under_prefix = client.get(f"/themabladen/{sheet.slug}/")
    finally:
        clear_script_prefix()
    assert under_prefix.status_code == 200
    # The links the page works out (the frame's menu and footer are written out in full).
    assert 'href="/portaal/wijzigingen/atom/"' in under_prefix.content.decode()

    plain = client.get(f"/themabladen/{sheet.slug}/").content.decode()
    assert 'href="/wijzigingen/atom/"' in plain
    assert "/portaal/" not in plain
