from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.core.carry_over import next_year_report
from kexie_desktop.core.compare import (
    ADDED,
    REMOVED,
    SAME,
    Run,
    against_last_year,
    change_rate,
    char_runs,
    compare,
)
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row
from kexie_desktop.core.template import Template, TemplateLibrary
from kexie_desktop.core.values import Invalid, Kind
from report_strategies import reports

GROUPS = "transfer.groups"
GROUP2 = "transfer.groups[grp2]"


def joined(runs: tuple[Run, ...], *kinds: str) -> str:
    return "".join(run.text for run in runs if run.kind in kinds)


def group(report: Report, index: int) -> Row:
    return report.tables[GROUPS][index]


# -- character runs ------------------------------------------------------------------------------

chinese = st.text(alphabet="的是了一不在有人这中大为。，\n 科协学会", max_size=60)


@given(st.text(max_size=80) | chinese, st.text(max_size=80) | chinese)
def test_runs_rebuild_both_texts(old: str, new: str) -> None:
    runs = char_runs(old, new)
    assert joined(runs, SAME, ADDED) == new
    assert joined(runs, SAME, REMOVED) == old
    assert all(run.text for run in runs)
    assert all(run.kind in (SAME, REMOVED, ADDED) for run in runs)
    # Merged: never two runs of a kind side by side, and a change reads removed → added.
    pairs = list(pairwise(runs))
    assert all(a.kind != b.kind for a, b in pairs)
    assert all((a.kind, b.kind) != (ADDED, REMOVED) for a, b in pairs)


@given(st.text(max_size=80))
def test_the_same_text_is_one_same_run(text: str) -> None:
    assert char_runs(text, text) == ((Run(SAME, text),) if text else ())


def test_a_chinese_sentence_edit_is_diffed_by_characters() -> None:
    old = "一年来，各项工作取得了一些成绩，但也还存在不足。"
    new = "一年来，各项工作取得了较好的成绩，但也还存在不足。"
    assert char_runs(old, new) == (
        Run(SAME, "一年来，各项工作取得了"),
        Run(REMOVED, "一些"),
        Run(ADDED, "较好的"),
        Run(SAME, "成绩，但也还存在不足。"),
    )


def test_an_edit_in_one_paragraph_leaves_the_others_alone() -> None:
    old = "第一段没有改动。\n第二段写明三个部室。\n第三段也没有改动。"
    new = "第一段没有改动。\n第二段写明四个部室。\n第三段也没有改动。"
    assert char_runs(old, new) == (
        Run(SAME, "第一段没有改动。\n第二段写明"),
        Run(REMOVED, "三"),
        Run(ADDED, "四"),
        Run(SAME, "个部室。\n第三段也没有改动。"),
    )


def test_a_stray_common_character_does_not_split_a_rewrite() -> None:
    runs = char_runs("开展科普的宣传活动", "加强学会的组织建设")
    # "的" is in both, but the rewrite reads as one change, not three.
    assert runs == (Run(REMOVED, "开展科普的宣传活动"), Run(ADDED, "加强学会的组织建设"))


def test_runs_of_blank_texts() -> None:
    assert char_runs("", "") == ()
    assert char_runs("", "新增") == (Run(ADDED, "新增"),)
    assert char_runs("删去", "") == (Run(REMOVED, "删去"),)


# -- versions of a report ------------------------------------------------------------------------


def test_a_report_against_itself_or_a_copy_is_unchanged(sample: Report) -> None:
    assert compare(sample, sample).unchanged
    assert compare(sample, copy.deepcopy(sample)).unchanged


@given(reports())
def test_any_report_against_a_copy_is_unchanged(report: Report) -> None:
    comparison = compare(report, copy.deepcopy(report))
    assert comparison.unchanged
    assert not comparison.texts
    assert not comparison.figures
    assert not comparison.rows


@given(reports())
def test_from_blank_every_row_is_added_and_nothing_removed(report: Report) -> None:
    blank = Report(report.template)
    comparison = compare(blank, report)
    assert [change.path for change in comparison.rows] == [
        f"{key}[{row.id}]"
        for table in report.schema.tables()
        for key in [table.key]
        for row in report.tables.get(key, [])
    ]
    assert {change.kind for change in comparison.rows} <= {ADDED}
    assert blank.tables == {}  # comparing adds nothing to either report
    back = compare(report, blank)
    assert {change.kind for change in back.rows} <= {REMOVED}
    assert len(back.rows) == len(comparison.rows)


