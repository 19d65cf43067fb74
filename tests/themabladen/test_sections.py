"""Walks the registry of a sheet's parts: every section works in snapshot, approval, copy,
comparison and admin without anything written for it elsewhere."""

import pytest
from django.contrib import admin
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext

from portal.redactie.compare import compare
from portal.redactie.snapshots import apply_change, take_snapshot, without_ids
from themabladen.models import Themablad
from themabladen.sections import SECTIONS

pytestmark = pytest.mark.django_db


def sheet_with(section):
    for sheet in Themablad.objects.published().filter(available=True):
        if section.rows(sheet).exists():
            return sheet
    pytest.fail(f"the seed has no published sheet with {section.key}")


def without_identity(items):
    ignore = {"id", "new", "dilemma", "new_dilemma", "source_key"}
    return [{k: v for k, v in item.items() if k not in ignore} for item in items]


@pytest.mark.parametrize("section", SECTIONS, ids=[s.key for s in SECTIONS])
def test_applying_a_sheet_onto_itself_writes_nothing(seed, section):
    sheet = sheet_with(section)
    snapshot = take_snapshot(sheet)
    with CaptureQueriesContext(connection) as queries:
        apply_change(sheet, base=snapshot, proposed=snapshot)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert take_snapshot(sheet) == snapshot


@pytest.mark.parametrize("section", SECTIONS, ids=[s.key for s in SECTIONS])
def test_removing_one_part_deletes_only_that_row(seed, section):
    sheet = sheet_with(section)
    base = take_snapshot(sheet)
    proposed = {**base, section.key: base[section.key][1:]}
    apply_change(sheet, base=base, proposed=proposed)
    after = take_snapshot(sheet)
    assert [item["id"] for item in after[section.key]] == [
        item["id"] for item in base[section.key][1:]
    ]
    for other in SECTIONS:
        if other is not section:
            assert after[other.key] == base[other.key]


@pytest.mark.parametrize("section", SECTIONS, ids=[s.key for s in SECTIONS])
def test_a_copy_of_a_sheet_holds_the_same_parts(seed, section, make_themablad):
    original = sheet_with(section)
    copy = make_themablad()
    apply_change(
        copy, base={}, proposed={section.key: without_ids(take_snapshot(original))[section.key]}
    )
    assert without_identity(take_snapshot(copy)[section.key]) == without_identity(
        take_snapshot(original)[section.key]
    )


@pytest.mark.parametrize("section", SECTIONS, ids=[s.key for s in SECTIONS])
def test_every_part_shows_in_the_comparison_and_the_admin(seed, section):
    sheet = sheet_with(section)
    snapshot = take_snapshot(sheet)
    parts = {part.title: part for part in compare(None, snapshot)}
    assert parts[section.label].changed  # a new sheet: every line added
    sheet_admin = admin.site._registry[Themablad]
    assert section.model in [inline.model for inline in sheet_admin.inlines]


@pytest.mark.parametrize("section", SECTIONS, ids=[s.key for s in SECTIONS])
def test_every_part_the_page_shows_has_its_template_and_anchor(seed, client, section):
    if not section.page_relation:
        pytest.skip("shown by the sheet page itself")
    get_template(section.template, using="jinja2")
    sheet = sheet_with(section)
    html = client.get(sheet.get_absolute_url()).content.decode()
    assert f'id="{section.page_anchor}"' in html
    assert f'href="#{section.page_anchor}"' in html  # in the table of contents
