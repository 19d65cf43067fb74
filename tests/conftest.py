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
