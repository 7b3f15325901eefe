"""The standard sentences of the template reproduce the published wording from the structured
figures (resources/sample/chenzhou-kexie-2021-published.txt, the report as published)."""

from __future__ import annotations

import re

import pytest

from kexie_desktop.core.checks.text_marks import FULL_WIDTH
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.template.render import Paragraph, Role, preview, section_content
from kexie_desktop.core.template.sentences import MISSING, amount, chinese_number
from kexie_desktop.resources import resource

# Where the web copy of the published report slips, and what we print instead: (as published,
# as printed). Each occurs exactly once in the published text.
PUBLISHED_SLIPS = [
    # The staff paragraph lacks its closing 。; ours adds it.
    ("退休人员14名\n", "退休人员14名。\n"),
    # The transfer sentence: a missing comma, two amounts without 元, and the first group's
    # total given bare ("15万60万元"). We print every group's total as the published second
    # group does: "，共奖补40万元" (the 奖补 wording is deliberate).
    ("计划建设即北湖区", "计划建设，即北湖区"),
    ("青年路社区居民委员会15万、", "青年路社区居民委员会15万元、"),
    ("陈家湾社区居民委员会15万60万元", "陈家湾社区居民委员会15万元，共奖补60万元"),
    ("市心理卫生协会2万元共奖补", "市心理卫生协会2万元，共奖补"),
]
# Where we deliberately print more than the published report: the split of 项目支出 into
# 本级支出 and 转移支付, in brackets after the total.
PROJECT_SPLIT = "（本级支出234.81万元，转移支付100万元）"


def _published_raw() -> str:
    return resource("sample/chenzhou-kexie-2021-published.txt").read_text(encoding="utf-8")


