"""Pages that explain themselves and leave no dead end (issue 11): a sheet without text, the
ruling and legislation indexes, dilemma pages, and what changed (Wijzigingen and its Atom feed)."""

import itertools
import os
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from casuistiek.models import Casus, CasusUitspraak, Uitspraak
from dilemmas.models import Dilemma, DilemmaPlacement
from portal.redactie import publishing
from portal.redactie.models import RecordVersion, Revision
from portal.redactie.snapshots import take_snapshot
from tests.conftest import h1_texts
from tests.redactie.test_record_review import open_change, review, save_record
from tests.redactie_fixtures import make_user
from themabladen.models import (
    Article,
    ContactPoint,
    KaderStatement,
    Law,
    LegalReference,
    Themablad,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def text_of(html: str) -> str:
    """The page's main content as a reader sees it: tags dropped, white space collapsed."""
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


# -- a sheet without text -----------------------------------------------------------------------


def test_a_sheet_without_text_shows_what_other_sheets_say_linked_where_it_stands(seed, client):
    html = client.get("/themabladen/aannemen-van-geschenken/").content.decode()
    shown = text_of(html)
    assert "Wat andere themabladen hierover zeggen" in shown
    passages = re.search(r'<section id="elders".*?</section>', html, flags=re.S).group(0)
    # Each passage links to where it stands on its own sheet, and to that sheet.
    links = re.findall(r'href="(/themabladen/[^"]+#(?:kader|dilemma|casus)-\d+)"', passages)
    assert links
    assert all(not link.startswith("/themabladen/aannemen-van-geschenken/") for link in links)
    for link in links:
        path, anchor = link.split("#")
        assert f'id="{anchor}"' in client.get(path).content.decode(), link
    # Those about accepting gifts and favours are among them.
    assert "Ontvangen van gunsten" in passages


def test_a_sheet_without_text_names_whom_to_ask_and_offers_nothing_to_print(seed, client):
    html = client.get("/themabladen/aannemen-van-geschenken/").content.decode()
    shown = text_of(html)
    for who in ["Je leidinggevende", "Een vertrouwenspersoon", "Een integriteitsfunctionaris"]:
        assert who in shown
    assert "Afdrukken" not in shown and "/pdf/" not in html and "/afdrukken/" not in html
    for url in [
        "/themabladen/aannemen-van-geschenken/afdrukken/",
        "/themabladen/aannemen-van-geschenken/pdf/",
    ]:
        assert client.get(url).status_code == 404
    # A sheet with text keeps its print and PDF.
    assert "Afdrukken" in text_of(
        client.get("/themabladen/omgaan-met-informatie/").content.decode()
    )
    assert client.get("/themabladen/omgaan-met-informatie/afdrukken/").status_code == 200


def test_a_sheet_without_text_uses_its_trefwoorden_to_name_its_subject(make_themablad, client):
    other = make_themablad(title="Integriteit op straat", slug="op-straat")
    statement = KaderStatement.objects.create(
        themablad=other, text="Ik gebruik nooit meer geweld dan nodig is."
    )
    KaderStatement.objects.create(themablad=other, text="Ik maak gebruik van mijn verstand.")
    empty = make_themablad(title="Gebruik van geweld", slug="geweld", available=False)
    empty.tags.add("geweld")
    passages = re.search(
        r'<section id="elders".*?</section>',
        client.get("/themabladen/geweld/").content.decode(),
        re.S,
    ).group(0)
    assert f"#kader-{statement.pk}" in passages
    assert "verstand" not in passages  # "gebruik" alone is not the subject


def test_a_sheet_without_text_and_nothing_said_elsewhere_still_helps(make_themablad, client):
    make_themablad(title="Zeppelinvaart", slug="zeppelinvaart", available=False)
    shown = text_of(client.get("/themabladen/zeppelinvaart/").content.decode())
    assert "Andere themabladen zeggen hier nog niets over" in shown
    assert "leidinggevende" in shown


def test_the_contact_text_changes_only_after_a_second_officer_approves(
    seed, client, officer, second_officer
):
    point = ContactPoint.objects.get(title="Een vertrouwenspersoon")
    old = point.text
    client.force_login(officer)
    response = save_record(client, point, text="Bel de vertrouwenspersoon op 0900-8844.")
    assert response.status_code == 302
    client.logout()
    page = text_of(client.get("/themabladen/aannemen-van-geschenken/").content.decode())
    assert old in page and "0900-8844" not in page

    change = open_change(point)
    assert change.status == RecordVersion.Status.SUBMITTED
    client.force_login(officer)
    review(client, change, "approve")  # the author's own approval is refused
    point.refresh_from_db()
    assert point.text == old
    client.force_login(second_officer)
    review(client, change, "approve")
    client.logout()
    page = text_of(client.get("/themabladen/aannemen-van-geschenken/").content.decode())
    assert "0900-8844" in page and old not in page


def test_editors_edit_the_contact_points_but_do_not_add_or_delete_them(seed, client, officer):
    client.force_login(officer)
    point = ContactPoint.objects.first()
    assert client.get(f"/admin/themabladen/contactpoint/{point.pk}/change/").status_code == 200
    assert client.get("/admin/themabladen/contactpoint/add/").status_code == 403
    assert client.get(f"/admin/themabladen/contactpoint/{point.pk}/delete/").status_code == 403


# -- rulings ------------------------------------------------------------------------------------


def test_ruling_index_shows_the_citing_case_and_sheet_grouped_by_subject(seed, client):
    html = client.get("/uitspraken/").content.decode()
    shown = text_of(html)
    # Grouped by sheet: the sheet's heading, then its rulings with the case citing them.
    section = re.search(
        r'<section aria-labelledby="themablad-omgaan-met-zakelijke-uitnodigingen">.*?</section>',
        html,
        flags=re.S,
    ).group(0)
    assert "ECLI:NL:CRVB:2018:3429" in section
    assert "Voorkomen van belangenverstrengeling" in section
    assert shown.count("ECLI:NL:CRVB:2018:3429") == 2  # cited on two sheets: once under each
    assert len(set(re.findall(r"ECLI:NL:[A-Z]+:\d{4}:\w+", shown))) == Uitspraak.objects.count()


def test_ruling_index_groups_by_court_with_each_ruling_once(seed, client):
    html = client.get("/uitspraken/?indeling=instantie").content.decode()
    shown = text_of(html)
    eclis = re.findall(r"ECLI:NL:[A-Z]+:\d{4}:\w+", shown)
    assert len(eclis) == len(set(eclis)) == Uitspraak.objects.count()
    headings = re.findall(r'<h2 id="instantie-[^"]+">([^<]+)</h2>', html)
    assert headings == sorted(headings) and "Centrale Raad van Beroep" in headings
    crvb = shown[shown.index("Centrale Raad van Beroep") :]
    assert (
        "Voorkomen van belangenverstrengeling (themablad Omgaan met zakelijke uitnodigingen)"
        in crvb
    )
    # An unknown ordering is the default one, never an error.
    assert client.get("/uitspraken/?indeling=%00x").status_code == 200


def test_ruling_page_shows_the_summary_of_the_case_citing_it(seed, client):
    casus = Casus.objects.get(title="Voorkomen van belangenverstrengeling")
    shown = text_of(client.get("/uitspraken/ECLI:NL:CRVB:2018:3429/").content.decode())
    assert casus.summary.split(".")[0] in shown
    assert "Ontvangen van gunsten" in shown


def test_a_ruling_cited_only_on_a_draft_is_on_no_index(make_themablad, client):
    draft = make_themablad(status=Themablad.Status.DRAFT)
    casus = Casus.objects.create(themablad=draft, title="Geheime casus", summary="Tekst.")
    CasusUitspraak.objects.create(
        casus=casus, uitspraak=Uitspraak.objects.create(ecli="ECLI:NL:CRVB:2020:1")
    )
    for by in ["themablad", "instantie"]:
        assert (
            "ECLI:NL:CRVB:2020:1" not in client.get(f"/uitspraken/?indeling={by}").content.decode()
        )


# -- legislation --------------------------------------------------------------------------------


def _articles_in_order(html: str, law_key: str) -> list[str]:
    section = re.search(
        rf'<section class="law" aria-labelledby="wet-{law_key}">.*?</section>', html, re.S
    )
    return re.findall(r'class="article-list__article"[^>]*>Artikel ([^<]+)</a>', section.group(0))


def test_legislation_lists_each_article_once_in_number_order_with_every_sheet(seed, client):
    html = client.get("/regelgeving/").content.decode()
    assert _articles_in_order(html, "barp") == ["55a", "55b", "56", "57", "76", "80"]
    assert _articles_in_order(html, "aw") == ["5", "8", "9", "10"]
    item = re.search(
        r"<li>\s*<a class=\"article-list__article\" href=\"/regelgeving/barp/artikel-76/\".*?</li>",
        html,
        re.S,
    ).group(0)
    citing = {
        ref.themablad.title
        for ref in LegalReference.objects.filter(
            article__number="76", law__key="barp", themablad__kind="themablad"
        )
    }
    assert len(citing) == 5
    for title in citing:
        assert title in item


def test_legislation_sorts_article_numbers_naturally(make_themablad, client):
    law = Law.objects.create(key="testwet", name="Testwet")
    sheet = make_themablad()
    for number in ["10", "5", "76", "9", "8", "138ab", "8a"]:
        article = Article.objects.create(law=law, number=number)
        LegalReference.objects.create(
            themablad=sheet, law=law, article=article, label=f"Art. {number}"
        )
    html = client.get("/regelgeving/").content.decode()
    assert _articles_in_order(html, "testwet") == ["5", "8", "8a", "9", "10", "76", "138ab"]


# -- dilemma pages ------------------------------------------------------------------------------


def test_a_dilemma_page_has_its_question_as_heading_and_its_sheets_kader_and_cases(seed, client):
    dilemma = Dilemma.objects.filter(title="").order_by("pk").first()
    html = client.get(dilemma.get_absolute_url()).content.decode()
    assert h1_texts(html) == [dilemma.question]
    shown = text_of(html)
    sheet = dilemma.themabladen.get()
    assert sheet.title in shown
    assert sheet.kader.first().text.split(".")[0] in shown
    for casus in sheet.casussen.all():
        assert casus.get_absolute_url() in html


def test_a_titled_dilemma_has_its_title_as_heading(seed, client):
    dilemma = Dilemma.objects.get(title="Grensoverschrijdend?")
    html = client.get(dilemma.get_absolute_url()).content.decode()
    assert h1_texts(html) == ["Grensoverschrijdend?"]
    assert "Tijdens mijn werk zie ik" in text_of(html)


def test_a_dilemma_on_two_sheets_shows_both_and_only_published_ones(make_themablad, client):
    first, second = make_themablad(title="Eerste"), make_themablad(title="Tweede")
    draft = make_themablad(title="Concept", status=Themablad.Status.DRAFT)
    dilemma = Dilemma.objects.create(question="Mag dit?")
    for position, sheet in enumerate([first, second, draft]):
        DilemmaPlacement.objects.create(themablad=sheet, dilemma=dilemma, position=position)
    shown = text_of(client.get(dilemma.get_absolute_url()).content.decode())
    assert "Eerste" in shown and "Tweede" in shown and "Concept" not in shown


def test_dilemmas_on_a_sheet_link_to_their_page(seed, client):
    sheet = Themablad.objects.get(slug="omgaan-met-informatie")
    html = client.get(sheet.get_absolute_url()).content.decode()
    for dilemma in sheet.dilemmas.all():
        assert f'href="{dilemma.get_absolute_url()}"' in html
    # On paper there is nothing to click.
    assert "/dilemmas/" not in client.get(f"{sheet.get_absolute_url()}afdrukken/").content.decode()


# -- what changed -------------------------------------------------------------------------------


def _change(sheet, author, *, note: str, text: str) -> Revision:
    snapshot = take_snapshot(sheet)
    snapshot["sheet"]["inleiding"] = text
    publishing.save_draft(themablad=sheet, snapshot=snapshot, user=author, note=note)
    return publishing.submit(themablad=sheet, user=author, note=note)


@pytest.fixture
def editors(db):
    return make_user("auteur", "Redacteur"), make_user("keurder", "Integriteitsfunctionaris")


def test_an_approved_change_is_listed_and_a_pending_one_is_not(make_themablad, client, editors):
    author, approver = editors
    sheet = make_themablad(title="Nevenwerk", slug="nevenwerk")
    publishing.approve(
        revision=_change(sheet, author, note="Typefout hersteld", text="A"), user=approver
    )
    _change(sheet, author, note="Nog niet goedgekeurd", text="B")

    for url in ["/wijzigingen/", "/wijzigingen/?themablad=nevenwerk", "/themabladen/nevenwerk/"]:
        shown = text_of(client.get(url).content.decode())
        assert "Typefout hersteld" in shown, url
        assert "Nog niet goedgekeurd" not in shown, url
    feed = client.get("/wijzigingen/atom/").content.decode()
    assert "Typefout hersteld" in feed and "Nog niet goedgekeurd" not in feed
    # Nor the baseline kept when editing started: nobody approved it as a change.
    assert "start van de redactie" not in text_of(client.get("/wijzigingen/").content.decode())


def test_the_feed_is_atom_with_the_approved_entries(make_themablad, client, editors):
    author, approver = editors
    sheet = make_themablad(title="Social media", slug="social")
    first = publishing.approve(
        revision=_change(sheet, author, note="Eerste", text="A"), user=approver
    )
    second = publishing.approve(
        revision=_change(sheet, author, note="Tweede", text="B"), user=approver
    )
    response = client.get("/wijzigingen/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ["id", "title", "updated"]:
        assert root.find(f"{ATOM}{required}").text
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/wijzigingen/atom/")
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}summary").text for e in entries] == ["Tweede", "Eerste"]
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 2
    for entry, revision in zip(entries, [second, first], strict=True):
        assert entry.find(f"{ATOM}title").text.startswith("Social media")
        assert (
            entry.find(f"{ATOM}link")
            .get("href")
            .endswith(f"/themabladen/social/#wijziging-{revision.pk}")
        )
        assert entry.find(f"{ATOM}updated").text
    # Every page points feed readers at it.
    home = client.get("/").content.decode()
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="/wijzigingen/atom/"', home
    )


