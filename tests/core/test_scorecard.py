"""The 自评表 evaluated (``score_sheet``) and checked (``check_scores``), on the county example:
scores above their points, missing 扣分原因 and execution rates that disagree are found; a
consistent table raises nothing; totals and grades hold at the boundaries; computed leaves
score in proportion or yes/no; scores survive carry-over rules, hand-over files and storage."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_desktop.core import handover
from kexie_desktop.core.carry_over import next_year_report
from kexie_desktop.core.checks import check_report
from kexie_desktop.core.findings import Finding, Severity
from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import Indicator, ScoreSheet, score_sheet
from kexie_desktop.core.template import TemplateLibrary, load_template
from kexie_desktop.core.template.render import preview
from kexie_desktop.core.values import read
from kexie_desktop.resources import SAMPLE_REPORTS
from kexie_desktop.services.workspace import Workspace, load_sample
from template_texts import cover

COUNTY_EXAMPLE = SAMPLE_REPORTS[1]
FULL_TOTAL = Decimal("93.72")  # the county example's total, 优


@pytest.fixture
def example() -> Report:
    return load_sample(name=COUNTY_EXAMPLE)


def _set(report: Report, key: str, text: str) -> None:
    report.values[key] = read(report.schema.field(key).kind, text)


def _sheet(report: Report) -> ScoreSheet:
    sheet = score_sheet(report)
    assert sheet is not None
    return sheet


def _score_findings(report: Report) -> list[Finding]:
    return [f for f in check_report(report) if f.rule.startswith("score.")]


def _manual_leaves(report: Report) -> list[Indicator]:
    card = report.template.scorecard
    assert card is not None
    return [leaf for leaf in card.leaves() if leaf.formula is None]


# -- the example -------------------------------------------------------------------------------


def test_the_example_table_is_complete_consistent_and_raises_nothing(example: Report) -> None:
    sheet = _sheet(example)
    assert sheet.complete
    assert sheet.missing == 0
    assert sheet.total == FULL_TOTAL
    assert sheet.grade.name == "优"
    assert sheet.summary() == "合计 93.72 分（优），高出优的下限 3.72 分"
    assert [(n.indicator.name, n.score) for n in sheet.top_level()] == [
        ("投入", Decimal("19.5")),
        ("过程", Decimal("26.22")),
        ("产出", Decimal("24")),
        ("效果", Decimal("24")),
    ]
    assert check_report(example) == []


def test_every_subtotal_is_the_sum_of_its_children(example: Report) -> None:
    sheet = _sheet(example)
    for node in sheet.nodes:
        children = node.indicator.children
        if children:
            below = [sheet.node(child.key).score for child in children]
            assert node.score == sum((s for s in below if s is not None), Decimal(0))
    assert sheet.total == sum((n.score or Decimal(0) for n in sheet.leaves()), Decimal(0))


def test_the_example_s_computed_leaves_show_their_figures(example: Report) -> None:
    sheet = _sheet(example)
    execution = sheet.node("execution_rate")
    assert execution.computed is not None
    assert execution.score == Decimal("5.72")  # 6 × 95.26 %
    assert execution.computed.rate == Decimal("95.26")
    assert execution.computed.explanation == (
        "预算执行率 = 全年执行数 ÷ 全年预算数 × 100%：1000.25 ÷ 1050.00 = 95.26%，按比例得 5.72 分"
    )
    carryover = sheet.node("carryover_change")
    assert carryover.score == 0  # 年末 79.98 > 年初 56.78: a computed leaf needs no reason
    assert carryover.computed is not None
    assert carryover.computed.explanation.endswith("79.98 > 56.78 万元，否，得 0 分")
    assert sheet.node("public_control").score == 2  # 107.58 ≤ 110


# -- findings ----------------------------------------------------------------------------------


def test_a_score_above_its_points_is_an_error_at_the_score(example: Report) -> None:
    _set(example, "scores.goal_fit.score", "4.5")
    (finding,) = _score_findings(example)
    assert finding.rule == "score.over"
    assert finding.severity is Severity.ERROR
    assert finding.message == "自评表“绩效目标合理性”得分 4.5 分，超过其分值 4 分。"
    assert finding.fields == ("scores.goal_fit.score",)
    assert (finding.section, finding.subject) == ("scores", "goal_fit")
    assert (finding.expected, finding.actual) == (Decimal(4), Decimal("4.5"))


def test_a_score_equal_to_its_points_is_no_finding(example: Report) -> None:
    _set(example, "scores.goal_clarity.score", "4.00")
    example.values.pop("scores.goal_clarity.reason")
    assert _score_findings(example) == []


def test_a_score_below_full_marks_needs_a_reason_a_warning(example: Report) -> None:
    _set(example, "scores.social_benefit.score", "7.5")
    (finding,) = _score_findings(example)
    assert finding.rule == "score.reason"
    assert finding.severity is Severity.WARNING
    assert finding.message == "自评表“社会效益”得 7.5 分，比分值 8 分少 0.5 分，请填写扣分原因。"
    assert finding.fields == ("scores.social_benefit.reason", "scores.social_benefit.score")
    _set(example, "scores.social_benefit.reason", "   ")  # blank is no reason
    assert [f.rule for f in _score_findings(example)] == ["score.reason"]
    _set(example, "scores.social_benefit.reason", "农村改厕后续管护机制尚不健全。")
    assert _score_findings(example) == []


def test_a_removed_reason_is_missed(example: Report) -> None:
    example.values.pop("scores.timeliness.reason")
    (finding,) = _score_findings(example)
    assert finding.message == "自评表“完成及时率”得 5 分，比分值 6 分少 1 分，请填写扣分原因。"


def test_an_execution_rate_that_disagrees_is_an_error_naming_both_figures(example: Report) -> None:
    _set(example, "analysis.rate", "96")
    (finding,) = _score_findings(example)
    assert finding.rule == "score.stated"
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "自评表“预算执行率”按数字计算为 95.26%（预算执行率 = 全年执行数 ÷ 全年预算数 × 100%："
        "1000.25 ÷ 1050.00 = 95.26%，按比例得 5.72 分），"
        "与（三）绩效目标实施情况分析中“预算执行率”所填 96% 不一致，相差 0.74 个百分点。"
    )
    assert finding.fields == ("analysis.rate", "analysis.spent", "analysis.budget")
    assert (finding.expected, finding.actual, finding.difference) == (
        Decimal("95.26"),
        Decimal("96"),
        Decimal("0.74"),
    )
    # The one message for it: the outline's own relation gave way to the 自评表's check.
    assert [f.rule for f in check_report(example)] == ["score.stated"]


@pytest.mark.parametrize("stated", ["95.25", "95.26", "95.27"])
def test_an_execution_rate_within_a_hundredth_is_no_alarm(example: Report, stated: str) -> None:
    _set(example, "analysis.rate", stated)
    assert check_report(example) == []


def test_an_execution_rate_changed_with_its_figures_is_no_alarm(example: Report) -> None:
    _set(example, "analysis.spent", "1000.00")
    _set(example, "analysis.rate", "95.24")  # 1000 ÷ 1050
    assert check_report(example) == []
    assert _sheet(example).node("execution_rate").score == Decimal("5.71")


def test_several_problems_are_all_found_in_the_order_of_the_table(example: Report) -> None:
    _set(example, "scores.goal_fit.score", "5")
    _set(example, "analysis.rate", "90")
    _set(example, "scores.satisfaction.score", "6")
    assert [(f.rule, f.subject) for f in _score_findings(example)] == [
        ("score.over", "goal_fit"),
        ("score.stated", "execution_rate"),
        ("score.reason", "satisfaction"),
    ]


def test_the_hunan_sample_has_no_scorecard_finding(sample: Report) -> None:
    assert _score_findings(sample) == []
    assert _sheet(sample).total == Decimal("96.15")


# -- totals and grades -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("social", "total", "grade", "outlook"),
    [
        ("4.27", "89.99", "良", "再得 0.01 分即为优"),
        ("4.28", "90.00", "优", "再失 0.01 分即为良"),
        ("4.29", "90.01", "优", "高出优的下限 0.01 分"),
    ],
)
def test_the_grade_at_the_90_boundary(
    example: Report, social: str, total: str, grade: str, outlook: str
) -> None:
    _set(example, "scores.social_benefit.score", social)  # 93.72 − 8 + social
    _set(example, "scores.social_benefit.reason", "示例原因。")
    sheet = _sheet(example)
    assert sheet.total == Decimal(total)
    assert sheet.grade.name == grade
    assert sheet.outlook() == outlook


@pytest.mark.parametrize(
    ("total", "grade", "outlook"),
    [
        ("80.00", "良", "再得 10 分即为优"),
        ("79.99", "中", "再得 0.01 分即为良"),
        ("60.00", "中", "再得 20 分即为良"),
        ("59.99", "差", "再得 0.01 分即为中"),
    ],
)
def test_every_lower_grade_boundary(example: Report, total: str, grade: str, outlook: str) -> None:
    """Points taken from the typed scores, leaf by leaf, down to the wanted total."""
    remaining = FULL_TOTAL - Decimal(total)
    for leaf in _manual_leaves(example):
        score = _sheet(example).node(leaf.key).score
        assert score is not None
        taken = min(score, remaining)
        if taken:
            _set(example, f"scores.{leaf.key}.score", str(score - taken))
            _set(example, f"scores.{leaf.key}.reason", "示例原因。")
        remaining -= taken
    sheet = _sheet(example)
    assert sheet.total == Decimal(total)
    assert (sheet.grade.name, sheet.outlook()) == (grade, outlook)
    assert _score_findings(example) == []


def test_missing_scores_make_the_grade_provisional_and_the_sentence_unfilled(
    example: Report,
) -> None:
    example.values.pop("scores.goal_fit.score")
    example.values.pop("scores.quality.score")
    sheet = _sheet(example)
    assert not sheet.complete
    assert sheet.missing == 2
    assert sheet.total == FULL_TOTAL - 4 - 6
    assert sheet.node("input").score == Decimal("15.5")
    assert not sheet.node("input").complete
    assert sheet.node("process").complete
    assert sheet.summary() == "合计 83.72 分（良），再得 6.28 分即为优；尚有 2 项未评分，等级为暂定"
    text = preview(example, "overview.analysis") or ""
    assert "自评得分（未填），自评等级为（未填）。" in text
    # A score not given is a required entry left empty, not a scorecard finding.
    assert _score_findings(example) == []
    assert any("scores.goal_fit.score" in f.fields for f in check_report(example))


def test_the_result_sentence_quotes_the_total_and_grade(example: Report) -> None:
    text = preview(example, "overview.analysis") or ""
    assert text.endswith(
        "经对照部门整体支出绩效评价指标体系自评，本部门2023年度整体支出绩效自评得分93.72分，"
        "自评等级为优。"
    )
    _set(example, "scores.social_benefit.score", "4.27")
    assert "自评得分89.99分，自评等级为良。" in (preview(example, "overview.analysis") or "")


# -- computed leaves ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spent", "rate", "score"),
    [
        ("1050", "100", "6"),  # full marks at 100 %
        ("1260", "120", "6"),  # capped at full marks
        ("525", "50", "3"),  # in proportion
        ("0", "0", "0"),
        ("1049.99", "100", "6"),  # 99.999 % rounds to 100.00 %
        ("347.55", "33.1", "1.99"),  # 6 × 33.10 % = 1.986 → 1.99 (half up)
    ],
)
def test_the_execution_rate_scores_in_proportion_capped_at_full_marks(
    example: Report, spent: str, rate: str, score: str
) -> None:
    _set(example, "analysis.spent", spent)
    node = _sheet(example).node("execution_rate")
    assert node.computed is not None
    assert node.computed.rate == Decimal(rate)
    assert node.score == Decimal(score)
    assert not node.over


@pytest.mark.parametrize("budget", ["", "0"])
def test_an_execution_rate_without_a_budget_waits_for_the_figure(
    example: Report, budget: str
) -> None:
    _set(example, "analysis.budget", budget)
    sheet = _sheet(example)
    node = sheet.node("execution_rate")
    assert node.score is None
    assert node.computed is not None
    assert node.computed.explanation.endswith("（待填数字）")
    assert not sheet.complete
    assert _score_findings(example) == []


@pytest.mark.parametrize(
    ("public", "score", "verdict"),
    [("109.99", "2", "是"), ("110", "2", "是"), ("110.01", "0", "否")],
)
def test_a_yes_no_leaf_gives_all_or_nothing(
    example: Report, public: str, score: str, verdict: str
) -> None:
    _set(example, "spending.public", public)
    node = _sheet(example).node("public_control")
    assert node.score == Decimal(score)
    assert node.computed is not None
    assert f"，{verdict}，得 {score} 分" in node.computed.explanation
    assert not [f for f in _score_findings(example) if f.subject == "public_control"]


def test_a_yes_no_leaf_waits_for_its_bound(example: Report) -> None:
    example.values.pop("scores.public_budget")
    assert _sheet(example).node("public_control").score is None


FULL_AT = (
    'id = "full-at"\nversion = 1\nname = "满分线"\ntitle = "{{ head.unit }}"\n'
    + cover()
    + """
