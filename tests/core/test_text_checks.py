"""The checks of the clerk's words: each rule fires on the slip it is for, at the place of the
slip, and stays quiet on what is right (decimals, times, addresses, Latin text, last year named
on purpose); the restored sample and the county example raise no false alarm."""

from __future__ import annotations

import pytest

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.checks.text import (
    BAD_DATE,
    HALF_WIDTH,
    OPEN_END,
    PREVIOUS_YEAR,
    UNPAIRED,
    UNPRINTABLE,
)
from kexie_desktop.core.checks.text_dates import date_slips, previous_year_mentions
from kexie_desktop.core.checks.text_marks import half_width_marks, to_full_width, unpaired_marks
from kexie_desktop.core.findings import Finding, Severity
from kexie_desktop.core.report import Report
from kexie_desktop.resources import SAMPLE_REPORTS
from kexie_desktop.services.workspace import load_sample

TEXT_RULES = {HALF_WIDTH, UNPAIRED, BAD_DATE, OPEN_END, UNPRINTABLE, PREVIOUS_YEAR}


def text_findings(report: Report, **options: object) -> list[Finding]:
    return [f for f in check_report(report, **options) if f.rule in TEXT_RULES]  # type: ignore[arg-type]


def of_rule(report: Report, rule: str, **options: object) -> list[Finding]:
    return [f for f in text_findings(report, **options) if f.rule == rule]


def spanned(finding: Finding, text: str) -> list[str]:
    return [text[span.start : span.end] for span in finding.spans]


# -- half-width punctuation ------------------------------------------------------------------


def fixed(text: str) -> str:
    return to_full_width(text, half_width_marks(text))


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("参公单位,参公编制10名，工勤编制1名", "参公单位，参公编制10名，工勤编制1名"),
        ("促进科学技术成果的转化;接受委托", "促进科学技术成果的转化；接受委托"),
        ("主要表现在:科协系统", "主要表现在：科协系统"),
        ("是否达标?已达标!", "是否达标？已达标！"),
        ("宣传费用(包含资料制作费等)、会议费用", "宣传费用（包含资料制作费等）、会议费用"),
        ("认真履职, 积极作为", "认真履职，积极作为"),  # the space goes with the comma
        ("措施(1)加强管理", "措施（1）加强管理"),  # the pair turns as a whole
        ("a,(中)", "a，（中）"),  # a comma next to a turned bracket turns too
        ("网址:http://www.czkx.gov.cn/a?b=1,2。", "网址：http://www.czkx.gov.cn/a?b=1,2。"),
    ],
)
def test_half_width_marks_in_chinese_text_turn_full_width(typed: str, corrected: str) -> None:
    assert fixed(typed) == corrected


@pytest.mark.parametrize(
    "text",
    [
        "比例达到10.1%",
        "共1,234人",
        "上午10:30召开",
        "Hello, world! (see above)",
        "详见 https://www.czkx.gov.cn/index.html?id=12&a=1:2",
        "电话:0735-2263915"[3:],  # the number alone
        "社区科普e站",
        "“红色百年路 科普万里行”",
    ],
)
def test_marks_outside_chinese_text_are_left_alone(text: str) -> None:
    assert half_width_marks(text) == []


def test_a_half_width_finding_points_at_each_mark_and_carries_the_correction(
    sample: Report,
) -> None:
    sample.values["basics.staff_intro"] = "市科协机关是财政拨款参公单位,"
    sample.values["problems.text"] = "主要表现在:一是(略),二是。"
    (intro, problems) = of_rule(sample, HALF_WIDTH)
    assert intro.severity is Severity.WARNING
    assert intro.fields == ("basics.staff_intro",)
    assert intro.section == "basics.staff"
    assert spanned(intro, "市科协机关是财政拨款参公单位,") == [","]
    assert "1 处半角标点" in intro.message
    assert "参公单位," in intro.message
    assert intro.fix is not None
    assert (intro.fix.path, intro.fix.label) == ("basics.staff_intro", "改为全角标点")
    assert intro.fix.new == "市科协机关是财政拨款参公单位，"
    assert [s.start for s in problems.spans] == [5, 8, 10, 11]
    assert problems.fix is not None
    assert problems.fix.new == "主要表现在：一是（略），二是。"


