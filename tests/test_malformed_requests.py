"""No malformed request gets a 5xx: every URL pattern, filled with bad values, as a visitor and as
a superuser, with GET and (the forms) POST.

The sweep walks the URL resolver, admin included, so a new page is swept without being listed.
Each path parameter is tried with a valid value (so the view itself runs) and with bad ones:
NUL bytes, invalid UTF-8, absurd numbers, too long, markup. Query strings add what the views and
the admin read (page numbers, filters, ordering). Every form a superuser can open is posted back
with each field spoiled in turn by kind (text in number fields, unknown ids, huge numbers).
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from casuistiek.models import Casus, Uitspraak
from dilemmas import trainingen
from dilemmas.models import Dilemma, TrainingItem
from portal.redactie.models import Revision
from tests.redactie_fixtures import change_url, form_data
from themabladen.models import Themablad

HUGE = "99999999999999999999999"
BAD_TEXT = [
    "%00",  # NUL: PostgreSQL refuses it in any string
    "%C3%28",  # invalid UTF-8
    "x" * 400,
    "%27%22%3E%3Cb%3E",  # '"><b>
]
BAD_VALUES = {
    "int": ["0", HUGE],
    "slug": ["onbekend", "a" * 400],
    "str": BAD_TEXT,
    "path": [*BAD_TEXT, "1/2", "abc"],
}
# What the portal's views read (search, filters, paging, the login's next), several a request:
# none of them hides another.
PORTAL_QUERIES = [
    "pagina=" + HUGE + "&q=%FF%FE&soort=%C3%28&themablad=" + "a" * 400 + "&tag=..",
    "pagina=-3&q=" + "x" * 400 + "&themablad=%C3%28&tag=%C3%28&soort=onbekend",
    "pagina=%C3%28&q=%22%22%22-&next=//elders.example/",
    # Wijzigingen' date and the search click-through's target.
    "sinds=0001-01-01&naar=//elders.example/&indeling=%FF",
    "sinds=9999-99-99&naar=/themabladen/&q=%FF",
]
# What the admin reads: paging, ordering, filters, the popup's field, autocomplete.
ADMIN_QUERIES = [
    "p=" + HUGE + "&o=abc.-999.1",
    "p=abc&q=%FF%FE",
    "id__exact=abc&pk__in=x,y",
    "_to_field=password&_popup=1",
    "_changelist_filters=%FF&app_label=themabladen&model_name=themablad&field_name=x&term=%FF",
]


def _patterns(resolvers=None, prefix=()):
    """Every URL pattern as the chain of patterns leading to it."""
    for entry in (resolvers or get_resolver()).url_patterns:
        chain = (*prefix, entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, chain)
        elif isinstance(entry, URLPattern):
            yield chain


ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")


def _template(chain):
    """The chain as a path with {name} placeholders, and each parameter's converter."""
    text, params = "", {}
    for pattern in chain:
        if isinstance(pattern, RoutePattern):
            route = str(pattern._route)
            for match in ROUTE_PARAM.finditer(route):
                params[match["name"]] = match["converter"] or "str"
            text += ROUTE_PARAM.sub(lambda m: "{" + m["name"] + "}", route)
        else:
            assert isinstance(pattern, RegexPattern)
            regex = str(pattern._regex).lstrip("^").rstrip("$")
            for match in REGEX_GROUP.finditer(regex):
                # An alternation of words (the admin's app labels) gives valid values of its own.
                words = match["body"].split("|")
                params[match["name"]] = words if all(w.isidentifier() for w in words) else "path"
            text += REGEX_GROUP.sub(lambda m: "{" + m["name"] + "}", regex)
    return "/" + text, params


