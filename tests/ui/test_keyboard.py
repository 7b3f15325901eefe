"""The window by keyboard alone: the focus chain of a whole section, Enter the same in every
field, section keys, the menu bar, and F4 through the problems."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kexie_desktop.ui.editors import ParagraphEdit
from kexie_desktop.ui.main_window import MainWindow, pages

KEY = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(
    qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifiers)
    return focused()


def test_tab_walks_a_section_from_the_list_through_every_field_to_the_findings(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.navigator.select("basics.staff")
    window.focus_navigator()
    form = window.form("basics.staff")
    chain = form.focus_chain()
    assert len(chain) >= 4
    # Tab moves cell by cell inside a table (like Excel) and leaves it after the last cell.
    stops: list[QWidget] = []
    for _ in range(200):
        widget = press(qtbot, KEY.Key_Tab)
        if widget is window.findings_panel.show_missing:
            break
        if not stops or stops[-1] is not widget:
            stops.append(widget)
    assert stops == chain  # no invisible stop, nothing skipped, in the form's order
    # and back: Shift+Tab from the first field returns to the section list
    chain[0].setFocus()
    assert press(qtbot, KEY.Key_Backtab) is window.navigator


def test_enter_moves_on_in_every_field_and_ctrl_enter_starts_a_line(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.navigator.select("basics.duties")
    chain = window.form("basics.duties").focus_chain()
    paragraph = next(w for w in chain if isinstance(w, ParagraphEdit))
    paragraph.setFocus()
    paragraph.moveCursor(paragraph.textCursor().MoveOperation.End)
    before = paragraph.toPlainText()
    qtbot.keyClick(paragraph, KEY.Key_Return, CTRL)
    qtbot.keyClicks(paragraph, "abc")
    assert paragraph.toPlainText() == before + "\nabc"
    assert focused() is paragraph
    qtbot.keyClick(paragraph, KEY.Key_Return)  # Enter: on to the next stop, text unchanged
    assert focused() is not paragraph
    assert paragraph.toPlainText() == before + "\nabc"
    line = window.findChild(QLineEdit, "header.unit")
    assert line is not None
    window.navigator.select("header")
    line.setFocus()
    assert press(qtbot, KEY.Key_Return) is window.form("header").focus_chain()[1]


def test_ctrl_page_keys_step_through_the_sections_to_their_first_field(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    keys = [section.key for section in pages(window.session.report.schema)]
    window.navigator.select(keys[0])
    window.form(keys[0]).focus_chain()[0].setFocus()
    for key in keys[1:]:
        widget = press(qtbot, KEY.Key_PageDown, CTRL)
        assert window.navigator.current_key() == key
        assert widget is window.form(key).focus_chain()[0]
        if isinstance(widget, QLineEdit) and widget.text():
            assert widget.selectedText() == widget.text()  # typing replaces the value
    for key in reversed(keys[:-1]):
        press(qtbot, KEY.Key_PageUp, CTRL)
        assert window.navigator.current_key() == key


def test_every_command_is_in_the_menu_bar_with_an_accelerator(window: MainWindow) -> None:
    in_menus = {
        action
        for menu in window.menuBar().actions()
        for action in menu.menu().actions()  # type: ignore[union-attr]
        if not action.isSeparator()
    }
    titles = [menu.text() for menu in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "报告(&R)", "帮助(&H)"]
    on_toolbar = set(window.commands.toolbar.actions()) - {
        a for a in window.commands.toolbar.actions() if a.isSeparator()
    }
    assert on_toolbar <= in_menus
    assert all("&" in action.text() for action in in_menus)
    keys = [k.toString() for action in in_menus for k in action.shortcuts()]
    assert len(keys) == len(set(keys)), "two commands share a key"
    assert {"Ctrl+Q", "Ctrl+PgDown", "Ctrl+PgUp", "F1", "F4", "Ctrl+E"} <= set(keys)


def test_f4_goes_to_each_problem_in_turn(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.navigator.select("header")
    window.form("header").focus_chain()[0].setFocus()
    first = window.findings_panel.current()
    assert first is None
    press(qtbot, KEY.Key_F4)
    finding = window.findings_panel.current()
    assert finding is not None
    assert window.navigator.current_key() == finding.section
    if finding.fields:
        assert focused().objectName() in {finding.fields[0], finding.fields[0].split("[")[0]} or (
            window.current_form() is window.forms[finding.section]
        )
    press(qtbot, KEY.Key_F4)
    assert window.findings_panel.current() != finding
