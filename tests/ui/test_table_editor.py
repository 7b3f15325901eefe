"""Tables driven by keys like a clerk used to Excel/WPS: Tab along a row, Enter down, out of the
table at either end, the context menu's row edits, paste counts, last year's column."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from kexie_desktop.core.money import Money
from kexie_desktop.core.schema import Field
from kexie_desktop.core.values import Invalid
from kexie_desktop.services.editing import ReportEditor
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.ui.section_form import SectionForm
from kexie_desktop.ui.session import Session
from kexie_desktop.ui.table_editor import TableEditor

from .conftest import sample_id

KEY = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class Form:
    """One section's form on a session, refreshed after each edit as the window does."""

    def __init__(self, qtbot, workspace: Workspace, report_id: int, section: str) -> None:  # type: ignore[no-untyped-def]
        report = workspace.load(report_id)
        previous = workspace.load(report.based_on) if report.based_on else None
        self.session = Session(ReportEditor(workspace.repository, report), previous)
        self.form = SectionForm(report.schema.section(section), self.session)
        self.messages: list[str] = []
        for table in self.form.tables.values():
            table.message.connect(self.messages.append)
        self.session.changed.connect(lambda _focus: self.form.show_state(self.session.state()))
        qtbot.addWidget(self.form)
        self.form.resize(1000, 900)
        self.form.show()
        self.form.show_state(self.session.state(), force=True)
        qtbot.waitExposed(self.form)

    def table(self, key: str) -> TableEditor:
        return self.form.tables[key]

    def rows(self, key: str):  # type: ignore[no-untyped-def]
        return self.session.report.rows(key)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "t.kexie.sqlite")
    yield ws
    ws.close()


@pytest.fixture
def open_form(qtbot, workspace: Workspace) -> Callable[[str], Form]:  # type: ignore[no-untyped-def]
    return lambda section, report_id=None: Form(
        qtbot, workspace, report_id or sample_id(workspace), section
    )


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def cell(table: TableEditor) -> tuple[int, int]:
    index = table.view.currentIndex()
    return index.row(), index.column()


def start_at(qtbot, table: TableEditor, row: int, column: int) -> None:  # type: ignore[no-untyped-def]
    table.view.window().activateWindow()  # back from a context menu
    table.view.setFocus()
    table.view.setCurrentIndex(table.model.index(row, column))
    qtbot.waitUntil(table.view.hasFocus)


def type_cell(qtbot, table: TableEditor, text: str, key: KEY = KEY.Key_Tab, modifier=None) -> None:  # type: ignore[no-untyped-def]
    """Type into the current cell (typing opens its editor) and leave it with ``key``."""
    qtbot.keyClicks(table.view, text[:1])
    editor = focused()
    assert editor is not None
    assert editor is not table.view, "typing opens the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key, modifier or Qt.KeyboardModifier.NoModifier)


# -- moving --------------------------------------------------------------------------------------


def test_tab_moves_right_and_enter_returns_to_the_column_where_tabbing_began(
    qtbot, open_form
) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    staff = form.table("basics.staff_categories")  # 人员类别 | 编制数 | 年末实有人数
    start_at(qtbot, staff, 0, 1)
    type_cell(qtbot, staff, "12")  # 编制数, then Tab
    assert cell(staff) == (0, 2), "Tab moves right, it does not go back to column 1"
    type_cell(qtbot, staff, "11", KEY.Key_Return)  # 实有, then Enter
    assert cell(staff) == (1, 1), "Enter goes down to the column where the Tab run began"
    rows = form.rows("basics.staff_categories")
    assert (rows[0].cells["quota"], rows[0].cells["actual"]) == (12, 11)
    type_cell(qtbot, staff, "3", KEY.Key_Return)  # Enter on the last row moves on, like Tab
    assert focused() is not None
    assert focused().objectName() == "basics.retired"  # type: ignore[union-attr]
    assert form.rows("basics.staff_categories")[1].cells["quota"] == 3


def test_a_committed_cell_never_sends_the_cursor_back_to_column_one(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    staff = form.table("basics.staff_categories")
    start_at(qtbot, staff, 1, 2)
    type_cell(qtbot, staff, "5", KEY.Key_Return)  # the last row: Enter leaves the table …
    assert form.rows("basics.staff_categories")[1].cells["actual"] == 5
    assert cell(staff) == (1, 2)
    start_at(qtbot, staff, 0, 2)
    qtbot.keyClick(staff.view, KEY.Key_F2)
    editor = focused()
    assert editor is not None
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "9")
    editor.clearFocus()  # … and a click elsewhere commits too
    qtbot.waitUntil(lambda: form.rows("basics.staff_categories")[0].cells["actual"] == 9)
    assert cell(staff) == (0, 2)


