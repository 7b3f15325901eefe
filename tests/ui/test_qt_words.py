"""Every word of Qt's own that the clerk can meet is Chinese: the file dialog (Qt's own, as
on Linux), message-box buttons and the right-click menu of a text field."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from kexie_desktop.ui.translations import MISSING

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def words_of(root: QWidget) -> set[str]:
    """Every text, tooltip and column heading shown in ``root`` and its children."""
    texts: set[str] = set()
    for widget in [root, *root.findChildren(QWidget)]:
        for name in ("text", "toolTip", "windowTitle", "placeholderText"):
            getter = getattr(widget, name, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str):
                    texts.add(value)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                texts.add(str(model.headerData(column, Qt.Orientation.Horizontal)))
        texts.update(action.text() for action in widget.actions())
    return {text for text in texts if text}


def english(texts: set[str]) -> list[str]:
    """Texts with an English word (a key name after a tab, such as Ctrl+A, is no word)."""
    return sorted(text for text in texts if LATIN_WORD.search(text.split("\t")[0]))


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave]
)
def test_qt_s_own_file_dialog_is_chinese(qtbot, mode: QFileDialog.AcceptMode) -> None:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "导出报告交换文件", "", "报告交换文件 (*.json)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    texts = words_of(dialog)
    assert english(texts) == []
    assert "查找范围(&I)：" in texts  # supplied by our translator: Qt's file lacks it


def test_the_fill_in_translator_is_asked_only_for_what_qt_lacks() -> None:
    for (context, source), chinese in MISSING.items():
        assert QApplication.translate(context, source) == chinese
    assert QApplication.translate("QFileDialog", "&Look in:") != "&Look in:"
    # Everything else still comes from Qt's own Chinese file.
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_message_box_buttons_and_text_menus_are_chinese(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QMessageBox()
    qtbot.addWidget(box)
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Yes | buttons.No | buttons.Cancel | buttons.Ok | buttons.Close)
    assert english({button.text() for button in box.buttons()}) == []
    for editor in (QLineEdit(), QPlainTextEdit()):
        menu = editor.createStandardContextMenu()
        assert english({action.text() for action in menu.actions()}) == []