def _paths(chain, valid):
    """The pattern's path with valid values, then with each parameter spoiled in turn."""
    template, params = _template(chain)
    if not params:
        return [template], template

    def values(name, converter):
        if isinstance(converter, list):
            return converter[:1], ["onbekend", "%00"]
        return valid.get(name, ["1"]), BAD_VALUES[converter]

    good = {name: values(name, conv)[0][0] for name, conv in params.items()}
    paths = [template.format(**good)]
    for name, converter in params.items():
        good_values, bad_values = values(name, converter)
        for value in [*good_values[1:], *bad_values]:
            paths.append(template.format(**{**good, name: value}))
    return paths, paths[0]


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("beheer", "beheer@politie.example", "geheim-wachtwoord")


@pytest.fixture
def valid_values(seed, superuser):
    """Real values for the path parameters, so the sweep reaches the views behind the lookups."""
    sheet = Themablad.objects.published().sheets().by_number().first()
    practice_page = Themablad.objects.published().practice_pages().first()
    training = trainingen.create_training(owner=superuser, title="Sweep")
    dilemma = Dilemma.objects.published().first()
    trainingen.add_items(training=training, dilemmas=[dilemma], casussen=[Casus.objects.first()])
    item = TrainingItem.objects.filter(training=training).first()
    return {
        "slug": [sheet.slug, practice_page.slug],
        "key": ["barp"],
        "number": ["76"],
        "ecli": [Uitspraak.objects.cited_on_published().first().ecli],
        "tag": ["nevenfunctie"],
        "pk": [str(training.pk), str(dilemma.pk)],
        "item_pk": [str(item.pk)],
        "variant": ["deelnemers", "begeleider", "kaarten"],
        "token": [training.share_token],
        "object_id": [str(sheet.pk), str(practice_page.pk)],
        "content_type_id": ["1"],
        "url": ["bestaat-niet/"],
    }


