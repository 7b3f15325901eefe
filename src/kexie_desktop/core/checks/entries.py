"""Checks of single entries: unreadable text, missing required values, values out of range."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from kexie_desktop.core.findings import MISSING_RULE, Finding, Severity
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row, cell_path, row_path
from kexie_desktop.core.schema import Field, Table
from kexie_desktop.core.values import Invalid, Kind, Value

_HUNDRED = Decimal(100)


def check_entries(report: Report) -> Iterator[Finding]:
    schema = report.schema
    for field in schema.fields():
        section = schema.section_of(field.key).key
        yield from _check_value(
            field, report.get(field.key), field.key, f"“{field.label}”", section
        )
    for table in schema.tables():
        section = schema.section_of(table.key).key
        yield from _check_table(table, report.rows(table.key), table.key, table.label, section)


def _check_table(
    table: Table, rows: list[Row], path: str, where: str, section: str
) -> Iterator[Finding]:
    if table.required and not rows:
        yield Finding(
            MISSING_RULE,
            Severity.ERROR,
            section,
            (path,),
            f"请至少填写一条“{table.label}”。",
            subject=path,
        )
    for index, row in enumerate(rows, start=1):
        this_row = row_path(path, row.id)
        row_name = f"{where}第{index}行"  # "转移支付项目第2行的受助单位第3行"
        for column in table.columns:
            yield from _check_value(
                column,
                row.cells.get(column.key),
                cell_path(this_row, column.key),
                f"{row_name}的“{column.label}”",
                section,
            )
        for child in table.children:
            yield from _check_table(
                child,
                row.rows(child.key),
                f"{this_row}.{child.key}",
                f"{row_name}的{child.label}",
                section,
            )


def _check_value(
    field: Field, value: Value, path: str, quoted: str, section: str
) -> Iterator[Finding]:
    """``quoted`` names the entry for the clerk: “基本支出” or 转移支付项目第2行的“小计”."""
    if isinstance(value, Invalid):
        yield Finding(
            "entry.unreadable",
            Severity.ERROR,
            section,
            (path,),
            f"{quoted}：{value.message}",
            subject=path,
        )
    elif value is None or (isinstance(value, str) and not value.strip()):
        if field.required:
            yield Finding(
                MISSING_RULE, Severity.ERROR, section, (path,), f"请填写{quoted}。", subject=path
            )
    elif isinstance(value, Money) and value.fen < 0 and not field.signed:
        yield Finding(
            "entry.negative",
            Severity.ERROR,
            section,
            (path,),
            f"{quoted}不能为负数，现为 {value.format()} 万元。",
            actual=value,
            subject=path,
        )
    elif (
        field.kind is Kind.PERCENT
        and isinstance(value, Decimal)
        and not field.signed
        and not Decimal(0) <= value <= _HUNDRED
    ):
        yield Finding(
            "entry.percent_range",
            Severity.ERROR,
            section,
            (path,),
            f"{quoted}应在 0% 到 100% 之间，现为 {value}%。",
            actual=value,
            subject=path,
        )
