"""The header, assets and footer every page shows are rendered once per process for what they
depend on (portal_tags.site_header_html and the others): the menu section, the search query,
the script prefix and the static files in force."""

from django.test import override_settings
from django.urls import clear_script_prefix, set_script_prefix
from django.utils.safestring import mark_safe

from portal.templatetags.portal_tags import (
    render_jinja,
    site_assets_html,
    site_footer_html,
    site_header_html,
)


def test_the_menu_marks_the_section_of_each_page():
    sheet = site_header_html("/themabladen/omgaan-met-informatie/")
    assert 'href="/themabladen/" aria-current="page"' in sheet
    assert 'href="/dilemmas/" aria-current' not in sheet
    dilemma = site_header_html("/dilemmas/12/")
    assert 'href="/dilemmas/" aria-current="page"' in dilemma
    assert 'href="/themabladen/" aria-current' not in dilemma
    assert "aria-current" not in site_header_html("/")


def test_the_search_box_shows_the_query_of_its_page_escaped():
    assert 'value="kenteken"' in site_header_html("/zoeken/", "kenteken")
    assert 'value="&lt;b&gt;"' in site_header_html("/zoeken/", "<b>")
    assert 'value=""' in site_header_html("/zoeken/")
    # Text marked safe is still what a visitor typed: escaped, whichever came first.
    typed = '"><script>alert(1)</script>'
    assert "<script>" not in site_header_html("/zoeken/", mark_safe(typed))
    assert "<script>" not in site_header_html("/zoeken/", typed)


def test_addresses_follow_the_script_prefix_and_static_files_in_force():
    assert 'data-suggesties="/zoeken/suggesties/"' in site_header_html("/")
    set_script_prefix("/portaal/")
    try:
        assert 'data-suggesties="/portaal/zoeken/suggesties/"' in site_header_html("/")
        assert 'href="/portaal/wijzigingen/atom/"' in site_assets_html()
    finally:
        clear_script_prefix()
    assert 'data-suggesties="/zoeken/suggesties/"' in site_header_html("/")
    with override_settings(STATIC_URL="/elders/"):
        assert 'href="/elders/css/portal.css"' in site_assets_html()
    assert 'href="/static/css/portal.css"' in site_assets_html()


def test_each_piece_is_what_its_template_renders():
    assert site_footer_html() == render_jinja("includes/footer.html")
    assert site_assets_html() == render_jinja("includes/assets.html")
