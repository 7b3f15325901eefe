"""Repeating rows as an editable table that keys like Excel/WPS (table_keys), with a context
menu of row edits (table_menu) and paste of a block copied from a spreadsheet. A table with
nested rows (转移支付 groups → 受助单位) shows the nested table of the selected row underneath;
long-text columns get a comfortable editor for the selected row."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop.core.report import Row, cell_path, row_path
from kexie_desktop.core.schema import Table
from kexie_desktop.core.values import Kind, display
from kexie_desktop.services.editing import EditError, parse_tsv, paste_result
from kexie_desktop.ui import style
from kexie_desktop.ui.editors import NUMERIC, ParagraphEdit
from kexie_desktop.ui.session import Session, ViewState
from kexie_desktop.ui.table_keys import (
    MOVES,
    SHORTCUT_TEXT,
    CellDelegate,
    KeyedTableView,
    TableKey,
    step,
)
from kexie_desktop.ui.table_menu import available, row_menu
from kexie_desktop.ui.table_model import ROLE, RowsModel, ViewColumn

__all__ = ["RowsModel", "RowsView", "TableEditor"]

READ_ONLY_MESSAGE = "这份报告现在只能查看，不能修改表格。"
_BUTTON_KEYS = {
    "add": TableKey.INSERT_BELOW,
    "remove": TableKey.DELETE_ROW,
    "up": TableKey.MOVE_UP,
    "down": TableKey.MOVE_DOWN,
    "paste": TableKey.PASTE,
}


class RowsView(KeyedTableView):
    """The cells. Move keys are handled here; the row edits a key or the context menu asks
    for are passed on as ``row_edit`` (the TableEditor carries them out)."""

    row_edit = Signal(object)  # a TableKey

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = model
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self, self))
        self.setTabKeyNavigation(False)  # Tab is ours: it must be able to leave the table
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.horizontalHeader().setMinimumSectionSize(90)
        self.verticalHeader().setDefaultSectionSize(30)
        # The column where a run of Tabs began: Enter goes down to it, as in Excel.
        self._anchor: int | None = None
        self._moving = False
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda at: self.open_menu(self.viewport().mapToGlobal(at))
        )
        model.modelReset.connect(self._size_columns)
        self._size_columns()

    def _size_columns(self) -> None:
        header = self.horizontalHeader()
        for number, column in enumerate(self.rows_model.columns):
            if column.field.kind in NUMERIC:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
                label = str(self.rows_model.headerData(number, Qt.Orientation.Horizontal, 0))
                width = header.fontMetrics().horizontalAdvance(label) + 28
                header.resizeSection(number, max(100 if column.last_year else 120, width))
            else:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)

    # -- keys ------------------------------------------------------------------------------

    def table_key_pressed(self, key: TableKey) -> None:
        if key in MOVES:
            self._step(key)
        elif key is TableKey.MENU:
            self.open_menu()
        elif key is TableKey.COPY:
            self.copy()
        else:
            self.row_edit.emit(key)

    def _step(self, key: TableKey) -> None:
        model = self.rows_model
        current = self.currentIndex()
        field_columns = model.field_columns()
        across = key in (TableKey.NEXT, TableKey.PREVIOUS)
        if across and self._anchor is None and current.isValid():
            self._anchor = current.column()
        target = (
            step(
                (current.row(), current.column()),
                key,
                model.rowCount(),
                field_columns,
                self._anchor,
            )
            if current.isValid()
            else None
        )
        if target is None or not across or target[0] != current.row():
            self._anchor = None  # Enter, a wrap to another row or leaving ends the Tab run
        if target is None:
            self.focusNextPrevChild(key in (TableKey.NEXT, TableKey.DOWN))
            return
        self._moving = True
        try:
            self.setCurrentIndex(model.index(*target))
        finally:
            self._moving = False

    def _current_changed(self) -> None:
        if not self._moving:
            self._anchor = None  # a click or an arrow key starts afresh

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Tabbing into the table lands on its first cell, Shift+Tab on its last."""
        super().focusInEvent(event)
        model = self.rows_model
        field_columns = model.field_columns()
        if not model.rowCount() or not field_columns:
            return
        if event.reason() == Qt.FocusReason.TabFocusReason:
            self.setCurrentIndex(model.index(0, field_columns[0]))
        elif event.reason() == Qt.FocusReason.BacktabFocusReason:
            self.setCurrentIndex(model.index(model.rowCount() - 1, field_columns[-1]))

    # -- the context menu ------------------------------------------------------------------

    def open_menu(self, at: QPoint | None = None) -> None:
        if at is None:  # from the keyboard: under the current cell
            rect = self.visualRect(self.currentIndex())
            at = self.viewport().mapToGlobal(rect.bottomLeft() if rect.isValid() else QPoint())
        row_menu(self, self.can, self.table_key_pressed).exec(at)

    def can(self, key: TableKey) -> bool:
        """Whether the row edit ``key`` applies to the current row now."""
        model = self.rows_model
        current = self.currentIndex()
        writable = bool(model.path) and not model.session.state().read_only
        if key is TableKey.PASTE and not QGuiApplication.clipboard().text():
            return False
        row = current.row() if current.isValid() else None
        return available(key, model.rowCount(), row, writable)

    # -- copy ------------------------------------------------------------------------------

    def copy(self) -> None:
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        lines: dict[int, list[str]] = {}
        for index in indexes:
            lines.setdefault(index.row(), []).append(str(index.data(ROLE.EditRole) or ""))
        QGuiApplication.clipboard().setText("\n".join("\t".join(c) for c in lines.values()))

    def select_block(self, top: int, left: int, bottom: int, right: int) -> None:
        """Make the cells from (top, left) to (bottom, right) the selection, current at top left."""
        model = self.rows_model
        self.setCurrentIndex(model.index(top, left))
        block = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)


