"""Paste from a spreadsheet: whatever the clipboard holds, the cells are written exactly as the
keyboard would have written them, with the counts said, or nothing is written and the clerk is
told why; one undo step; and insert-at-a-position for the tables' 插入行."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kexie_desktop.core.report import Report
from kexie_desktop.core.values import read
from kexie_desktop.services.edit_steps import EditError, rows_at, table_ref
from kexie_desktop.services.editing import (
    MAX_PASTE_ROWS,
    PasteResult,
    ReportEditor,
    parse_tsv,
    paste_result,
)
from kexie_desktop.services.workspace import Workspace


def sample_id(workspace: Workspace) -> int:
    return next(
        summary.id
        for summary in workspace.list_reports()
        if summary.is_sample and summary.template_id == "hunan-dept-selfeval"
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path_factory.mktemp("paste") / "r.kexie.sqlite")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def editor(workspace: Workspace) -> ReportEditor:
    return ReportEditor(workspace.repository, workspace.load(sample_id(workspace)))


def table_paths(report: Report) -> list[str]:
    group = report.rows("transfer.groups")[0].id
    return [
        "basics.staff_categories",
        "basics.staff_changes",
        "transfer.groups",
        f"transfer.groups[{group}].items",
        "basics.duties",
    ]


# Spreadsheet-like text: figures in every spelling, words, tabs, line ends, quotes, and
# anything else Unicode has (no lone surrogates: a clipboard never holds them).
clipboard = st.one_of(
    st.text(alphabet=st.sampled_from(list('0123456789.,-%万元１２．，张\t\n\r" ')), max_size=60),
    st.text(max_size=60),
    st.lists(
        st.lists(
            st.sampled_from(["", "12", "3.5", "十一", "2021年", "1,234.56万元", "x"]), max_size=5
        ),
        max_size=6,
    ).map(lambda rows: "\r\n".join("\t".join(cells) for cells in rows)),
)


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=clipboard, which=st.integers(0, 4), row=st.integers(0, 20), column=st.integers(0, 3))
def test_any_clipboard_writes_exactly_or_refuses_whole(
    workspace: Workspace, editor: ReportEditor, *, text: str, which: int, row: int, column: int
) -> None:
    path = table_paths(editor.report)[which]
    table = table_ref(editor.report.schema, path).table
    column %= len(table.columns)
    before = copy.deepcopy(editor.report.tables)
    undo_depth = len(editor._undo)
    result = attempt(editor, text, path, (row, column))
    event("refused" if isinstance(result, EditError) else "written")
    if isinstance(result, EditError):
        assert re.search("[\u4e00-\u9fff]", result.message), "a refusal says why, in Chinese"
        assert editor.report.tables == before, "a refused paste changes nothing"
        assert len(editor._undo) == undo_depth
        return
    block = parse_tsv(text)
    rows = rows_at(editor.report, path)
    start = min(row, len(_rows(before, path, editor)))
    columns = table.columns[column:]
    assert result.rows == len(block)
    assert result.cells == sum(len(line) for line in block)
    assert len(rows) == len(_rows(before, path, editor)) + result.added
    for offset, line in enumerate(block):
        written = rows[start + offset]
        for field, cell_text in zip(columns, line, strict=False):
            assert written.cells.get(field.key) == read(field.kind, cell_text)
        untouched = [f for f in table.columns if f not in columns[: len(line)]]
        old = _rows(before, path, editor)
        if start + offset < len(old):
            for field in untouched:
                assert written.cells.get(field.key) == old[start + offset].cells.get(field.key)
        else:
            assert all(written.cells.get(f.key) is None for f in untouched)
    assert rows[:start] == _rows(before, path, editor)[:start]
    editor.flush()
    assert workspace.load(editor.report_id).tables == editor.report.tables
    if len(editor._undo) > undo_depth:  # one step, undone whole
        assert len(editor._undo) == undo_depth + 1
        editor.undo()
    assert editor.report.tables == before


def attempt(
    editor: ReportEditor, text: str, path: str, at: tuple[int, int]
) -> PasteResult | EditError:
    """Paste ``text`` as the window does: read the clipboard, then paste the block."""
    try:
        return editor.paste(path, *at, parse_tsv(text))
    except EditError as refusal:
        return refusal


def _rows(tables: dict, path: str, editor: ReportEditor) -> list:  # type: ignore[type-arg]
    """The rows at ``path`` in a copy of the report's tables."""
    snapshot = copy.copy(editor.report)
    snapshot.tables = tables
    return rows_at(snapshot, path)


def test_counts_and_the_message(editor: ReportEditor) -> None:
    path = "basics.staff_changes"
    count = len(editor.report.rows(path))
    block = parse_tsv("2022年1月\t调入\n2022年2月\t调出\n2022年3月\t退休\n")
    result = paste_result(editor.report, path, count - 1, 0, block)
    assert (result.rows, result.cells, result.added, result.unreadable) == (3, 6, 2, 0)
    assert result.message == "已粘贴 3 行 6 格，新增 2 行。"
    assert editor.report.rows(path)[-1].cells.get("month") != "2022年3月", "only counted"
    staff = paste_result(editor.report, "basics.staff_categories", 0, 1, [["12", "十一"]])
    assert staff.message == "已粘贴 1 行 2 格；其中 1 格无法识别，已按原样保留并标出，请核对。"


def test_refusals(editor: ReportEditor) -> None:
    path = "basics.staff_categories"
    with pytest.raises(EditError, match="没有可粘贴的内容"):
        paste_result(editor.report, path, 0, 0, [])
    with pytest.raises(EditError, match="复制的内容有 3 列，从“编制数”列起只能填 2 列"):
        paste_result(editor.report, path, 0, 1, [["1", "2", "3"]])
    with pytest.raises(EditError, match=f"一次最多粘贴 {MAX_PASTE_ROWS} 行"):
        paste_result(editor.report, path, 0, 0, [["x"]] * (MAX_PASTE_ROWS + 1))
    with pytest.raises(EditError, match="无法按表格读取"):
        parse_tsv("x" * 200_000)  # beyond the csv reader's cell limit


def test_insert_row_at_a_position_is_one_undo_step(workspace: Workspace) -> None:
    editor = ReportEditor(workspace.repository, workspace.load(sample_id(workspace)))
    path = "basics.duties"
    ids = [row.id for row in editor.report.rows(path)]
    added = editor.add_row(path, 1)
    rows = editor.report.rows(path)
    assert [row.id for row in rows] == [ids[0], added.rsplit("[", 1)[1].rstrip("]"), *ids[1:]]
    editor.flush()
    assert [r.id for r in workspace.load(editor.report_id).rows(path)] == [r.id for r in rows]
    editor.undo()
    assert [row.id for row in editor.report.rows(path)] == ids
