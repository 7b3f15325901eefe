"""The keys of a table, as in Excel/WPS: Tab moves right, Enter moves down and returns to the
column where the Tab run began, Shift goes back; Tab past the last cell (or Shift+Tab before the
first) leaves the table, so the fields below are reached by keyboard. Ctrl+Enter adds a row."""

from __future__ import annotations

from enum import Enum, auto
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from kexie_desktop.ui.editors import is_history_key


class TableKey(Enum):
    NEXT = auto()  # Tab
    PREVIOUS = auto()  # Shift+Tab
    DOWN = auto()  # Enter
    UP = auto()  # Shift+Enter
    INSERT_BELOW = auto()  # Ctrl+Enter
    INSERT_ABOVE = auto()  # Ctrl+Shift+Enter
    DELETE_ROW = auto()  # Ctrl+Delete
    MOVE_UP = auto()  # Alt+Up
    MOVE_DOWN = auto()  # Alt+Down
    MENU = auto()  # the Menu key, Shift+F10
    COPY = auto()
    PASTE = auto()


MOVES = (TableKey.NEXT, TableKey.PREVIOUS, TableKey.DOWN, TableKey.UP)
# What a key does while a cell is being typed into: the cell is committed first. Copy, paste
# and Ctrl+Delete keep their meaning inside the cell's text; the context menu is the text's own.
WHILE_TYPING = (
    *MOVES,
    TableKey.INSERT_BELOW,
    TableKey.INSERT_ABOVE,
    TableKey.MOVE_UP,
    TableKey.MOVE_DOWN,
)
# Shown in the context menu beside the action (the keys are handled by the table itself, so a
# window shortcut for the same key never competes with them).
SHORTCUT_TEXT = {
    TableKey.INSERT_ABOVE: "Ctrl+Shift+Enter",
    TableKey.INSERT_BELOW: "Ctrl+Enter",
    TableKey.DELETE_ROW: "Ctrl+Delete",
    TableKey.MOVE_UP: "Alt+↑",
    TableKey.MOVE_DOWN: "Alt+↓",
    TableKey.COPY: "Ctrl+C",
    TableKey.PASTE: "Ctrl+V",
}

_MODIFIERS = (
    Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
_NONE = Qt.KeyboardModifier.NoModifier
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_BY_KEY = {
    (Qt.Key.Key_Tab, _NONE): TableKey.NEXT,
    (Qt.Key.Key_Tab, _SHIFT): TableKey.PREVIOUS,
    (Qt.Key.Key_Backtab, _SHIFT): TableKey.PREVIOUS,
    (Qt.Key.Key_Backtab, _NONE): TableKey.PREVIOUS,
    (Qt.Key.Key_Delete, _CTRL): TableKey.DELETE_ROW,
    (Qt.Key.Key_Up, _ALT): TableKey.MOVE_UP,
    (Qt.Key.Key_Down, _ALT): TableKey.MOVE_DOWN,
    (Qt.Key.Key_Menu, _NONE): TableKey.MENU,
    (Qt.Key.Key_F10, _SHIFT): TableKey.MENU,
}
_BY_ENTER = {
    _NONE: TableKey.DOWN,
    _SHIFT: TableKey.UP,
    _CTRL: TableKey.INSERT_BELOW,
    _CTRL | _SHIFT: TableKey.INSERT_ABOVE,
}


def table_key(event: QEvent) -> TableKey | None:
    """What a key press (or its shortcut override) means in a table; None for other keys."""
    if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
        return None
    if not isinstance(event, QKeyEvent):
        return None
    if event.matches(QKeySequence.StandardKey.Copy):
        return TableKey.COPY
    if event.matches(QKeySequence.StandardKey.Paste):
        return TableKey.PASTE
    modifiers = event.modifiers() & _MODIFIERS  # the keypad's Enter carries KeypadModifier
    if event.key() in _ENTER:
        return _BY_ENTER.get(modifiers)
    return _BY_KEY.get((Qt.Key(event.key()), modifiers))


def step(
    cell: tuple[int, int], key: TableKey, rows: int, editable: list[int], anchor: int | None
) -> tuple[int, int] | None:
    """The cell a move key goes to from ``cell`` (row, column), or None when it leaves the
    table. Tab walks the ``editable`` columns row after row; Enter goes down to the column
    ``anchor`` (where the Tab run began), or stays in the column."""
    row, column = cell
    if rows == 0 or not editable:
        return None
    if key is TableKey.NEXT:
        later = [c for c in editable if c > column]
        target = (row, later[0]) if later else (row + 1, editable[0])
    elif key is TableKey.PREVIOUS:
        earlier = [c for c in editable if c < column]
        target = (row, earlier[-1]) if earlier else (row - 1, editable[-1])
    elif key in (TableKey.DOWN, TableKey.UP):
        target = (row + (1 if key is TableKey.DOWN else -1), column if anchor is None else anchor)
    else:
        raise ValueError(f"not a move: {key}")
    return target if 0 <= target[0] < rows else None


class KeyHandler(Protocol):
    """What the view does with a table key (RowsView)."""

    def table_key_pressed(self, key: TableKey) -> None: ...


class KeyedTableView(QTableView):
    """A table view that keys like a spreadsheet: the keys in ``claimed`` are the table's, kept
    from the window's shortcuts and handed to ``table_key_pressed``; Tab / Shift+Tab move
    between cells before Qt turns them into a focus change; Ctrl+Z/Y go to the window's undo;
    text an input method commits onto a cell goes into it."""

    claimed: tuple[TableKey, ...] = tuple(TableKey)

    def table_key_pressed(self, key: TableKey) -> None:
        raise NotImplementedError

    def event(self, event: QEvent) -> bool:
        if is_history_key(event):
            return False
        key = table_key(event)
        if key is not None and key in self.claimed:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if key in (TableKey.NEXT, TableKey.PREVIOUS) and event.type() == QEvent.Type.KeyPress:
                self.table_key_pressed(key)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = table_key(event)
        if key is not None and key in self.claimed:
            self.table_key_pressed(key)
        else:
            super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 - Qt override
        if not self._committed_into_cell(event):
            super().inputMethodEvent(event)

    def _committed_into_cell(self, event: QInputMethodEvent) -> bool:
        """Text an input method commits straight onto a cell that is not being edited (a
        full-width "，" or a phrase typed without composing): the cell's editor opens with it,
        as a typed key opens it with its character. Qt opens the editor but drops the text when
        no composition came first. True when handled here."""
        if not event.commitString() or event.preeditString():
            return False
        index = self.currentIndex()
        if self.state() == QAbstractItemView.State.EditingState or not index.isValid():
            return False
        if not self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event):
            return False
        editor = QApplication.focusWidget()
        if editor is None or editor is self:
            return False
        select_all = getattr(editor, "selectAll", None)
        if callable(select_all):
            select_all()  # the commit replaces the cell's text, as typing does
        QApplication.sendEvent(editor, event)
        return True


class CellDelegate(QStyledItemDelegate):
    """Cell editors that commit and then let the table move, instead of Qt's own Tab (which
    cycles through the cells forever) and Enter (which stays put)."""

    def __init__(self, handler: KeyHandler, parent: QWidget) -> None:
        super().__init__(parent)
        self.handler = handler

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        key = table_key(event)
        if key in WHILE_TYPING and isinstance(editor, QWidget):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the key is the table's, not a window shortcut's
                return True
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            assert key is not None
            self.handler.table_key_pressed(key)
            return True
        return super().eventFilter(editor, event)
