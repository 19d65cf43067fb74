"""The Nu Html Checker (vnu.jar, the W3C validator) run over pages the test client served.

The JVM takes a second to start, so pages are checked as one batch. `make install` puts the jar
in the venv (see the Makefile); on a machine without Java or the jar the checks are skipped,
except under CI, where a missing checker is a failure rather than a silent pass.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

VNU_JAR = Path(sys.prefix) / "vnu" / "vnu.jar"


def _require_checker() -> str:
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return java
    reason = f"Nu Html Checker needs java and {VNU_JAR} (make install)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def nu_errors(pages: dict[str, str]) -> dict[str, list[str]]:
    """Errors the Nu Html Checker finds, per page name; pages maps a name to its HTML."""
    java = _require_checker()
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for index, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{index}.html"
            path.write_text(html, encoding="utf-8")
            files[str(path)] = name
        done = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *files],
            capture_output=True,
            text=True,
            check=False,
        )
    found: dict[str, list[str]] = {name: [] for name in pages}
    for message in json.loads(done.stderr or '{"messages": []}')["messages"]:
        url = message.get("url", "?")
        name = files.get(url.removeprefix("file:"), url)
        line = message.get("lastLine", "?")
        found.setdefault(name, []).append(f"line {line}: {message['message']}")
    return {name: errors for name, errors in found.items() if errors}


def assert_valid_html(client, urls) -> None:
    """Fetch every url with the given Django test client and check all of them in one batch."""
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = response.content.decode()
    errors = nu_errors(pages)
    assert not errors, json.dumps(errors, indent=2, ensure_ascii=False)