def test_an_archived_sheets_changes_leave_with_it_and_come_back_with_it(
    make_themablad, client, editors
):
    author, approver = editors
    sheet = make_themablad(title="Gearchiveerd blad", slug="archief")
    publishing.approve(
        revision=_change(sheet, author, note="Notitie bij archief", text="A"), user=approver
    )
    publishing.archive(themablad=sheet, user=approver)
    assert "Notitie bij archief" not in client.get("/wijzigingen/").content.decode()
    assert "Notitie bij archief" not in client.get("/wijzigingen/atom/").content.decode()
    assert client.get("/wijzigingen/?themablad=archief").status_code == 404
    publishing.unarchive(themablad=sheet, user=approver)
    assert "Notitie bij archief" in client.get("/wijzigingen/").content.decode()


def test_changes_since_a_date_and_a_bad_date_is_a_clear_400(make_themablad, client, editors):
    author, approver = editors
    sheet = make_themablad(title="Datumblad", slug="datum")
    old = publishing.approve(
        revision=_change(sheet, author, note="Eerdere-notitie", text="A"), user=approver
    )
    Revision.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=40))
    publishing.approve(
        revision=_change(sheet, author, note="Latere-notitie", text="B"), user=approver
    )
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    shown = text_of(client.get(f"/wijzigingen/?sinds={since}").content.decode())
    assert "Latere-notitie" in shown and "Eerdere-notitie" not in shown
    for not_a_date in ("gisteren", "0001-01-01", "2026-02-30"):
        response = client.get(f"/wijzigingen/?sinds={not_a_date}")
        assert response.status_code == 400, not_a_date
        assert "geen datum" in text_of(response.content.decode())
    assert client.get("/wijzigingen/?pagina=abc").status_code == 200
    assert client.get("/wijzigingen/?themablad=bestaat-niet").status_code == 404


