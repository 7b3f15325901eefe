"""Sentences quote the scoring table's result by three names (scorecard.total, .grade,
.points): checked when the template loads, printed from the one evaluator, and （未填） while
scores are missing rather than a partial total."""

from __future__ import annotations

import pytest

from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import points_text, score_sheet
from kexie_desktop.core.template import TemplateError, load_template
from kexie_desktop.core.values import read
from template_texts import cover

SCORED = (
    """
id = "scored"
version = 1
name = "带自评表的模板"
title = "{{ head.year }}年度{{ head.unit }}报告"

"""
    + cover()
    + """
[[sections]]
key = "result"
number = "一、"
title = "自评结论"

[[sections.print]]
sentence = "自评得分{{ scorecard.total }}（满分{{ scorecard.points }}），等级为{{ scorecard.grade }}。"

[[sections]]
key = "marks"
title = "自评表"
printed = false

[scorecard]
section = "marks"
title = "自评表"

[[scorecard.grades]]
name = "优"
minimum = "90"

[[scorecard.grades]]
name = "差"
minimum = "0"

[[scorecard.indicators]]
key = "work"
name = "工作"
points = 100

[[scorecard.indicators.children]]
key = "done"
name = "完成情况"
points = 60
criterion = "按完成比例计分。"

[[scorecard.indicators.children]]
key = "quality"
name = "质量"
points = 40
criterion = "按质量计分。"
"""
)


def _printed(report: Report) -> str:
    (block,) = report.template.blocks("result")
    return block.sentence.render(report)  # type: ignore[union-attr]


def test_the_sentence_quotes_the_evaluated_total_and_grade() -> None:
    report = Report(load_template(SCORED))
    assert _printed(report) == "自评得分（未填）（满分100分），等级为（未填）。"
    report.values["marks.done.score"] = read(report.schema.field("marks.done.score").kind, "55")
    assert "（未填）" in _printed(report)  # one score still missing: no partial total
    report.values["marks.quality.score"] = read(
        report.schema.field("marks.quality.score").kind, "34.5"
    )
    sheet = score_sheet(report)
    assert sheet is not None
    assert sheet.complete
    assert _printed(report) == (
        f"自评得分{points_text(sheet.total)}分（满分100分），等级为{sheet.grade.name}。"
    )
    assert _printed(report) == "自评得分89.5分（满分100分），等级为差。"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{{ scorecard.total }}", "{{ scorecard.totl }}", "“scorecard.totl”无效"),
        ("{{ scorecard.grade }}", "{{ scorecard }}", "“scorecard”无效"),
    ],
)
def test_a_name_beyond_the_three_is_refused(old: str, new: str, expected: str) -> None:
    with pytest.raises(TemplateError) as caught:
        load_template(SCORED.replace(old, new), "test.toml")
    assert any(expected in problem for problem in caught.value.problems)


def test_quoting_a_scoring_table_the_template_does_not_have_is_refused() -> None:
    without = SCORED[: SCORED.index("[scorecard]")]
    with pytest.raises(TemplateError) as caught:
        load_template(without, "test.toml")
    assert any("没有 [scorecard]" in problem for problem in caught.value.problems)


def test_no_field_may_take_the_name_sentences_use() -> None:
    clash = SCORED.replace(
        'key = "marks"\ntitle = "自评表"\nprinted = false',
        'key = "marks"\ntitle = "自评表"\nprinted = false\n\n[[sections.items]]\n'
        'key = "scorecard.extra"\nlabel = "多余"\nkind = "text"',
    )
    with pytest.raises(TemplateError) as caught:
        load_template(clash, "test.toml")
    assert any("不能以“scorecard”开头" in problem for problem in caught.value.problems)
