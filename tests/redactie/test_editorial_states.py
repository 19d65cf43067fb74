"""Random sequences of editorial work, checked after each step against a model of the approvals.

Two published sheets share a dilemma; the first has a case that a trainer uses; a concept sheet
can place the shared dilemma with a new question. Kader statements are edited, added and removed,
so a change can add a part, remove one that a colleague's approved change edited meanwhile, or
edit one that was removed meanwhile. Two Redacteuren and two
integriteitsfunctionarissen edit, submit, approve, reject, withdraw, reopen, restore and archive,
all over HTTP. The model predicts every outcome (approval refused for one's own change or a
collision, withdrawal refused for a colleague's change, …) and after each step the portal must
show employees exactly the last approved text of every part, on the sheet page, the dilemma
page and in search, with stable ids, and never answer 5xx.
"""

import io
import itertools
import os
import re

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from pypdf import PdfReader

from casuistiek.models import Casus
from dilemmas.models import Dilemma, DilemmaPlacement, TrainingItem
from dilemmas.trainingen import add_items, create_training
from portal.redactie import publishing
from portal.redactie.models import Revision
from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, REDACTEUR
from portal.search.models import SearchDocument
from tests.redactie_fixtures import change_url, form_data, make_user
from themabladen.models import KaderStatement, Themablad

pytestmark = pytest.mark.django_db(transaction=False)

USERS = ["rita", "rob", "ivo", "ilse"]
OFFICERS = {"ivo", "ilse"}
SHEETS = ["s1", "s2", "s3"]  # s3 is a concept sheet


class Pending:
    def __init__(self, *, parts, author, editors, status, base_public=None):
        self.parts = parts  # part -> (based on, proposed)
        self.author = author
        self.editors = set(editors)
        self.status = status


class EditorialMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.counter = itertools.count(1)
        self.client = Client(raise_request_exception=False)

    def teardown(self):
        try:
            if hasattr(self, "public"):
                self.the_pdf_shows_what_was_approved()
        finally:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    def the_pdf_shows_what_was_approved(self):
        # Once per sequence: a PDF costs half a second; the print page is checked every step.
        self.client.logout()
        for key in self.public_sheets():
            response = self.request("get", f"/themabladen/blad-{key}/pdf/")
            text = " ".join(
                page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
            )
            text = " ".join(text.split())
            for part in self.parts_of(key):
                assert self.public[part] in text, ("pdf", key, part)

    # -- the world --------------------------------------------------------------------------

    @initialize()
    def build(self):
        self.users = {
            name: make_user(name, INTEGRITEITSFUNCTIONARIS if name in OFFICERS else REDACTEUR)
            for name in USERS
        }
        self.sheets = {}
        for key, number in (("s1", 501), ("s2", 502), ("s3", 503)):
            self.sheets[key] = Themablad.objects.create(
                number=number,
                title=f"Blad {key}",
                slug=f"blad-{key}",
                status="concept" if key == "s3" else "gepubliceerd",
            )
        s1, s2, s3 = (self.sheets[k] for k in SHEETS)
        # Kader statements are known by a number of the model's own (sid): a statement added in
        # a pending change has no row yet. Every text is made once, so a text names its sid.
        self.sids = itertools.count(1)
        self.sid_of_text = {}
        self.row_of_sid = {}
        initial_kader = {}
        for key, sheet in self.sheets.items():
            for position, which in enumerate(("begin", "tweede"), start=1):
                text = f"Kader van {key} {which}."
                sid = self.new_sid(text)
                row = KaderStatement.objects.create(themablad=sheet, position=position, text=text)
                self.row_of_sid[sid] = row.pk
                initial_kader[("kader", key, sid)] = text
        self.dilemma = Dilemma.objects.create(question="Gedeelde vraag begin?")
        DilemmaPlacement.objects.create(themablad=s1, dilemma=self.dilemma, position=1)
        DilemmaPlacement.objects.create(themablad=s2, dilemma=self.dilemma, position=1)
        self.casus = Casus.objects.create(
            themablad=s1, position=1, title="Casus", summary="Casus begin."
        )
        trainer = make_user("tom", "Trainer")
        self.training = create_training(owner=trainer, title="Training")
        add_items(training=self.training, casussen=[self.casus])
        # What employees must see: the last approved value of every part.
        self.public = {
            **initial_kader,
            ("casus", "s1"): "Casus begin.",
            ("dilemma",): "Gedeelde vraag begin?",
        }
        self.published = {"s1": True, "s2": True, "s3": False}
        self.archived = {key: False for key in SHEETS}
        self.s3_places_dilemma = False
        self.pending = {}
        self.withdrawn = {key: [] for key in SHEETS}
        self.proposed_ever = set()

    def new_sid(self, text):
        sid = next(self.sids)
        self.sid_of_text[text] = sid
        return sid

    def kader_parts(self, parts, key):
        return sorted(p for p in parts if p[0] == "kader" and p[1] == key)

    def parts_of(self, key):
        parts = self.kader_parts(self.public, key)
        if key == "s1":
            parts.append(("casus", "s1"))
        if key != "s3" or self.s3_places_dilemma:
            parts.append(("dilemma",))
        return parts

    def as_user(self, name):
        self.client.force_login(self.users[name])

    def request(self, method, url, data=None):
        response = getattr(self.client, method)(url, data or {})
        assert response.status_code < 500, (method, url, response.status_code)
        return response

    def current_pending(self, key):
        return Revision.objects.pending().filter(themablad=self.sheets[key]).first()

    # -- edits ------------------------------------------------------------------------------

    @rule(
        data=st.data(),
        key=st.sampled_from(SHEETS),
        user=st.sampled_from(USERS),
        part=st.sampled_from(["kader", "add_kader", "remove_kader", "casus", "dilemma"]),
        submit=st.booleans(),
    )
    def edit(self, data, key, user, part, submit):
        sheet = self.sheets[key]
        if part == "casus" and key != "s1":
            return
        # The model: the form shows the change in progress over what is published now.
        before = self.pending.get(key)
        shown = {p: self.public[p] for p in self.parts_of(key)}
        if before:
            for p, (_based, proposed) in before.parts.items():
                if p[0] == "placement":
                    continue
                if proposed is None:
                    shown.pop(p, None)
                else:
                    shown[p] = proposed
        shown_kader = self.kader_parts(shown, key)
        if part == "remove_kader" and len(shown_kader) < 2:
            return

        number = next(self.counter)
        new = f"Tekst-{number}-einde"
        self.as_user(user)
        form = form_data(self.request("get", change_url(sheet)).content.decode())
        placing = False
        if part in ("kader", "remove_kader"):
            target = data.draw(st.sampled_from(shown_kader))
            index = next(i for i in range(20) if form.get(f"kader-{i}-text") == shown[target])
            if part == "kader":
                form[f"kader-{index}-text"] = new
                self.sid_of_text[new] = target[2]
                shown[target] = new
            else:
                form[f"kader-{index}-DELETE"] = "on"
                del shown[target]
        elif part == "add_kader":
            index = int(form["kader-TOTAL_FORMS"])
            form["kader-TOTAL_FORMS"] = str(index + 1)
            form.update(
                {
                    f"kader-{index}-id": "",
                    f"kader-{index}-themablad": str(sheet.pk),
                    f"kader-{index}-position": str(index + 1),
                    f"kader-{index}-group": "",
                    f"kader-{index}-text": new,
                }
            )
            shown[("kader", key, self.new_sid(new))] = new
        elif part == "casus":
            form["casussen-0-summary"] = new
            shown[("casus", key)] = new
        elif form.get("placements-TOTAL_FORMS") == "0":
            form.update(
                {
                    "placements-TOTAL_FORMS": "1",
                    "placements-0-position": "1",
                    "placements-0-dilemma": str(self.dilemma.pk),
                    "placements-0-question": new,
                }
            )
            placing = True
            shown[("dilemma",)] = new
        else:
            form["placements-0-question"] = new
            shown[("dilemma",)] = new
        # Not the text itself: approved notes are shown on the sheet's page (Wijzigingen), and
        # a removal's text must be gone from every page.
        form["change_note"] = f"Wijziging nummer {number}"
        form["_indienen" if submit else "_continue"] = "1"
        response = self.request("post", change_url(sheet), form)
        assert response.status_code == 302, response.content.decode()[:2000]
        self.proposed_ever.add(new)

        # The saved change is based on what is published now: None is "not there".
        touched = set(self.parts_of(key)) | set(shown)
        parts = {
            p: (self.public.get(p), shown.get(p))
            for p in touched
            if self.public.get(p) != shown.get(p)
        }
        if placing:
            parts[("dilemma",)] = (self.public[("dilemma",)], new)
            parts[("placement", "s3")] = (False, True)
        elif before and ("placement", "s3") in before.parts:
            parts[("placement", "s3")] = (False, True)
        self.pending[key] = Pending(
            parts=parts,
            author=before.author if before else user,
            editors=(before.editors if before else set()) | {user},
            status="ingediend" if submit else "concept",
        )

    # -- review -----------------------------------------------------------------------------

    def review_url(self, key):
        return f"/admin/redactie/revision/{self.current_pending(key).pk}/change/"

    @precondition(lambda self: any(p.status == "ingediend" for p in self.pending.values()))
    @rule(data=st.data(), user=st.sampled_from(USERS))
    def approve(self, data, user):
        key = data.draw(
            st.sampled_from(sorted(k for k, p in self.pending.items() if p.status == "ingediend"))
        )
        pending = self.pending[key]
        revision = self.current_pending(key)
        self.as_user(user)
        version = publishing.current_version(self.sheets[key])
        self.request("post", self.review_url(key), {"action": "approve", "version": str(version)})
        revision.refresh_from_db()
        collides = any(
            self.public.get(p) not in (based, proposed)
            for p, (based, proposed) in pending.parts.items()
            if p[0] != "placement"
        )
        may = user in OFFICERS and user not in pending.editors and user != pending.author
        if not may or collides:
            assert revision.status == Revision.Status.SUBMITTED, (user, collides)
            return
        assert revision.status == Revision.Status.PUBLISHED
        stayed = set(self.parts_of(key))
        for part, (_based, proposed) in pending.parts.items():
            if part[0] == "placement":
                self.s3_places_dilemma = True
            elif proposed is None:
                del self.public[part]
            else:
                self.public[part] = proposed
        self.published[key] = True
        del self.pending[key]
        self.rows_stay_or_are_learned(key, stayed)
        # The version kept is what employees see now.
        assert self.texts_of(key, revision.snapshot) == {
            p: self.public[p] for p in self.parts_of(key)
        }

    @precondition(lambda self: any(p.status == "ingediend" for p in self.pending.values()))
    @rule(data=st.data(), user=st.sampled_from(USERS))
    def reject(self, data, user):
        key = data.draw(
            st.sampled_from(sorted(k for k, p in self.pending.items() if p.status == "ingediend"))
        )
        self.as_user(user)
        self.request("post", self.review_url(key), {"action": "reject", "comment": "Nog niet."})
        if user in OFFICERS:
            self.pending[key].status = "concept"
        assert self.current_pending(key).status == self.pending[key].status

    @precondition(lambda self: bool(self.pending))
    @rule(data=st.data(), user=st.sampled_from(USERS))
    def withdraw(self, data, user):
        key = data.draw(st.sampled_from(sorted(self.pending)))
        pending = self.pending[key]
        revision = self.current_pending(key)
        self.as_user(user)
        self.request("post", self.review_url(key), {"action": "withdraw", "confirm": "1"})
        revision.refresh_from_db()
        if user in OFFICERS or user == pending.author:
            assert revision.status == Revision.Status.WITHDRAWN
            self.withdrawn[key].append((revision.pk, self.pending.pop(key)))
        else:
            assert revision.status != Revision.Status.WITHDRAWN

    @precondition(lambda self: any(self.withdrawn.values()))
    @rule(data=st.data(), user=st.sampled_from(USERS))
    def reopen(self, data, user):
        key = data.draw(st.sampled_from(sorted(k for k, w in self.withdrawn.items() if w)))
        pk, pending = self.withdrawn[key][-1]
        self.as_user(user)
        url = f"/admin/redactie/revision/themablad/{self.sheets[key].pk}/geschiedenis/"
        self.request("post", url, {"action": "reopen", "version": str(pk)})
        if key in self.pending:
            return  # refused: a change is open already
        self.withdrawn[key].pop()
        self.pending[key] = Pending(
            parts=pending.parts,
            author=user,
            editors=pending.editors | {user},
            status="concept",
        )

    @rule(data=st.data(), key=st.sampled_from(["s1", "s2"]), user=st.sampled_from(USERS))
    def restore(self, data, key, user):
        sheet = self.sheets[key]
        versions = list(Revision.objects.published_versions().filter(themablad=sheet))
        if not versions:
            return
        chosen = data.draw(st.sampled_from(versions))
        old = self.texts_of(key, chosen.snapshot)
        self.as_user(user)
        url = f"/admin/redactie/revision/themablad/{sheet.pk}/geschiedenis/"
        self.request("post", url, {"action": "restore", "version": str(chosen.pk)})
        if key in self.pending:
            return  # refused: a change is open already
        touched = set(self.parts_of(key)) | set(old)
        parts = {
            p: (self.public.get(p), old.get(p)) for p in touched if self.public.get(p) != old.get(p)
        }
        self.pending[key] = Pending(parts=parts, author=user, editors={user}, status="ingediend")

    def rows_stay_or_are_learned(self, key, stayed):
        """After an approval: a statement that stayed public keeps its row (and anchor); one
        added or brought back has a row with its text, learned here."""
        sheet = self.sheets[key]
        public_now = set(self.kader_parts(self.public, key))
        for part in self.kader_parts(stayed, key):
            if part not in public_now:
                self.row_of_sid.pop(part[2], None)
        for part in public_now:
            row = KaderStatement.objects.get(themablad=sheet, text=self.public[part]).pk
            if part in stayed:
                assert row == self.row_of_sid[part[2]], ("id changed", part)
            self.row_of_sid[part[2]] = row

    def texts_of(self, key, snapshot):
        texts = {
            ("kader", key, self.sid_of_text[item["text"]]): item["text"]
            for item in snapshot["kader"]
        }
        if snapshot.get("casussen"):
            texts[("casus", key)] = snapshot["casussen"][0]["summary"]
        if snapshot.get("dilemmas"):
            texts[("dilemma",)] = snapshot["dilemmas"][0]["question"]
        return texts

    @rule(key=st.sampled_from(["s1", "s2"]), user=st.sampled_from(USERS))
    def archive_or_unarchive(self, key, user):
        self.as_user(user)
        url = f"/admin/redactie/revision/themablad/{self.sheets[key].pk}/geschiedenis/"
        action = "unarchive" if self.archived[key] else "archive"
        self.request("post", url, {"action": action})
        if user in OFFICERS:
            self.archived[key] = not self.archived[key]

    # -- what must hold after every step -----------------------------------------------------

    def public_sheets(self):
        return [k for k in SHEETS if self.published[k] and not self.archived[k]]

    @invariant()
    def employees_see_exactly_what_was_approved(self):
        if not hasattr(self, "public"):
            return
        self.client.logout()
        shown_somewhere = set()
        for key in SHEETS:
            response = self.request("get", f"/themabladen/blad-{key}/")
            if key not in self.public_sheets():
                assert response.status_code == 404, key
                continue
            html = response.content.decode()
            printed = self.request("get", f"/themabladen/blad-{key}/afdrukken/").content.decode()
            for part in self.parts_of(key):
                assert self.public[part] in html, (key, part)
                assert self.public[part] in printed, ("print", key, part)
            # Exactly the approved statements, each under its own anchor: none lost, none left
            # standing after a removal was approved.
            anchors = set(map(int, re.findall(r'id="kader-(\d+)"', html)))
            rows = {self.row_of_sid[p[2]] for p in self.kader_parts(self.public, key)}
            assert anchors == rows, (key, anchors, rows)
            shown_somewhere.update(re.findall(r"Tekst-\d+-einde", html))
            docs = " ".join(
                SearchDocument.objects.filter(themablad=self.sheets[key]).values_list(
                    "text", flat=True
                )
            )
            for part in self.parts_of(key):
                assert self.public[part] in docs, ("search", key, part)
        on_public_sheet = any(k in self.public_sheets() for k in ("s1", "s2")) or (
            "s3" in self.public_sheets() and self.s3_places_dilemma
        )
        dilemma_page = self.request("get", f"/dilemmas/{self.dilemma.pk}/")
        if on_public_sheet:
            assert self.public[("dilemma",)] in dilemma_page.content.decode()
        all_docs = " ".join(SearchDocument.objects.values_list("text", flat=True))
        shown_somewhere.update(re.findall(r"Tekst-\d+-einde", all_docs))
        approved = set(self.public.values())
        assert shown_somewhere <= approved, shown_somewhere - approved

    @invariant()
    def approvals_had_four_eyes_and_ids_stay(self):
        if not hasattr(self, "public"):
            return
        for revision in Revision.objects.filter(status=Revision.Status.PUBLISHED).exclude(
            reviewer=None
        ):
            assert revision.reviewer_id not in revision.editor_ids
            assert revision.reviewer_id != revision.author_id
        item = TrainingItem.objects.get(training=self.training)
        assert item.casus_id == self.casus.pk
        for key in SHEETS:
            for part in self.kader_parts(self.public, key):
                row = self.row_of_sid[part[2]]
                assert KaderStatement.objects.filter(
                    pk=row, themablad=self.sheets[key], text=self.public[part]
                ).exists(), (key, part)
        assert Dilemma.objects.filter(pk=self.dilemma.pk).exists()


def test_random_editorial_work_keeps_both_promises(db):
    run_state_machine_as_test(
        EditorialMachine,
        settings=settings(
            max_examples=int(os.environ.get("EDITORIAL_EXAMPLES", "8")),
            stateful_step_count=int(os.environ.get("EDITORIAL_STEPS", "16")),
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
