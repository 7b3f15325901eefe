"""The edits a clerk can make, as undoable steps: each applies itself to the in-memory
report, writes itself to the database, and knows its inverse."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.report import Report, Row, row_path, schema_key
from kexie_desktop.core.schema import ReportSchema, Table
from kexie_desktop.core.values import Value
from kexie_desktop.storage import ReportRepository


class EditError(UserError):
    """An edit that is not allowed (a final report, finalising with open errors); Chinese."""


# -- addressing rows by path -------------------------------------------------------------------

_STEP = re.compile(r"\[([^\]]+)\](?:\.([^.\[]+))?")


@dataclass(frozen=True)
class TableRef:
    """One list of rows: a top-level table, or the nested rows of one parent row."""

    path: str  # "grants.list" or "grants.list[ab12].items"
    table: Table
    parent_id: str | None


def table_ref(schema: ReportSchema, path: str) -> TableRef:
    """Resolve a table path: ``grants.list`` or ``grants.list[ab12].items``."""
    table = schema.table(schema_key(path))
    parent: str | None = None
    for row_id, child in _STEP.findall(path[len(table.key) :]):
        if not child:
            raise KeyError(f"not a table path: {path}")
        parent, table = row_id, table.child(child)
    return TableRef(path, table, parent)


def rows_at(report: Report, path: str) -> list[Row]:
    """The list of rows a table path names (the report's own list, not a copy)."""
    key = schema_key(path)
    rows = report.rows(key)
    table = report.schema.table(key)
    for row_id, child in _STEP.findall(path[len(key) :]):
        row = find_row(rows, row_id)
        table = table.child(child)
        rows = row.rows(child)
    return rows


def split_cell_path(path: str) -> tuple[str, str, str]:
    """``a.b[r1].items[r2].amount`` → (table path ``a.b[r1].items``, row id ``r2``, column)."""
    head, _, column = path.rpartition(".")
    table_path, _, row_id = head[:-1].rpartition("[")
    return table_path, row_id, column


def find_row(rows: list[Row], row_id: str) -> Row:
    for row in rows:
        if row.id == row_id:
            return row
    raise KeyError(f"no row {row_id}")


def row_index(rows: list[Row], row_id: str) -> int:
    return rows.index(find_row(rows, row_id))


def _stored_id(report: Report) -> int:
    if report.id is None:
        raise ValueError("the report must be stored before it is edited")
    return report.id


# -- edit commands: each applies itself to the report, persists itself and inverts itself -------


@dataclass
class SetValue:
    key: str
    old: Value
    new: Value

    def apply(self, report: Report) -> None:
        report.values[self.key] = self.new
        if self.new is None:
            del report.values[self.key]

    def persist(self, repo: ReportRepository, report: Report) -> None:
        report_id = _stored_id(report)
        repo.set_value(report_id, self.key, self.new)

    def inverted(self) -> SetValue:
        return SetValue(self.key, self.new, self.old)

    @property
    def focus(self) -> str:
        return self.key


@dataclass
class SetCell:
    path: str  # the cell's field path
    old: Value
    new: Value

    def apply(self, report: Report) -> None:
        table_path, row_id, column = split_cell_path(self.path)
        row = find_row(rows_at(report, table_path), row_id)
        row.cells[column] = self.new
        if self.new is None:
            del row.cells[column]

    def persist(self, repo: ReportRepository, report: Report) -> None:
        report_id = _stored_id(report)
        _table, row_id, column = split_cell_path(self.path)
        repo.set_cell(report_id, row_id, column, self.new)

    def inverted(self) -> SetCell:
        return SetCell(self.path, self.new, self.old)

    @property
    def focus(self) -> str:
        return self.path


@dataclass
class InsertRow:
    table_path: str
    position: int
    row: Row

    def apply(self, report: Report) -> None:
        rows_at(report, self.table_path).insert(self.position, copy.deepcopy(self.row))

    def persist(self, repo: ReportRepository, report: Report) -> None:
        report_id = _stored_id(report)
        ref = table_ref(report.schema, self.table_path)
        repo.insert_row(report_id, ref.table, self.row, ref.parent_id, self.position)

    def inverted(self) -> DeleteRow:
        return DeleteRow(self.table_path, self.position, self.row)

    @property
    def focus(self) -> str:
        return row_path(self.table_path, self.row.id)


@dataclass
class DeleteRow:
    table_path: str
    position: int
    row: Row

    def apply(self, report: Report) -> None:
        rows_at(report, self.table_path).pop(self.position)

    def persist(self, repo: ReportRepository, report: Report) -> None:
        report_id = _stored_id(report)
        repo.delete_row(report_id, self.row.id)

    def inverted(self) -> InsertRow:
        return InsertRow(self.table_path, self.position, self.row)

    @property
    def focus(self) -> str:
        return self.table_path


@dataclass
class MoveRow:
    table_path: str
    row_id: str
    old_position: int
    new_position: int

    def apply(self, report: Report) -> None:
        rows = rows_at(report, self.table_path)
        rows.insert(self.new_position, rows.pop(self.old_position))

    def persist(self, repo: ReportRepository, report: Report) -> None:
        report_id = _stored_id(report)
        repo.move_row(report_id, self.row_id, self.new_position)

    def inverted(self) -> MoveRow:
        return MoveRow(self.table_path, self.row_id, self.new_position, self.old_position)

    @property
    def focus(self) -> str:
        return row_path(self.table_path, self.row_id)


@dataclass
class SetExplanation:
    finding_key: str
    old: str
    new: str

    def apply(self, report: Report) -> None:
        report.explanations[self.finding_key] = self.new
        if not self.new.strip():
            del report.explanations[self.finding_key]

    def persist(self, repo: ReportRepository, report: Report) -> None:
        report_id = _stored_id(report)
        repo.set_explanation(report_id, self.finding_key, self.new)

    def inverted(self) -> SetExplanation:
        return SetExplanation(self.finding_key, self.new, self.old)

    @property
    def focus(self) -> str:
        return ""


Step = SetValue | SetCell | InsertRow | DeleteRow | MoveRow | SetExplanation


@dataclass
class Command:
    """One undoable edit: one or more steps (a paste fills many cells and adds rows)."""

    steps: list[Step]
    sealed: bool = False  # typing into the same field merges into one command until sealed

    def inverted(self) -> Command:
        return Command([step.inverted() for step in reversed(self.steps)], sealed=True)

    @property
    def focus(self) -> str:
        """The field path to show after undoing or redoing this command."""
        return self.steps[0].focus if self.steps else ""
