"""The scoring table (自评表) in the window, driven by keys on the sample (example scores, total
96.15 优): typed scores move the subtotals, the total and the grade; a score above its points is
red and an error; computed leaves are locked and follow the figures; Tab walks the editable
cells and leaves; a finding's jump selects its cell; unreadable text stays with its message."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from kexie_desktop.core.values import Invalid
from kexie_desktop.ui import style
from kexie_desktop.ui.kept_threads import wait_for_threads
from kexie_desktop.ui.main_window import MainWindow
from kexie_desktop.ui.score_form import ScoreTable
from kexie_desktop.ui.score_model import INDENT, Column

KEY = Qt.Key
ROLE = Qt.ItemDataRole
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_scores(window: MainWindow) -> ScoreTable:
    window.show_section("scores")
    form = window.current_form()
    assert form is not None
    assert form.scores is not None
    return form.scores


def row_of(table: ScoreTable, key: str) -> int:
    return next(i for i, (_, node) in enumerate(table.model.indicators) if node.key == key)


def shown(table: ScoreTable, key: str, column: Column = Column.SCORE) -> str:
    return str(table.model.index(row_of(table, key), column).data())


def start_at(qtbot, table: ScoreTable, key: str, column: Column = Column.SCORE) -> None:  # type: ignore[no-untyped-def]
    table.view.setFocus()
    table.view.setCurrentIndex(table.model.index(row_of(table, key), column))
    qtbot.waitUntil(table.view.hasFocus)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Keys for ASCII; Chinese arrives as the input method's commit, as on a clerk's PC."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_cell(qtbot, table: ScoreTable, text: str, key: KEY = KEY.Key_Return) -> None:  # type: ignore[no-untyped-def]
    """Type into the current cell and leave it with ``key``: a key opens the cell's editor and
    is its first character; Chinese text goes in after F2 (the input method's commit)."""
    first = text[:1] if text.isascii() else ""
    if first:
        qtbot.keyClicks(table.view, first)
    else:
        qtbot.keyClick(table.view, KEY.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None
    assert editor is not table.view, "typing opens the cell's editor"
    if not first:
        editor.selectAll()  # as typing does: the new text replaces the old
    type_text(qtbot, editor, text[len(first) :])
    qtbot.keyClick(editor, key)


def score_cell(qtbot, table: ScoreTable, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    start_at(qtbot, table, key)
    type_cell(qtbot, table, text)


def background(table: ScoreTable, key: str, column: Column) -> str:
    colour = table.model.index(row_of(table, key), column).data(ROLE.BackgroundRole)
    return colour.name() if isinstance(colour, QColor) else ""


def test_the_sample_shows_its_tree_subtotals_and_total(window: MainWindow) -> None:
    table = open_scores(window)
    assert table.total.text() == "合计 96.15 分（优），高出优的下限 6.15 分"
    assert shown(table, "decision") == "14.5"  # a first-level subtotal
    assert shown(table, "goals") == "5.5"  # a second-level subtotal
    assert shown(table, "goal_clarity", Column.REASON).startswith("部分绩效指标")
    assert shown(table, "decision", Column.INDICATOR) == "决策"  # indented by its level
    assert shown(table, "goals", Column.INDICATOR) == INDENT + "目标设定"
    assert shown(table, "goal_fit", Column.INDICATOR) == 2 * INDENT + "绩效目标合理性"
    totals = table.model.index(table.model.total_row, Column.SCORE)
    assert totals.data() == "96.15"
    # The generated score and reason fields are cells of the table, not rows of the form.
    form = window.current_form()
    assert form is not None
    assert "scores.budget" in form.fields
    assert not any(key.endswith((".score", ".reason")) for key in form.fields)


def test_typing_a_score_updates_subtotals_total_and_grade_in_one_undo_step(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    score_cell(qtbot, table, "goal_fit", "1")
    assert window.session is not None
    assert window.session.report.get("scores.goal_fit.score") == Decimal(1)
    assert shown(table, "goal_fit") == "1"
    assert shown(table, "goals") == "3.5"
    assert shown(table, "decision") == "12.5"
    assert table.total.text() == "合计 94.15 分（优），高出优的下限 4.15 分"
    # Below full marks without a reason: a warning at the reason (and the score).
    assert background(table, "goal_fit", Column.REASON) == style.BACKGROUNDS[style.WARNING]
    # Enter went on down the score column.
    assert table.view.currentIndex().row() == row_of(table, "goal_clarity")
    window.session.undo()
    assert window.session.report.get("scores.goal_fit.score") == Decimal(3)
    assert table.total.text().startswith("合计 96.15 分（优）")


def test_a_score_above_its_points_is_red_and_an_error(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    score_cell(qtbot, table, "goal_fit", "4")  # 3 points
    cell = table.model.index(row_of(table, "goal_fit"), Column.SCORE)
    assert cell.data(ROLE.ForegroundRole) == QColor(style.COLOURS[style.ERROR])
    assert background(table, "goal_fit", Column.SCORE) == style.BACKGROUNDS[style.ERROR]
    assert window.session is not None
    over = [f for f in window.session.state().findings if f.rule == "score.over"]
    assert [f.fields for f in over] == [("scores.goal_fit.score",)]
    assert "超过其分值 3 分" in str(cell.data(ROLE.ToolTipRole))
    assert "red" not in table.total.text()  # the total counts it as typed: 97.15
    assert table.total.text().startswith("合计 97.15 分")
    assert table.total.property("role") == "total-bad"


@pytest.mark.parametrize(
    ("social_benefit", "total", "grade"),
    [
        ("2.84", "合计 89.99 分（良），再得 0.01 分即为优", "良"),
        ("2.85", "合计 90 分（优），再失 0.01 分即为良", "优"),
    ],
)
def test_the_grade_at_the_boundary_of_90(
    qtbot, window: MainWindow, social_benefit: str, total: str, grade: str
) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    score_cell(qtbot, table, "social_benefit", social_benefit)  # 9 → 96.15 − 9 + it
    assert table.total.text() == total
    totals = table.model.index(table.model.total_row, Column.REASON)
    assert str(totals.data()).startswith(grade)


def test_a_computed_leaf_is_locked_and_follows_the_figures(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    row = row_of(table, "execution_rate")
    score = table.model.index(row, Column.SCORE)
    assert not score.flags() & Qt.ItemFlag.ItemIsEditable
    assert score.data() == "7.8"
    assert background(table, "execution_rate", Column.SCORE) == "#eef0f3"
    assert "516.83 ÷ 530.00 = 97.52%" in shown(table, "execution_rate", Column.REASON)
    start_at(qtbot, table, "execution_rate")
    qtbot.keyClicks(table.view, "5")  # typing on a locked cell opens nothing
    assert QApplication.focusWidget() is table.view
    # A figure changed elsewhere in the form: the computed score follows, the total too.
    form = window.current_form()
    assert form is not None
    budget = form.fields["scores.budget"].editor
    budget.setFocus()
    budget.selectAll()
    qtbot.keyClicks(budget, "600")
    assert score.data() == "6.89"  # 516.83 ÷ 600 = 86.14 % of 8 points
    assert "516.83 ÷ 600.00 = 86.14%" in str(score.data(ROLE.ToolTipRole))
    assert table.total.text().startswith("合计 95.24 分")


def test_tab_walks_the_editable_cells_and_leaves_the_table(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    form = window.current_form()
    assert form is not None
    before = form.fields["scores.three_budget"].editor  # the last field above the table
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, KEY.Key_Tab)
    assert table.view.hasFocus()
    visited = []
    while table.view.hasFocus():
        index = table.view.currentIndex()
        visited.append((index.row(), index.column()))
        qtbot.keyClick(table.view, KEY.Key_Tab)
        assert len(visited) <= 100, "Tab never left the table"
    assert visited == table.model.editable_cells()
    leaves = [i for i, (_, node) in enumerate(table.model.indicators) if node.is_leaf]
    manual = [i for i in leaves if table.model.indicators[i][1].formula is None]
    assert {cell for cell in visited if cell[1] == Column.SCORE} == {
        (row, Column.SCORE) for row in manual
    }
    assert {cell for cell in visited if cell[1] == Column.REASON} == {
        (row, Column.REASON) for row in leaves
    }
    after = QApplication.focusWidget()
    assert isinstance(after, QWidget)
    assert after.objectName() == "print-chart"
    qtbot.keyClick(after, KEY.Key_Tab, SHIFT)  # back in: the last editable cell
    assert table.view.hasFocus()
    last = table.view.currentIndex()
    assert (last.row(), last.column()) == visited[-1]


def test_enter_goes_down_the_score_column_past_computed_and_upper_rows(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    start_at(qtbot, table, "priority_share")
    qtbot.keyClick(table.view, KEY.Key_Return)
    # 过程 / 预算执行 (subtotals), 预算执行率 and 项目资金使用率 (computed) are passed over.
    assert table.view.currentIndex().row() == row_of(table, "adjustment")
    assert table.view.currentIndex().column() == Column.SCORE


def test_typing_a_score_then_tab_reason_then_enter_goes_to_the_next_leafs_score(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    start_at(qtbot, table, "goal_fit")
    type_cell(qtbot, table, "2", KEY.Key_Tab)
    type_cell(qtbot, table, "目标与职责对应不够", KEY.Key_Return)
    assert window.session is not None
    assert window.session.report.get("scores.goal_fit.reason") == "目标与职责对应不够"
    index = table.view.currentIndex()
    assert (index.row(), index.column()) == (row_of(table, "goal_clarity"), Column.SCORE)
    assert not [f for f in window.session.state().findings if f.subject == "goal_fit"]


def test_a_reason_finding_jumps_to_the_reason_cell(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    window.session.set_field("scores.quality.score", "5")  # 6 points, no reason
    window.show_section("header")
    finding = next(f for f in window.session.state().findings if f.rule == "score.reason")
    assert finding.fields[0] == "scores.quality.reason"
    window.jump_to_finding(finding)
    table = open_scores(window)
    qtbot.waitUntil(table.view.hasFocus)
    index = table.view.currentIndex()
    assert (index.row(), index.column()) == (row_of(table, "quality"), Column.REASON)
    assert "请填写扣分原因" in table.detail.text()
    # The form scrolled to the row (the table itself does not scroll).
    form = window.current_form()
    assert form is not None
    rect = table.view.visualRect(index)

    def cell_in_view() -> bool:
        top = table.view.viewport().mapTo(form.viewport(), rect.topLeft())
        return 0 <= top.y() <= form.viewport().height() - rect.height()

    qtbot.waitUntil(cell_in_view)


def test_unreadable_text_stays_in_the_cell_with_its_message(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    score_cell(qtbot, table, "goal_fit", "三分")
    assert window.session is not None
    value = window.session.report.get("scores.goal_fit.score")
    assert isinstance(value, Invalid)
    assert value.raw == "三分"
    assert shown(table, "goal_fit") == "三分"
    assert background(table, "goal_fit", Column.SCORE) == style.BACKGROUNDS[style.ERROR]
    tooltip = str(table.model.index(row_of(table, "goal_fit"), Column.SCORE).data(ROLE.ToolTipRole))
    assert value.message in tooltip
    start_at(qtbot, table, "goal_fit")
    assert value.message in table.detail.text()
    # Typing again opens the editor on a fresh value; Esc cancels and keeps what was there.
    qtbot.keyClicks(table.view, "2")
    editor = QApplication.focusWidget()
    assert editor is not None
    assert editor is not table.view
    qtbot.keyClick(editor, KEY.Key_Escape)
    assert shown(table, "goal_fit") == "三分"


def test_the_chart_picture_and_its_print_choice(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    chart = table.chart
    chart.flush()
    wait_for_threads(30_000)
    qtbot.waitUntil(lambda: chart.png is not None, timeout=30_000)
    assert chart.png is not None
    assert chart.png.startswith(b"\x89PNG")
    assert chart.picture.pixmap().width() > 0
    assert chart.print_chart.isChecked()
    chart.print_chart.click()
    assert window.session is not None
    assert window.session.report.print_chart is False
    workspace = window.workspace
    assert workspace is not None
    assert workspace.load(window.session.report.id).print_chart is False


def test_the_chart_is_redrawn_after_an_edit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    chart = table.chart
    chart.flush()
    qtbot.waitUntil(lambda: chart.png is not None, timeout=30_000)
    before = chart.png
    score_cell(qtbot, table, "social_benefit", "2")  # 效益 23 → 16: its bar is shorter
    chart.flush()
    qtbot.waitUntil(lambda: chart.png not in (None, before), timeout=30_000)


def test_a_read_only_report_locks_every_cell_and_the_print_choice(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(read_only_reason="只读打开。")
    table = open_scores(window)
    assert table.model.editable_cells() == []
    assert not table.model.index(row_of(table, "goal_fit"), Column.SCORE).flags() & (
        Qt.ItemFlag.ItemIsEditable
    )
    assert not table.chart.print_chart.isEnabled()


def test_the_help_panel_follows_the_current_row(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    window.commands.help_action.setChecked(True)
    window.toggle_help()
    start_at(qtbot, table, "goal_fit")
    qtbot.waitUntil(lambda: "绩效目标合理性" in window.help_panel.title.text())
    criterion = table.model.indicator(row_of(table, "goal_fit")).criterion  # type: ignore[union-attr]
    assert criterion in window.help_panel.text.text()
    start_at(qtbot, table, "execution_rate", Column.REASON)  # a computed leaf: how it was reached
    qtbot.waitUntil(lambda: "预算执行率" in window.help_panel.title.text())
    computed = window.session.state().scores.node("execution_rate").computed  # type: ignore[union-attr]
    assert computed is not None
    assert f"自动计分：{computed.explanation}" in window.help_panel.text.text()


def test_coming_into_the_table_without_a_current_cell_lands_on_the_first_to_fill(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    table.view.setCurrentIndex(table.model.index(-1, -1))  # none
    assert not table.view.currentIndex().isValid()
    window.navigator.setFocus()
    qtbot.waitUntil(window.navigator.hasFocus)
    table.view.setFocus(Qt.FocusReason.OtherFocusReason)  # as a field moving on by itself
    qtbot.waitUntil(table.view.hasFocus)
    first = table.model.editable_cells()[0]
    assert (table.view.currentIndex().row(), table.view.currentIndex().column()) == first


def test_a_reason_typed_in_chinese_goes_straight_into_its_cell(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    start_at(qtbot, table, "goal_fit", Column.REASON)
    event = QInputMethodEvent()
    event.setCommitString("依据不足")  # committed by the input method without composing
    QApplication.sendEvent(table.view, event)
    editor = QApplication.focusWidget()
    assert editor is not None
    assert editor is not table.view
    qtbot.keyClick(editor, KEY.Key_Return)
    assert window.session.report.text("scores.goal_fit.reason") == "依据不足"


def test_a_long_reason_makes_its_row_taller_and_the_table_with_it(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    table = open_scores(window)
    row = row_of(table, "goal_fit")
    before, table_before = table.view.rowHeight(row), table.view.height()
    window.session.set_field("scores.goal_fit.reason", "依据不够充分，" * 30)
    qtbot.waitUntil(lambda: table.view.rowHeight(row) > before)
    assert table.view.height() > table_before  # the form scrolls, never the table
    window.session.set_field("scores.goal_fit.reason", "")
    qtbot.waitUntil(lambda: table.view.rowHeight(row) == before)
