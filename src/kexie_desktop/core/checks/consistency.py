"""Checks beyond arithmetic that a template declares as rules: a text that must agree with an
amount ("无。" for nothing spent), a low figure that needs a reason, the report's year."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from kexie_desktop.core.findings import Finding
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.template.model import (
    NoneTextRule,
    ReasonBelowRule,
    Rule,
    YearBeforeDateRule,
)
from kexie_desktop.core.textinput import says_none
from kexie_desktop.core.values import Kind, display, format_percent


def check_consistency(report: Report) -> Iterator[Finding]:
    for rule in report.template.rules:
        yield from _check(rule, report)


def _check(rule: Rule, report: Report) -> Iterator[Finding]:
    match rule:
        case NoneTextRule():
            yield from _none_text(rule, report)
        case ReasonBelowRule():
            yield from _reason_below(rule, report)
        case YearBeforeDateRule():
            yield from _year_before_date(rule, report)


def _none_text(rule: NoneTextRule, report: Report) -> Iterator[Finding]:
    schema = report.schema
    amount = report.money(rule.amount)
    text = report.text(rule.text)
    section = schema.section_of(rule.amount)
    name = section.title.removesuffix("情况")
    fields = (rule.text, rule.amount)
    if (amount is None or amount.fen == 0) and not says_none(text):
        yield Finding(
            rule.rule,
            rule.severity,
            section.key,
            fields,
            f"{name}为 0，说明应为“{rule.none}”；如确有支出，请先填写支出金额。",
        )
    elif amount is not None and amount.fen > 0 and says_none(text):
        yield Finding(
            rule.rule,
            rule.severity,
            section.key,
            fields,
            f"{name} {amount.format()} 万元，请说明支出用途和绩效。",
            actual=amount,
        )


def _reason_below(rule: ReasonBelowRule, report: Report) -> Iterator[Finding]:
    schema = report.schema
    field = schema.field(rule.value)
    value = report.get(rule.value)
    number = value.wan if isinstance(value, Money) else value
    if not isinstance(number, int | Decimal) or isinstance(number, bool):
        return
    if number >= rule.threshold or report.text(rule.reason).strip():
        return
    shown = display(field.kind, value)
    threshold = (
        Money.from_wan(rule.threshold).format()
        if field.kind is Kind.MONEY
        else format_percent(rule.threshold)
    )
    yield Finding(
        rule.rule,
        rule.severity,
        schema.section_of(rule.value).key,
        (rule.reason, rule.value),
        f"{field.label} {shown}{field.unit} 低于 {threshold}{field.unit}，"
        f"请在“{schema.field(rule.reason).label}”中说明。",
        expected=rule.threshold,
        actual=value if isinstance(value, Money | int | Decimal) else None,
    )


def _year_before_date(rule: YearBeforeDateRule, report: Report) -> Iterator[Finding]:
    year, date = report.year, report.date
    if year is None or date is None or year < date.year:
        return
    roles = report.template.roles
    yield Finding(
        rule.rule,
        rule.severity,
        report.schema.section_of(roles.year).key,
        (roles.year, roles.date),
        f"报告年度 {year} 年应早于报告日期所在的 {date.year} 年：自评报告通常在次年编写。",
        expected=date.year - 1,
        actual=year,
    )
