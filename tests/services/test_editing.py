"""The Qt-free editing service: edits, undo/redo, the save queue, totals and sentences."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_desktop.core.checks.relations import evaluate
from kexie_desktop.core.findings import Severity
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Status
from kexie_desktop.core.schema import Comparison
from kexie_desktop.core.template.render import preview
from kexie_desktop.core.totals import computed_totals
from kexie_desktop.core.values import Invalid
from kexie_desktop.services.edit_steps import EditError, rows_at
from kexie_desktop.services.editing import ReportEditor, parse_tsv
from kexie_desktop.services.exporting import export_pdf
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.storage import ReportRepository, StorageError, StorageErrorKind


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "r.kexie.sqlite")
    yield ws
    ws.close()


def sample_id(workspace: Workspace) -> int:
    """The built-in sample (郴州市科协 2021); a new file may hold other templates' examples too."""
    return next(
        summary.id
        for summary in workspace.list_reports()
        if summary.is_sample and summary.template_id == "hunan-dept-selfeval"
    )


@pytest.fixture
def editor(workspace: Workspace) -> ReportEditor:
    return ReportEditor(workspace.repository, workspace.load(sample_id(workspace)))


def reloaded(workspace: Workspace, editor: ReportEditor):  # type: ignore[no-untyped-def]
    return workspace.load(editor.report_id)


def rules(editor: ReportEditor) -> set[str]:
    return {finding.rule for finding in editor.findings()}


def mend_wording(editor: ReportEditor) -> None:
    """The sample's two slips of wording that are warnings, mended as the clerk would."""
    editor.set_cell("basics.staff_changes[chg1].month", "2021年3月")
    funds = editor.report.text("performance.funds")
    editor.set_field("performance.funds", funds.replace("郴州行动”深入", "郴州行动深入"))


def test_typed_figure_is_in_memory_at_once_and_on_disk_after_flush(
    workspace: Workspace, editor: ReportEditor
) -> None:
    assert "basic.sum" in rules(editor)
    editor.set_field("basic.total", "269.75")
    assert editor.report.money("basic.total") == Money.from_wan("269.75")
    assert "basic.sum" not in rules(editor)
    assert reloaded(workspace, editor).money("basic.total") == Money.from_wan("282.02")
    assert editor.has_unsaved
    editor.flush()
    assert not editor.has_unsaved
    assert reloaded(workspace, editor).money("basic.total") == Money.from_wan("269.75")


def test_unreadable_text_is_kept_and_reported(workspace: Workspace, editor: ReportEditor) -> None:
    editor.set_field("basic.total", "28２.0x")
    editor.flush()
    value = reloaded(workspace, editor).get("basic.total")
    assert isinstance(value, Invalid)
    assert value.raw == "28２.0x"
    assert "entry.unreadable" in rules(editor)


def test_keystrokes_in_one_field_undo_as_one_step(editor: ReportEditor) -> None:
    for text in ("2", "26", "269", "269.7", "269.75"):
        editor.set_field("basic.total", text)
    editor.seal()
    editor.set_field("basic.personnel", "1")
    editor.undo()
    assert editor.report.money("basic.personnel") == Money.from_wan("238.02")
    editor.undo()
    assert editor.report.money("basic.total") == Money.from_wan("282.02")
    editor.redo()
    assert editor.report.money("basic.total") == Money.from_wan("269.75")


def test_undo_is_written_to_disk(workspace: Workspace, editor: ReportEditor) -> None:
    editor.set_field("header.unit", "某某单位")
    editor.flush()
    command = editor.undo()
    assert command is not None
    assert command.focus == "header.unit"
    editor.flush()
    assert reloaded(workspace, editor).unit == "郴州市科学技术协会"


def test_rows_add_fill_move_remove_and_undo(workspace: Workspace, editor: ReportEditor) -> None:
    table = "basics.staff_changes"
    before = [row.id for row in editor.report.rows(table)]
    path = editor.add_row(table)
    row_id = path.rsplit("[", 1)[1].rstrip("]")
    editor.set_cell(f"{path}.event", "调入一人")
    assert editor.move_row(table, row_id, -1)
    editor.flush()
    stored = reloaded(workspace, editor).rows(table)
    assert [row.id for row in stored] == [*before[:-1], row_id, before[-1]]
    assert stored[-2].cells["event"] == "调入一人"
    editor.remove_row(table, row_id)
    editor.flush()
    assert [row.id for row in reloaded(workspace, editor).rows(table)] == before
    editor.undo()  # the removal
    editor.flush()
    assert reloaded(workspace, editor).rows(table)[-2].cells["event"] == "调入一人"
    for _ in range(3):
        editor.undo()
    editor.flush()
    assert [row.id for row in reloaded(workspace, editor).rows(table)] == before


