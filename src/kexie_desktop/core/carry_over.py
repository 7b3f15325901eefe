"""Starting a new report from last year's: words and structure stay, figures go."""

from __future__ import annotations

from kexie_desktop.core.report import Report, Row, Status
from kexie_desktop.core.schema import SCHEMA, Table
from kexie_desktop.core.values import Kind

_FIGURES = (Kind.MONEY, Kind.COUNT, Kind.PERCENT)
# Rows that describe one year's events rather than the unit's standing structure.
_YEAR_SPECIFIC_TABLES = frozenset({"basics.staff_changes"})
_CLEARED_FIELDS = frozenset({"header.date", "header.title"})


def next_year_report(previous: Report) -> Report:
    """A draft for the year after ``previous``: texts, duties, tables and recipients carried
    over, every figure cleared, the year advanced; ``based_on`` keeps last year's figures
    reachable for comparison."""
    report = Report(status=Status.DRAFT, is_sample=False, based_on=previous.id)
    for field in SCHEMA.fields():
        value = previous.values.get(field.key)
        if value is None or field.kind in _FIGURES or field.key in _CLEARED_FIELDS:
            continue
        report.values[field.key] = value
    if previous.year is not None:
        report.values["header.year"] = previous.year + 1
    for table in SCHEMA.tables():
        if table.key not in _YEAR_SPECIFIC_TABLES:
            report.tables[table.key] = [_carry_row(table, row) for row in previous.rows(table.key)]
    return report


def _carry_row(table: Table, row: Row) -> Row:
    # The row keeps its id (ids are unique per report), which links each recipient, duty or
    # staff category to last year's row, so last year's figures can be shown beside it.
    carried = Row(
        id=row.id,
        cells={
            column.key: row.cells[column.key]
            for column in table.columns
            if column.kind not in _FIGURES and row.cells.get(column.key) is not None
        },
    )
    for child in table.children:
        carried.children[child.key] = [_carry_row(child, item) for item in row.rows(child.key)]
    return carried
