"""Checks of the arithmetic the schema declares between figures (totals and their parts).

A relation is only checked when every figure in it is filled in and readable: a blank or
unreadable figure is already reported by the entry checks, and a sum over a half-typed table
would only add noise while the clerk is still typing.
"""

from __future__ import annotations

from collections.abc import Iterator

from kexie_desktop.core.findings import Finding, Severity
from kexie_desktop.core.money import Money, total
from kexie_desktop.core.report import Report, Row, cell_path, row_path
from kexie_desktop.core.schema import (
    ColumnBoundRelation,
    ColumnSumRelation,
    Comparison,
    Relation,
    ReportSchema,
    RowCountRelation,
    RowSumRelation,
    SumRelation,
    Table,
)

# A difference this small between a total and its parts is a rounding tail, not an error.
ROUNDING_TAIL = Money.from_wan("0.01")


def check_relations(report: Report, schema: ReportSchema) -> Iterator[Finding]:
    for relation in schema.relations:
        yield from _check(relation, report, schema)


def _check(relation: Relation, report: Report, schema: ReportSchema) -> Iterator[Finding]:
    if isinstance(relation, SumRelation):
        yield from _scalar_sum(relation, report, schema)
    elif isinstance(relation, RowSumRelation):
        yield from _row_sums(relation, report, schema)
    elif isinstance(relation, ColumnSumRelation):
        yield from _column_sum(relation, report, schema)
    elif isinstance(relation, RowCountRelation):
        yield from _row_counts(relation, report, schema)
    else:
        yield from _column_bounds(relation, report, schema)


def compare(
    comparison: Comparison, stated: Money, computed: Money
) -> tuple[Severity, Money] | None:
    """Severity and size of the disagreement between a stated total and its computed parts,
    or ``None`` when they agree."""
    difference = stated - computed
    if comparison is Comparison.AT_LEAST and difference.fen >= 0:
        return None
    if difference.fen == 0:
        return None
    severity = Severity.INFO if abs(difference) <= ROUNDING_TAIL else Severity.ERROR
    return severity, difference


def _scalar_sum(relation: SumRelation, report: Report, schema: ReportSchema) -> Iterator[Finding]:
    stated = report.money(relation.total)
    parts = [report.money(key) for key in relation.parts]
    if stated is None or any(part is None for part in parts):
        return
    present = [part for part in parts if part is not None]
    computed = total(present)
    outcome = compare(relation.comparison, stated, computed)
    if outcome is None:
        return
    severity, difference = outcome
    total_label = schema.label(relation.total)
    labels = [schema.label(key) for key in relation.parts]
    if len(present) == 1:
        parts_text = f"{labels[0]} {computed.format()} 万元"
    else:
        joined = " + ".join(
            f"{label} {part.format()}" for label, part in zip(labels, present, strict=True)
        )
        parts_text = f"{joined} = {computed.format()} 万元"
    yield _sum_finding(
        relation.rule,
        relation.comparison,
        schema.section_of(relation.total).key,
        fields=(relation.total, *relation.parts),
        stated_text=f"{total_label} {stated.format()} 万元",
        parts_text=parts_text,
        outcome=(stated, computed, severity, difference),
    )


Outcome = tuple[Money, Money, Severity, Money]  # stated, computed, severity, difference


def _sum_finding(
    rule: str,
    comparison: Comparison,
    section: str,
    *,
    fields: tuple[str, ...],
    stated_text: str,
    parts_text: str,
    outcome: Outcome,
    subject: str = "",
) -> Finding:
    stated, computed, severity, difference = outcome
    return Finding(
        rule,
        severity,
        section,
        fields,
        _sum_message(comparison, severity, stated_text, parts_text, difference),
        expected=computed,
        actual=stated,
        difference=difference,
        subject=subject,
    )


def _sum_message(
    comparison: Comparison, severity: Severity, stated: str, parts: str, difference: Money
) -> str:
    gap = abs(difference).format()
    if severity is Severity.INFO:
        return f"{stated}与{parts}相差 {gap} 万元，属四舍五入尾差。"
    if comparison is Comparison.AT_LEAST:
        return f"{parts}，超过{stated}，超出 {gap} 万元。"
    return f"{stated} ≠ {parts}，相差 {gap} 万元。"


def _row_name(table: Table, row: Row, index: int) -> str:
    name = row.cells.get(table.columns[0].key)
    if isinstance(name, str) and name.strip():
        return f"{table.row_label}“{name.strip()}”"
    return f"{table.label}第{index}行"


