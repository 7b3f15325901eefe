"""A text finding in the window: the jump selects the place, one click makes the mechanical
correction (undoable), and a stale correction changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kexie_desktop.ui.editors import ParagraphEdit
from kexie_desktop.ui.main_window import MainWindow

TEXT = "我会全年开展科普活动12场,覆盖群众3万人次。"


def test_half_width_comma_is_found_selected_and_fixed_in_one_click(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window.navigator.select("basics.organization")
    field = window.findChild(ParagraphEdit, "basics.organization")
    assert field is not None
    field.setFocus()
    field.setPlainText(TEXT)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leave the field
    panel = window.findings_panel
    row = next(i for i, f in enumerate(panel.findings) if f.rule == "text.half_width")
    panel.list.setCurrentRow(row)
    finding = panel.current()
    assert finding is not None
    assert finding.fix is not None
    assert panel.fix_button.isVisible()
    assert panel.fix_button.text().startswith("改为全角标点")
    # Jumping selects the comma itself.
    panel.list.itemActivated.emit(panel.list.item(row))
    assert QApplication.focusWidget() is field
    assert field.textCursor().selectedText() == ","
    panel.list.setCurrentRow(row)
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert window.session.report.get("basics.organization") == TEXT.replace(",", "，")
    assert field.toPlainText() == TEXT.replace(",", "，")
    assert all(f.rule != "text.half_width" for f in window.session.state().findings)
    window.commands.undo_action.trigger()
    assert window.session.report.get("basics.organization") == TEXT


def test_a_stale_fix_changes_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigator.select("basics.organization")
    window.session.set_field("basics.organization", TEXT)
    finding = next(f for f in window.session.state().findings if f.rule == "text.half_width")
    window.session.set_field("basics.organization", TEXT + "又改了")
    assert finding.fix is not None
    assert not window.session.apply_fix(finding.fix)
    assert window.session.report.get("basics.organization") == TEXT + "又改了"