class PostForms(HTMLParser):
    """The POST forms of a page: action and the values a browser would send unchanged."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, list[str]]]] = []
        self._form = None
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            if attrs.get("method", "get").lower() == "post":
                self._form = {}
                self.forms.append((attrs.get("action", ""), self._form))
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                self._form.setdefault(name, [])
            else:
                self._form.setdefault(name, []).append(attrs.get("value", "on"))
        elif tag == "select" and name:
            self._select = self._form.setdefault(name, [])
        elif tag == "option" and self._select is not None and "selected" in attrs:
            self._select.append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.setdefault(name, []).append("")

    def handle_data(self, data):
        if self._textarea:
            self._form[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


MANAGEMENT = re.compile(r"-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")


def _spoiled(data: dict[str, list[str]]):
    """The form's data with every field but the formsets' counts set to a bad value, then with
    the counts themselves spoiled."""
    fields = [
        name for name in data if name != "csrfmiddlewaretoken" and not MANAGEMENT.search(name)
    ]
    for bad in ("abc", HUGE, "\u00e9" * 300, "a\x00b"):
        yield {**data, **{name: [bad] for name in fields}}
    counts = [name for name in data if MANAGEMENT.search(name)]
    if counts:
        yield {**data, **{name: ["abc"] for name in counts}}


def _post_sweep(client, user, pages: dict[str, str]) -> tuple[list[str], int]:
    failures, count = [], 0
    # Deleting last, so the sweep keeps the records the other forms post to.
    for url in sorted(pages, key=lambda u: ("delete" in u or "verwijderen" in u, u)):
        parser = PostForms()
        parser.feed(pages[url])
        for action, data in parser.forms:
            target = action or url
            if not target.startswith("/") or target.startswith(("/uitloggen/", "/admin/logout/")):
                continue
            if target.startswith(f"/admin/auth/user/{user.pk}/"):
                continue  # the sweep would delete or lock out its own account
            for spoiled in _spoiled(data):
                client.force_login(user)
                response = client.post(target, spoiled)
                count += 1
                if response.status_code >= 500:
                    failures.append(f"POST {target} (form of {url}) -> {response.status_code}")
    return failures, count


def _sweep(client, valid, *, admin_queries: bool, pages=None) -> tuple[list[str], int]:
    client.raise_request_exception = False  # a 500 is counted, not raised, to list them all
    failures, count = [], 0
    for chain in _patterns():
        paths, good_path = _paths(chain, valid)
        if not good_path.startswith("/admin/"):
            queries = PORTAL_QUERIES
        else:
            queries = ADMIN_QUERIES if admin_queries else []
        urls = paths + [f"{good_path}?{query}" for query in queries]
        for url in urls:
            if url.startswith(("/uitloggen/", "/admin/logout/")):
                continue  # GET does not log out, but keep the session of the sweep either way
            response = client.get(url)
            count += 1
            html = response.get("Content-Type", "").startswith("text/html")
            if pages is not None and url == good_path and response.status_code == 200 and html:
                pages[url] = response.content.decode()
            if response.status_code >= 500:
                failures.append(f"GET {url} -> {response.status_code}")
    return failures, count


def test_no_url_answers_5xx_to_a_visitor(valid_values, client):
    failures, count = _sweep(client, valid_values, admin_queries=False)
    assert count > 300
    assert not failures, "\n".join(failures)


def test_no_url_or_form_answers_5xx_to_a_superuser(valid_values, client, superuser):
    client.force_login(superuser)
    pages = {}
    failures, count = _sweep(client, valid_values, admin_queries=True, pages=pages)
    assert count > 1000
    posted_failures, posted = _post_sweep(client, superuser, pages)
    # The sheet's admin page and a trainer's picker are among the forms posted.
    assert posted > 100
    assert not failures + posted_failures, "\n".join(failures + posted_failures)


def test_nul_characters_never_reach_a_view(seed, client):
    # In an address: no such page.
    for url in ["/tags/%00/", "/trainingen/gedeeld/%00/", "/regelgeving/barp/artikel-%00/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Pagina niet gevonden" in response.content.decode()
    # In a filter or search: dropped, the page answers as for the rest.
    filtered = client.get("/dilemmas/?themablad=%00social-media")
    assert filtered.status_code == 200
    assert filtered.content == client.get("/dilemmas/?themablad=social-media").content
    # In a posted form: refused whole with the Dutch 400 page.
    response = client.post("/inloggen/", {"username": "a\x00", "password": "b"})
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()
    # In a cookie: ignored, as if not sent.
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/").status_code == 200


def test_a_crafted_dilemma_id_on_the_sheet_admin_is_a_form_error(make_themablad, client, superuser):
    sheet = make_themablad(status="concept")
    client.force_login(superuser)
    data = form_data(client.get(change_url(sheet)).content.decode())
    for value in ["abc", HUGE]:
        crafted = {
            **data,
            "placements-TOTAL_FORMS": "1",
            "placements-0-position": "1",
            "placements-0-dilemma": value,
            "_continue": "1",
        }
        response = client.post(change_url(sheet), crafted)
        assert response.status_code == 200, value
        html = response.content.decode()
        assert 'name="placements-0-dilemma"' in html  # the inline took the crafted row
        assert "errorlist" in html
    assert not Revision.objects.exists()


def test_crafted_ids_in_the_trainers_picker_are_a_form_error(seed, client, superuser):
    training = trainingen.create_training(owner=superuser, title="Gekraakt")
    client.force_login(superuser)
    for field in ["dilemma", "casus", "transitie"]:
        for value in ["abc", HUGE, "-1"]:
            response = client.post(f"/trainingen/{training.pk}/toevoegen/", {field: value})
            assert response.status_code == 200
            assert "bestaat niet (meer)" in response.content.decode()
    assert not training.items.exists()


def test_a_very_long_user_name_is_a_failed_sign_in_on_both_login_pages(client, db):
    # django-axes records the failure; its column holds 255 characters (a 500 on PostgreSQL).
    for url in ["/inloggen/", "/admin/login/"]:
        response = client.post(url, {"username": "é" * 300, "password": "geheim"})
        assert response.status_code == 200, url  # the form again, with its message
        assert "_auth_user_id" not in client.session