def test_a_changed_amount_is_reported_once_with_its_difference(sample: Report) -> None:
    new = copy.deepcopy(sample)
    new.values["basic.total"] = Money.from_wan("294.29")
    comparison = compare(sample, new)
    assert not comparison.texts
    assert not comparison.rows
    (change,) = comparison.figures
    assert change.path == "basic.total"
    assert change.label == "（一）基本支出情况 · 基本支出"
    assert (change.old_text, change.new_text, change.difference) == ("282.02", "294.29", "+12.27")
    assert change.section == "general.basic"


def test_a_changed_nested_cell_is_labelled_by_its_rows(sample: Report) -> None:
    new = copy.deepcopy(sample)
    group(new, 1).rows("items")[0].cells["amount"] = Money.from_wan("4.5")
    group(new, 1).cells["stated_count"] = 15
    comparison = compare(sample, new)
    assert [
        (c.path, c.label, c.old_text, c.new_text, c.difference) for c in comparison.figures
    ] == [
        (f"{GROUP2}.stated_count", "转移支付项目第2行 · 项目个数", "18", "15", "-3"),
        (
            f"{GROUP2}.items[g2i01].amount",
            "转移支付项目第2行 · 受助单位第1行 · 金额",
            "5.00",
            "4.50",
            "-0.50",
        ),
    ]


def test_differences_of_each_kind(sample: Report) -> None:
    new = copy.deepcopy(sample)
    old_rate = sample.percent("performance.usage_rate")
    assert old_rate is not None
    new.values["performance.usage_rate"] = old_rate + Decimal("0.5")
    new.values["header.date"] = dt.date(2022, 5, 6)
    new.values["basic.public"] = Money.from_yuan("317300.01")  # 31.730001 万元
    new.values["basic.reception"] = None
    differences = {c.path: (c.new_text, c.difference) for c in compare(sample, new).figures}
    assert differences == {
        "header.date": ("2022年5月6日", ""),
        "basic.public": ("31.730001", "+0.000001"),
        "basic.reception": ("", ""),
        "performance.usage_rate": (
            f"{old_rate + Decimal('0.5'):f}".rstrip("0").rstrip("."),
            "+0.5",
        ),
    }


def test_unreadable_figures_compare_by_their_text(sample: Report) -> None:
    old, new = copy.deepcopy(sample), copy.deepcopy(sample)
    old.values["basic.total"] = Invalid("282.O2", "不是金额")
    new.values["basic.total"] = Invalid("282.O2", "另一条说明")
    assert compare(old, new).unchanged
    new.values["basic.total"] = Money.from_wan("282.02")
    (change,) = compare(old, new).figures
    assert (change.old_text, change.new_text, change.difference) == ("282.O2", "282.02", "")


def test_a_changed_text_is_reported_once_with_character_runs(sample: Report) -> None:
    new = copy.deepcopy(sample)
    usage = sample.text("basic.usage")
    new.values["basic.usage"] = usage.replace("社会保险", "社会保障")
    new.values["problems.text"] = sample.text("problems.text") + "\n另起一段。"
    comparison = compare(sample, new)
    assert not comparison.figures
    assert not comparison.rows
    first, second = comparison.texts
    assert first.path == "basic.usage"
    assert first.label == "（一）基本支出情况 · 主要用途"
    assert (first.old, first.new) == (usage, new.values["basic.usage"])
    assert [(run.kind, run.text) for run in first.runs if run.kind != SAME] == [
        (REMOVED, "险"),
        (ADDED, "障"),
    ]
    assert second.path == "problems.text"  # schema order, not the order of editing
    assert second.runs[-1] == Run(ADDED, "\n另起一段。")


def test_a_changed_text_cell_is_labelled_by_its_row_and_column(sample: Report) -> None:
    new = copy.deepcopy(sample)
    group(new, 1).cells["name"] = "市级学会能力提升计划"
    (change,) = compare(sample, new).texts
    assert change.path == f"{GROUP2}.name"
    assert change.label == "转移支付项目第2行 · 项目名称"
    assert joined(change.runs, REMOVED) == "服务建设"


