"""Random editorial work on two practice pages, checked after every step against a model.

Two Redacteuren and two integriteitsfunctionarissen change, add and remove text blocks, submit,
approve, reject and withdraw. Practice pages go through the sheets' own editorial core, so the
promises are the sheets': employees (the page and search) see exactly the last approved text;
every approval had four eyes; every approved version is kept; a block keeps its id.
"""

import os

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
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

from portal.redactie import publishing
from portal.redactie.models import Revision
from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, REDACTEUR
from portal.redactie.snapshots import mark_new_parts, take_snapshot
from tests.redactie_fixtures import make_user
from themabladen.models import Themablad

pytestmark = pytest.mark.django_db

PAGES = ["meldplicht", "interne-onderzoeken"]
USERS = ["rita", "rob", "ivo", "ilse"]
OFFICERS = {"ivo", "ilse"}
# Words no seeded text holds: where they stand shows whose text employees see.
MARKERS = ["erfenis", "hypotheek", "loterij", "borgstelling", "cryptomunten", "schuldeiser"]
CONTENT = ("heading", "text", "table_caption", "table")


def content(item) -> tuple:
    return tuple(item.get(name) or "" for name in CONTENT)


class PracticeMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.client = Client(raise_request_exception=False)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @initialize()
    def start(self):
        for name in USERS:
            make_user(name, INTEGRITEITSFUNCTIONARIS if name in OFFICERS else REDACTEUR)
        self.pages = {slug: Themablad.objects.get(slug=slug) for slug in PAGES}
        self.public = {slug: self.blocks_now(slug) for slug in PAGES}  # [(id, content)]
        self.pending = {slug: None for slug in PAGES}
        self.approvals = {slug: 0 for slug in PAGES}

    def blocks_now(self, slug):
        return [
            (item["id"], content(item)) for item in take_snapshot(self.pages[slug])["text_blocks"]
        ]

    def user(self, name):
        return User.objects.get(username=name)

    # -- rules ---------------------------------------------------------------------------

    @rule(
        slug=st.sampled_from(PAGES),
        name=st.sampled_from(USERS),
        action=st.sampled_from(["change", "add", "remove"]),
        index=st.integers(0, 5),
        marker=st.sampled_from(MARKERS),
    )
    def edit(self, slug, name, action, index, marker):
        page = self.pages[slug]
        pending = publishing.pending_revision(page)
        snapshot = pending.snapshot if pending else take_snapshot(page)
        items = [dict(item) for item in snapshot["text_blocks"]]
        index %= len(items)
        if action == "change":
            items[index]["text"] = f"{items[index]['text']}\n\n- {marker}".strip()
        elif action == "add":
            items.insert(
                index,
                {
                    "id": None,
                    "new": True,
                    "position": 0,
                    "heading": marker.capitalize(),
                    "text": f"- {marker}",
                    "table_caption": "",
                    "table": "",
                },
            )
        elif len(items) > 1:
            items.pop(index)
        for position, item in enumerate(items, start=1):
            item["position"] = position
        proposed = mark_new_parts(page, {**snapshot, "text_blocks": items})
        publishing.save_draft(
            themablad=page, snapshot=proposed, user=self.user(name), note="Bewerkt"
        )
        model = self.pending[slug] or {"author": name, "editors": set()}
        model.update(
            blocks=[content(item) for item in items],
            ids=[None if item.get("new") else item["id"] for item in proposed["text_blocks"]],
            status="draft",
        )
        model["editors"].add(name)
        self.pending[slug] = model

    def with_status(self, *statuses):
        return [
            slug
            for slug in PAGES
            if self.pending[slug] and self.pending[slug]["status"] in statuses
        ]

    @precondition(lambda self: self.with_status("draft"))
    @rule(choice=st.integers(0, 1), name=st.sampled_from(USERS))
    def submit(self, choice, name):
        drafts = self.with_status("draft")
        slug = drafts[choice % len(drafts)]
        publishing.submit(themablad=self.pages[slug], user=self.user(name), note="Klaar")
        self.pending[slug]["status"] = "submitted"

    @precondition(lambda self: self.with_status("draft", "submitted"))
    @rule(choice=st.integers(0, 1), name=st.sampled_from(sorted(OFFICERS)))
    def any_officer_approves(self, choice, name):
        """Any officer tries; the model says whether it must be refused."""
        pending = self.with_status("draft", "submitted")
        self.approve(pending[choice % len(pending)], name)

    def approve(self, slug, name):
        model = self.pending[slug]
        revision = publishing.pending_revision(self.pages[slug])
        allowed = (
            model is not None
            and model["status"] == "submitted"
            and name not in model["editors"]
            and name != model["author"]
        )
        if revision is None:
            assert model is None
            return
        if not allowed:
            with pytest.raises((ValidationError, PermissionDenied)), transaction.atomic():
                publishing.approve(revision=revision, user=self.user(name))
            return
        publishing.approve(revision=revision, user=self.user(name))
        after = self.blocks_now(slug)
        assert [c for _, c in after] == model["blocks"]
        # A block that stayed keeps its id (its anchor #uitleg-<id>); a new one gets a new id.
        earlier = {pk for pk, _ in self.public[slug]}
        for expected, (pk, _) in zip(model["ids"], after, strict=True):
            assert pk == expected if expected is not None else pk not in earlier
        self.public[slug] = after
        self.pending[slug] = None
        self.approvals[slug] += 1

    def reviewable(self):
        """(page, officer) pairs where a second officer could approve now."""
        return [
            (slug, name)
            for slug, model in self.pending.items()
            if model and model["status"] == "submitted"
            for name in sorted(OFFICERS - model["editors"] - {model["author"]})
        ]

    @precondition(lambda self: self.reviewable())
    @rule(choice=st.integers(0, 3))
    def approve_as_second_officer(self, choice):
        pairs = self.reviewable()
        self.approve(*pairs[choice % len(pairs)])

    @precondition(lambda self: self.with_status("submitted"))
    @rule(choice=st.integers(0, 1), name=st.sampled_from(sorted(OFFICERS)))
    def reject(self, choice, name):
        submitted = self.with_status("submitted")
        slug = submitted[choice % len(submitted)]
        model = self.pending[slug]
        publishing.reject(
            revision=publishing.pending_revision(self.pages[slug]),
            user=self.user(name),
            comment="Graag de bron erbij.",
        )
        model["status"] = "draft"

    @precondition(lambda self: self.with_status("draft", "submitted"))
    @rule(choice=st.integers(0, 1), name=st.sampled_from(USERS))
    def withdraw(self, choice, name):
        pending = self.with_status("draft", "submitted")
        slug = pending[choice % len(pending)]
        publishing.withdraw(themablad=self.pages[slug], user=self.user(name))
        self.pending[slug] = None

    # -- what employees see ----------------------------------------------------------------

    @invariant()
    def employees_see_exactly_the_approved_text(self):
        if not hasattr(self, "public"):
            return
        for slug in PAGES:
            assert self.blocks_now(slug) == self.public[slug]
            shown = self.client.get(self.pages[slug].get_absolute_url())
            assert shown.status_code == 200
            html = shown.content.decode()
            public_text = " ".join(" ".join(c) for _, c in self.public[slug])
            for marker in MARKERS:
                assert (marker in html) == (marker in public_text), (slug, marker)

    @invariant()
    def search_finds_only_approved_text(self):
        if not hasattr(self, "public"):
            return
        # One query for all markers (every word is optional): a page is found iff its
        # approved text holds one of them.
        found = self.client.get("/zoeken/", {"q": " ".join(MARKERS)}).content.decode()
        for slug in PAGES:
            public_text = " ".join(" ".join(c) for _, c in self.public[slug])
            url = f"/integriteit-in-de-praktijk/{slug}/"
            assert (url in found) == any(m in public_text for m in MARKERS), slug

    @invariant()
    def every_approval_had_four_eyes_and_is_kept(self):
        if not hasattr(self, "public"):
            return
        for slug in PAGES:
            published = Revision.objects.filter(
                themablad=self.pages[slug], status=Revision.Status.PUBLISHED
            )
            approved = published.exclude(reviewer=None)
            assert approved.count() == self.approvals[slug]
            for revision in approved:
                assert revision.reviewer_id not in revision.editor_ids
                assert revision.reviewer_id != revision.author_id
            if self.approvals[slug]:
                latest = approved.order_by("-published_at", "-pk").first()
                assert [content(i) for i in latest.snapshot["text_blocks"]] == [
                    c for _, c in self.public[slug]
                ]


def test_random_work_on_practice_pages_keeps_the_editorial_promises(seed):
    run_state_machine_as_test(
        PracticeMachine,
        settings=settings(
            max_examples=int(os.environ.get("EDITORIAL_EXAMPLES", "6")),
            stateful_step_count=16,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
