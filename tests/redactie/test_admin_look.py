"""The admin as an officer meets it: Dutch, one breadcrumb root, people by name, a sheet page
with one primary action and folded parts, every field labelled, valid HTML."""

import re

import pytest
from taggit.models import Tag

from casuistiek.models import Uitspraak
from dilemmas.models import Dilemma
from portal.redactie import publishing
from portal.redactie.models import Revision
from portal.redactie.snapshots import take_snapshot
from tests.nu import assert_valid_html
from tests.redactie_fixtures import change_url, form_data
from themabladen.models import Themablad
from themabladen.sections import SECTIONS

pytestmark = pytest.mark.django_db

FULL_SHEET = "omgaan-met-informatie"  # the seeded sheet with something in every part


def admin_urls(sheet) -> list[str]:
    dilemma = Dilemma.objects.filter(themabladen=sheet).first()
    ruling = Uitspraak.objects.first()
    return [
        "/admin/",
        "/admin/redactie/revision/overzicht/",
        "/admin/themabladen/themablad/",
        change_url(sheet),
        "/admin/themabladen/themablad/add/",
        "/admin/redactie/stewardship/",
        "/admin/dilemmas/dilemma/",
        f"/admin/dilemmas/dilemma/{dilemma.pk}/change/",
        "/admin/casuistiek/uitspraak/",
        f"/admin/casuistiek/uitspraak/{ruling.pk}/change/",
    ]


@pytest.fixture
def full_sheet(seed):
    return Themablad.objects.get(slug=FULL_SHEET)


def buttons(html: str) -> dict[str, tuple[str, str]]:
    """The submit buttons of the sheet form: value -> (name, class)."""
    found = {}
    for tag in re.finditer(r'<input type="submit"([^>]*)>', html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(1)))
        found[attrs["value"]] = (attrs.get("name", ""), attrs.get("class", ""))
    return found


def test_every_admin_page_is_valid_html(client, officer, full_sheet):
    client.force_login(officer)
    assert_valid_html(client, admin_urls(full_sheet))


def test_breadcrumbs_start_at_start_and_headings_are_dutch_sentence_case(
    client, officer, full_sheet
):
    client.force_login(officer)
    # The merge page is reached with tags chosen, as from the tag list's action.
    session = client.session
    session["selected_tag_ids"] = ",".join(
        str(pk) for pk in Tag.objects.values_list("pk", flat=True)[:2]
    )
    session.save()
    for url in admin_urls(full_sheet)[1:] + [
        "/admin/themabladen/",
        f"/admin/themabladen/themablad/{full_sheet.pk}/history/",
        "/admin/taggit/tag/",
        "/admin/taggit/tag/merge-tags/",
        "/admin/password_change/",
    ]:
        html = client.get(url).content.decode()
        crumbs = html.split('class="breadcrumbs"', 1)[1].split("</div>", 1)[0]
        assert re.search(r'<a href="/admin/">Start</a>', crumbs), url
        assert "Voorpagina" not in html, url
        h1 = re.search(r"<h1>(.*?)</h1>", html, flags=re.S).group(1).strip()
        assert h1[0].isupper(), (url, h1)
    listing = client.get("/admin/themabladen/themablad/").content.decode()
    assert 'class="addlink">Themablad toevoegen</a>' in listing
    assert "Voorpagina" not in client.post("/admin/logout/").content.decode()
    client.force_login(officer)
    html = client.get(change_url(full_sheet)).content.decode()
    assert "<h1>Themablad wijzigen</h1>" in html
    assert "| Themablad wijzigen |" in html.split("</title>")[0]


def test_the_start_page_names_tags_in_dutch(client, officer, seed):
    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    assert "Trefwoorden" in html
    assert "Taggit" not in html and "TAGGIT" not in html
    tags = client.get("/admin/taggit/tag/").content.decode()
    assert "Gekozen trefwoorden samenvoegen" in tags and "Merge selected" not in tags


def test_people_are_shown_by_full_name_or_else_user_name(
    client, officer, redacteur, make_themablad
):
    redacteur.first_name, redacteur.last_name = "Rita", "de Redacteur"
    redacteur.save()
    sheet = make_themablad(title="Blad met wijziging")
    publishing.save_draft(
        themablad=sheet, snapshot=take_snapshot(sheet), user=redacteur, note="Tikfout"
    )
    publishing.submit(themablad=sheet, user=redacteur)
    client.force_login(officer)

    listing = client.get("/admin/redactie/revision/").content.decode()
    overview = client.get("/admin/redactie/revision/overzicht/").content.decode()
    for html in (listing, overview):
        assert "Rita de Redacteur" in html
        assert ">rita<" not in html and "door rita" not in html
    assert str(officer) == "ivo"  # no name given: the user name


