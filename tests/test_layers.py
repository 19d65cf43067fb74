"""Lower layers never import higher ones, not even inside a function, so there are no circles.

The layers, lowest first:

- shared helpers: portal.tagging, portal.pdf, portal.security, portal.templatetags,
  portal.caching, portal.logs, portal.compiled, portal.urlnames;
- themabladen (the sheets);
- casuistiek and dilemmas, which hang on the sheets;
- themabladen.sections, the one description of a sheet's parts, over all three;
- portal.redactie (editing and review) and portal.search, which work on all content.

Inside an app, the modules that wire things together sit above all layers and may import
anything: admin, views, urls, apps, the content loader, management commands. The site's own
portal.views, portal.urls and settings are such wiring too. Inside portal.search and
portal.redactie the modules have an order of their own (PACKAGE_LEVELS): the search models never
import the engine that queries them, and so on.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("themabladen", "dilemmas", "casuistiek", "portal")

APP_LAYERS = [
    {
        "portal.tagging",
        "portal.pdf",
        "portal.security",
        "portal.templatetags",
        "portal.caching",
        "portal.logs",
        "portal.compiled",
        "portal.urlnames",
    },
    {"themabladen"},
    {"casuistiek", "dilemmas"},
    {"themabladen.sections"},
    {"portal.redactie", "portal.search"},
]

# Within a package: a module never imports one on a higher level (listed later).
PACKAGE_LEVELS = {
    "portal.search": [
        {"analysis"},
        {"models", "lexicon"},
        {"phrases"},
        {"engine"},
        {"indexing", "suggestions", "searchlog"},
        {"service", "signals"},
    ],
    "portal.redactie": [
        {"roles"},
        {"models"},
        {"permissions", "record_versions", "snapshots", "compare"},
        {"publishing", "record_review", "overview", "record_admin"},
        {"editing"},
    ],
}

WIRING = {"admin", "apps", "content", "templatetags", "urls", "views"}


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


MODULES = project_modules()


def imported_modules(module: str, source: str, is_package: bool = False) -> set[str]:
    """Every project module `source` imports, at the top or inside a function or class."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + is_package]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod.
            names = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    return imported_modules(module, path.read_text(), is_package=path.name == "__init__.py")


GRAPH = {module: imports_of(module) for module in MODULES}


def is_wiring(module: str) -> bool:
    parts = module.split(".")
    return (
        "management" in parts
        or "settings" in parts
        or module in ("portal.wsgi", "portal.views", "portal.urls", "portal.urls_tags")
        or any(part.startswith(tuple(WIRING)) for part in parts[1:])
    )


def app_layer(module: str) -> tuple[str, int] | None:
    """The app (longest matching name in APP_LAYERS) and its layer, or None for site wiring."""
    best = None
    for level, apps in enumerate(APP_LAYERS):
        for app in apps:
            if (module == app or module.startswith(app + ".")) and (
                best is None or len(app) > len(best[0])
            ):
                best = (app, level)
    return best


def package_level(module: str) -> tuple[str, int] | None:
    package, _, name = module.rpartition(".")
    for level, names in enumerate(PACKAGE_LEVELS.get(package, [])):
        if name in names:
            return package, level
    return None


def test_the_scanner_sees_imports_inside_functions():
    source = (
        "from django.db import models\n"
        "def with_sections():\n"
        "    from dilemmas.models import Dilemma\n"
        "class Q:\n"
        "    def search(self):\n"
        "        from .engine import search_documents\n"
    )
    assert imported_modules("portal.search.models", source) == {
        "dilemmas.models",
        "portal.search.engine",
    }
    assert "portal.redactie.publishing" in GRAPH["portal.redactie.admin"]  # from . import ...


def test_lower_apps_never_import_higher_apps():
    wrong = []
    for module, imported in sorted(GRAPH.items()):
        own = app_layer(module)
        if own is None or is_wiring(module):
            continue
        for other in sorted(imported):
            theirs = app_layer(other)
            if theirs is None or is_wiring(other):
                wrong.append(f"{module} imports {other} (wiring)")
            elif theirs[1] > own[1]:
                wrong.append(f"{module} imports {other} (a higher layer)")
    assert wrong == []


def test_themabladen_builds_on_no_other_app():
    allowed = APP_LAYERS[0] | {"themabladen"}
    wrong = [
        f"{module} imports {other}"
        for module, imported in sorted(GRAPH.items())
        if module.startswith("themabladen")
        and not is_wiring(module)
        and app_layer(module)[0] == "themabladen"
        for other in sorted(imported)
        if app_layer(other) is None or app_layer(other)[0] not in allowed
    ]
    assert wrong == []


def test_modules_of_a_package_import_only_lower_levels():
    wrong = []
    for module, imported in sorted(GRAPH.items()):
        own = package_level(module)
        if own is None:
            continue
        for other in sorted(imported):
            theirs = package_level(other)
            if other.startswith(own[0] + ".") and (theirs is None or theirs[1] > own[1]):
                wrong.append(f"{module} imports {other}")
    assert wrong == []


def test_there_are_no_import_circles():
    circles, done = [], set()

    def visit(module, trail):
        if module in trail:
            circles.append(" -> ".join([*trail[trail.index(module) :], module]))
            return
        if module in done:
            return
        for other in sorted(GRAPH.get(module, ())):
            visit(other, [*trail, module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])
    assert circles == []
