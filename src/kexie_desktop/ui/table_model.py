"""The rows of one table path as a Qt model, with a read-only 上年数 column beside each figure
whose carried-over rows have last year's value: the clerk sees what to compare with without
hovering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kexie_desktop.core.report import Report, Row, cell_path, row_path
from kexie_desktop.core.schema import Field, Table
from kexie_desktop.core.values import Kind, display
from kexie_desktop.services.edit_steps import rows_at
from kexie_desktop.services.editing import previous_cell
from kexie_desktop.ui import style
from kexie_desktop.ui.editors import NUMERIC, total_text
from kexie_desktop.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
LAST_YEAR_TEXT = QColor("#5f6b7a")
LAST_YEAR_BACKGROUND = QColor("#eef0f3")


@dataclass(frozen=True)
class ViewColumn:
    """A column as shown: a field of the table (``number`` is its position among the table's
    columns), or last year's value of that field."""

    field: Field
    number: int
    last_year: bool = False


class RowsModel(QAbstractTableModel):
    """The rows at one table path, as the session's report holds them."""

    def __init__(self, table: Table, session: Session) -> None:
        super().__init__()
        self.table = table
        self.session = session
        self.path = ""  # "" while a nested table has no parent row selected
        self._ids: list[str] = []
        self.columns = _view_columns(table, set())

    def rows(self) -> list[Row]:
        return rows_at(self.session.report, self.path) if self.path else []

    def refresh(self, path: str) -> None:
        rows = rows_at(self.session.report, path) if path else []
        ids = [row.id for row in rows]
        columns = _view_columns(self.table, self._with_last_year(path, rows))
        if path != self.path or ids != self._ids or columns != self.columns:
            self.beginResetModel()
            self.path, self._ids, self.columns = path, ids, columns
            self.endResetModel()
        elif ids:
            last = self.index(len(ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _with_last_year(self, path: str, rows: list[Row]) -> set[str]:
        """The figures whose last year's value some row of ``path`` has: only tables whose
        rows are carried over to the next year keep their row ids, and so their history."""
        previous = self.session.state().previous
        if previous is None or not self.table.carry:
            return set()
        return {
            column.key
            for column in self.table.columns
            if column.kind in NUMERIC
            and any(_last_year(previous, path, row, column) is not None for row in rows)
        }

    # -- addressing ------------------------------------------------------------------------

    def editable(self, column: int) -> bool:
        return not self.columns[column].last_year and not self.session.state().read_only

    def field_columns(self) -> list[int]:
        """The shown columns that hold this year's values (the ones Tab walks through)."""
        return [i for i, c in enumerate(self.columns) if not c.last_year]

    def view_column(self, number: int) -> int:
        """The shown column of the table's column ``number``."""
        return next(i for i, c in enumerate(self.columns) if c.number == number and not c.last_year)

    def cell(self, index: Index) -> str:
        row = self.rows()[index.row()]
        return cell_path(row_path(self.path, row.id), self.columns[index.column()].field.key)

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows()):
            return None
        column = self.columns[index.column()]
        if column.last_year:
            return self._last_year_data(index, role, column.field)
        field = column.field
        if role in (ROLE.DisplayRole, ROLE.EditRole):
            text = display(field.kind, self.rows()[index.row()].cells.get(field.key))
            if role == ROLE.DisplayRole and field.kind is Kind.PARAGRAPH and len(text) > 60:
                text = text[:59] + "…"
            return text
        if role == ROLE.TextAlignmentRole:
            return _RIGHT if field.kind in NUMERIC else None
        if role in (ROLE.BackgroundRole, ROLE.ToolTipRole):
            return self._finding_data(index, role, field)
        return None

    def _last_year_data(self, index: Index, role: int, field: Field) -> Any:
        if role in (ROLE.DisplayRole, ROLE.EditRole):
            previous = self.session.state().previous
            row = self.rows()[index.row()]
            return display(field.kind, _last_year(previous, self.path, row, field))
        if role == ROLE.TextAlignmentRole:
            return _RIGHT
        if role == ROLE.ForegroundRole:
            return LAST_YEAR_TEXT
        if role == ROLE.BackgroundRole:
            return LAST_YEAR_BACKGROUND
        if role == ROLE.ToolTipRole:
            return f"上年报告中的{field.label}（只读，供对照）"
        return None

    def _finding_data(self, index: Index, role: int, field: Field) -> Any:
        state = self.session.state()
        path = self.cell(index)
        findings = state.by_field.get(path, [])
        if role == ROLE.BackgroundRole:
            severity = style.state_of(findings)
            return QColor(style.BACKGROUNDS[severity]) if severity in style.BACKGROUNDS else None
        lines = [f"{f.severity.label}：{f.message}" for f in findings]
        total = state.totals.get(path)
        if total is not None:
            lines.append(total_text(total))
        if state.previous is not None and field.kind in NUMERIC:
            last_year = display(field.kind, previous_cell(state.previous, path)) or "未填"
            lines.append(f"上年：{last_year}")
        return "\n".join(lines) or field.help

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:  # noqa: N802
        if role != ROLE.EditRole or not index.isValid() or not self.editable(index.column()):
            return False
        self.session.set_cell(self.cell(index), str(value))
        self.session.left_field()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.editable(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == ROLE.DisplayRole else None
        column = self.columns[section]
        field = column.field
        if column.last_year:
            if role == ROLE.DisplayRole:
                return "上年数"
            return f"上年报告中的{field.label}（只读）" if role == ROLE.ToolTipRole else None
        if role == ROLE.DisplayRole:
            unit = f"（{field.unit}）" if field.unit else ""
            return f"{field.label}{unit}{'＊' if field.required else ''}"
        if role == ROLE.ToolTipRole:
            return field.help
        return None


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _view_columns(table: Table, with_last_year: set[str]) -> list[ViewColumn]:
    columns: list[ViewColumn] = []
    for number, field in enumerate(table.columns):
        columns.append(ViewColumn(field, number))
        if field.key in with_last_year:
            columns.append(ViewColumn(field, number, last_year=True))
    return columns


def _last_year(previous: Report | None, path: str, row: Row, field: Field) -> Any:
    return previous_cell(previous, cell_path(row_path(path, row.id), field.key))