def _row_sums(relation: RowSumRelation, report: Report, schema: ReportSchema) -> Iterator[Finding]:
    table = schema.table(relation.table)
    child = table.child(relation.child)
    column = child.column(relation.column)
    subtotal_label = table.column(relation.total).label
    for index, row in enumerate(report.rows(relation.table), start=1):
        stated = row.cells.get(relation.total)
        children = row.rows(relation.child)
        amounts = [item.cells.get(relation.column) for item in children]
        if not isinstance(stated, Money) or not all(isinstance(a, Money) for a in amounts):
            continue
        computed = total([a for a in amounts if isinstance(a, Money)])
        outcome = compare(Comparison.EQUAL, stated, computed)
        if outcome is None:
            continue
        severity, difference = outcome
        this_row = row_path(relation.table, row.id)
        stated_text = f"{_row_name(table, row, index)}{subtotal_label} {stated.format()} 万元"
        parts_text = (
            f"所列{len(children)}个{child.label}{column.label}合计 {computed.format()} 万元"
        )
        yield _sum_finding(
            relation.rule,
            Comparison.EQUAL,
            schema.section_of(relation.table).key,
            fields=(
                cell_path(this_row, relation.total),
                *(
                    cell_path(row_path(f"{this_row}.{relation.child}", item.id), relation.column)
                    for item in children
                ),
            ),
            stated_text=stated_text,
            parts_text=parts_text,
            outcome=(stated, computed, severity, difference),
            subject=row.id,
        )


def _column_sum(
    relation: ColumnSumRelation, report: Report, schema: ReportSchema
) -> Iterator[Finding]:
    stated = report.money(relation.total)
    table = schema.table(relation.table)
    rows = report.rows(relation.table)
    amounts = [row.cells.get(relation.column) for row in rows]
    if stated is None or not all(isinstance(a, Money) for a in amounts):
        return
    parts = [a for a in amounts if isinstance(a, Money)]
    computed = total(parts)
    outcome = compare(Comparison.EQUAL, stated, computed)
    if outcome is None:
        return
    severity, difference = outcome
    column_label = table.column(relation.column).label
    if parts:
        names = [_row_name(table, row, i) for i, row in enumerate(rows, start=1)]
        joined = " + ".join(
            f"{n}{column_label} {p.format()}" for n, p in zip(names, parts, strict=True)
        )
        parts_text = f"{joined} = {computed.format()} 万元"
    else:
        parts_text = f"所列{table.label}合计 0.00 万元（未列出任何{table.row_label}）"
    yield _sum_finding(
        relation.rule,
        Comparison.EQUAL,
        schema.section_of(relation.total).key,
        fields=(
            relation.total,
            *(cell_path(row_path(relation.table, row.id), relation.column) for row in rows),
        ),
        stated_text=f"{schema.label(relation.total)} {stated.format()} 万元",
        parts_text=parts_text,
        outcome=(stated, computed, severity, difference),
    )


def _row_counts(
    relation: RowCountRelation, report: Report, schema: ReportSchema
) -> Iterator[Finding]:
    table = schema.table(relation.table)
    child = table.child(relation.child)
    for index, row in enumerate(report.rows(relation.table), start=1):
        stated = row.cells.get(relation.stated)
        listed = len(row.rows(relation.child))
        if not isinstance(stated, int) or stated == listed:
            continue
        this_row = row_path(relation.table, row.id)
        yield Finding(
            relation.rule,
            Severity.WARNING,
            schema.section_of(relation.table).key,
            (cell_path(this_row, relation.stated), f"{this_row}.{relation.child}"),
            f"{_row_name(table, row, index)}写明 {stated} 个，"
            f"但列出了 {listed} 个{child.label}，相差 {abs(stated - listed)} 个。",
            expected=stated,
            actual=listed,
            difference=listed - stated,
            subject=row.id,
        )


def _column_bounds(
    relation: ColumnBoundRelation, report: Report, schema: ReportSchema
) -> Iterator[Finding]:
    table = schema.table(relation.table)
    value_label = table.column(relation.value).label
    bound_label = table.column(relation.bound).label
    for index, row in enumerate(report.rows(relation.table), start=1):
        value = row.cells.get(relation.value)
        bound = row.cells.get(relation.bound)
        if not isinstance(value, int) or not isinstance(bound, int) or value <= bound:
            continue
        this_row = row_path(relation.table, row.id)
        yield Finding(
            relation.rule,
            Severity.WARNING,
            schema.section_of(relation.table).key,
            (cell_path(this_row, relation.value), cell_path(this_row, relation.bound)),
            f"{_row_name(table, row, index)}{value_label} {value} 名，"
            f"超过{bound_label} {bound} 名，超出 {value - bound} 名。",
            expected=bound,
            actual=value,
            difference=value - bound,
            subject=row.id,
        )
