"""Totals shown beside the figures a clerk types: for every total the schema's relations
name, the sum of its parts as the checks compute it."""

from __future__ import annotations

from dataclasses import dataclass

from kexie_desktop.core.money import Money, total
from kexie_desktop.core.report import Report, row_path
from kexie_desktop.core.schema import (
    SCHEMA,
    ColumnSumRelation,
    Comparison,
    RowCountRelation,
    RowSumRelation,
    SumRelation,
)
from kexie_desktop.core.values import Value


@dataclass(frozen=True)
class ComputedTotal:
    """A total the report states, with the sum of its parts as core computes it."""

    path: str  # the stated total's field path
    parts_label: str  # "人员经费 + 公用经费"
    computed: Money
    stated: Money | None
    comparison: Comparison = Comparison.EQUAL

    @property
    def difference(self) -> Money | None:
        return None if self.stated is None else self.stated - self.computed

    @property
    def agrees(self) -> bool:
        diff = self.difference
        if diff is None:
            return True
        return diff.fen >= 0 if self.comparison is Comparison.AT_LEAST else diff.fen == 0


@dataclass(frozen=True)
class RowCount:
    path: str  # the stated count's cell path
    listed: int
    stated: int | None


def computed_totals(report: Report) -> dict[str, ComputedTotal | RowCount]:
    """For each total the schema's relations name, the sum of its parts (only when every part
    is readable; a blank part counts as 0 so the clerk sees a running total)."""
    shown: dict[str, ComputedTotal | RowCount] = {}
    for relation in SCHEMA.relations:
        if isinstance(relation, SumRelation) and len(relation.parts) > 1:
            parts = [report.get(key) for key in relation.parts]
            label = " + ".join(SCHEMA.label(key) for key in relation.parts)
            _add_sum(
                shown,
                relation.total,
                label,
                parts,
                report.get(relation.total),
                comparison=relation.comparison,
            )
        elif isinstance(relation, ColumnSumRelation):
            table = SCHEMA.table(relation.table)
            parts = [row.cells.get(relation.column) for row in report.rows(relation.table)]
            label = f"各{table.row_label}{table.column(relation.column).label}合计"
            _add_sum(shown, relation.total, label, parts, report.get(relation.total))
        elif isinstance(relation, RowSumRelation):
            child = SCHEMA.table(relation.table).child(relation.child)
            for row in report.rows(relation.table):
                this_row = row_path(relation.table, row.id)
                parts = [item.cells.get(relation.column) for item in row.rows(relation.child)]
                label = f"所列{child.label}{child.column(relation.column).label}合计"
                path = f"{this_row}.{relation.total}"
                _add_sum(shown, path, label, parts, row.cells.get(relation.total))
        elif isinstance(relation, RowCountRelation):
            for row in report.rows(relation.table):
                stated = row.cells.get(relation.stated)
                path = f"{row_path(relation.table, row.id)}.{relation.stated}"
                shown[path] = RowCount(
                    path, len(row.rows(relation.child)), stated if isinstance(stated, int) else None
                )
    return shown


def _add_sum(
    shown: dict[str, ComputedTotal | RowCount],
    path: str,
    label: str,
    parts: list[Value],
    stated: Value,
    *,
    comparison: Comparison = Comparison.EQUAL,
) -> None:
    if not all(part is None or isinstance(part, Money) for part in parts):
        return
    amounts = [part for part in parts if isinstance(part, Money)]
    shown[path] = ComputedTotal(
        path, label, total(amounts), stated if isinstance(stated, Money) else None, comparison
    )
