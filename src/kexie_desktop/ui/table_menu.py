"""A table's context menu (right click, the Menu key, Shift+F10): the row edits, each one undo
step, greyed out where it cannot apply."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QWidget

from kexie_desktop.ui.table_keys import SHORTCUT_TEXT, TableKey

MENU_ITEMS: tuple[tuple[TableKey, str] | None, ...] = (
    (TableKey.INSERT_ABOVE, "插入行(&I)"),
    (TableKey.INSERT_BELOW, "在下方插入行(&B)"),
    (TableKey.DELETE_ROW, "删除行(&D)"),
    None,
    (TableKey.MOVE_UP, "上移(&U)"),
    (TableKey.MOVE_DOWN, "下移(&N)"),
    None,
    (TableKey.COPY, "复制(&C)"),
    (TableKey.PASTE, "粘贴(&P)"),
)


def available(key: TableKey, rows: int, row: int | None, writable: bool) -> bool:
    """Whether a row edit applies with ``rows`` rows and row ``row`` current (None: none)."""
    if key is TableKey.COPY:
        return row is not None
    if not writable:
        return False
    if key is TableKey.DELETE_ROW:
        return row is not None
    if key is TableKey.MOVE_UP:
        return row is not None and row > 0
    if key is TableKey.MOVE_DOWN:
        return row is not None and row < rows - 1
    return key in (TableKey.INSERT_ABOVE, TableKey.INSERT_BELOW, TableKey.PASTE)


def row_menu(
    parent: QWidget, enabled: Callable[[TableKey], bool], run: Callable[[TableKey], None]
) -> QMenu:
    """The menu; each action's objectName is its key's name in lower case (``move_up``)."""
    menu = QMenu(parent)
    for item in MENU_ITEMS:
        if item is None:
            menu.addSeparator()
            continue
        key, text = item
        action = menu.addAction(f"{text}\t{SHORTCUT_TEXT[key]}")
        action.setObjectName(key.name.lower())
        action.setEnabled(enabled(key))
        action.triggered.connect(lambda _checked=False, k=key: run(k))
    return menu