def test_a_sheet_shows_its_latest_changes_and_links_to_all(make_themablad, client, editors):
    author, approver = editors
    sheet = make_themablad(title="Veel wijzigingen", slug="veel")
    for n in range(7):
        publishing.approve(
            revision=_change(sheet, author, note=f"Wijziging {n}", text=str(n)), user=approver
        )
    html = client.get("/themabladen/veel/").content.decode()
    shown = text_of(html)
    assert [f"Wijziging {n}" in shown for n in range(7)] == [False, False] + [True] * 5
    assert 'href="/wijzigingen/?themablad=veel"' in html
    assert 'href="#wijzigingen"' in html


_machines = itertools.count(1)


class ChangesMachine(RuleBasedStateMachine):
    """Random editing of two sheets: the public list and the feed hold exactly the notes of the
    approved changes of the sheets published now, newest first; never a note still in play."""

    def __init__(self):
        super().__init__()
        from django.test import Client

        self.client = Client()
        n = self.n = next(_machines)
        self.author = make_user(f"auteur{n}", "Redacteur")
        self.approver = make_user(f"keurder{n}", "Integriteitsfunctionaris")
        self.sheets = [
            Themablad.objects.create(
                title=f"Blad {n}-{i}", slug=f"blad-{n}-{i}", status=Themablad.Status.PUBLISHED
            )
            for i in range(2)
        ]
        self.note = re.compile(rf"notitie{n}-\d+")
        self.counter = 0
        self.approved: list[tuple[int, str]] = []  # (sheet index, note), oldest first

    def _pending(self, i):
        return publishing.pending_revision(self.sheets[i])

    @rule(i=st.integers(0, 1))
    def edit_and_submit(self, i):
        if self._pending(i) is not None:
            return
        self.counter += 1
        note = f"notitie{self.n}-{self.counter}"
        _change(self.sheets[i], self.author, note=note, text=f"tekst {self.counter}")

    @rule(i=st.integers(0, 1))
    def approve(self, i):
        revision = self._pending(i)
        if revision is None or revision.status != Revision.Status.SUBMITTED:
            return
        publishing.approve(revision=revision, user=self.approver)
        self.approved.append((i, revision.note))

    @rule(i=st.integers(0, 1))
    def reject(self, i):
        revision = self._pending(i)
        if revision is not None and revision.status == Revision.Status.SUBMITTED:
            publishing.reject(revision=revision, user=self.approver, comment="Nog niet")

    @rule(i=st.integers(0, 1))
    def withdraw(self, i):
        if self._pending(i) is not None:
            publishing.withdraw(themablad=self.sheets[i], user=self.author)

    @rule(i=st.integers(0, 1))
    def archive_or_bring_back(self, i):
        sheet = Themablad.objects.get(pk=self.sheets[i].pk)
        if sheet.status == Themablad.Status.PUBLISHED:
            publishing.archive(themablad=sheet, user=self.approver)
        else:
            publishing.unarchive(themablad=sheet, user=self.approver)

    @invariant()
    def public_list_is_exactly_the_approved_notes_of_published_sheets(self):
        published = {
            i
            for i, sheet in enumerate(self.sheets)
            if Themablad.objects.get(pk=sheet.pk).status == Themablad.Status.PUBLISHED
        }
        expected = [note for i, note in reversed(self.approved) if i in published]
        html = self.client.get("/wijzigingen/").content.decode()
        assert self.note.findall(text_of(html)) == expected
        feed = ET.fromstring(self.client.get("/wijzigingen/atom/").content)
        summaries = [e.find(f"{ATOM}summary").text for e in feed.findall(f"{ATOM}entry")]
        assert [note for note in summaries if self.note.fullmatch(note)] == expected
        in_play = {r.note for r in Revision.objects.pending()}
        assert not in_play & set(self.note.findall(html))


