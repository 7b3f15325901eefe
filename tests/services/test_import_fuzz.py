"""Hand-over files from anywhere: mangled copies of the real sample are either refused with one
Chinese message, leaving the data file unchanged, or imported exactly (what was read is what is
stored and what is exported again). Never a crash."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_desktop.core import handover
from kexie_desktop.core.report import Row
from kexie_desktop.resources import SAMPLE_REPORTS, resource
from kexie_desktop.services.workspace import Workspace, WorkspaceError

DOCUMENTS = [json.loads(resource(name).read_text(encoding="utf-8")) for name in SAMPLE_REPORTS]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.sampled_from(["", "0", "1E+3", "1_000", "+5", "95.555", "9" * 40, "\ud800", "١٢", "无"])
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


@st.composite
def mangled(draw: st.DrawFn) -> str:
    document = copy.deepcopy(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(document) if p]
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "rename"]))
        if action == "replace":
            parent[path[-1]] = draw(json_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = parent.pop(path[-1])
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    return draw(
        st.sampled_from(
            [
                text,
                "\ufeff" + text,
                text[: draw(st.integers(min_value=0, max_value=len(text)))],
                "[" * 5000 + "]" * 5000,
                text.replace('"version": 2', '"version": 2, "version": 1', 1),
                text.replace('"format"', '"format": 1' + "0" * 5000 + ', "x"', 1),
            ]
        )
    )


def _shape(tables: dict[str, list[Row]]) -> dict[str, list[Any]]:
    def rows(items: list[Row]) -> list[Any]:
        return [(row.cells, {k: rows(v) for k, v in row.children.items() if v}) for row in items]

    return {key: rows(value) for key, value in tables.items() if value}


def _fingerprint(workspace: Workspace) -> str:
    """Every row of every table of the data file, read by another connection."""
    digest = hashlib.sha256()
    with sqlite3.connect(workspace.path) as other:
        for table in ("reports", "field_values", "table_rows", "cell_values", "explanations"):
            for row in other.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path_factory.mktemp("fuzz") / "reports.sqlite")
    yield ws
    ws.close()


@settings(
    max_examples=2000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(text=mangled())
def test_a_hand_over_file_is_refused_plainly_or_imported_exactly(
    workspace: Workspace, text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = Path(tmp_path_factory.getbasetemp()) / "handover.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = _fingerprint(workspace)
    refusal = ""
    try:
        report_id = workspace.import_json(path)
    except WorkspaceError as exc:
        refusal = exc.message
    if refusal:
        assert refusal.startswith(("“handover.json”", "无法读取"))
        assert "\n" not in refusal
        assert _fingerprint(workspace) == before
        return
    expected = handover.loads(text, workspace.templates)
    stored = workspace.load(report_id)
    assert stored.template is expected.template
    assert stored.values == expected.values
    # A row the file gives no id gets a new one: compare the rows' contents and nesting.
    assert _shape(stored.tables) == _shape(expected.tables)
    assert handover.loads(handover.dumps(stored), workspace.templates).values == stored.values
    workspace.delete(report_id)