[[sections]]
key = "scores"
title = "自评表"
printed = false

[[sections.items]]
key = "scores.budget"
label = "预算数"
kind = "money"

[[sections.items]]
key = "scores.spent"
label = "执行数"
kind = "money"

[scorecard]
section = "scores"
title = "自评表"
grades = [{ name = "合格", minimum = "60" }, { name = "不合格", minimum = "0" }]

[[scorecard.indicators]]
key = "rate"
name = "预算执行率"
points = 100
criterion = "执行率达 95% 得满分，低于 95% 按比例计分。"
[scorecard.indicators.formula]
kind = "ratio"
label = "预算执行率"
numerator = ["scores.spent"]
denominator = "scores.budget"
full_at = "95"
"""
)


@pytest.mark.parametrize(
    ("spent", "score", "grade"),
    [
        ("95", "100", "合格"),
        ("100", "100", "合格"),
        ("57", "60", "合格"),
        ("56.99", "59.99", "不合格"),
    ],
)
def test_full_marks_from_a_chosen_rate(spent: str, score: str, grade: str) -> None:
    report = Report(load_template(FULL_AT))
    _set(report, "scores.budget", "100")
    _set(report, "scores.spent", spent)
    sheet = _sheet(report)
    assert sheet.total == Decimal(score)
    assert sheet.grade.name == grade


# -- no false alarm ----------------------------------------------------------------------------

_MANUAL = _manual_leaves(load_sample(name=COUNTY_EXAMPLE))


@st.composite
def consistent_tables(draw: st.DrawFn) -> tuple[dict[str, Decimal], int, int]:
    scores = {
        leaf.key: Decimal(draw(st.integers(min_value=0, max_value=int(leaf.points * 100)))).scaleb(
            -2
        )
        for leaf in _MANUAL
    }
    budget = draw(st.integers(min_value=1, max_value=10**9))
    spent = draw(st.integers(min_value=0, max_value=2 * budget))
    return scores, budget, spent


@settings(max_examples=60)
@given(consistent_tables())
def test_any_consistent_table_raises_no_scorecard_finding(
    table: tuple[dict[str, Decimal], int, int],
) -> None:
    example = load_sample(name=COUNTY_EXAMPLE)
    scores, budget_fen, spent_fen = table
    for key, score in scores.items():
        example.values[f"scores.{key}.score"] = score
        example.values[f"scores.{key}.reason"] = "示例原因。"
    _set(example, "analysis.budget", str(Decimal(budget_fen).scaleb(-2)))
    _set(example, "analysis.spent", str(Decimal(spent_fen).scaleb(-2)))
    node = _sheet(example).node("execution_rate")
    assert node.computed is not None
    assert node.computed.rate is not None
    example.values["analysis.rate"] = node.computed.rate  # the rate as the clerk would type it
    assert _score_findings(example) == []
    sheet = _sheet(example)
    assert sheet.complete
    assert Decimal(0) <= sheet.total <= 100
    assert sheet.total == sum((n.score or Decimal(0) for n in sheet.leaves()), Decimal(0))
    minimums = {"优": 90, "良": 80, "中": 60, "差": 0}
    assert sheet.total >= minimums[sheet.grade.name]
    assert all(
        sheet.total < minimum
        for name, minimum in minimums.items()
        if minimum > minimums[sheet.grade.name]
    )


# -- next year, hand-over, storage -------------------------------------------------------------


def test_next_year_keeps_the_tree_and_texts_and_clears_scores_reasons_and_budgets(
    example: Report,
) -> None:
    following = next_year_report(example)
    assert following.template is example.template
    assert following.template.scorecard is example.template.scorecard  # tree and criteria
    section = example.schema.section("scores")
    cleared = [f.key for f in section.items]
    assert len(cleared) == 3 + 24 + 27  # budgets, manual scores, reasons
    assert all(following.values.get(key) is None for key in cleared)
    assert example.values["scores.goal_clarity.reason"]  # the example had them
    for key in ("analysis.budget", "analysis.spent", "analysis.rate", "scores.public_budget"):
        assert following.values.get(key) is None
    for key in ("overview.duties", "goals.text", "problems.text", "improvements.text"):
        assert following.values[key] == example.values[key]
    sheet = _sheet(following)
    assert sheet.total == 0
    assert sheet.missing == 27
    assert not sheet.complete


def test_a_hand_over_file_keeps_every_score_and_reason_exactly(
    example: Report, templates: TemplateLibrary
) -> None:
    _set(example, "scores.goal_fit.score", "3.99")
    _set(example, "scores.goal_fit.reason", "目标依据“三定”方案，\n个别指标与年度任务不一致。")
    again = handover.loads(handover.dumps(example), templates)
    card_keys = [f.key for f in example.schema.section("scores").items]
    for key in card_keys:
        assert again.values.get(key) == example.values.get(key), key
        assert str(again.values.get(key)) == str(example.values.get(key)), key
    assert _sheet(again).total == _sheet(example).total == Decimal("93.71")


def test_an_unreadable_score_survives_the_hand_over_file(
    example: Report, templates: TemplateLibrary
) -> None:
    _set(example, "scores.goal_fit.score", "4.555")
    again = handover.loads(handover.dumps(example), templates)
    assert again.values["scores.goal_fit.score"] == example.values["scores.goal_fit.score"]
    assert _sheet(again).node("goal_fit").score is None


@pytest.mark.parametrize("score", ["0", "0.01", "3.99", "4", "999.99"])
def test_storage_keeps_scores_as_whole_hundredths(
    example: Report, templates: TemplateLibrary, tmp_path: Path, score: str
) -> None:
    _set(example, "scores.goal_fit.score", score)
    path = tmp_path / "scores.sqlite"
    workspace = Workspace.open(path, templates)
    try:
        report_id = workspace.repository.insert(example)
        stored = workspace.load(report_id)
    finally:
        workspace.close()
    for key in [f.key for f in example.schema.section("scores").items]:
        assert stored.values.get(key) == example.values.get(key), key
    assert stored.values["scores.goal_fit.score"] == Decimal(score)
    with sqlite3.connect(path) as db:
        (raw,) = db.execute(
            "SELECT int_value FROM field_values WHERE report_id = ? AND key = ?",
            (report_id, "scores.goal_fit.score"),
        ).fetchone()
    assert raw == int(Decimal(score) * 100)
    assert isinstance(raw, int)
