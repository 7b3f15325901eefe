"""Repeating rows as an editable table: add, remove, move, paste a block copied from Excel or
WPS. A table with nested rows (转移支付 groups → 受助单位) shows the nested table of the
selected row underneath; long-text columns get a comfortable editor for the selected row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop.core.report import Row, cell_path, row_path
from kexie_desktop.core.schema import Field, Table
from kexie_desktop.core.values import Kind, display
from kexie_desktop.services.edit_steps import rows_at
from kexie_desktop.services.editing import parse_tsv, previous_cell
from kexie_desktop.ui import style
from kexie_desktop.ui.editors import NUMERIC, ParagraphEdit, is_history_key, total_text
from kexie_desktop.ui.session import Session, ViewState

Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole


class RowsModel(QAbstractTableModel):
    """The rows at one table path, as the session's report holds them."""

    def __init__(self, table: Table, session: Session) -> None:
        super().__init__()
        self.table = table
        self.session = session
        self.path = ""  # "" while a nested table has no parent row selected
        self._ids: list[str] = []

    def rows(self) -> list[Row]:
        return rows_at(self.session.report, self.path) if self.path else []

    def refresh(self, path: str) -> None:
        ids = [row.id for row in rows_at(self.session.report, path)] if path else []
        if path != self.path or ids != self._ids:
            self.beginResetModel()
            self.path, self._ids = path, ids
            self.endResetModel()
        elif ids:
            last = self.index(len(ids) - 1, len(self.table.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def cell(self, index: Index) -> str:
        row = self.rows()[index.row()]
        return cell_path(row_path(self.path, row.id), self.table.columns[index.column()].key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.table.columns)

    def data(self, index: Index, role: int = _ROLE.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows()):
            return None
        column = self.table.columns[index.column()]
        if role in (_ROLE.DisplayRole, _ROLE.EditRole):
            text = display(column.kind, self.rows()[index.row()].cells.get(column.key))
            if role == _ROLE.DisplayRole and column.kind is Kind.PARAGRAPH and len(text) > 60:
                text = text[:59] + "…"
            return text
        if role == _ROLE.TextAlignmentRole:
            numeric = column.kind in NUMERIC
            return (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if numeric
                else None
            )
        if role in (_ROLE.BackgroundRole, _ROLE.ToolTipRole):
            return self._finding_data(index, role, column)
        return None

    def _finding_data(self, index: Index, role: int, column: Field) -> Any:
        state = self.session.state()
        path = self.cell(index)
        findings = state.by_field.get(path, [])
        if role == _ROLE.BackgroundRole:
            severity = style.state_of(findings)
            return QColor(style.BACKGROUNDS[severity]) if severity in style.BACKGROUNDS else None
        lines = [f"{f.severity.label}：{f.message}" for f in findings]
        total = state.totals.get(path)
        if total is not None:
            lines.append(total_text(total))
        if state.previous is not None and column.kind in NUMERIC:
            last_year = display(column.kind, previous_cell(state.previous, path)) or "未填"
            lines.append(f"上年：{last_year}")
        return "\n".join(lines) or column.help

    def setData(self, index: Index, value: Any, role: int = _ROLE.EditRole) -> bool:  # noqa: N802
        if role != _ROLE.EditRole or not index.isValid():
            return False
        self.session.set_cell(self.cell(index), str(value))
        self.session.left_field()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not self.session.state().read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == _ROLE.DisplayRole else None
        column = self.table.columns[section]
        if role == _ROLE.DisplayRole:
            unit = f"（{column.unit}）" if column.unit else ""
            return f"{column.label}{unit}{'＊' if column.required else ''}"
        if role == _ROLE.ToolTipRole:
            return column.help
        return None


class RowsView(QTableView):
    """Ctrl+V pastes a tab-separated block at the current cell, Ctrl+C copies the selection."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = model
        self.setModel(model)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(90)
        for number, column in enumerate(model.table.columns):
            if column.kind in NUMERIC:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
                label = str(model.headerData(number, Qt.Orientation.Horizontal, _ROLE.DisplayRole))
                header.resizeSection(
                    number, max(120, header.fontMetrics().horizontalAdvance(label) + 28)
                )
            else:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(30)

    def event(self, event: Any) -> bool:
        if is_history_key(event):
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> None:
        block = parse_tsv(text)
        model = self.rows_model
        if not block or not model.path or model.session.state().read_only:
            return
        current = self.currentIndex()
        row = current.row() if current.isValid() else model.rowCount()
        column = current.column() if current.isValid() else 0
        model.session.paste(model.path, row, column, block)

    def copy(self) -> None:
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        lines: dict[int, list[str]] = {}
        for index in indexes:
            lines.setdefault(index.row(), []).append(str(index.data(_ROLE.EditRole) or ""))
        QGuiApplication.clipboard().setText("\n".join("\t".join(c) for c in lines.values()))


class TableEditor(QWidget):
    def __init__(self, table: Table, session: Session, nested_name: str = "") -> None:
        super().__init__()
        self.table = table
        self.session = session
        self.model = RowsModel(table, session)
        self.view = RowsView(self.model)
        self.view.setObjectName(nested_name or table.key)
        self.view.setToolTip(table.help)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.title = QLabel(f"{table.label}{'＊' if table.required else ''}")
        self.title.setProperty("role", "subheading")
        hint = QLabel(f"{table.help}可从 Excel/WPS 复制多行后按 Ctrl+V 粘贴。")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("add", f"添加{table.row_label}", self._add),
            ("remove", "删除所选行", self._remove),
            ("up", "上移", lambda: self._move(-1)),
            ("down", "下移", lambda: self._move(1)),
            ("paste", "粘贴", lambda: self.view.paste(QGuiApplication.clipboard().text())),
        ):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            self.buttons[name] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
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
            self.children_.append(editor_)
            layout.addWidget(editor_)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())

    # -- showing ---------------------------------------------------------------------------

    def show_state(self, state: ViewState, path: str | None = None) -> None:
        """Show the rows at ``path`` (the table key for a top-level table)."""
        current = self.current_row_id()
        self.model.refresh(self.table.key if path is None else path)
        rows = self.model.rows()
        # A selected row shows its long text and its nested rows underneath.
        if (current is None or not self.select_row(current)) and rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
        height = 34 + 30 * max(len(rows), 3)
        self.view.setMinimumHeight(min(height, 420))
        self.view.setMaximumHeight(max(height + 4, 160))
        read_only = state.read_only or not self.model.path
        for name, button in self.buttons.items():
            button.setEnabled(not read_only and (name in ("add", "paste") or bool(rows)))
        findings = state.by_field.get(self.model.path, []) if self.model.path else []
        severity = style.state_of(findings)
        self.message.setText("\n".join(f"{f.severity.label}：{f.message}" for f in findings))
        style.set_prop(self.message, "role", f"message-{severity}")
        self.message.setVisible(bool(findings))
        self._row_changed(force=False)

    def current_row_id(self) -> str | None:
        index = self.view.currentIndex()
        rows = self.model.rows()
        return rows[index.row()].id if index.isValid() and index.row() < len(rows) else None

    def select_row(self, row_id: str, column: int = 0) -> bool:
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

    def _add(self) -> None:
        path = self.session.add_row(self.model.path)
        if path:
            self.select_row(path.rsplit("[", 1)[1].rstrip("]"))
            self.view.setFocus()

    def _remove(self) -> None:
        row_id = self.current_row_id()
        if row_id is not None:
            number = self.view.currentIndex().row()
            self.session.remove_row(self.model.path, row_id)
            count = self.model.rowCount()
            if count:
                self.view.setCurrentIndex(self.model.index(min(number, count - 1), 0))

    def _move(self, offset: int) -> None:
        row_id = self.current_row_id()
        if row_id is not None:
            column = self.view.currentIndex().column()
            self.session.move_row(self.model.path, row_id, offset)
            self.select_row(row_id, column)

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
        column = next((i for i, c in enumerate(self.table.columns) if c.key == after), 0)
        if not self.select_row(row_id, column):
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
