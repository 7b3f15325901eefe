"""Relations beyond plain sums, on a small template written here: signed parts (a change on
last year), ratios (a rate of change) and a count that must match a list. The shipped outline
of the sample uses none of them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.checks.relations import evaluate
from kexie_desktop.core.findings import Finding, Severity
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row
from kexie_desktop.core.schema import ListCountRelation, RatioRelation, SumRelation, Term
from kexie_desktop.core.template import Template, load_template
from kexie_desktop.core.template.render import Paragraph, Role, section_content
from kexie_desktop.core.totals import computed_totals
from template_texts import cover

CHANGES = (
    """
id = "changes"
version = 1
name = "收支增减（测试用）"
title = "{{ h.year }}年度{{ h.unit }}"

"""
    + cover("h")
    + """

[[sections]]
key = "m"
number = "一、"
title = "收支"

[[sections.items]]
key = "m.total"
label = "本年收入"
kind = "money"

[[sections.items]]
key = "m.last"
label = "上年收入"
kind = "money"

[[sections.items]]
key = "m.change"
label = "增减额"
kind = "money"
signed = true

[[sections.items]]
key = "m.rate"
label = "增减幅度"
kind = "percent"
signed = true

[[sections.items]]
key = "m.count"
label = "股室个数"
kind = "count"
unit = "个"

[[sections.items]]
key = "m.offices"
label = "内设股室"
kind = "table"
row_label = "股室"

[[sections.items.columns]]
key = "name"
label = "名称"
kind = "text"

[[sections.print]]
sentence = "收入{{ m.total }}，比上年{{ m.change|trend }}，{{ m.rate|trend }}。"

[[relations]]
rule = "m.change"
kind = "sum"
total = "m.change"
parts = ["m.total", "-m.last"]
severity = "warning"

[[relations]]
rule = "m.rate"
kind = "ratio"
stated = "m.rate"
numerator = ["m.total", "-m.last"]
denominator = "m.last"

[[relations]]
rule = "m.count"
kind = "list_count"
stated = "m.count"
table = "m.offices"
"""
)


def wan(text: str) -> Money:
    return Money.from_wan(text)


@pytest.fixture(scope="module")
def changes() -> Template:
    return load_template(CHANGES, "changes.toml")


@pytest.fixture
def report(changes: Template) -> Report:
    """This year 90, last year 100: down 10 万元, -10 %; two offices, and 2 stated."""
    report = Report(changes)
    report.values.update(
        {
            "m.total": wan("90"),
            "m.last": wan("100"),
            "m.change": wan("-10"),
            "m.rate": Decimal("-10"),
            "m.count": 2,
        }
    )
    report.tables["m.offices"] = [Row(cells={"name": "办公室"}), Row(cells={"name": "业务股"})]
    return report


def by_rule(report: Report, rule: str) -> list[Finding]:
    return [finding for finding in check_report(report) if finding.rule == rule]


def test_the_relations_are_read_with_their_signs(changes: Template) -> None:
    change, rate, count = changes.schema.relations
    assert isinstance(change, SumRelation)
    assert change.parts == (Term("m.total"), Term("m.last", negative=True))
    assert change.severity is Severity.WARNING
    assert isinstance(rate, RatioRelation)
    assert rate.numerator == (Term("m.total"), Term("m.last", negative=True))
    assert rate.denominator == "m.last"
    assert isinstance(count, ListCountRelation)
    assert (count.stated, count.table) == ("m.count", "m.offices")


def test_figures_that_agree_give_no_finding(report: Report) -> None:
    assert check_report(report) == []
    shown = computed_totals(evaluate(report))
    assert shown["m.change"].agrees
    assert shown["m.change"].parts_label == "本年收入 − 上年收入"
    assert shown["m.change"].computed_text == "-10.00"
    assert shown["m.rate"].agrees
    assert shown["m.rate"].computed_text == "-10%"
    assert shown["m.count"].agrees
    assert shown["m.count"].counts_rows
    assert shown["m.count"].computed_text == "2 个"


def test_a_signed_part_is_subtracted(report: Report) -> None:
    report.values["m.change"] = wan("10")  # the sign forgotten
    (finding,) = by_rule(report, "m.change")
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual, finding.difference) == (
        wan("-10"),
        wan("10"),
        wan("20"),
    )
    assert "本年收入 90.00 − 上年收入 100.00 = -10.00 万元" in finding.message
    assert "相差 20.00 万元" in finding.message
    shown = computed_totals(evaluate(report))["m.change"]
    assert not shown.agrees
    assert shown.difference_text == "20.00"


def test_a_rate_is_checked_against_its_figures(report: Report) -> None:
    report.values["m.rate"] = Decimal("-12")
    (finding,) = by_rule(report, "m.rate")
    assert finding.severity is Severity.WARNING
    assert finding.expected == Decimal("-10")
    assert finding.actual == Decimal("-12")
    assert finding.difference == Decimal("-2")
    for phrase in ("增减幅度", "-12%", "-10%", "2 个百分点", "上年收入 100.00 万元"):
        assert phrase in finding.message
    assert finding.message.count("上年收入") == 1
    assert not computed_totals(evaluate(report))["m.rate"].agrees


def test_a_rate_within_the_tolerance_is_fine(report: Report) -> None:
    report.values["m.rate"] = Decimal("-10.01")
    assert by_rule(report, "m.rate") == []


def test_a_rate_over_nothing_is_not_checked(report: Report) -> None:
    report.values["m.last"] = Money(0)
    report.values["m.change"] = wan("90")
    assert by_rule(report, "m.rate") == []
    assert computed_totals(evaluate(report))["m.rate"].computed_text == "—"


def test_a_stated_count_must_match_the_list(report: Report) -> None:
    report.values["m.count"] = 3
    (finding,) = by_rule(report, "m.count")
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual, finding.difference) == (3, 2, -1)
    assert "股室个数" in finding.message
    assert "写明 3 个" in finding.message
    assert "列出了 2 个股室" in finding.message
    report.tables["m.offices"].append(Row(cells={"name": "财务股"}))
    assert by_rule(report, "m.count") == []


def test_a_signed_field_may_be_negative_others_may_not(report: Report) -> None:
    assert not [f for f in check_report(report) if f.rule.startswith("entry.")]
    report.values["m.last"] = wan("-1")
    (finding,) = [f for f in check_report(report) if f.rule == "entry.negative"]
    assert finding.fields == ("m.last",)


def test_a_change_is_worded_as_a_trend(report: Report) -> None:
    assert section_content(report, "m")[0] == Paragraph(
        Role.BODY, "收入90万元，比上年减少10万元，下降10%。"
    )
    report.values.update({"m.total": wan("110"), "m.change": wan("10"), "m.rate": Decimal("10")})
    assert section_content(report, "m")[0] == Paragraph(
        Role.BODY, "收入110万元，比上年增加10万元，增长10%。"
    )
