"""The complete example in docs/templates.md is a valid template and prints what it says."""

from __future__ import annotations

import re
from pathlib import Path

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.report import Report
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
