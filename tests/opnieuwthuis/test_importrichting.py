"""The arrows between the parts point one way (docs/architectuur.md).

Read from the source (every ``import``, also those inside functions, where circles hide), not by
importing it. A failure names the module and the import that breaks the direction.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "opnieuwthuis"
# An app is a top-level package with an apps.py; a new app is found without editing this test.
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
ONDER = {
    # app: the apps it may never import (the layers of docs/architectuur.md)
    "taakstelling": {"gebruikers", "realisatie", "rapportage", "toezicht"},
    "gebruikers": {"realisatie", "rapportage", "toezicht"},
    "realisatie": {"gebruikers", "rapportage", "toezicht"},
}
# Modules that compute and draw without the database: no model, no selector, no django.db.
PUUR = {
    "opnieuwthuis.perioden",
    "opnieuwthuis.nederlands",
    "rapportage.berekening",
    "rapportage.grafieken",
    "rapportage.kaart",
    "rapportage.koppen",
}
# Known exceptions, each with the issue that removes it. Only these; the list may only shrink.
UITZONDERINGEN: set[tuple[str, str]] = set()  # none left (rapport.py → views went with issue 14)


def _modulenaam(pad: Path) -> str:
    delen = list(pad.relative_to(ROOT).with_suffix("").parts)
    if delen[-1] == "__init__":
        delen = delen[:-1]
    return ".".join(delen)


def _bronbestanden() -> dict[str, Path]:
    uit = {}
    for top in [PROJECT, *APPS]:
        for pad in (ROOT / top).rglob("*.py"):
            if "migrations" in pad.parts or "__pycache__" in pad.parts:
                continue
            uit[_modulenaam(pad)] = pad
    return uit


MODULES = _bronbestanden()


def _imports(naam: str, pad: Path) -> set[str]:
    """Every project module ``naam`` imports (``from x import y`` counts ``x.y`` when that is a
    module, else ``x``)."""
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    gevonden = set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            gevonden.update(a.name for a in knoop.names)
        elif isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = pakket.split(".")
                basis = basis[: len(basis) - (knoop.level - 1)]
                bron = ".".join([*basis, knoop.module] if knoop.module else basis)
            else:
                bron = knoop.module or ""
            for alias in knoop.names:
                kandidaat = f"{bron}.{alias.name}"
                gevonden.add(kandidaat if kandidaat in MODULES else bron)
    uit = set()
    for module in gevonden:
        # Keep the longest project module the import names (a.b.c -> a.b when c is a name).
        while module and module not in MODULES:
            module = module.rpartition(".")[0]
        if module and module != naam:
            uit.add(module)
    return uit


GRAAF = {naam: _imports(naam, pad) for naam, pad in MODULES.items()}


def _app(module: str) -> str:
    return module.split(".")[0]


def _toegestaan(van: str, naar: str) -> bool:
    return (van, naar) in UITZONDERINGEN


def test_the_tree_is_read():
    assert {"taakstelling", "realisatie", "rapportage", "gebruikers"} <= set(APPS)
    assert "rapportage.views" in GRAAF["rapportage.rapport.views"]  # relative, two levels up
    assert "opnieuwthuis.perioden" in GRAAF["rapportage.berekening"]


def test_the_project_package_imports_no_app():
    fout = [
        (van, naar)
        for van, naren in GRAAF.items()
        if _app(van) == PROJECT
        for naar in naren
        if _app(naar) in APPS
    ]
    assert not fout, "opnieuwthuis/ imports an app (use a signal, a setting or a registry)"


@pytest.mark.parametrize("app", sorted(ONDER))
def test_lower_apps_import_nothing_above_them(app):
    fout = [
        (van, naar)
        for van, naren in GRAAF.items()
        if _app(van) == app
        for naar in naren
        if _app(naar) in ONDER[app]
    ]
    assert not fout


def _is_view(module: str) -> bool:
    laatste = module.rpartition(".")[2]
    return laatste == "views" or laatste.endswith("_views")


def _mag_views_importeren(module: str) -> bool:
    laatste = module.rpartition(".")[2]
    return _is_view(module) or laatste == "urls" or laatste.endswith("_urls")


def test_only_views_and_urls_import_views():
    fout = [
        (van, naar)
        for van, naren in GRAAF.items()
        if not _mag_views_importeren(van)
        for naar in naren
        if _is_view(naar) and not _toegestaan(van, naar)
    ]
    assert not fout, "a domain module imports a view: move what it needs below the views"


def test_views_read_through_selectors():
    """No view builds an ORM query: a read is a function in a selectors module (which restricts
    to the user where it takes one), a write a service. ``model = X`` with ScopedViewMixin's
    restricted queryset is the scoping mechanism, not a query."""
    fout = []
    for naam, pad in MODULES.items():
        if not _is_view(naam):
            continue
        boom = ast.parse(pad.read_text(encoding="utf-8"))
        fout += [
            f"{naam}:{n.lineno}"
            for n in ast.walk(boom)
            if isinstance(n, ast.Attribute) and n.attr == "objects"
        ]
    assert not fout, f"an ORM query in a view, move it to selectors: {fout}"


def test_pure_modules_read_no_database():
    fout = [
        (van, naar)
        for van in PUUR
        for naar in GRAAF[van]
        if naar.rpartition(".")[2] in ("models", "selectors", "services")
    ]
    assert not fout
    for van in PUUR:
        boom = ast.parse(MODULES[van].read_text(encoding="utf-8"))
        namen = {n.module for n in ast.walk(boom) if isinstance(n, ast.ImportFrom) and n.module} | {
            a.name for n in ast.walk(boom) if isinstance(n, ast.Import) for a in n.names
        }
        assert not {n for n in namen if n.startswith("django.db")}, van


def test_no_import_circles_between_modules():
    """Tarjan's strongly connected components: a component of more than one module is a circle
    (the old one ran opnieuwthuis.cache → rapportage.voorbereiden → rapport → … →
    opnieuwthuis.cache). Since issue 12 there is none, also not inside one app (two modules that
    import each other inside functions hide one: rapportage.selectors ↔ rapport.brief and
    realisatie.services ↔ bestandsvorm were the last)."""
    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    cirkels: list[list[str]] = []
    teller = [0]

    def bezoek(v: str) -> None:
        index[v] = laag[v] = teller[0]
        teller[0] += 1
        stapel.append(v)
        op_stapel.add(v)
        for w in GRAAF.get(v, ()):
            if _toegestaan(v, w):
                continue
            if w not in index:
                bezoek(w)
                laag[v] = min(laag[v], laag[w])
            elif w in op_stapel:
                laag[v] = min(laag[v], index[w])
        if laag[v] == index[v]:
            deel = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                deel.append(w)
                if w == v:
                    break
            if len(deel) > 1:
                cirkels.append(sorted(deel))

    for v in sorted(GRAAF):
        if v not in index:
            bezoek(v)
    assert not cirkels, cirkels


def test_the_exceptions_are_still_needed():
    """An exception that no longer happens is deleted, so the list only shrinks."""
    for van, naar in UITZONDERINGEN:
        assert naar in GRAAF.get(van, set()), f"delete the exception {van} -> {naar}"