def test_a_table_cell_is_named_by_its_row(sample: Report) -> None:
    row = sample.rows("performance.items")[1]
    row.cells["heading"] = "坚持围绕中心,服务创新驱动发展有新突破"
    (finding,) = of_rule(sample, HALF_WIDTH)
    assert finding.fields == ("performance.items[perf2].heading",)
    assert finding.message.startswith("分项绩效第2行的“小标题”中有 1 处半角标点")
    assert finding.fix is not None
    assert finding.fix.path == "performance.items[perf2].heading"


# -- quotes and brackets ---------------------------------------------------------------------


def test_the_samples_quote_closed_twice_is_found_where_it_is(sample: Report) -> None:
    text = sample.text("performance.funds")
    (finding,) = of_rule(sample, UNPAIRED)
    assert finding.severity is Severity.WARNING
    assert finding.fields == ("performance.funds",)
    (span,) = finding.spans
    assert text[span.start - 4 : span.end] == "郴州行动”"
    assert "前面缺少与之配对的“" in finding.message


@pytest.mark.parametrize(
    ("text", "unpaired"),
    [
        ("依照《中华人民共和国科学技术普及法,弘扬", ["《"]),
        ("（街道与村级（社区）科协", ["（"]),
        ("“创新达人”、“最美科技工作者”", []),
        ("《与科技同行》“科普郴州”【通知】〔2021〕", []),
        ("“他说《好”》", ["“", "”"]),  # crossed: the quote closes inside the title marks
        ("“第一段\n第二段”", ["“", "”"]),  # a quotation does not run on to the next paragraph
    ],
)
def test_unpaired_quotes_and_brackets(text: str, unpaired: list[str]) -> None:
    found = unpaired_marks(text)
    assert sorted(m.mark for m in found) == sorted(unpaired)
    assert all(text[m.offset] == m.mark for m in found)


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slip", "advice"),
    [
        ("20213月有一名参公编制人员调出", "20213月", "是否应为“2021年3月”"),
        ("于2022-4-25印发", "2022-4-25", "应写作“2022年4月25日”"),
        ("于2022.4.25印发", "2022.4.25", "应写作“2022年4月25日”"),
        ("2022年13月", "2022年13月", "月份应在 1 到 12 之间"),
        ("2022年2月30日召开", "2022年2月30日", "这个月没有这一天"),
        ("4月31日召开", "4月31日", "这个月没有这一天"),
    ],
)
def test_dates_that_are_not_dates(text: str, slip: str, advice: str) -> None:
    (found,) = date_slips(text)
    assert text[found.start : found.end] == slip
    assert advice in found.advice


@pytest.mark.parametrize(
    "text",
    [
        "2021年9月通过湖南省考招录",
        "2024年2月29日",
        "2月29日",
        "比例达到10.1%，全省排名第6",
        "电话：0735-2263915",
        "2022-4-25",  # no Chinese around it: a code, not a sentence
        "十三月工资统发",
        "2021-2025年规划",
    ],
)
def test_real_dates_and_other_numbers_are_not_flagged(text: str) -> None:
    assert date_slips(text) == []


def test_the_samples_run_together_date_is_a_warning_at_its_cell(sample: Report) -> None:
    (finding,) = of_rule(sample, BAD_DATE)
    assert finding.severity is Severity.WARNING
    assert finding.fields == ("basics.staff_changes[chg1].month",)
    assert finding.message.startswith("当年人员变动第1行的“时间”中有 1 处日期有误：“20213月”")
    assert spanned(finding, "20213月") == ["20213月"]
    assert finding.fix is None  # which year and month was meant is the clerk's call


# -- paragraphs without a closing mark ---------------------------------------------------------


def test_a_paragraph_printed_as_it_is_needs_its_closing_mark(sample: Report) -> None:
    (finding,) = of_rule(sample, OPEN_END)
    assert finding.severity is Severity.INFO
    assert finding.fields == ("performance.opening",)
    assert "“…真履职，积极作为”" in finding.message
    text = sample.text("performance.opening")
    assert [(s.start, s.end) for s in finding.spans] == [(len(text) - 1, len(text))]


def test_each_line_of_a_paragraph_and_each_row_text_is_a_paragraph(sample: Report) -> None:
    sample.values["problems.text"] = "一是宣传不够\n二是经费不足。\n三是队伍不稳"
    sample.rows("performance.items")[0].cells["text"] = "加强政治引领"
    by_field = {f.fields: f for f in of_rule(sample, OPEN_END)}
    problems = by_field[("problems.text",)]
    assert problems.fields == ("problems.text",)
    assert [sample.text("problems.text")[s.start] for s in problems.spans] == ["够", "稳"]
    assert ("performance.items[perf1].text",) in by_field