def test_the_sheet_page_has_one_primary_action_and_a_plain_save(client, officer, full_sheet):
    client.force_login(officer)
    html = client.get(change_url(full_sheet)).content.decode()

    found = buttons(html)
    assert set(found) == {"Ter beoordeling indienen", "Opslaan"}
    assert found["Ter beoordeling indienen"] == ("_indienen", "default")
    assert "default" not in found["Opslaan"][1]
    primary = [value for value, (_, css) in found.items() if "default" in css.split()]
    assert primary == ["Ter beoordeling indienen"]
    for clutter in ("_addanother", "_saveasnew", "Opslaan en nieuwe", "opnieuw bewerken"):
        assert clutter not in html
    # Enter in a field presses the first button: that must be the draft save, not submitting.
    assert html.index('value="Opslaan"') < html.index('value="Ter beoordeling indienen"')


def test_opslaan_keeps_a_draft_and_indienen_submits_it(client, officer, full_sheet):
    client.force_login(officer)
    html = client.get(change_url(full_sheet)).content.decode()
    found = buttons(html)
    data = form_data(html)
    data["inleiding"] = data["inleiding"] + " Een zin erbij."
    data[found["Opslaan"][0]] = "1"

    response = client.post(change_url(full_sheet), data)

    assert response.status_code == 302 and response.url == change_url(full_sheet)
    revision = publishing.pending_revision(full_sheet)
    assert revision.status == Revision.Status.DRAFT
    assert "Een zin erbij." not in client.get(full_sheet.get_absolute_url()).content.decode()

    html = client.get(change_url(full_sheet)).content.decode()
    data = form_data(html)
    data["change_note"] = "Een zin toegevoegd aan de inleiding"
    data[found["Ter beoordeling indienen"][0]] = "1"
    response = client.post(change_url(full_sheet), data)

    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == Revision.Status.SUBMITTED


def test_parts_are_folded_with_their_counts_and_listed_at_the_top(client, officer, full_sheet):
    client.force_login(officer)
    html = client.get(change_url(full_sheet)).content.decode()

    jump = html.split('aria-label="Onderdelen van dit themablad"', 1)[1].split("</nav>", 1)[0]
    for section in [s for s in SECTIONS if full_sheet.kind in s.kinds]:
        fk = section.model._meta.get_field(section.sheet_fk)
        section_prefix = fk.remote_field.get_accessor_name(model=False)
        count = section.model.objects.filter(**{section.sheet_fk: full_sheet}).count()
        assert count, section.key  # the sheet has every part
        group = html.split(f'id="{section_prefix}-group"', 1)[1]
        folded = group.split("</summary>", 1)[0]
        assert "<details><summary>" in folded and " open" not in folded.split("<summary>")[0]
        assert f'<span class="part-count">({count})</span>' in folded, section.key
        assert f'<a href="#{section_prefix}-group">{section.label}</a> ({count})' in jump


def test_a_part_with_an_error_opens_by_itself(client, officer, full_sheet):
    client.force_login(officer)
    data = form_data(client.get(change_url(full_sheet)).content.decode())
    for key in [k for k in data if k.startswith("kader-") and k.endswith("-text")]:
        data[key] = ""
    data["_continue"] = "1"

    html = client.post(change_url(full_sheet), data).content.decode()

    kader = html.split('id="kader-group"', 1)[1].split('id="placements-group"', 1)[0]
    assert "Het kader is leeg" in kader
    assert "<details>" not in kader  # shown open, with the message


def test_every_field_of_the_sheet_page_has_a_label_and_every_choice_a_name(
    client, officer, full_sheet
):
    client.force_login(officer)
    html = client.get(change_url(full_sheet)).content.decode()
    form = html.split('id="themablad_form"', 1)[1].split("</form>", 1)[0]
    labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', form))
    controls = re.findall(r"<(input|select|textarea)\b([^>]*)>", form)
    missing = []
    for tag, attrs in controls:
        kind = re.search(r'type="([^"]+)"', attrs)
        if tag == "input" and kind and kind.group(1) in ("hidden", "submit"):
            continue
        control_id = re.search(r'id="([^"]+)"', attrs)
        if not control_id or control_id.group(1) not in labelled:
            missing.append(attrs[:80])
    assert len(controls) > 100
    assert not missing, missing
    # Rows of a table name their column and row: "Tekst, rij 3".
    text_id = re.search(r'id="(id_kader-2-text)"', form).group(1)
    assert re.search(rf'<label class="visually-hidden" for="{text_id}">[^<]*, rij 3</label>', form)
    assert not re.search(r"<option[^>]*>\s*</option>", form)
    assert not re.search(r"<th[^>]*>\s*</th>", form)
    described = re.findall(r'aria-describedby="([^"]+)"', form)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert all(part in ids for value in described for part in value.split())


def test_an_editable_list_names_each_rows_fields(client, officer, seed):
    client.force_login(officer)
    html = client.get("/admin/redactie/stewardship/").content.decode()
    sheet = Themablad.objects.get(slug=FULL_SHEET)
    assert f'aria-label="Eigenaar, {sheet}"' in html
    assert f'aria-label="Volgende herziening, {sheet}"' in html