def test_added_and_removed_nested_rows_are_reported_once(sample: Report) -> None:
    new = copy.deepcopy(sample)
    recipients = group(new, 1).rows("items")
    del recipients[0]
    recipients.insert(2, Row("new1", {"recipient": "市新学会", "amount": Money.from_wan(1)}))
    comparison = compare(sample, new)
    assert not comparison.texts
    assert not comparison.figures
    assert [(c.path, c.label, c.kind, c.within) for c in comparison.rows] == [
        (
            f"{GROUP2}.items[g2i01]",
            "受助单位“市老科协”",
            REMOVED,
            "转移支付项目“市级学会服务能力提升计划建设”",
        ),
        (
            f"{GROUP2}.items[new1]",
            "受助单位“市新学会”",
            ADDED,
            "转移支付项目“市级学会服务能力提升计划建设”",
        ),
    ]
    assert {c.section for c in comparison.rows} == {"general.project"}
    # Only the rows: the cells of an added or removed row are not listed one by one.
    assert not compare(new, sample).texts


def test_an_added_row_is_one_change_with_its_nested_rows(sample: Report) -> None:
    new = copy.deepcopy(sample)
    added = Row("grp3", {"subtotal": Money.from_wan(3)})
    added.rows("items").append(Row("g3i1", {"recipient": "某社区"}))
    new.tables[GROUPS].append(added)
    del new.tables[GROUPS][0]
    comparison = compare(sample, new)
    assert [(c.path, c.label, c.kind, c.within) for c in comparison.rows] == [
        ("transfer.groups[grp1]", "转移支付项目“基层科普行动计划建设”", REMOVED, ""),
        ("transfer.groups[grp3]", "转移支付项目第2行", ADDED, ""),  # no name: its place
    ]
    # The remaining group is now the first row: its cells are labelled by the new places.
    new.tables[GROUPS][0].cells["subtotal"] = Money.from_wan(41)
    (change,) = compare(sample, new).figures
    assert change.label == "转移支付项目第1行 · 小计"


def test_moved_rows_are_matched_by_id(sample: Report) -> None:
    new = copy.deepcopy(sample)
    new.tables[GROUPS].reverse()
    group(new, 0).rows("items").reverse()
    assert compare(sample, new).unchanged


def test_a_removed_row_stays_where_it_was(sample: Report) -> None:
    new = copy.deepcopy(sample)
    recipients = group(new, 1).rows("items")
    removed = recipients.pop(5)
    recipients.append(Row("late", {"recipient": "新单位"}))
    recipients.insert(0, Row("early", {"recipient": "新单位"}))
    paths = [c.path.rsplit("[", 1)[1] for c in compare(sample, new).rows]
    assert paths == ["early]", f"{removed.id}]", "late]"]


def test_reports_in_different_templates_are_not_compared(
    sample: Report, templates: TemplateLibrary
) -> None:
    other = Report(templates.latest("county-dept-evaluation"))
    with pytest.raises(ValueError, match="different templates"):
        compare(sample, other)


def test_comparing_needs_no_tables_in_the_reports(hunan: Template, sample: Report) -> None:
    empty = Report(hunan)
    comparison = compare(empty, sample)
    assert len(comparison.rows) == sum(len(rows) for rows in sample.tables.values())
    assert empty.tables == {}


# -- last year's report --------------------------------------------------------------------------


def test_a_carried_over_report_repeats_last_years_texts(sample: Report) -> None:
    this = next_year_report(sample)
    result = against_last_year(sample, this)
    unchanged = {(p.path, p.text) for p in result.unchanged}
    problems = sample.text("problems.text").strip()
    assert ("problems.text", problems) in unchanged
    assert all(len(p.text) >= 10 for p in result.unchanged)
    # Every long paragraph of the carried texts, and no short one ("无。", a name).
    long_paragraphs = {
        (key, line.strip())
        for key, value in this.values.items()
        if isinstance(value, str) and this.schema.field(key).kind in (Kind.TEXT, Kind.PARAGRAPH)
        for line in value.splitlines()
        if len(line.strip()) >= 10
    }
    assert {(path, text) for path, text in unchanged if "[" not in path} == long_paragraphs
    duty = next(p for p in result.unchanged if p.path == "basics.duties[duty01].text")
    assert duty.label == "主要职能第1行 · 职能内容"