def test_nested_rows_are_addressed_by_path(workspace: Workspace, editor: ReportEditor) -> None:
    group = editor.report.rows("transfer.groups")[1]
    items = f"transfer.groups[{group.id}].items"
    assert "transfer.group_count" in rules(editor)
    for _ in range(6):
        editor.add_row(items)
    assert "transfer.group_count" not in rules(editor)
    editor.flush()
    assert len(rows_at(reloaded(workspace, editor), items)) == 18


def test_paste_fills_cells_and_adds_rows_as_one_step(
    workspace: Workspace, editor: ReportEditor
) -> None:
    table = "basics.staff_changes"
    count = len(editor.report.rows(table))
    block = parse_tsv("2021年1月\t调入\r\n2021年2月\t调出\r\n2021年3月\t退休\r\n")
    editor.paste(table, count - 1, 0, block)
    rows = editor.report.rows(table)
    assert len(rows) == count + 2
    assert [row.cells["month"] for row in rows[-3:]] == ["2021年1月", "2021年2月", "2021年3月"]
    editor.flush()
    assert [r.cells["event"] for r in reloaded(workspace, editor).rows(table)[-3:]] == [
        "调入",
        "调出",
        "退休",
    ]
    editor.undo()
    assert len(editor.report.rows(table)) == count


def test_parse_tsv_keeps_quoted_newlines_and_empty_cells() -> None:
    assert parse_tsv('a\t"b\nc"\n\td\n') == [["a", "b\nc"], ["", "d"]]
    assert parse_tsv("") == []


class FlakyRepository(ReportRepository):
    """Fails every write while ``failing`` is set, like a full disk."""

    failing = False

    def set_value(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.failing:
            raise StorageError(StorageErrorKind.DISK_FULL, "磁盘空间已满")
        super().set_value(*args, **kwargs)


def test_failed_write_keeps_the_edit_queued_until_it_succeeds(workspace: Workspace) -> None:
    repository = FlakyRepository(workspace.repository._db, workspace.templates)
    report_id = sample_id(workspace)
    editor = ReportEditor(repository, repository.load(report_id))
    repository.failing = True
    editor.set_field("header.contact", "张三")
    state = editor.flush()
    assert state.error is not None
    assert state.error.retryable
    assert editor.report.text("header.contact") == "张三"
    assert editor.has_unsaved
    repository.failing = False
    assert editor.flush().error is None
    assert workspace.load(report_id).text("header.contact") == "张三"


def test_explanation_handles_a_warning_and_allows_finalising(
    workspace: Workspace, editor: ReportEditor
) -> None:
    with pytest.raises(EditError):
        editor.finalise()
    editor.set_field("basic.total", "269.75")
    assert rules(editor) >= {"project.split"}  # the other error of the sample is still there
    with pytest.raises(EditError):
        editor.finalise()
    editor.set_field("project.own_level", "134.81")  # 234.81 = 134.81 + 100
    assert "project.split" not in rules(editor)
    mend_wording(editor)
    warning = next(f for f in editor.findings() if f.rule == "transfer.group_count")
    assert [f.rule for f in editor.blocking()] == ["transfer.group_count"]
    with pytest.raises(EditError):
        editor.finalise()
    editor.explain(warning.key, "另 6 个学会由省科协直接拨付。")
    assert editor.blocking() == []
    editor.finalise()
    assert reloaded(workspace, editor).status is Status.FINAL
    assert reloaded(workspace, editor).explanations[warning.key].startswith("另 6 个")
    with pytest.raises(EditError):
        editor.set_field("header.contact", "李四")
    editor.reopen()
    editor.set_field("header.contact", "李四")
    assert reloaded(workspace, editor).status is Status.DRAFT


def test_read_only_editor_refuses_edits(workspace: Workspace) -> None:
    report = workspace.load(sample_id(workspace))
    editor = ReportEditor(workspace.repository, report, read_only=True)
    with pytest.raises(EditError):
        editor.set_field("header.contact", "李四")


def test_computed_totals_show_the_sum_and_the_difference(editor: ReportEditor) -> None:
    shown = computed_totals(evaluate(editor.report))
    basic = shown["basic.total"]
    assert basic.rule == "basic.sum"
    assert basic.parts_label == "人员经费 + 公用经费"
    assert basic.computed_text == "269.75"
    assert basic.difference_text == "12.27"
    assert basic.severity is Severity.ERROR
    assert not basic.agrees
    assert not basic.counts_rows
    project = shown["project.total"]  # 项目支出 = 本级支出 + 转移支付
    assert project.rule == "project.split"
    assert project.computed_text == "334.81"
    assert project.severity is Severity.ERROR
    assert not project.agrees
    group = editor.report.rows("transfer.groups")[1]
    count = shown[f"transfer.groups[{group.id}].stated_count"]
    assert count.counts_rows
    assert count.computed_text == "12 个"
    assert count.severity is Severity.WARNING
    assert not count.agrees
    three = shown["basic.public"]
    assert three.comparison is Comparison.AT_LEAST
    assert three.agrees
    # The same evaluation as the findings: fixing the figure clears both.
    editor.set_field("basic.total", "269.75")
    fixed = computed_totals(evaluate(editor.report))["basic.total"]
    assert fixed.agrees
    assert fixed.difference_text == ""
    assert "basic.sum" not in rules(editor)


def test_standard_sentence_follows_the_figures(editor: ReportEditor) -> None:
    editor.set_field("basic.total", "300")
    sentence = preview(editor.report, "general.basic")
    assert sentence is not None
    assert "基本支出300万元" in sentence
    assert preview(editor.report, "fund") == "无。"
    # A section that prints only the clerk's own texts, as they are, has no preview.
    assert preview(editor.report, "basics.organization") is None


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["header.contact", "basic.total", "performance.usage_rate"]),
            st.text(alphabet="0123456789.,元张三 ", max_size=6),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_undoing_everything_restores_the_report(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, str, bool]]
) -> None:
    ws = Workspace.open(tmp_path_factory.mktemp("h") / "r.kexie.sqlite")
    try:
        report_id = sample_id(ws)
        editor = ReportEditor(ws.repository, ws.load(report_id))
        original = ws.load(report_id).values
        for key, text, leave in edits:
            editor.set_field(key, text)
            if leave:
                editor.seal()
        while editor.undo() is not None:
            pass
        assert editor.report.values == original
        editor.flush()
        assert ws.load(report_id).values == original
    finally:
        ws.close()


