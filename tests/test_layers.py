"""The layers stay apart: core is stdlib-only (but for Jinja, in the one module that renders
sentences), and each third-party toolkit has one home."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kexie_desktop"

# toolkit → the only sub-package allowed to import it
HOMES = {
    "sqlite_utils": "storage",
    "reportlab": "export",
    "pypdfium2": "export",  # the print preview's rasteriser (export/raster.py)
    "PySide6": "ui",
    "shiboken6": "ui",
}
# Jinja renders the templates' sentences, sandboxed, and nothing else.
JINJA_HOME = Path("core") / "template" / "sentences.py"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else ""


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_toolkits_are_imported_only_in_their_layer(path: Path) -> None:
    for name in imported_modules(path):
        top = name.split(".")[0]
        if top in HOMES:
            assert layer_of(path) == HOMES[top], f"{path.name} imports {name}"
        if top == "jinja2":
            assert path.relative_to(PACKAGE) == JINJA_HOME, f"{path.name} imports {name}"


@pytest.mark.parametrize(
    "path",
    [p for p in modules() if layer_of(p) == "core"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_core_uses_only_the_standard_library_and_itself(path: Path) -> None:
    for name in imported_modules(path):
        top = name.split(".")[0]
        if top == "kexie_desktop":
            allowed = name == "kexie_desktop" or name.startswith("kexie_desktop.core")
            assert allowed, f"core module {path.name} imports {name}"
        elif top == "jinja2":
            assert path.relative_to(PACKAGE) == JINJA_HOME, f"{path.name} imports {name}"
        else:
            assert top in sys.stdlib_module_names or top == "__future__", f"{path.name}: {name}"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlite_utils\nfrom PySide6.QtCore import Qt\n", encoding="utf-8")
    assert imported_modules(bad) == {"sqlite_utils", "PySide6.QtCore"}