def test_a_carried_over_report_has_last_years_figures_beside_blank_ones(sample: Report) -> None:
    result = against_last_year(sample, next_year_report(sample))
    assert result.figures
    assert all(f.this_text == f.change == f.change_rate == "" for f in result.figures)
    first = result.figures[0]
    assert (first.path, first.label, first.last_text) == (
        "basic.total",
        "（一）基本支出情况 · 基本支出",
        "282.02",
    )
    paths = [f.path for f in result.figures]
    money_fields = [f.key for f in sample.schema.fields() if f.kind is Kind.MONEY]
    assert [p for p in paths if "[" not in p] == money_fields
    recipient = next(f for f in result.figures if f.path == f"{GROUP2}.items[g2i01].amount")
    assert (recipient.label, recipient.last_text) == (
        "转移支付项目第2行 · 受助单位第1行 · 金额",
        "5.00",
    )
    assert len(paths) == len(set(paths))


def test_changes_and_rates_on_last_year(sample: Report) -> None:
    this = next_year_report(sample)
    this.values["basic.total"] = Money.from_wan("294.29")
    this.values["basic.public"] = Money.from_wan("15.865")  # half of 31.73
    this.values["fund.amount"] = Money.from_wan(3)  # last year 0.00
    this.values["basic.vehicle"] = Invalid("1.7５万", "不是金额")
    rows = {
        f.path: (f.this_text, f.change, f.change_rate)
        for f in against_last_year(sample, this).figures
    }
    # 12.27 / 282.02 = 4.3507…%
    assert rows["basic.total"] == ("294.29", "+12.27", "+4.35%")
    assert rows["basic.public"] == ("15.865", "-15.865", "-50.00%")
    assert rows["fund.amount"] == ("3.00", "+3.00", "")
    assert rows["basic.vehicle"] == ("1.7５万", "", "")
    this.values["basic.total"] = Money.from_wan("282.02")
    changes = {f.path: (f.change, f.change_rate) for f in against_last_year(sample, this).figures}
    assert changes["basic.total"] == ("0.00", "0.00%")


def test_rates_round_half_up() -> None:
    # 1/8 = 12.5%; 1/800 = 0.125% → 0.13%; −1/800 → −0.13%
    assert change_rate(Money.from_wan(8), Money.from_wan(9)) == "+12.50%"
    assert change_rate(Money.from_wan(800), Money.from_wan(801)) == "+0.13%"
    assert change_rate(Money.from_wan(800), Money.from_wan(799)) == "-0.13%"
    assert change_rate(Money.from_wan(-10), Money.from_wan(-5)) == "+50.00%"
    assert change_rate(None, Money.from_wan(1)) == ""


def test_an_edited_paragraph_is_not_unchanged_but_a_moved_one_is(sample: Report) -> None:
    this = next_year_report(sample)
    problems = sample.text("problems.text")
    assert "一些成绩" in problems
    this.values["problems.text"] = problems.replace("一些成绩", "较好成绩")
    # Last year's wording of another field, pasted here word for word.
    this.values["other.text"] = "前言。\n" + sample.text("basic.usage") + "\n短句。"
    result = against_last_year(sample, this)
    paths = [(p.path, p.paragraph) for p in result.unchanged]
    assert ("problems.text", 1) not in paths
    assert ("other.text", 2) in paths
    assert ("other.text", 1) not in paths  # shorter than 10 characters
    # A part of last year's paragraph is also found.
    this.values["other.text"] = sample.text("basic.usage")[3:20]
    assert any(p.path == "other.text" for p in against_last_year(sample, this).unchanged)


def test_a_new_years_own_text_is_not_reported(sample: Report) -> None:
    this = next_year_report(sample)
    this.values["problems.text"] = "今年新写的问题分析，与去年的说法完全不同。"
    assert not any(p.path == "problems.text" for p in against_last_year(sample, this).unchanged)


@given(st.data())
def test_any_two_reports_give_each_change_once(data: st.DataObject) -> None:
    old = data.draw(reports())
    new = data.draw(reports(old.template))
    comparison = compare(old, new)
    paths = [c.path for c in (*comparison.texts, *comparison.figures, *comparison.rows)]
    assert len(paths) == len(set(paths))
    for text in comparison.texts:
        assert text.old != text.new
        assert joined(text.runs, SAME, REMOVED) == text.old
        assert joined(text.runs, SAME, ADDED) == text.new
    for figure in comparison.figures:
        assert figure.difference == "" or figure.difference[0] in "+-"
    back = compare(new, old)
    flipped = {ADDED: REMOVED, REMOVED: ADDED}
    assert sorted((c.path, flipped[c.kind]) for c in back.rows) == sorted(
        (c.path, c.kind) for c in comparison.rows
    )
    assert len(back.texts) == len(comparison.texts)
    assert len(back.figures) == len(comparison.figures)