def test_previous_cell_follows_carried_over_rows(workspace: Workspace) -> None:
    from kexie_desktop.core.carry_over import next_year_report
    from kexie_desktop.services.editing import previous_cell

    last_year = workspace.load(sample_id(workspace))
    this_year = next_year_report(last_year)
    item = this_year.rows("transfer.groups")[1].rows("items")[3]
    path = f"transfer.groups[grp2].items[{item.id}].amount"
    assert item.cells.get("amount") is None
    assert previous_cell(last_year, path) == Money.from_wan("9")  # 市航模协会
    assert previous_cell(last_year, "transfer.groups[grp2].items[new1].amount") is None
    assert previous_cell(None, path) is None


@pytest.mark.parametrize("kind_key", ["problems.text", "basic.total", "header.date"])
def test_a_lone_surrogate_is_replaced_reported_and_never_blocks_saving(
    workspace: Workspace, editor: ReportEditor, kind_key: str, tmp_path: Path
) -> None:
    """Text a keyboard cannot type (half a UTF-16 pair) used to wedge the save queue."""
    editor.set_field(kind_key, "甲\ud800乙")
    typed = editor.report.get(kind_key)
    assert isinstance(typed, Invalid)
    assert typed.raw == "甲\ufffd乙"
    assert any(f.fields[0] == kind_key and "无法保存的字符" in f.message for f in editor.findings())
    editor.set_field("other.text", "之后的修改")
    assert editor.flush().error is None
    stored = reloaded(workspace, editor)
    value = stored.get(kind_key)  # kept with the replacement character, read again
    assert (value.raw if isinstance(value, Invalid) else value) == "甲\ufffd乙"
    assert stored.text("other.text") == "之后的修改"
    editor.explain("transfer.group_count:grp2", "说明\udfff")
    assert editor.flush().error is None
    assert reloaded(workspace, editor).explanations["transfer.group_count:grp2"] == "说明\ufffd"
    export_pdf(editor.report, tmp_path / "report.pdf")  # and the report still prints


def test_an_edit_that_fails_is_set_aside_and_the_others_are_saved(
    workspace: Workspace, editor: ReportEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ReportRepository.set_value
    broken = {"basic.note"}

    def set_value(self: ReportRepository, report_id: int, key: str, value: object) -> None:
        if key in broken:
            raise RuntimeError("a bug in one write")
        real(self, report_id, key, value)  # type: ignore[arg-type]

    monkeypatch.setattr(ReportRepository, "set_value", set_value)
    editor.set_field("basic.note", "先输入的")
    editor.seal()
    editor.set_field("other.text", "后输入的")
    state = editor.flush()
    assert state.error is not None
    assert state.error.kind is StorageErrorKind.INTERNAL
    assert "日志" in state.error.message
    assert editor.has_unsaved  # the failed edit is kept
    assert reloaded(workspace, editor).text("other.text") == "后输入的"  # the next one went on
    broken.clear()
    assert editor.flush().error is None
    assert not editor.has_unsaved
    assert reloaded(workspace, editor).text("basic.note") == "先输入的"