def test_shift_tab_and_shift_enter_go_back(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    staff = form.table("basics.staff_categories")
    start_at(qtbot, staff, 1, 1)
    qtbot.keyClick(staff.view, KEY.Key_Tab, SHIFT)
    assert cell(staff) == (1, 0)
    qtbot.keyClick(staff.view, KEY.Key_Backtab, SHIFT)  # as X11 and Windows send it
    assert cell(staff) == (0, 2), "back past the first column: the end of the row above"
    qtbot.keyClick(staff.view, KEY.Key_Return)
    assert cell(staff) == (1, 2)
    qtbot.keyClick(staff.view, KEY.Key_Return, SHIFT)
    assert cell(staff) == (0, 2)


def test_tab_leaves_the_table_at_its_last_cell_and_shift_tab_at_its_first(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    staff = form.table("basics.staff_categories")
    start_at(qtbot, staff, 1, 2)
    type_cell(qtbot, staff, "10")  # typed into the last cell, then Tab
    after = focused()
    assert after is not None
    assert after.objectName() == "basics.retired", "the next field below the table"
    assert form.rows("basics.staff_categories")[1].cells["actual"] == 10
    qtbot.keyClick(after, KEY.Key_Tab, SHIFT)  # back into the table: its last cell
    assert focused() is staff.view
    assert cell(staff) == (1, 2)
    start_at(qtbot, staff, 0, 0)
    qtbot.keyClick(staff.view, KEY.Key_Tab, SHIFT)
    before = focused()
    assert before is not None
    assert before.objectName() == "basics.staff_intro", "the field above the table"
    qtbot.keyClick(before, KEY.Key_Tab)  # forward into the table: its first cell
    assert focused() is staff.view
    assert cell(staff) == (0, 0)


def test_tab_never_cycles_inside_a_table(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    staff = form.table("basics.staff_categories")
    start_at(qtbot, staff, 0, 0)
    cells = 2 * 3
    for _ in range(cells - 1):
        qtbot.keyClick(staff.view, KEY.Key_Tab)
        assert focused() is staff.view
    qtbot.keyClick(staff.view, KEY.Key_Tab)
    assert focused() is not staff.view


def test_ctrl_enter_adds_a_row_below_and_goes_to_its_first_cell(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    changes = form.table("basics.staff_changes")
    count = len(form.rows("basics.staff_changes"))
    start_at(qtbot, changes, 0, 1)
    first = form.rows("basics.staff_changes")[0].id
    type_cell(qtbot, changes, "in", KEY.Key_Return, CTRL)  # commits, then adds below
    rows = form.rows("basics.staff_changes")
    assert len(rows) == count + 1
    assert rows[0].id == first
    assert rows[0].cells["event"] == "in"
    assert rows[1].cells == {}
    assert cell(changes) == (1, 0)
    assert changes.view.hasFocus()
    form.session.undo()
    assert len(form.rows("basics.staff_changes")) == count
    assert changes.buttons["add"].isVisible()
    assert changes.buttons["add"].focusPolicy() == Qt.FocusPolicy.NoFocus


# -- the context menu ----------------------------------------------------------------------------

# The offscreen platform cannot raise a popup or grab the keyboard for it; the menu works anyway.
menu_warnings = pytest.mark.qt_log_ignore("This plugin does not support")


def choose(
    qtbot, table: TableEditor, action: str, open_with=(KEY.Key_Menu, None)
) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Open the context menu by key (or with the right mouse button on the cell ``open_with``
    names), note which actions are enabled, and choose ``action``."""
    enabled: dict[str, bool] = {}

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        for item in menu.actions():
            if item.objectName():
                enabled[item.objectName()] = item.isEnabled()
        chosen = menu.findChild(type(menu.actions()[0]), action)
        menu.close()
        if chosen is not None and chosen.isEnabled():
            chosen.trigger()

    QTimer.singleShot(0, pick)
    if isinstance(open_with, QModelIndex):
        at = table.view.visualRect(open_with).center()
        viewport = table.view.viewport()
        qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=at)  # selects the cell
        # … and the window system follows a right click with this event (offscreen does not).
        reason = QContextMenuEvent.Reason.Mouse
        QApplication.sendEvent(viewport, QContextMenuEvent(reason, at, viewport.mapToGlobal(at)))
    else:
        key, modifier = open_with
        qtbot.keyClick(table.view, key, modifier or Qt.KeyboardModifier.NoModifier)
    return enabled


@menu_warnings
def test_context_menu_moves_inserts_and_deletes_rows_each_one_undo_step(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.duties")
    duties = form.table("basics.duties")
    texts = [row.cells["text"] for row in form.rows("basics.duties")]
    start_at(qtbot, duties, 3, 0)
    enabled = choose(qtbot, duties, "move_down", duties.model.index(0, 0))  # a right click
    assert not enabled["move_up"], "上移 is greyed out on the first row"
    assert all(enabled[name] for name in ("move_down", "delete_row", "insert_above", "copy"))
    assert [row.cells["text"] for row in form.rows("basics.duties")][:2] == [texts[1], texts[0]]
    assert cell(duties) == (1, 0), "the cursor follows the moved row"
    choose(qtbot, duties, "insert_above", (KEY.Key_F10, SHIFT))
    rows = form.rows("basics.duties")
    assert len(rows) == len(texts) + 1
    assert rows[1].cells == {}
    assert rows[2].cells["text"] == texts[0]
    assert cell(duties) == (1, 0)
    choose(qtbot, duties, "delete_row")
    assert [row.cells["text"] for row in form.rows("basics.duties")][:2] == [texts[1], texts[0]]
    form.session.undo()  # the deletion
    form.session.undo()  # the insertion
    form.session.undo()  # the move
    assert [row.cells["text"] for row in form.rows("basics.duties")] == texts
    last = len(texts) - 1
    start_at(qtbot, duties, last, 0)
    assert not choose(qtbot, duties, "move_down")["move_down"], "下移 greyed on the last row"


@menu_warnings
def test_insert_below_in_the_middle_and_alt_arrows_move(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    staff = form.table("basics.staff_categories")
    names = [row.cells["category"] for row in form.rows("basics.staff_categories")]
    start_at(qtbot, staff, 0, 1)
    choose(qtbot, staff, "insert_below")
    rows = form.rows("basics.staff_categories")
    assert [row.cells.get("category") for row in rows] == [names[0], None, names[1]]
    qtbot.keyClick(staff.view, KEY.Key_Up, ALT)
    assert [row.cells.get("category") for row in form.rows("basics.staff_categories")] == [
        None,
        *names,
    ]
    qtbot.keyClick(staff.view, KEY.Key_Delete, CTRL)
    assert [r.cells.get("category") for r in form.rows("basics.staff_categories")] == names


@menu_warnings
def test_a_final_report_offers_only_copy(qtbot, open_form, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    form.session.editor.read_only_reason = "只读"
    form.session.invalidate()
    staff = form.table("basics.staff_categories")
    start_at(qtbot, staff, 0, 0)
    enabled = choose(qtbot, staff, "delete_row")
    assert enabled["copy"]
    assert not any(v for k, v in enabled.items() if k != "copy")
    assert len(form.rows("basics.staff_categories")) == 2
    qtbot.keyClick(staff.view, KEY.Key_Return, CTRL)
    assert len(form.rows("basics.staff_categories")) == 2
    assert form.messages[-1] == "这份报告现在只能查看，不能修改表格。"


# -- paste ---------------------------------------------------------------------------------------


def paste(qtbot, table: TableEditor, text: str) -> None:  # type: ignore[no-untyped-def]
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(table.view, KEY.Key_V, CTRL)


def test_paste_overwrites_appends_and_says_how_much_it_wrote(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    changes = form.table("basics.staff_changes")
    count = len(form.rows("basics.staff_changes"))
    start_at(qtbot, changes, count - 1, 0)
    paste(
        qtbot, changes, "2021年10月\t调入一名\r\n2021年11月\t退休一名\r\n2021年12月\t调出一名\r\n"
    )
    rows = form.rows("basics.staff_changes")
    assert len(rows) == count + 2
    assert [r.cells["month"] for r in rows[-3:]] == ["2021年10月", "2021年11月", "2021年12月"]
    assert form.messages[-1] == "已粘贴 3 行 6 格，新增 2 行。"
    selected = {(i.row(), i.column()) for i in changes.view.selectedIndexes()}
    assert selected == {(r, c) for r in range(count - 1, count + 2) for c in (0, 1)}
    form.session.undo()
    assert len(form.rows("basics.staff_changes")) == count


def test_paste_of_unreadable_figures_keeps_them_as_typed_and_says_so(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    staff = form.table("basics.staff_categories")
    start_at(qtbot, staff, 0, 1)
    paste(qtbot, staff, "１２\t十一\n3\t2")  # full-width digits read; 十一 cannot be
    rows = form.rows("basics.staff_categories")
    assert rows[0].cells["quota"] == 12
    assert isinstance(rows[0].cells["actual"], Invalid)
    assert rows[0].cells["actual"].raw == "十一"
    assert (rows[1].cells["quota"], rows[1].cells["actual"]) == (3, 2)
    assert form.messages[-1] == "已粘贴 2 行 4 格；其中 1 格无法识别，已按原样保留并标出，请核对。"
    tip = staff.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "整数" in tip or "人数" in tip or "错误" in tip


def test_a_block_too_wide_is_refused_whole(qtbot, open_form) -> None:  # type: ignore[no-untyped-def]
    form = open_form("basics.staff")
    staff = form.table("basics.staff_categories")
    before = [dict(r.cells) for r in form.rows("basics.staff_categories")]
    start_at(qtbot, staff, 0, 1)
    paste(qtbot, staff, "1\t2\t3\n4\t5\t6")
    assert [dict(r.cells) for r in form.rows("basics.staff_categories")] == before
    assert form.messages[-1].startswith("复制的内容有 3 列，从“编制数”列起只能填 2 列，没有粘贴。")


# -- last year's figures -------------------------------------------------------------------------


def test_last_years_figures_are_a_greyed_read_only_column(
    qtbot, open_form, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    new_id = workspace.create_from_previous(sample_id(workspace))
    form = open_form("general.project", new_id)
    groups = form.table("transfer.groups")
    headers = [
        groups.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(groups.model.columnCount())
    ]
    assert headers == ["项目名称＊", "项目个数（个）＊", "上年数", "小计（万元）＊", "上年数"]
    assert groups.model.index(0, 4).data() == "60.00"
    assert groups.model.index(0, 3).data() == ""
    assert not groups.model.flags(groups.model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable
    items = groups.children_[0]
    assert items.model.columnCount() == 3
    start_at(qtbot, groups, 0, 1)
    type_cell(qtbot, groups, "4")
    assert cell(groups) == (0, 3), "Tab skips last year's column"
    type_cell(qtbot, groups, "60")
    row = form.rows("transfer.groups")[0]
    assert (row.cells["stated_count"], row.cells["subtotal"]) == (4, Money.from_wan(60))
    assert cell(groups) == (1, 0)
    start_at(qtbot, groups, 0, 2)
    paste(qtbot, groups, "9")
    assert form.messages[-1].startswith("“上年数”一列只供对照")
    staff = open_form("basics.staff", new_id).table("basics.staff_categories")
    assert staff.model.columnCount() == 5


def test_a_report_without_last_year_has_no_last_year_column(open_form) -> None:  # type: ignore[no-untyped-def]
    groups = open_form("general.project").table("transfer.groups")
    columns: tuple[Field, ...] = groups.table.columns
    assert groups.model.columnCount() == len(columns)


def test_in_the_window_tab_goes_from_the_last_cell_to_the_next_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.select("basics.staff")
    staff = window.forms["basics.staff"].tables["basics.staff_categories"]
    start_at(qtbot, staff, 1, 2)
    qtbot.keyClick(staff.view, KEY.Key_Tab)
    after = focused()
    assert after is not None
    assert after.objectName() == "basics.retired"
    qtbot.keyClick(after, KEY.Key_Tab, SHIFT)
    assert focused() is staff.view
    assert cell(staff) == (1, 2)


# -- Chinese typed straight onto a cell ----------------------------------------------------------


def _commit(widget: QWidget, text: str, preedit: str = "") -> None:
    """What an input method sends: a composition (pinyin being typed), then the text chosen."""
    if preedit:
        QApplication.sendEvent(widget, QInputMethodEvent(preedit, []))
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("preedit", ["", "kaizhan"], ids=["committed at once", "composed"])
def test_chinese_typed_onto_a_cell_opens_it_with_that_text(qtbot, open_form, preedit: str) -> None:  # type: ignore[no-untyped-def]
    """A full-width "，" or a phrase an input method commits without composing first used to
    open the cell empty, the text lost; composed pinyin always worked."""
    form = open_form("basics.duties")
    table = form.table("basics.duties")
    start_at(qtbot, table, 0, 0)
    _commit(table.view, "开展", preedit)
    editor = focused()
    assert editor is not None
    assert editor is not table.view
    qtbot.keyClick(editor, KEY.Key_Return)
    assert form.rows("basics.duties")[0].cells["text"] == "开展"