def _without_spaces(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def published() -> str:
    """The published text as printed: the web copy folded every , ; : ( ) of the printed
    original to ASCII (its 。 and 、 survived), so each is turned back to full width."""
    text = _published_raw()
    for slip, printed in PUBLISHED_SLIPS:
        text = text.replace(slip, printed)
    return _without_spaces(text.translate(str.maketrans(FULL_WIDTH)))


def texts(report: Report, section_key: str) -> list[str]:
    return [c.text for c in section_content(report, section_key) if isinstance(c, Paragraph)]


def headings(report: Report, section_key: str) -> list[str]:
    section = report.schema.section(section_key)
    return [section.heading] if section.printed else []


def test_each_published_slip_is_in_the_published_text() -> None:
    raw = _published_raw()
    for slip, printed in PUBLISHED_SLIPS:
        assert raw.count(slip) == 1, slip
        assert printed not in raw, printed


def test_every_sentence_of_the_sample_appears_in_the_published_report(
    sample: Report, published: str
) -> None:
    """Title, standard sentences, numbered headings and the clerk's texts, in order, mark for
    mark: full-width punctuation where the printed original had it (nothing folded)."""
    printed = [sample.title]
    for section in sample.schema.all_sections():
        for text in texts(sample, section.key):
            if section.key == "general.project" and text.startswith("我单位"):
                assert PROJECT_SPLIT in text  # the deliberate addition, taken out to compare
                printed.append(text.replace(PROJECT_SPLIT, "", 1))
            else:
                printed.append(text)
    assert len(printed) > 20
    position = 0
    for text in printed:
        found = published.find(_without_spaces(text), position)
        assert found >= 0, text
        position = found + len(_without_spaces(text))


def test_the_sample_prints_no_half_width_punctuation(sample: Report) -> None:
    for section in sample.schema.all_sections():
        for text in [*texts(sample, section.key), *headings(sample, section.key)]:
            assert not set(text) & set(FULL_WIDTH), text


def test_every_standard_sentence_is_checked(sample: Report) -> None:
    """The sections whose wording the template writes around the figures: the test above
    covers them all, and none renders empty."""
    worded = {
        section.key
        for section in sample.schema.all_sections()
        if preview(sample, section.key) is not None
    }
    assert worded >= {
        "basics.duties",
        "basics.staff",
        "general.basic",
        "general.project",
        "fund",
        "capital",
        "insurance",
        "performance",
    }
    for key in worded:
        assert preview(sample, key), key


def test_staff_sentence(sample: Report, published: str) -> None:
    (generated,) = texts(sample, "basics.staff")
    assert generated.startswith("市科协机关是财政拨款参公单位，参公编制10名，工勤编制1名。")
    assert generated.endswith("我单位实有参公人员9名，工勤人员1名，退休人员14名。")


def test_project_sentence_states_the_split_of_project_spending(sample: Report) -> None:
    project, transfers = texts(sample, "general.project")
    assert project.startswith(
        "我单位2021年项目支出234.81万元（本级支出234.81万元，转移支付100万元）。"
        "其中，市科协机关本级支出234.81万元，其中当年财政拨款170.29万元、"
        "上年财政拨款结转资金55.06万元，其他资金9.46万元。主要用于科普宣传费用"
    )
    assert transfers.startswith("转移支付100万元")


def test_without_transfers_there_is_no_split_and_no_transfer_sentence(sample: Report) -> None:
    sample.values["transfer.total"] = Money(0)
    sample.tables["transfer.groups"] = []
    (project,) = texts(sample, "general.project")
    assert project.startswith("我单位2021年项目支出234.81万元。其中，市科协机关本级支出")
    assert "转移支付" not in project


def test_transfer_sentence_names_every_recipient_with_its_amount(sample: Report) -> None:
    _, text = texts(sample, "general.project")
    assert text.startswith(
        "转移支付100万元，包含4个基层科普行动计划建设，即北湖区燕泉街道振兴社区居民委员会15万元"
    )
    assert "，共奖补60万元；18个市级学会服务能力提升计划建设，即市老科协5万元" in text
    assert text.endswith("市心理卫生协会2万元，共奖补40万元。")
    for group in sample.rows("transfer.groups"):
        for item in group.rows("items"):
            assert f"{item.cells['recipient']}{amount(item.cells['amount'])}" in text


def test_figures_come_from_the_data_not_from_typed_text(sample: Report) -> None:
    sample.values["basic.total"] = Money.from_wan("300.5")
    sample.values["basic.abroad"] = Money.from_wan("1.2")
    (text,) = texts(sample, "general.basic")
    assert "基本支出300.50万元" in text
    assert "公务出国出境为1.20万元" in text
    assert preview(sample, "general.basic") == text


def test_missing_figures_are_marked_not_invented(blank: Report) -> None:
    (text,) = texts(blank, "general.basic")
    assert f"我单位{MISSING}年基本支出{MISSING}" in text
    assert f"人员经费为{MISSING}" in text
    assert "0元" not in text


def test_other_budgets_print_none_unless_there_is_something(sample: Report) -> None:
    assert texts(sample, "fund") == ["无。"]
    sample.values["fund.text"] = ""
    assert texts(sample, "fund") == ["无。"]
    sample.values["fund.text"] = "用于科普场馆建设。"
    assert texts(sample, "fund") == ["用于科普场馆建设。"]
    sample.values["fund.amount"] = Money.from_wan("12.5")
    assert texts(sample, "fund") == ["全年政府性基金预算支出12.50万元。用于科普场馆建设。"]
    sample.values["fund.text"] = ""
    assert texts(sample, "fund") == ["全年政府性基金预算支出12.50万元。"]


def test_performance_items_are_numbered_subheadings(sample: Report) -> None:
    content = section_content(sample, "performance")
    headings = [c.text for c in content if isinstance(c, Paragraph) and c.role is Role.SUBHEADING]
    rows = sample.rows("performance.items")
    assert headings == [
        f"（{chinese_number(n)}）{row.cells['heading']}" for n, row in enumerate(rows, start=1)
    ]
    assert headings[0] == "（一）坚持党建引领，科协系统自身建设有新作为"


def test_the_usage_rate_closes_the_funds_paragraph(sample: Report) -> None:
    last = texts(sample, "performance")[-1]
    assert last.endswith("资金使用率达95%。")
    sample.values["performance.low_rate_reason"] = "部分项目跨年度实施"
    assert texts(sample, "performance")[-1].endswith("资金使用率达95%。部分项目跨年度实施。")


@pytest.mark.parametrize(
    ("number", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (42, "四十二")]
)
def test_chinese_numbers(number: int, text: str) -> None:
    assert chinese_number(number) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Money.from_wan("282.02"), "282.02万元"),
        (Money.from_wan("15"), "15万元"),
        (Money.from_wan("0.5"), "0.50万元"),
        (Money(0), "0元"),
        (None, MISSING),
    ],
)
def test_amounts_in_sentences(value: Money | None, text: str) -> None:
    assert amount(value) == text