class TableEditor(QWidget):
    """A table with its title, hint, row buttons, findings, long-text and nested editors."""

    message = Signal(str)  # what a paste wrote or why a row edit was refused, for the status bar

    def __init__(self, table: Table, session: Session, nested_name: str = "") -> None:
        super().__init__()
        self.table = table
        self.session = session
        self.model = RowsModel(table, session)
        self.view = RowsView(self.model)
        self.view.setObjectName(nested_name or table.key)
        self.view.setToolTip(table.help)
        self.view.row_edit.connect(self.row_edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.title = QLabel(f"{table.label}{'＊' if table.required else ''}")
        self.title.setProperty("role", "subheading")
        hint = QLabel(
            f"{table.help}Tab、Enter 换格，Ctrl+Enter 在下方加一行，右键（或菜单键）可插入、"
            "删除、移动行；可从 Excel/WPS 复制后按 Ctrl+V 粘贴。"
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
        self.findings_label.hide()
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addLayout(self._row_buttons())
        layout.addWidget(self.findings_label)
        self.detail: dict[str, ParagraphEdit] = {}
        for column in table.columns:
            if column.kind is Kind.PARAGRAPH:
                label = QLabel(f"所选行的{column.label}（可在此写长文字）")
                editor = ParagraphEdit()
                editor.setObjectName(f"{nested_name or table.key}.{column.key}")
                editor.setPlaceholderText(column.help)
                editor.textChanged.connect(lambda c=column.key: self._detail_changed(c))
                editor.left.connect(session.left_field)
                layout.addWidget(label)
                layout.addWidget(editor)
                self.detail[column.key] = editor
        self.children_: list[TableEditor] = []
        for child in table.children:
            editor_ = TableEditor(child, session, f"{table.key}.{child.key}")
            editor_.setContentsMargins(16, 0, 0, 0)
            editor_.message.connect(self.message)
            self.children_.append(editor_)
            layout.addWidget(editor_)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())

    def _row_buttons(self) -> QHBoxLayout:
        """The row edits for the mouse. They take no focus: Tab goes from the last cell to the
        next field, and each has a key (shown in its tooltip and in the context menu)."""
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text in (
            ("add", f"添加{self.table.row_label}"),
            ("remove", "删除所选行"),
            ("up", "上移"),
            ("down", "下移"),
            ("paste", "粘贴"),
        ):
            key = _BUTTON_KEYS[name]
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"{text}（{SHORTCUT_TEXT[key]}）")
            button.clicked.connect(lambda _checked=False, k=key: self.row_edit(k))
            self.buttons[name] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    # -- showing ---------------------------------------------------------------------------

    def show_state(self, state: ViewState, path: str | None = None) -> None:
        """Show the rows at ``path`` (the table key for a top-level table), keeping the cell
        the clerk is in: row and column (a commit never sends the cursor back to column 1)."""
        current = self.current_row_id()
        column = self._current_column()
        self.model.refresh(self.table.key if path is None else path)
        rows = self.model.rows()
        # A selected row shows its long text and its nested rows underneath.
        number = self.model.columns.index(column) if column in self.model.columns else 0
        if (current is None or not self.select_row(current, number)) and rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
        height = 34 + 30 * max(len(rows), 3)
        self.view.setMinimumHeight(min(height, 420))
        self.view.setMaximumHeight(max(height + 4, 160))
        for name, button in self.buttons.items():
            key = _BUTTON_KEYS[name]
            # Paste stays enabled while the clipboard is empty: it then says what to do.
            writable = bool(self.model.path) and not state.read_only
            button.setEnabled(writable if key is TableKey.PASTE else self.view.can(key))
        findings = state.by_field.get(self.model.path, []) if self.model.path else []
        severity = style.state_of(findings)
        self.findings_label.setText("\n".join(f"{f.severity.label}：{f.message}" for f in findings))
        style.set_prop(self.findings_label, "role", f"message-{severity}")
        self.findings_label.setVisible(bool(findings))
        self._row_changed(force=False)

    def _current_column(self) -> ViewColumn | None:
        index = self.view.currentIndex()
        columns = self.model.columns
        return (
            columns[index.column()] if index.isValid() and index.column() < len(columns) else None
        )

    def current_row_id(self) -> str | None:
        index = self.view.currentIndex()
        rows = self.model.rows()
        return rows[index.row()].id if index.isValid() and index.row() < len(rows) else None

    def select_row(self, row_id: str, column: int = 0) -> bool:
        """Make the cell in row ``row_id`` and shown column ``column`` current."""
        for number, row in enumerate(self.model.rows()):
            if row.id == row_id:
                self.view.setCurrentIndex(self.model.index(number, column))
                return True
        return False

    def _row_changed(self, force: bool = True) -> None:
        row_id = self.current_row_id()
        rows = self.model.rows()
        row = next((r for r in rows if r.id == row_id), None)
        state = self.session.state()
        for key, editor in self.detail.items():
            editor.setEnabled(row is not None)
            editor.setReadOnly(state.read_only)
            text = display(Kind.PARAGRAPH, row.cells.get(key)) if row else ""
            if (force or not editor.hasFocus()) and text != editor.toPlainText():
                editor.blockSignals(True)
                editor.setPlainText(text)
                editor.fit_to_text()
                editor.blockSignals(False)
        for child in self.children_:
            child_path = f"{row_path(self.model.path, row.id)}.{child.table.key}" if row else ""
            child.title.setText(
                f"{_name(self.table, row)}的{child.table.label}" if row else child.table.label
            )
            child.show_state(state, child_path)

    # -- editing ---------------------------------------------------------------------------

    def _detail_changed(self, column: str) -> None:
        row_id = self.current_row_id()
        if row_id is None:
            return
        path = cell_path(row_path(self.model.path, row_id), column)
        self.session.set_cell(path, self.detail[column].toPlainText())

    def row_edit(self, key: TableKey) -> None:
        """Carry out a row edit asked for by a key, the context menu or a button: one undo
        step each; a clerk asking for one that cannot apply is told why when it is the report
        being read-only, and otherwise nothing happens (上移 on the first row)."""
        if not self.view.can(key) and key is not TableKey.PASTE:
            if self.model.path and self.session.state().read_only:
                self.message.emit(READ_ONLY_MESSAGE)
            return
        if key is TableKey.INSERT_BELOW:
            self._insert(below=True)
        elif key is TableKey.INSERT_ABOVE:
            self._insert(below=False)
        elif key is TableKey.DELETE_ROW:
            self._remove()
        elif key in (TableKey.MOVE_UP, TableKey.MOVE_DOWN):
            self._move(-1 if key is TableKey.MOVE_UP else 1)
        elif key is TableKey.PASTE:
            self.paste(QGuiApplication.clipboard().text())

    def _insert(self, below: bool) -> None:
        current = self.view.currentIndex()
        count = self.model.rowCount()
        position = count if not current.isValid() else current.row() + int(below)
        if position >= count:
            path = self.session.add_row(self.model.path)
        else:
            path = self.session.add_row(self.model.path, position)
        if path:
            self.select_row(path.rsplit("[", 1)[1].rstrip("]"), self.model.view_column(0))
            self.view.setFocus()

    def _remove(self) -> None:
        row_id = self.current_row_id()
        if row_id is not None:
            number = self.view.currentIndex().row()
            column = self.view.currentIndex().column()
            self.session.remove_row(self.model.path, row_id)
            count = self.model.rowCount()
            if count:
                self.view.setCurrentIndex(self.model.index(min(number, count - 1), column))

    def _move(self, offset: int) -> None:
        row_id = self.current_row_id()
        if row_id is not None:
            column = self.view.currentIndex().column()
            self.session.move_row(self.model.path, row_id, offset)
            self.select_row(row_id, column)

    def paste(self, text: str) -> None:
        """Paste a block copied from Excel/WPS at the current cell (overwriting, and adding
        rows past the last); say what was written, or why nothing was."""
        model = self.model
        if not model.path:
            self.message.emit("请先在上面的表格中选中一行，再粘贴它的明细。")
            return
        if self.session.state().read_only:
            self.message.emit(READ_ONLY_MESSAGE)
            return
        current = self.view.currentIndex()
        row = current.row() if current.isValid() else model.rowCount()
        column = model.columns[current.column() if current.isValid() else 0]
        if column.last_year:
            self.message.emit("“上年数”一列只供对照，不能粘贴。请选中要填的格子再粘贴。")
            return
        try:
            block = parse_tsv(text)
            result = paste_result(self.session.report, model.path, row, column.number, block)
        except EditError as exc:
            self.message.emit(exc.message)
            return
        self.session.paste(model.path, row, column.number, block)
        width = max(map(len, block))
        if width:
            left = model.view_column(column.number)
            right = model.view_column(column.number + width - 1)
            self.view.select_block(row, left, row + len(block) - 1, right)
        self.message.emit(result.message)

    def focus_path(self, path: str) -> bool:
        """Select the cell, row or nested table that ``path`` names; True if found here."""
        rest = path[len(self.model.path) :] if path.startswith(self.model.path) else ""
        if not rest.startswith("["):
            if path == self.model.path:
                self.view.setFocus()
                return True
            return False
        row_id, _, after = rest[1:].partition("]")
        after = after.lstrip(".")
        number = next((i for i, c in enumerate(self.table.columns) if c.key == after), 0)
        if not self.select_row(row_id, self.model.view_column(number)):
            return False
        self._row_changed()
        for child in self.children_:
            if child.focus_path(path):
                return True
        self.view.setFocus()
        return True


def _name(table: Table, row: Row | None) -> str:
    value = row.cells.get(table.columns[0].key) if row else None
    return f"“{value.strip()}”" if isinstance(value, str) and value.strip() else "所选行"