def test_text_inside_a_standard_sentence_is_not_a_paragraph(sample: Report) -> None:
    # "主要用于{{ … }}。": the template closes the sentence; "{{ … }}资金使用率达…": it goes on.
    sample.values["basic.usage"] = "工资统发、社会保险缴费"
    sample.values["performance.funds"] = "资金绩效完成情况良好，"
    sample.values["other.text"] = "无"  # printed as "无。"
    assert [f.fields for f in of_rule(sample, OPEN_END)] == [("performance.opening",)]
    sample.values["basic.usage"] = "工资统发\n社会保险缴费"  # its first line is printed alone
    assert next(f.fields for f in of_rule(sample, OPEN_END)) == ("basic.usage",)


# -- characters no font has ------------------------------------------------------------------

NO_FONT_HAS = "䶮𠮷😀"


def in_some_font(char: str) -> bool:
    return char not in NO_FONT_HAS


def test_a_character_no_font_has_is_an_error_at_its_field(sample: Report) -> None:
    sample.values["problems.text"] = "刘䶮与𠮷野家的😀问题😀。"
    sample.rows("transfer.groups")[0].rows("items")[0].cells["recipient"] = "䶮社区"
    recipient, problems = of_rule(sample, UNPRINTABLE, printable=in_some_font)
    assert problems.severity is Severity.ERROR
    assert problems.fields == ("problems.text",)
    assert spanned(problems, "刘䶮与𠮷野家的😀问题😀。") == ["䶮", "𠮷", "😀", "😀"]
    assert "“䶮”（U+4DAE）、“𠮷”（U+20BB7）、“😀”（U+1F600）" in problems.message
    assert recipient.fields == ("transfer.groups[grp1].items[g1i1].recipient",)
    assert recipient.message.startswith("转移支付项目第1行的受助单位第1行的“单位名称”")


def test_without_the_fonts_characters_are_not_judged(sample: Report) -> None:
    sample.values["problems.text"] = "刘䶮。"
    assert of_rule(sample, UNPRINTABLE) == []


def test_each_character_is_asked_about_once(sample: Report) -> None:
    asked: list[str] = []

    def printable(char: str) -> bool:
        asked.append(char)
        return True

    check_report(sample, printable=printable)
    assert asked
    assert len(asked) == len(set(asked))


# -- last year's year --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("2021年度郴州市科协在市委的领导下", ["2021年度"]),
        ("2021年我单位项目资金使用进度基本达标，2021年共开展", ["2021年", "2021年"]),
        ("较2021年增长5%，比2021年减少", []),
        ("与2021年相比，2021年同期，上年结转", []),
        ("2021年结转资金，截至2021年末，自2021年以来", []),
        ("2020年至2021年，2021年至今", []),
        ("2022年度工作，12021年", []),
    ],
)
def test_last_years_year_in_a_2022_report(text: str, flagged: list[str]) -> None:
    found = previous_year_mentions(text, 2022)
    assert [text[start:end] for start, end in found] == flagged


def test_copied_text_with_last_years_year_is_a_warning_listing_each_place(sample: Report) -> None:
    sample.values["header.year"] = 2022
    sample.values["header.date"] = sample.date.replace(year=2023)  # type: ignore[union-attr]
    by_field = {f.fields[0]: f for f in of_rule(sample, PREVIOUS_YEAR)}
    assert set(by_field) == {
        "basics.staff_changes[chg2].month",  # "2021年9月": a change of last year kept
        "performance.opening",
        "performance.funds",
    }
    opening, funds = by_field["performance.opening"], by_field["performance.funds"]
    assert opening.severity is Severity.WARNING
    assert "本报告为2022年度" in opening.message
    assert "“2021年度郴州市科协在…”" in opening.message
    assert spanned(funds, sample.text("performance.funds")) == ["2021年", "2021年"]
    assert "2 处写的是2021年" in funds.message


# -- the built-in examples ---------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_REPORTS, ids=lambda path: path.stem)
def test_no_half_width_marks_and_no_false_alarm_on_the_built_in_examples(name: object) -> None:
    report = load_sample(name=name)  # type: ignore[arg-type]
    found = {(f.rule, f.fields) for f in text_findings(report, printable=lambda char: True)}
    if report.template.id == "hunan-dept-selfeval":
        # The sample's three slips, kept as published; nothing else.
        assert found == {
            (BAD_DATE, ("basics.staff_changes[chg1].month",)),
            (UNPAIRED, ("performance.funds",)),
            (OPEN_END, ("performance.opening",)),
        }
    else:
        assert found == set()
