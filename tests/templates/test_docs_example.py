"""The complete example in docs/templates.md, and its 自评表 appended to it, are a valid template
that checks, scores and prints what the documentation says."""

from __future__ import annotations

import re
from pathlib import Path

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import score_sheet
from kexie_desktop.core.template import load_template
from kexie_desktop.core.template.render import preview
from kexie_desktop.core.values import read

DOC = Path(__file__).resolve().parents[2] / "docs" / "templates.md"


def _example() -> str:
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "docs/templates.md has no TOML example"
    return str(blocks[0])


def test_the_documented_example_loads_checks_and_prints() -> None:
    template = load_template(_example(), "docs/templates.md")
    report = Report(template)
    for key, text in {
        "head.unit": "某镇人民政府",
        "head.year": "2023",
        "money.total": "100",
        "money.basic": "60",
        "money.project": "30",
    }.items():
        report.values[key] = read(template.schema.field(key).kind, text)
    findings = {f.rule: f.message for f in check_report(report)}
    assert (
        findings["money.split"]
        == "支出合计 100.00 万元 ≠ 基本支出 60.00 + 项目支出 30.00 = 90.00 万元，相差 10.00 万元。"
    )
    assert preview(report, "money") == "2023年支出合计100万元，其中基本支出60万元，项目支出30万元。"
    assert report.title == "2023年度某镇人民政府整体支出绩效自评报告"


def _scorecard_example() -> str:
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) >= 2, "docs/templates.md has no [scorecard] example"
    return str(blocks[1])


def test_the_documented_scorecard_appended_to_the_example_loads_and_scores() -> None:
    template = load_template(_example() + "\n" + _scorecard_example(), "docs/templates.md")
    card = template.scorecard
    assert card is not None
    assert (card.title, card.points) == ("部门整体支出绩效自评表", 100)
    assert [g.name for g in card.grades] == ["优", "良", "中", "差"]
    # The generated fields the documentation names, and no other.
    generated = [
        item.key
        for item in template.schema.section("scores").items
        if item.key.endswith((".score", ".reason"))
    ]
    assert generated == [
        "scores.execution.reason",
        "scores.tasks.score",
        "scores.tasks.reason",
        "scores.satisfaction.score",
        "scores.satisfaction.reason",
    ]
    report = Report(template)
    for key, text in {
        "money.total": "90",
        "money.basic": "60",
        "money.project": "30",
        "scores.budget": "100",
        "scores.tasks.score": "25.5",
        "scores.satisfaction.score": "14",
    }.items():
        report.values[key] = read(template.schema.field(key).kind, text)
    sheet = score_sheet(report)
    assert sheet is not None
    assert sheet.node("execution").score == 54  # 60 × 90 %
    assert sheet.summary() == "合计 93.5 分（优），高出优的下限 3.5 分"
    assert [f.message for f in check_report(report) if f.rule.startswith("score.")] == [
        "自评表“服务对象满意度”得 14 分，比分值 14.5 分少 0.5 分，请填写扣分原因。"
    ]
