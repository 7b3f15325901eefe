"""Reading and writing reports. Every public write is one transaction, so a crash or kill at
any moment loses at most the edit in flight."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite-utils is imported when a file is opened, not at start-up
    from sqlite_utils import Database
    from sqlite_utils.db import Table as Table_

from kexie_desktop.core.report import Report, Row, Status, display_name
from kexie_desktop.core.schema import Table
from kexie_desktop.core.template import Template, TemplateLibrary, UnknownTemplateError
from kexie_desktop.core.values import Value
from kexie_desktop.storage.codec import decode, encode
from kexie_desktop.storage.errors import StorageError, StorageErrorKind, user_errors


@dataclass(frozen=True)
class StoredVersion:
    """A saved version of a report (without its snapshot, which is read on demand)."""

    id: int
    report_id: int
    created_at: str
    reason: str
    note: str
    machine: str
    user_name: str
    size: int


@dataclass(frozen=True)
class ReportSummary:
    id: int
    unit: str
    year: int | None
    status: Status
    is_sample: bool
    updated_at: str
    template_id: str
    template_version: int

    @property
    def display_name(self) -> str:
        return display_name(self.year, self.unit, is_sample=self.is_sample)


def _last_pk(table: Table_) -> int:
    """The integer primary key of the row ``table.insert`` just wrote."""
    if not isinstance(table.last_pk, int):
        raise TypeError(f"expected an integer primary key, got {table.last_pk!r}")
    return table.last_pk


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class ReportRepository:
    def __init__(self, db: Database, templates: TemplateLibrary) -> None:
        self._db = db
        self.templates = templates

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction, begun IMMEDIATE: it takes the write lock at the start, so
        while another program holds it the write waits up to the busy timeout (a deferred
        BEGIN would fail at once when it has to upgrade its read lock)."""
        with user_errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                with self._db.atomic():  # a savepoint inside the transaction
                    yield
            except BaseException:
                if self._db.conn.in_transaction:
                    self._db.conn.execute("ROLLBACK")
                raise
            try:
                self._db.conn.execute("COMMIT")
            except BaseException:
                if self._db.conn.in_transaction:
                    self._db.conn.execute("ROLLBACK")
                raise

    # -- reading ---------------------------------------------------------------------------

    def list_reports(self) -> list[ReportSummary]:
        """Every report, newest year first, the sample last. Unit and year are read by the
        keys each report's template gives them (a report of an unknown template is listed
        with neither, so the clerk still sees it is there)."""
        with user_errors():
            rows = list(self._db.query("SELECT * FROM reports"))
            values: dict[tuple[int, str], Any] = {
                (row["report_id"], row["key"]): row["text_value"]
                if row["text_value"] is not None
                else row["int_value"]
                for row in self._db.query(
                    "SELECT report_id, key, text_value, int_value FROM field_values"
                    " WHERE key IN (SELECT value FROM json_each(?))",
                    [json.dumps(sorted(self._role_keys()))],
                )
            }
        summaries = []
        for row in rows:
            unit, year = "", None
            if row["template_id"] in self.templates:
                roles = self.templates.latest(row["template_id"]).roles
                unit_value = values.get((row["id"], roles.unit))
                year_value = values.get((row["id"], roles.year))
                unit = unit_value if isinstance(unit_value, str) else ""
                year = year_value if isinstance(year_value, int) else None
            summaries.append(
                ReportSummary(
                    id=row["id"],
                    unit=unit,
                    year=year,
                    status=Status(row["status"]),
                    is_sample=bool(row["is_sample"]),
                    updated_at=row["updated_at"],
                    template_id=row["template_id"],
                    template_version=row["template_version"],
                )
            )
        summaries.sort(key=lambda s: (s.is_sample, -(s.year or 0), s.id))
        return summaries

    def _role_keys(self) -> set[str]:
        keys = set()
        for template in self.templates.newest():
            keys |= {template.roles.unit, template.roles.year}
        return keys

    def template_of(self, report_id: int) -> Template:
        """The template a stored report is written in; ``StorageError`` when not installed."""
        header = self._report_row(report_id)
        try:
            return self.templates.get(header["template_id"], header["template_version"])
        except UnknownTemplateError as exc:
            raise StorageError(StorageErrorKind.UNKNOWN_TEMPLATE, exc.message) from None

    def load(self, report_id: int) -> Report:
        with user_errors():
            header = self._report_row(report_id)
            template = self.template_of(report_id)
            schema = template.schema
            report = Report(
                template,
                id=report_id,
                status=Status(header["status"]),
                is_sample=bool(header["is_sample"]),
                based_on=header["based_on"],
                print_chart=bool(header["print_chart"]),
            )
            for row in self._db.table("field_values").rows_where("report_id = ?", [report_id]):
                if schema.has_field(row["key"]):
                    report.values[row["key"]] = decode(schema.field(row["key"]).kind, row)
            self._load_rows(report)
            for row in self._db.table("explanations").rows_where("report_id = ?", [report_id]):
                report.explanations[row["finding_key"]] = row["text"]
        return report

    def _report_row(self, report_id: int) -> dict[str, Any]:
        rows = list(self._db.table("reports").rows_where("id = ?", [report_id]))
        if not rows:
            raise StorageError(StorageErrorKind.NOT_FOUND, f"找不到编号为 {report_id} 的报告。")
        return rows[0]

    def _load_rows(self, report: Report) -> None:
        cells: dict[int, list[dict[str, Any]]] = {}
        for cell in self._db.query(
            "SELECT c.* FROM cell_values c JOIN table_rows t ON t.id = c.row_id"
            " WHERE t.report_id = ?",
            [report.id],
        ):
            cells.setdefault(cell["row_id"], []).append(cell)
        by_parent: dict[int | None, list[dict[str, Any]]] = {}
        for row in self._db.table("table_rows").rows_where(
            "report_id = ?", [report.id], order_by="position"
        ):
            by_parent.setdefault(row["parent_id"], []).append(row)

        def build(table: Table, parent_id: int | None) -> list[Row]:
            built = []
            for stored in by_parent.get(parent_id, []):
                if stored["table_key"] != table.key:
                    continue
                row = Row(id=stored["row_key"])
                for cell in cells.get(stored["id"], []):
                    if any(column.key == cell["key"] for column in table.columns):
                        row.cells[cell["key"]] = decode(table.column(cell["key"]).kind, cell)
                for child in table.children:
                    row.children[child.key] = build(child, stored["id"])
                built.append(row)
            return built

        for table in report.schema.tables():
            report.tables[table.key] = build(table, None)

    # -- whole reports ---------------------------------------------------------------------

    def insert(self, report: Report) -> int:
        """Store ``report`` as a new report; returns its id (also set on ``report``)."""
        with self._writing():
            now = _now()
            report_id = _last_pk(
                self._db.table("reports").insert(
                    {
                        "status": report.status.value,
                        "is_sample": int(report.is_sample),
                        "based_on": report.based_on,
                        "print_chart": int(report.print_chart),
                        "template_id": report.template.id,
                        "template_version": report.template.version,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            )
            for key, value in report.values.items():
                self._write_value(report_id, key, value)
            for table in report.schema.tables():
                for position, row in enumerate(report.tables.get(table.key, [])):
                    self._insert_row(report_id, table, row, None, position)
            for key, text in report.explanations.items():
                self._db.table("explanations").insert(
                    {"report_id": report_id, "finding_key": key, "text": text}
                )
        report.id = report_id
        return report_id

    def delete(self, report_id: int) -> None:
        with self._writing():
            self._report_row(report_id)
            self._db.execute("DELETE FROM reports WHERE id = ?", [report_id])

    def set_status(self, report_id: int, status: Status) -> None:
        with self._writing():
            self._db.execute(
                "UPDATE reports SET status = ?, updated_at = ? WHERE id = ?",
                [status.value, _now(), report_id],
            )

    def set_print_chart(self, report_id: int, on: bool) -> None:
        with self._writing():
            self._report_row(report_id)
            self._db.execute(
                "UPDATE reports SET print_chart = ?, updated_at = ? WHERE id = ?",
                [int(on), _now(), report_id],
            )

    # -- single edits ----------------------------------------------------------------------

    def set_value(self, report_id: int, key: str, value: Value) -> None:
        with self._writing():
            self._write_value(report_id, key, value)
            self._touch(report_id)

    def set_cell(self, report_id: int, row_key: str, column: str, value: Value) -> None:
        with self._writing():
            row_id = self._row_id(report_id, row_key)
            self._write_cell(row_id, column, value)
            self._touch(report_id)

    def set_explanation(self, report_id: int, finding_key: str, text: str) -> None:
        with self._writing():
            if text.strip():
                self._db.table("explanations").upsert(
                    {"report_id": report_id, "finding_key": finding_key, "text": text},
                    pk=("report_id", "finding_key"),
                )
            else:
                self._db.execute(
                    "DELETE FROM explanations WHERE report_id = ? AND finding_key = ?",
                    [report_id, finding_key],
                )
            self._touch(report_id)

    def insert_row(
        self, report_id: int, table: Table, row: Row, parent_key: str | None, position: int
    ) -> None:
        """Insert ``row`` (with its cells and nested rows) at ``position`` among its siblings."""
        with self._writing():
            parent_id = None if parent_key is None else self._row_id(report_id, parent_key)
            self._db.execute(
                "UPDATE table_rows SET position = position + 1 WHERE report_id = ?"
                " AND table_key = ? AND parent_id IS ? AND position >= ?",
                [report_id, table.key, parent_id, position],
            )
            self._insert_row(report_id, table, row, parent_id, position)
            self._touch(report_id)

    def delete_row(self, report_id: int, row_key: str) -> None:
        with self._writing():
            stored = self._stored_row(report_id, row_key)
            self._db.execute("DELETE FROM table_rows WHERE id = ?", [stored["id"]])
            self._db.execute(
                "UPDATE table_rows SET position = position - 1 WHERE report_id = ?"
                " AND table_key = ? AND parent_id IS ? AND position > ?",
                [report_id, stored["table_key"], stored["parent_id"], stored["position"]],
            )
            self._touch(report_id)

    def move_row(self, report_id: int, row_key: str, new_position: int) -> None:
        """Move a row among its siblings, keeping positions 0..n-1."""
        with self._writing():
            stored = self._stored_row(report_id, row_key)
            siblings = [
                row["id"]
                for row in self._db.table("table_rows").rows_where(
                    "report_id = ? AND table_key = ? AND parent_id IS ?",
                    [report_id, stored["table_key"], stored["parent_id"]],
                    order_by="position",
                )
            ]
            siblings.remove(stored["id"])
            siblings.insert(max(0, min(new_position, len(siblings))), stored["id"])
            for position, row_id in enumerate(siblings):
                self._db.execute(
                    "UPDATE table_rows SET position = ? WHERE id = ?", [position, row_id]
                )
            self._touch(report_id)

    # -- versions --------------------------------------------------------------------------

    def add_version(
        self,
        report_id: int,
        *,
        reason: str,
        snapshot: bytes,
        note: str = "",
        machine: str = "",
        user_name: str = "",
    ) -> int:
        with self._writing():
            return _last_pk(
                self._db.table("report_versions").insert(
                    {
                        "report_id": report_id,
                        "created_at": _now(),
                        "reason": reason,
                        "note": note,
                        "machine": machine,
                        "user_name": user_name,
                        "snapshot": snapshot,
                    }
                )
            )

    def list_versions(self, report_id: int) -> list[StoredVersion]:
        """The versions of a report, newest first."""
        with user_errors():
            return [
                StoredVersion(
                    id=row["id"],
                    report_id=row["report_id"],
                    created_at=row["created_at"],
                    reason=row["reason"],
                    note=row["note"],
                    machine=row["machine"],
                    user_name=row["user_name"],
                    size=row["size"],
                )
                for row in self._db.query(
                    "SELECT id, report_id, created_at, reason, note, machine, user_name,"
                    " length(snapshot) AS size FROM report_versions WHERE report_id = ?"
                    " ORDER BY id DESC",
                    [report_id],
                )
            ]

    def version_snapshot(self, version_id: int) -> bytes:
        with user_errors():
            rows = list(
                self._db.query("SELECT snapshot FROM report_versions WHERE id = ?", [version_id])
            )
        if not rows:
            raise StorageError(StorageErrorKind.NOT_FOUND, "找不到这个历史版本。")
        return bytes(rows[0]["snapshot"])

    # -- helpers (inside a transaction) ----------------------------------------------------

    def _touch(self, report_id: int) -> None:
        self._db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [_now(), report_id])

    def _write_value(self, report_id: int, key: str, value: Value) -> None:
        if value is None:
            self._db.execute(
                "DELETE FROM field_values WHERE report_id = ? AND key = ?", [report_id, key]
            )
            return
        self._db.table("field_values").upsert(
            {"report_id": report_id, "key": key, **encode(value)},
            pk=("report_id", "key"),
        )

    def _write_cell(self, row_id: int, column: str, value: Value) -> None:
        if value is None:
            self._db.execute(
                "DELETE FROM cell_values WHERE row_id = ? AND key = ?", [row_id, column]
            )
            return
        self._db.table("cell_values").upsert(
            {"row_id": row_id, "key": column, **encode(value)},
            pk=("row_id", "key"),
        )

    def _insert_row(
        self, report_id: int, table: Table, row: Row, parent_id: int | None, position: int
    ) -> None:
        row_id = _last_pk(
            self._db.table("table_rows").insert(
                {
                    "report_id": report_id,
                    "row_key": row.id,
                    "table_key": table.key,
                    "parent_id": parent_id,
                    "position": position,
                }
            )
        )
        for column, value in row.cells.items():
            if value is not None:
                self._write_cell(row_id, column, value)
        for child in table.children:
            for child_position, child_row in enumerate(row.children.get(child.key, [])):
                self._insert_row(report_id, child, child_row, row_id, child_position)

    def _stored_row(self, report_id: int, row_key: str) -> dict[str, Any]:
        rows = list(
            self._db.table("table_rows").rows_where(
                "report_id = ? AND row_key = ?", [report_id, row_key]
            )
        )
        if not rows:
            raise StorageError(StorageErrorKind.NOT_FOUND, "要修改的表格行已不存在。")
        return rows[0]

    def _row_id(self, report_id: int, row_key: str) -> int:
        return int(self._stored_row(report_id, row_key)["id"])
