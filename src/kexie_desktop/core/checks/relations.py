"""The one evaluator of the arithmetic a template declares between figures.

``evaluate`` computes every relation of a report once; the findings (``check_relations``) and
the totals shown beside the figures on screen (``core.totals``) are both read from its result,
so the window never disagrees with the check.

A relation is *complete* when every figure in it is filled in and readable; only complete
relations become findings (a blank or unreadable figure is already reported by the entry
checks, and a sum over a half-typed table would only add noise while the clerk types). On
screen, a blank part counts as 0, so the clerk sees a running total.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from kexie_desktop.core.findings import Figure, Finding, Severity
from kexie_desktop.core.money import Money, percent_of, total
from kexie_desktop.core.report import Report, cell_path, row_name, row_path
from kexie_desktop.core.schema import (
    ColumnBoundRelation,
    ColumnSumRelation,
    Comparison,
    ListCountRelation,
    RatioRelation,
    Relation,
    ReportSchema,
    RowCountRelation,
    RowSumRelation,
    SumRelation,
    Term,
)
from kexie_desktop.core.values import Value, format_percent

# A difference this small between a total and its parts is a rounding tail, not an error.
ROUNDING_TAIL = Money.from_wan("0.01")


@dataclass(frozen=True)
class Evaluation:
    """One relation evaluated at one place (a scalar total, or one row of a table)."""

    rule: str
    section: str
    path: str  # the stated figure's field path, where the on-screen total shows
    fields: tuple[str, ...]  # every figure involved, stated first
    parts_label: str  # "人员经费 + 公用经费", shown beside the stated figure
    computed_text: str  # "269.75", "52.38%", "12 个"
    severity: Severity | None  # None: they agree
    complete: bool
    message: str = ""
    comparison: Comparison = Comparison.EQUAL
    difference_text: str = ""
    expected: Figure = None
    actual: Figure = None
    difference: Figure = None
    subject: str = ""
    counts_rows: bool = False  # a count of listed rows rather than a sum

    @property
    def agrees(self) -> bool:
        """True when nothing is wrong enough to colour the figure (a rounding tail is not)."""
        return self.severity is None or self.severity is Severity.INFO

    def finding(self) -> Finding:
        if self.severity is None:
            raise ValueError("an agreeing relation has no finding")
        return Finding(
            self.rule,
            self.severity,
            self.section,
            self.fields,
            self.message,
            expected=self.expected,
            actual=self.actual,
            difference=self.difference,
            subject=self.subject,
        )


def check_relations(evaluations: list[Evaluation]) -> Iterator[Finding]:
    """The findings among ``evaluate(report)``: complete relations that disagree."""
    for evaluation in evaluations:
        if evaluation.complete and evaluation.severity is not None:
            yield evaluation.finding()


def evaluate(report: Report) -> list[Evaluation]:
    evaluations: list[Evaluation] = []
    for relation in report.schema.relations:
        evaluations.extend(_evaluate(relation, report))
    return evaluations


def _evaluate(relation: Relation, report: Report) -> Iterator[Evaluation]:
    schema = report.schema
    match relation:
        case SumRelation():
            yield from _scalar_sum(relation, report, schema)
        case RowSumRelation():
            yield from _row_sums(relation, report, schema)
        case ColumnSumRelation():
            yield from _column_sum(relation, report, schema)
        case RowCountRelation():
            yield from _row_counts(relation, report, schema)
        case ListCountRelation():
            yield from _list_count(relation, report, schema)
        case ColumnBoundRelation():
            yield from _column_bounds(relation, report, schema)
        case RatioRelation():
            yield from _ratio(relation, report, schema)


def compare(
    comparison: Comparison, stated: Money, computed: Money, severity: Severity = Severity.ERROR
) -> tuple[Severity, Money] | None:
    """Severity and size of the disagreement between a stated total and its computed parts,
    or ``None`` when they agree."""
    difference = stated - computed
    if comparison is Comparison.AT_LEAST and difference.fen >= 0:
        return None
    if difference.fen == 0:
        return None
    return (Severity.INFO if abs(difference) <= ROUNDING_TAIL else severity), difference


# -- sums --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sum:
    """What a sum relation found at one place, before it is worded."""

    rule: str
    section: str
    path: str
    fields: tuple[str, ...]
    stated: Value
    parts: list[Value]
    signs: list[int]
    severity: Severity
    comparison: Comparison
    parts_label: str
    optional: bool = False
    subject: str = ""


def _sum_evaluation(found: _Sum, stated_name: str, parts_text: str, *, summed: bool) -> Evaluation:
    """Running total on screen, and the finding when the stated total disagrees.

    ``parts_text`` names the parts with their figures; ``summed``: follow it with their sum."""
    readable = all(part is None or isinstance(part, Money) for part in found.parts)
    amounts = [part if isinstance(part, Money) else Money.zero() for part in found.parts]
    computed = total([a if sign > 0 else -a for a, sign in zip(amounts, found.signs, strict=True)])
    stated = found.stated if isinstance(found.stated, Money) else None
    given = [part for part in found.parts if part is not None]
    complete = (
        stated is not None
        and readable
        and (bool(given) if found.optional else all(isinstance(p, Money) for p in found.parts))
    )
    outcome = (
        compare(found.comparison, stated, computed, found.severity)
        if stated is not None and readable
        else None
    )
    base = Evaluation(
        found.rule,
        found.section,
        found.path,
        found.fields,
        found.parts_label,
        computed.format(),
        None,
        complete,
        comparison=found.comparison,
        subject=found.subject,
    )
    if outcome is None or stated is None:
        return base
    severity, difference = outcome
    parts = f"{parts_text} = {computed.format()} 万元" if summed else parts_text
    stated_text = f"{stated_name} {stated.format()} 万元"
    return replace(
        base,
        severity=severity,
        message=_sum_message(found.comparison, severity, stated_text, parts, difference),
        difference_text=difference.format(),
        expected=computed,
        actual=stated,
        difference=difference,
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


def _signed_label(labels: list[str], terms: tuple[Term, ...]) -> str:
    text = ""
    for index, (label, term) in enumerate(zip(labels, terms, strict=True)):
        if index == 0:
            text = f"−{label}" if term.negative else label
        else:
            text += f" {'−' if term.negative else '+'} {label}"
    return text


def _scalar_sum(
    relation: SumRelation, report: Report, schema: ReportSchema
) -> Iterator[Evaluation]:
    parts = [report.get(term.key) for term in relation.parts]
    labels = [schema.label(term.key) for term in relation.parts]
    found = _Sum(
        relation.rule,
        schema.section_of(relation.total).key,
        relation.total,
        (relation.total, *(term.key for term in relation.parts)),
        report.get(relation.total),
        parts,
        [-1 if term.negative else 1 for term in relation.parts],
        relation.severity,
        relation.comparison,
        _signed_label(labels, relation.parts),
        optional=relation.optional,
    )
    if relation.optional and all(part is None for part in parts):
        return  # a breakdown the clerk has not given
    shown = [
        f"{label} {part.format() if isinstance(part, Money) else '0.00'}"
        for label, part in zip(labels, parts, strict=True)
    ]
    summed = len(parts) > 1
    parts_text = _signed_label(shown, relation.parts) if summed else f"{shown[0]} 万元"
    yield _sum_evaluation(found, schema.label(relation.total), parts_text, summed=summed)


def _row_sums(
    relation: RowSumRelation, report: Report, schema: ReportSchema
) -> Iterator[Evaluation]:
    table = schema.table(relation.table)
    child = table.child(relation.child)
    column = child.column(relation.column)
    subtotal_label = table.column(relation.total).label
    for index, row in enumerate(report.rows(relation.table), start=1):
        this_row = row_path(relation.table, row.id)
        children = row.rows(relation.child)
        found = _Sum(
            relation.rule,
            schema.section_of(relation.table).key,
            cell_path(this_row, relation.total),
            (
                cell_path(this_row, relation.total),
                *(
                    cell_path(row_path(f"{this_row}.{relation.child}", item.id), relation.column)
                    for item in children
                ),
            ),
            row.cells.get(relation.total),
            [item.cells.get(relation.column) for item in children],
            [1] * len(children),
            relation.severity,
            Comparison.EQUAL,
            f"所列{child.label}{column.label}合计",
            subject=row.id,
        )
        computed = total([a for a in found.parts if isinstance(a, Money)])
        parts_text = (
            f"所列{len(children)}个{child.label}{column.label}合计 {computed.format()} 万元"
        )
        stated_name = f"{row_name(table, row, index)}{subtotal_label}"
        yield _sum_evaluation(found, stated_name, parts_text, summed=False)


def _column_sum(
    relation: ColumnSumRelation, report: Report, schema: ReportSchema
) -> Iterator[Evaluation]:
    table = schema.table(relation.table)
    rows = report.rows(relation.table)
    if relation.optional and not rows:
        return
    column_label = table.column(relation.column).label
    parts = [row.cells.get(relation.column) for row in rows]
    found = _Sum(
        relation.rule,
        schema.section_of(relation.total).key,
        relation.total,
        (
            relation.total,
            *(cell_path(row_path(relation.table, row.id), relation.column) for row in rows),
        ),
        report.get(relation.total),
        parts,
        [1] * len(rows),
        relation.severity,
        Comparison.EQUAL,
        f"各{table.row_label}{column_label}合计",
    )
    if rows:
        names = [row_name(table, row, i) for i, row in enumerate(rows, start=1)]
        parts_text = " + ".join(
            f"{name}{column_label} {part.format() if isinstance(part, Money) else '0.00'}"
            for name, part in zip(names, parts, strict=True)
        )
    else:
        parts_text = f"所列{table.label}合计 0.00 万元（未列出任何{table.row_label}）"
    yield _sum_evaluation(found, schema.label(relation.total), parts_text, summed=bool(rows))


# -- counts and bounds -------------------------------------------------------------------------


def _count_evaluation(
    rule: str,
    section: str,
    path: str,
    fields: tuple[str, ...],
    *,
    stated: Value,
    listed: int,
    what: str,
    listed_what: str,
    severity: Severity,
    subject: str = "",
) -> Evaluation:
    """``what`` states the count ("转移支付项目“…”"), ``listed_what`` names what is listed."""
    agrees = not isinstance(stated, int) or stated == listed
    base = Evaluation(
        rule,
        section,
        path,
        fields,
        "已列出",
        f"{listed} 个",
        None,
        isinstance(stated, int),
        subject=subject,
        counts_rows=True,
    )
    if agrees or not isinstance(stated, int):
        return base
    return replace(
        base,
        severity=severity,
        message=(
            f"{what}写明 {stated} 个，但列出了 {listed} 个{listed_what}，"
            f"相差 {abs(stated - listed)} 个。"
        ),
        expected=stated,
        actual=listed,
        difference=listed - stated,
    )


def _row_counts(
    relation: RowCountRelation, report: Report, schema: ReportSchema
) -> Iterator[Evaluation]:
    table = schema.table(relation.table)
    child = table.child(relation.child)
    for index, row in enumerate(report.rows(relation.table), start=1):
        this_row = row_path(relation.table, row.id)
        listed = len(row.rows(relation.child))
        yield _count_evaluation(
            relation.rule,
            schema.section_of(relation.table).key,
            cell_path(this_row, relation.stated),
            (cell_path(this_row, relation.stated), f"{this_row}.{relation.child}"),
            stated=row.cells.get(relation.stated),
            listed=listed,
            what=row_name(table, row, index),
            listed_what=child.label,
            severity=relation.severity,
            subject=row.id,
        )


def _list_count(
    relation: ListCountRelation, report: Report, schema: ReportSchema
) -> Iterator[Evaluation]:
    table = schema.table(relation.table)
    listed = len(report.rows(relation.table))
    yield _count_evaluation(
        relation.rule,
        schema.section_of(relation.stated).key,
        relation.stated,
        (relation.stated, relation.table),
        stated=report.get(relation.stated),
        listed=listed,
        what=f"“{schema.label(relation.stated)}”",
        listed_what=table.row_label,
        severity=relation.severity,
    )


def _column_bounds(
    relation: ColumnBoundRelation, report: Report, schema: ReportSchema
) -> Iterator[Evaluation]:
    table = schema.table(relation.table)
    value_column = table.column(relation.value)
    bound_label = table.column(relation.bound).label
    unit = value_column.unit or ""
    for index, row in enumerate(report.rows(relation.table), start=1):
        value = row.cells.get(relation.value)
        bound = row.cells.get(relation.bound)
        this_row = row_path(relation.table, row.id)
        if type(value) is not type(bound) or not isinstance(value, int | Decimal | Money):
            continue
        assert isinstance(bound, int | Decimal | Money)
        if value <= bound:  # type: ignore[operator]
            continue
        excess = value - bound  # type: ignore[operator]
        yield Evaluation(
            relation.rule,
            schema.section_of(relation.table).key,
            cell_path(this_row, relation.value),
            (cell_path(this_row, relation.value), cell_path(this_row, relation.bound)),
            f"不超过{bound_label}",
            _figure(bound),
            relation.severity,
            True,
            message=(
                f"{row_name(table, row, index)}{value_column.label} {_figure(value)} {unit}，"
                f"超过{bound_label} {_figure(bound)} {unit}，超出 {_figure(excess)} {unit}。"
            )
            .replace(" ，", "，")
            .replace(" 。", "。"),
            expected=bound,
            actual=value,
            difference=excess,
            subject=row.id,
        )


def _figure(value: object) -> str:
    if isinstance(value, Money):
        return value.format()
    if isinstance(value, Decimal):
        return format_percent(value)
    return str(value)


# -- ratios ------------------------------------------------------------------------------------


def _ratio(relation: RatioRelation, report: Report, schema: ReportSchema) -> Iterator[Evaluation]:
    numerator_values = [report.get(term.key) for term in relation.numerator]
    denominator = report.get(relation.denominator)
    stated = report.get(relation.stated)
    keys = tuple(
        dict.fromkeys((relation.stated, *(t.key for t in relation.numerator), relation.denominator))
    )
    labels = [schema.label(term.key) for term in relation.numerator]
    top = _signed_label(labels, relation.numerator)
    if len(relation.numerator) > 1:
        top = f"（{top}）"
    parts_label = f"{top} ÷ {schema.label(relation.denominator)} × 100%"
    readable = all(isinstance(v, Money) for v in numerator_values) and isinstance(
        denominator, Money
    )
    if not readable or not isinstance(denominator, Money) or denominator.fen == 0:
        yield Evaluation(
            relation.rule,
            schema.section_of(relation.stated).key,
            relation.stated,
            keys,
            parts_label,
            "—",
            None,
            False,
        )
        return
    signed = [
        (-v if term.negative else v)
        for v, term in zip(numerator_values, relation.numerator, strict=True)
        if isinstance(v, Money)
    ]
    computed = percent_of(total(signed), denominator)
    base = Evaluation(
        relation.rule,
        schema.section_of(relation.stated).key,
        relation.stated,
        keys,
        parts_label,
        f"{format_percent(computed)}%",
        None,
        isinstance(stated, Decimal),
    )
    if not isinstance(stated, Decimal) or abs(stated - computed) <= relation.tolerance:
        yield base
        return
    involved = dict.fromkeys((*(t.key for t in relation.numerator), relation.denominator))
    figures = "，".join(
        f"{schema.label(key)} {value.format()} 万元"
        for key in involved
        if isinstance(value := report.get(key), Money)
    )
    difference = stated - computed
    yield replace(
        base,
        severity=relation.severity,
        message=(
            f"{schema.label(relation.stated)}写为 {format_percent(stated)}%，"
            f"按{figures}计算应为 {format_percent(computed)}%，"
            f"相差 {format_percent(abs(difference))} 个百分点。"
        ),
        difference_text=f"{format_percent(difference)}%",
        expected=computed,
        actual=stated,
        difference=difference,
    )
