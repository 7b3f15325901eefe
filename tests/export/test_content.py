"""The exported sample says everything the report holds, in the sample's order and wording."""

from __future__ import annotations

from typing import Any

import pytest

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.template.render import preview
from kexie_desktop.core.template.sentences import amount, chinese_number
from kexie_desktop.core.textinput import normalize
from kexie_desktop.export import styles
from kexie_desktop.services.workspace import load_sample

SAMPLE = load_sample()
HEADINGS = [s.heading for s in SAMPLE.schema.all_sections() if s.printed]
# The sections whose standard sentences (wording around the figures) the window previews.
WORDED = [
    "basics.duties",
    "basics.staff",
    "general.basic",
    "general.project",
    "fund",
    "capital",
    "insurance",
    "performance",
]


def test_title_comes_first(sample_pdf: Any) -> None:
    assert sample_pdf.text.startswith("2021年度郴州市科学技术协会本级整体支出绩效自评报告")


def test_every_heading_is_printed_in_the_schema_order(sample_pdf: Any) -> None:
    text = sample_pdf.text
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "（二）机构情况，包括当年变动情况及原因" in text
    assert "十、其他需要说明的情况" in text


def test_performance_items_are_numbered_headings(sample_pdf: Any) -> None:
    for number, row in enumerate(SAMPLE.rows("performance.items"), start=1):
        heading = f"（{chinese_number(number)}）{row.cells['heading']}"
        assert heading in sample_pdf.text
        assert "KexieFallbackKai-Regular" in sample_pdf.font_of(heading)


def test_the_worded_sections_are_all_checked() -> None:
    worded = [s.key for s in SAMPLE.schema.all_sections() if preview(SAMPLE, s.key) is not None]
    assert set(WORDED) <= set(worded)
    # The other sections with a preview print only the clerk's text or "无。".
    assert set(worded) - set(WORDED) <= {"problems", "improvements", "disclosure", "other"}


@pytest.mark.parametrize("section_key", WORDED)
def test_standard_sentences_are_printed_whole(sample_pdf: Any, section_key: str) -> None:
    text = preview(SAMPLE, section_key)
    assert text
    for line in text.splitlines():
        assert "".join(line.split()) in sample_pdf.text


def test_the_project_sentence_states_the_split_and_the_transfers_say_jiangbu(
    sample_pdf: Any,
) -> None:
    text = sample_pdf.text
    assert "我单位2021年项目支出234.81万元（本级支出234.81万元，转移支付100万元）。其中，" in text
    assert "陈家湾社区居民委员会15万元，共奖补60万元；" in text
    assert "市心理卫生协会2万元，共奖补40万元。" in text


def test_the_basic_spending_sentence_reads_like_the_published_report(sample_pdf: Any) -> None:
    assert "我单位2021年基本支出282.02万元，主要用于" in sample_pdf.text
    assert "其中，人员经费为238.02万元" in sample_pdf.text


def test_every_amount_of_the_report_is_printed(sample_pdf: Any) -> None:
    """In the report or, for the scoring table's own figures (全年预算数 …), on its attachment."""
    text = sample_pdf.text + sample_pdf.appendix_text
    for key, value in SAMPLE.values.items():
        if isinstance(value, Money) and not key.endswith(".amount"):
            assert amount(value) in text, key
    for _, row in SAMPLE.walk_rows():
        for value in row.cells.values():
            if isinstance(value, Money):
                assert amount(value) in text
                assert value.format() in text  # in the 转移支付 table


def test_clerk_texts_are_printed(sample_pdf: Any) -> None:
    text = sample_pdf.text
    for key in ("basics.organization", "performance.opening", "problems.text", "improvements.text"):
        assert "".join(SAMPLE.text(key).split()) in text, key
    assert "资金使用率达95%。" in text


def test_empty_budget_sections_say_none(sample_pdf: Any) -> None:
    text = sample_pdf.text
    for heading in ("三、政府性基金预算支出情况", "四、国有资本经营预算支出情况"):
        assert f"{heading}无。" in text
    assert "五、社会保险基金预算支出情况无。六、" in text


def test_closing_has_unit_and_date_after_the_last_section(sample_pdf: Any) -> None:
    # Between them, GB/T 9704 7.3.3's 附件说明 naming the scoring table printed after it.
    assert sample_pdf.text.endswith(
        "十、其他需要说明的情况无。附件：2021年度郴州市科学技术协会部门整体支出绩效自评表"
        "郴州市科学技术协会2022年4月25日"
    )


def test_the_attachment_note_hangs_under_the_attachments_name(sample_pdf: Any) -> None:
    """附件说明: a blank line after the text, "附件：" two characters in, and a name that needs
    a second line goes on under the name's first character, broken between the year and unit
    and the table's name (GB/T 9704 7.3.3)."""
    lines = [line for page in sample_pdf.pages for line in page.lines()]
    texts = ["".join(c["text"] for c in line).strip() for line in lines]
    first = next(i for i, text in enumerate(texts) if text.startswith("附件："))
    assert texts[first] == "附件：2021年度郴州市科学技术协会"
    assert texts[first + 1] == "部门整体支出绩效自评表"
    em = styles.SIZE_3HAO
    note, rest = lines[first], lines[first + 1]
    assert note[0]["x0"] == pytest.approx(styles.MARGIN_LEFT + 2 * em, abs=0.5)
    name_start = next(c for c in note if c["text"] == "2")
    assert rest[0]["x0"] == pytest.approx(name_start["x0"], abs=0.5)
    above = lines[first - 1]
    assert texts[first - 1] == "无。"
    gap = note[0]["bottom"] - above[0]["bottom"]
    assert gap == pytest.approx(2 * styles.LINE_PITCH, abs=0.5)  # one blank line between


def test_transfer_table_lists_groups_with_right_aligned_amounts(sample_pdf: Any) -> None:
    amounts = []
    for page in sample_pdf.pages:
        for line in page.lines():
            words = "".join(c["text"] for c in line)
            if line[0]["size"] == pytest.approx(14) and words[-1].isdigit():
                amounts.append((words, line[-1]["x1"]))
    assert any(words.startswith("合计") and words.endswith("100.00") for words, _ in amounts)
    assert any(words.endswith("基层科普行动计划建设60.00") for words, _ in amounts)
    right_edges = {round(x1, 1) for _, x1 in amounts}
    assert len(right_edges) == 1  # every amount ends at the same x: right-aligned


def test_published_wording_survives_normalisation(sample_pdf: Any) -> None:
    # The figures of the published report, as the web copy prints them.
    published = normalize(sample_pdf.text)
    for figure in (
        "282.02万元",
        "234.81万元",
        "170.29万元",
        "55.06万元",
        "9.46万元",
        "转移支付100万元",
    ):
        assert figure in published


def test_a_section_with_spending_prints_its_text(tmp_path: Any, export_read: Any) -> None:
    report: Report = load_sample()
    report.values["fund.amount"] = Money.from_wan("12.5")
    report.values["fund.text"] = "用于科普场馆建设。"
    pdf = export_read(report, tmp_path / "fund.pdf")
    # The template states the amount before the clerk's text.
    assert "三、政府性基金预算支出情况全年政府性基金预算支出12.50万元。用于科普场馆建设。四、" in (
        pdf.text
    )
