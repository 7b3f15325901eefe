"""Starting a new report from last year's: words and structure stay, figures go."""

from __future__ import annotations

from kexie_desktop.core.report import Report, Row, Status
from kexie_desktop.core.schema import Field, Table
from kexie_desktop.core.values import Kind

_FIGURES = (Kind.MONEY, Kind.COUNT, Kind.PERCENT, Kind.SCORE)


def carries(field: Field) -> bool:
    """Whether next year's report starts with this field's value: as the template says, or
    by default texts yes and figures no."""
    return field.carry if field.carry is not None else field.kind not in _FIGURES


def next_year_report(previous: Report) -> Report:
    """A draft for the year after ``previous``, in the same template: texts, tables and
    recipients carried over, every figure cleared, the year advanced; ``based_on`` keeps last
    year's figures reachable for comparison."""
    report = Report(
        previous.template,
        status=Status.DRAFT,
        is_sample=False,
        based_on=previous.id,
        print_chart=previous.print_chart,
    )
    schema = previous.schema
    for field in schema.fields():
        value = previous.values.get(field.key)
        if value is not None and carries(field):
            report.values[field.key] = value
    if previous.year is not None:
        report.values[previous.template.roles.year] = previous.year + 1
    for table in schema.tables():
        if table.carry:
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
            if carries(column) and row.cells.get(column.key) is not None
        },
    )
    for child in table.children:
        if child.carry:
            carried.children[child.key] = [_carry_row(child, item) for item in row.rows(child.key)]
    return carried
