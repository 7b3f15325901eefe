"""Checks that tie texts to figures: the three other budgets, the usage rate, the dates."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from kexie_desktop.core.findings import Finding, Severity
from kexie_desktop.core.report import Report
from kexie_desktop.core.schema import NONE_TEXT
from kexie_desktop.core.schema.other_budgets import OTHER_BUDGETS
from kexie_desktop.core.textinput import says_none

LOW_USAGE_RATE = Decimal(90)


def check_consistency(report: Report) -> Iterator[Finding]:
    yield from _other_budgets(report)
    yield from _usage_rate(report)
    yield from _report_year(report)


def _other_budgets(report: Report) -> Iterator[Finding]:
    for section in OTHER_BUDGETS:
        amount_key, text_key = f"{section.key}.amount", f"{section.key}.text"
        amount = report.money(amount_key)
        text = report.text(text_key)
        name = section.title.removesuffix("情况")
        if (amount is None or amount.fen == 0) and not says_none(text):
            yield Finding(
                "other_budget.none_text",
                Severity.ERROR,
                section.key,
                (text_key, amount_key),
                f"{name}为 0，说明应为“{NONE_TEXT}”；如确有支出，请先填写支出金额。",
            )
        elif amount is not None and amount.fen > 0 and says_none(text):
            yield Finding(
                "other_budget.missing_text",
                Severity.ERROR,
                section.key,
                (text_key, amount_key),
                f"{name} {amount.format()} 万元，请说明支出用途和绩效。",
                actual=amount,
            )


def _usage_rate(report: Report) -> Iterator[Finding]:
    rate = report.percent("performance.usage_rate")
    if rate is None or rate >= LOW_USAGE_RATE or report.text("performance.low_rate_reason").strip():
        return
    yield Finding(
        "performance.low_usage_rate",
        Severity.WARNING,
        "performance",
        ("performance.low_rate_reason", "performance.usage_rate"),
        f"资金使用率 {rate.normalize():f}% 低于 {LOW_USAGE_RATE}%，请在“资金使用率偏低的原因”中说明。",
        expected=LOW_USAGE_RATE,
        actual=rate,
    )


def _report_year(report: Report) -> Iterator[Finding]:
    year, date = report.year, report.date("header.date")
    if year is None or date is None or year < date.year:
        return
    yield Finding(
        "header.year_after_date",
        Severity.WARNING,
        "header",
        ("header.year", "header.date"),
        f"报告年度 {year} 年应早于报告日期所在的 {date.year} 年：自评报告通常在次年编写。",
        expected=date.year - 1,
        actual=year,
    )
