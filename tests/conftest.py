import os
import re

import pytest

from themabladen.content import load_content
from themabladen.models import Themablad

pytest_plugins = ["tests.redactie_fixtures"]


@pytest.fixture
def seed(db):
    """The full initial content, as `make run` loads it."""
    load_content()


@pytest.fixture
def make_themablad(db):
    counter = iter(range(100, 10_000))

    def make(**values):
        number = next(counter)
        values.setdefault("number", number)
        values.setdefault("title", f"Testblad {number}")
        values.setdefault("slug", f"testblad-{number}")
        values.setdefault("status", Themablad.Status.PUBLISHED)
        return Themablad.objects.create(**values)

    return make


def h1_texts(html: str) -> list[str]:
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)


# Browser tests: Playwright drives Debian's Chromium; browser downloads are blocked here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + page + ORM
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