def test_the_changes_list_holds_in_any_order_of_editing(db):
    run_state_machine_as_test(
        ChangesMachine,
        settings=settings(
            max_examples=int(os.environ.get("CHANGES_EXAMPLES", "15")),
            stateful_step_count=12,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        ),
    )


def test_the_editors_preview_of_a_sheet_without_text_shows_what_employees_will_see(
    seed, client, officer
):
    sheet = Themablad.objects.get(slug="aannemen-van-geschenken")
    client.force_login(officer)
    preview = client.get(f"/admin/redactie/revision/themablad/{sheet.pk}/voorbeeld/")
    assert "Voorbeeld – niet gepubliceerd" in preview.content.decode()
    shown = text_of(preview.content.decode())
    assert "Ontvangen van gunsten" in shown and "Een vertrouwenspersoon" in shown


def test_a_practice_pages_approved_change_is_on_that_page_where_wijzigingen_links(
    client, seed, editors
):
    author, approver = editors
    page = Themablad.objects.published().practice_pages().first()
    revision = _change(page, author, note="Praktijk-notitie", text="Een nieuwe inleiding.")
    publishing.approve(revision=revision, user=approver)
    listed = client.get("/wijzigingen/").content.decode()
    link = re.search(r'href="([^"]*#wijziging-\d+)"', listed.split("Praktijk-notitie")[0][-2000:])
    assert link and link.group(1).startswith(page.get_absolute_url())
    shown = client.get(page.get_absolute_url()).content.decode()
    anchor = link.group(1).split("#")[1]
    assert f'id="{anchor}"' in shown and "Praktijk-notitie" in shown
    assert "van deze pagina" in shown
