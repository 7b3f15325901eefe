"""No outline in the code: a section, field or table key of any shipped template appears only
in the template files and tests, never in the program (its strings, comments or docstrings).
A new outline is a new file, not new code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kexie_desktop.core.template import TemplateLibrary

SOURCE = Path(__file__).resolve().parents[2] / "src" / "kexie_desktop"


def _keys(templates: TemplateLibrary) -> set[str]:
    keys: set[str] = set()
    for template in templates.newest():
        schema = template.schema
        keys |= {section.key for section in schema.all_sections()}
        keys |= {field.key for field in schema.fields()}
        keys |= {table.key for table in schema.tables()}
    return keys


def _python_files() -> list[Path]:
    files = sorted(SOURCE.rglob("*.py"))
    assert len(files) > 30, "the source tree was not found"
    return files


def test_no_dotted_key_anywhere_in_the_source(templates: TemplateLibrary) -> None:
    dotted = sorted((k for k in _keys(templates) if "." in k), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, dotted)) + r")(?![\w])")
    found = [
        f"{path.relative_to(SOURCE)}:{number}: {match.group()}"
        for path in _python_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in pattern.finditer(line)
    ]
    assert found == []


def test_no_key_is_a_string_of_the_program(templates: TemplateLibrary) -> None:
    """Single-word keys ("header", "performance") as whole string constants."""
    keys = _keys(templates)
    found = [
        f"{path.relative_to(SOURCE)}:{node.lineno}: {node.value!r}"
        for path in _python_files()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in keys
    ]
    assert found == []


def test_the_guard_sees_a_key_planted_in_code(templates: TemplateLibrary, tmp_path: Path) -> None:
    """The scan is not vacuous: a line with a key in it is caught by the same pattern."""
    dotted = sorted(k for k in _keys(templates) if "." in k)
    assert "basic.total" in dotted
    assert "income.total" in dotted
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, dotted)) + r")(?![\w])")
    assert pattern.search('value = report.money("basic.total")')
    assert not pattern.search('value = report.money("basic.totals")')
