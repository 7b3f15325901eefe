"""The county outline (部门整体支出绩效评价报告) end to end: its checks, its example report (with
its 自评表) through the hand-over file, storage, carry-over, the command line and the PDF."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cli_run import run
from kexie_desktop.core import handover
from kexie_desktop.core.carry_over import next_year_report
from kexie_desktop.core.checks import check_report
from kexie_desktop.core.checks.relations import evaluate
from kexie_desktop.core.findings import Severity
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import score_sheet
from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.core.template.render import preview
from kexie_desktop.core.totals import computed_totals
from kexie_desktop.core.values import read
from kexie_desktop.resources import SAMPLE_REPORTS
from kexie_desktop.services.workspace import Workspace, load_sample

EXAMPLE = SAMPLE_REPORTS[1]


@pytest.fixture
def example() -> Report:
    return load_sample(name=EXAMPLE)


def _set(report: Report, key: str, text: str) -> None:
    report.values[key] = read(report.schema.field(key).kind, text)


def _rules(report: Report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in check_report(report):
        found.setdefault(finding.rule, []).append(finding.message)
    return found


def test_the_example_is_labelled_and_has_no_finding(example: Report) -> None:
    assert example.template.id == "county-dept-evaluation"
    assert example.is_sample
    assert example.display_name.startswith("【示例】")
    assert check_report(example) == []


def test_a_carry_over_that_does_not_balance_is_an_error_with_the_difference(
    example: Report,
) -> None:
    _set(example, "balance.closing", "80.00")  # 56.78 + 1023.45 − 1000.25 = 79.98
    (finding,) = [f for f in check_report(example) if f.rule == "balance.carry_over"]
    assert finding.severity is Severity.ERROR
    assert finding.difference == Money.from_wan("0.02")
    assert finding.message == (
        "年末结转结余 80.00 万元 ≠ 年初结转结余 56.78 + 收入合计 1023.45 − 支出合计 1000.25"
        " = 79.98 万元，相差 0.02 万元。"
    )
    assert finding.fields[0] == "balance.closing"


@pytest.mark.parametrize(
    ("opening", "income", "spending", "closing"),
    [
        ("0", "0.01", "0", "0.01"),
        ("123456.78", "0.01", "123456.79", "0"),
        ("1.005", "2.004", "0.009", "3.00"),  # typed in more decimals: rounded to the 分
        ("10000元", "0", "0", "1"),
    ],
)
def test_a_carry_over_that_balances_to_the_fen_raises_no_alarm(
    example: Report, opening: str, income: str, spending: str, closing: str
) -> None:
    for key, text in (
        ("balance.opening", opening),
        ("income.total", income),
        ("spending.total", spending),
        ("balance.closing", closing),
    ):
        _set(example, key, text)
    assert "balance.carry_over" not in _rules(example)


def test_spending_more_than_received_without_a_carry_over_is_caught(example: Report) -> None:
    _set(example, "balance.opening", "0")
    _set(example, "balance.closing", "0")
    messages = _rules(example)["balance.carry_over"]
    assert "相差 23.20 万元" in messages[0]


def test_income_parts_that_do_not_add_up_are_errors(example: Report) -> None:
    _set(example, "income.supplementary", "90")
    (message,) = _rules(example)["income.appropriation"]
    assert (
        message
        == "财政拨款收入 1000.00 万元 ≠ 其中：年初预算 900.00 + 其中：追加预算 90.00 = 990.00 万元，相差 10.00 万元。"
    )


def test_the_stated_change_on_last_year_is_checked(example: Report) -> None:
    _set(example, "income.change", "40")
    _set(example, "income.change_rate", "4.5")
    rules = _rules(example)
    assert "相差 3.25 万元" in rules["income.change"][0]
    (rate,) = rules["income.change_rate"]
    assert rate == (
        "收入增减幅度写为 4.5%，按收入合计 1023.45 万元，上年收入合计 980.20 万元计算应为 4.41%，"
        "相差 0.09 个百分点。"
    )
    assert all(
        f.severity is Severity.WARNING
        for f in check_report(example)
        if f.rule.startswith("income.change")
    )


@pytest.mark.parametrize("rate", ["4.41", "4.40", "4.42"])
def test_a_change_rate_within_a_hundredth_of_a_percent_is_fine(example: Report, rate: str) -> None:
    _set(example, "income.change_rate", rate)  # computed 4.4124… → 4.41
    assert "income.change_rate" not in _rules(example)


def test_a_fall_is_typed_as_a_negative_change_and_printed_as_a_fall(example: Report) -> None:
    text = preview(example, "overview.spending") or ""
    assert "比上年减少12.15万元，下降1.2%" in text
    assert "比上年增加43.25万元，增长4.41%" in text


def test_breakdowns_are_checked_only_when_given(example: Report) -> None:
    for key in ("spending.wages", "spending.goods", "spending.households", "spending.capital"):
        example.values.pop(key)
    example.tables["spending.by_function"] = []
    assert _rules(example) == {}
    _set(example, "spending.wages", "480.30")  # one class given: the rest count as 0
    (message,) = _rules(example)["spending.economic"]
    assert "相差 519.95 万元" in message


def test_a_function_breakdown_that_does_not_add_up_is_an_error(example: Report) -> None:
    example.tables["spending.by_function"].pop()
    (message,) = _rules(example)["spending.function"]
    assert "相差 22.30 万元" in message


def test_stated_counts_of_offices_and_units_must_match_the_lists(example: Report) -> None:
    _set(example, "overview.office_count", "5")
    example.tables["overview.units"] = []
    rules = _rules(example)
    assert rules["overview.office_count"] == [
        "“内设股室个数”写明 5 个，但列出了 4 个股室，相差 1 个。"
    ]
    assert rules["overview.unit_count"] == [
        "“二级机构个数”写明 1 个，但列出了 0 个二级机构，相差 1 个。"
    ]


def test_a_low_execution_rate_needs_a_reason(example: Report) -> None:
    _set(example, "analysis.spent", "900")
    _set(example, "analysis.rate", "85.71")
    rules = _rules(example)
    assert rules["analysis.low_execution_rate"] == [
        "预算执行率 85.71% 低于 90%，请在“执行率偏低的原因”中说明。"
    ]
    _set(example, "analysis.low_rate_reason", "两个项目延至次年实施。")
    assert "analysis.low_execution_rate" not in _rules(example)


def test_the_screen_shows_the_same_sums_as_the_checks(example: Report) -> None:
    _set(example, "balance.closing", "80")
    total = computed_totals(evaluate(example))["balance.closing"]
    assert total.parts_label == "年初结转结余 + 收入合计 − 支出合计"
    assert total.computed_text == "79.98"
    assert not total.agrees
    _set(example, "balance.closing", "79.99")  # a rounding tail: info, not red
    total = computed_totals(evaluate(example))["balance.closing"]
    assert total.agrees
    assert [f.severity for f in check_report(example)] == [Severity.INFO]


def test_hand_over_round_trip_and_storage(
    example: Report, templates: TemplateLibrary, tmp_path: Path
) -> None:
    again = handover.loads(handover.dumps(example), templates)
    assert again.template is example.template
    assert again.values == example.values
    assert again.tables == example.tables
    workspace = Workspace.open(tmp_path / "county.sqlite", templates)
    try:
        report_id = workspace.repository.insert(again)
        stored = workspace.load(report_id)
        assert stored.template.id == "county-dept-evaluation"
        assert stored.values == example.values
        assert stored.values["spending.change"] == Money.from_wan("-12.15")
        assert stored.values["spending.change_rate"] == Decimal("-1.20")
        summary = next(s for s in workspace.list_reports() if s.id == report_id)
        assert (summary.unit, summary.year) == ("示例县农业农村局", 2023)
    finally:
        workspace.close()


def test_a_copied_report_shares_its_immutable_template(example: Report) -> None:
    """The export thread works on a deep copy; compiled sentences are shared, not copied."""
    import copy

    snapshot = copy.deepcopy(example)
    assert snapshot.template is example.template
    assert snapshot.values == example.values
    assert snapshot.values is not example.values


def test_next_year_keeps_the_template_and_clears_the_figures(example: Report) -> None:
    following = next_year_report(example)
    assert following.template is example.template
    assert following.year == 2024
    assert following.values.get("income.total") is None
    assert following.values.get("header.date") is None
    assert following.values["overview.duties"] == example.values["overview.duties"]
    assert [row.cells for row in following.rows("overview.offices")] == [
        row.cells for row in example.rows("overview.offices")
    ]
    assert all("amount" not in row.cells for row in following.rows("spending.by_function"))


def test_the_example_s_scoring_table_adds_up_and_is_quoted(example: Report) -> None:
    sheet = score_sheet(example)
    assert sheet is not None
    assert (sheet.total, sheet.grade.name, sheet.complete) == (Decimal("93.72"), "优", True)
    assert (preview(example, "overview.analysis") or "").endswith(
        "本部门2023年度整体支出绩效自评得分93.72分，自评等级为优。"
    )


def test_check_on_the_command_line_shows_the_total_and_finds_nothing(tmp_path: Path) -> None:
    result = run("--demo", "--report", "2023", "check", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "【示例】2023年度 示例县农业农村局",
        "自评表：合计 93.72 分（优），高出优的下限 3.72 分。",
        "审核通过：没有发现问题。",
    ]
