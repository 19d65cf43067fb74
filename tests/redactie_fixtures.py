"""Users in each editorial role and helpers to drive the sheet admin like an officer would."""

import re

import pytest
from django.contrib.auth.models import Group, User

from portal.redactie.roles import INTEGRITEITSFUNCTIONARIS, REDACTEUR
from themabladen.models import KaderStatement


def make_user(username, *groups, is_staff=True):
    user = User.objects.create_user(username, f"{username}@politie.example", "geheim-wachtwoord")
    user.is_staff = is_staff
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def redacteur(db):
    return make_user("rita", REDACTEUR)


@pytest.fixture
def officer(db):
    return make_user("ivo", INTEGRITEITSFUNCTIONARIS)


@pytest.fixture
def second_officer(db):
    return make_user("ilse", INTEGRITEITSFUNCTIONARIS)


@pytest.fixture
def staff_without_role(db):
    return make_user("stan")


def change_url(sheet):
    return f"/admin/themabladen/themablad/{sheet.pk}/change/"


def form_data(html: str) -> dict:
    """The values a browser would submit from the change page's main form (inputs and textareas)."""
    form = re.search(r'<form[^>]*id="themablad_form"[^>]*>(.*?)</form>', html, flags=re.S).group(1)
    data = {}
    for tag in re.finditer(r"<input([^>]*)>", form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(1)))
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name or kind in ("submit", "button", "file"):
            continue
        if kind == "checkbox":
            if "checked" in tag.group(1).split():
                data[name] = "on"
            continue
        data[name] = _unescape(attrs.get("value", ""))
    for area in re.finditer(r"<textarea([^>]*)>(.*?)</textarea>", form, flags=re.S):
        name = re.search(r'name="([^"]*)"', area.group(1)).group(1)
        data[name] = _unescape(area.group(2)).removeprefix("\n")
    for select in re.finditer(r"<select([^>]*)>(.*?)</select>", form, flags=re.S):
        name = re.search(r'name="([^"]*)"', select.group(1)).group(1)
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(2))
        if "multiple" in select.group(1):
            data[name] = chosen
        elif chosen:
            data[name] = chosen[0]
    return data


def _unescape(text):
    import html

    return html.unescape(text)


def kader_key(data: dict, text: str) -> str:
    for key, value in data.items():
        if key.startswith("kader-") and key.endswith("-text") and value == text:
            return key
    raise KeyError(text)


def first_kader(sheet) -> KaderStatement:
    return KaderStatement.objects.filter(themablad=sheet).order_by("position", "pk").first()


def approval(revision, **extra) -> dict:
    """The approve form as the review page posts it, having seen the current version."""
    from portal.redactie import publishing

    return {"action": "approve", "version": publishing.current_version(revision.themablad), **extra}


def publish_pending(sheet, *, note="Klaar voor publicatie"):
    """Submit the sheet's change in progress and have an officer who did not edit it approve it."""
    from portal.redactie import publishing

    revision = publishing.pending_revision(sheet)
    if revision.status == revision.Status.DRAFT:
        author = revision.author or User.objects.get(pk=revision.editor_ids[0])
        publishing.submit(themablad=sheet, user=author, note=note)
    approver = User.objects.filter(username="approver").first() or make_user(
        "approver", INTEGRITEITSFUNCTIONARIS
    )
    return publishing.approve(revision=revision, user=approver)


def marked_words(html: str) -> tuple[list[str], list[str]]:
    """What a comparison marks as removed and as added (without the words for screen readers)."""
    import html as html_module

    def texts(tag):
        found = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S)
        return [html_module.unescape(re.sub(r"<span[^>]*>[^<]*</span>", "", t)) for t in found]

    return texts("del"), texts("ins")


def shown_text(fragment: str) -> str:
    """The text a sighted reader sees in a piece of a comparison (marks and their labels gone)."""
    import html as html_module

    fragment = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", fragment)
    return html_module.unescape(re.sub(r"<[^>]+>", "", fragment))
