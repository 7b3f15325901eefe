"""The printed scoring table (自评表): the report's attachment after its last page, read back
from the PDF."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import Indicator, points_text, score_sheet
from kexie_desktop.export import styles
from kexie_desktop.export.frame import LANDSCAPE
from kexie_desktop.export.scorecard_page import column_edges
from kexie_desktop.export.scorecard_table import CRITERION, HEADER, scorecard_table
from kexie_desktop.services.workspace import load_sample

SAMPLE = load_sample()
HEADER_TEXT = "".join(HEADER)


def _squeezed(page: Any) -> str:
    return re.sub(r"\s", "", "".join(c["text"] for c in page.body))


def _table_pages(readback: Any) -> list[Any]:
    return [page for page in readback.appendix if HEADER_TEXT in _squeezed(page)]


def test_the_attachment_follows_the_report_with_its_mark_and_title(sample_pdf: Any) -> None:
    first = _squeezed(sample_pdf.appendix[0])
    assert first.startswith("附件2021年度郴州市科学技术协会部门整体支出绩效自评表")
    # the report itself still ends with its closing
    assert sample_pdf.text.endswith("郴州市科学技术协会2022年4月25日")
    mark = [c for c in sample_pdf.appendix[0].body if c["text"].strip()][:2]
    assert all("Hei" in c["fontname"] for c in mark)


def test_every_indicator_is_printed_with_its_points(sample_pdf: Any) -> None:
    text = sample_pdf.appendix_text
    sheet = score_sheet(SAMPLE)
    assert sheet is not None
    for node in sheet.nodes:
        points = points_text(node.indicator.points)
        if node.indicator.is_leaf:  # the name's cell, then the points' cell
            assert re.sub(r"\s", "", node.indicator.name) + points in text, node.key
        else:  # a merged cell: the name over its points
            assert f"{node.indicator.name}{points}分" in text, node.key


def test_subtotals_total_and_grade_are_the_evaluators(sample_pdf: Any) -> None:
    text = sample_pdf.appendix_text
    sheet = score_sheet(SAMPLE)
    assert sheet is not None
    for top in sheet.top_level():
        assert top.score is not None
        assert f"小计{points_text(top.indicator.points)}{points_text(top.score)}" in text
    # 合计 | 100 | 合计 96.15 分，等级：优 | 96.15
    assert "合计100合计96.15分，等级：优96.15" in text
    assert "全年预算数530万元，项目支出预算数247.17万元" in text


def test_a_computed_leaf_without_a_reason_shows_its_computation(sample_pdf: Any) -> None:
    assert "516.83÷530.00=97.52%，按比例得7.8分" in sample_pdf.appendix_text


def test_the_header_is_repeated_on_every_page_of_the_table(sample_pdf: Any) -> None:
    pages = _table_pages(sample_pdf)
    assert len(pages) >= 2
    for page in pages[1:]:
        assert _squeezed(page).startswith(HEADER_TEXT)


def test_the_table_is_turned_on_upright_pages_with_the_page_numbers_in_place(
    sample_pdf: Any,
) -> None:
    """GB/T 9704 §10.1: a wide table is set across an upright page; the page numbers stay."""
    for page in _table_pages(sample_pdf):
        assert page.width < page.height
        assert not any(c["upright"] for c in page.body if c["text"].strip())
        numbers = "".join(c["text"] for c in page.furniture)
        assert numbers.strip("— ") == str(page.number)


def _column_text(page: Any, column: int) -> str:
    """The text drawn in a column of the turned table: on odd pages the table's head faces
    the left edge and its columns run up the page, on even pages they run down it."""
    edges = column_edges(LANDSCAPE)
    low, high = edges[column], edges[column + 1]
    chars = []
    for char in page.body:
        middle = (char["top"] + char["bottom"]) / 2
        along = (
            page.height - styles.MARGIN_BOTTOM - middle
            if page.number % 2
            else middle - styles.MARGIN_TOP
        )
        if low < along < high and char["text"].strip():
            chars.append(char["text"])
    return "".join(chars)


def _with_criterion(report: Report, key: str, criterion: str) -> Report:
    card = report.template.scorecard
    assert card is not None

    def changed(node: Indicator) -> Indicator:
        if node.key == key:
            return dataclasses.replace(node, criterion=criterion)
        return dataclasses.replace(node, children=tuple(changed(c) for c in node.children))

    card = dataclasses.replace(card, indicators=tuple(changed(top) for top in card.indicators))
    report.template = dataclasses.replace(report.template, scorecard=card)
    return report


def test_a_criterion_longer_than_a_page_goes_on_over_the_next_under_the_header(
    tmp_path: Path, export_read: Callable[..., Any]
) -> None:
    criterion = "".join(f"第{n}条评分细则，按完成情况计分。" for n in range(1, 121))
    report = _with_criterion(load_sample(), "goal_fit", criterion)
    readback = export_read(report, tmp_path / "long.pdf")
    pages = _table_pages(readback)
    assert len(pages) >= 4
    for page in pages[1:]:
        assert _squeezed(page).startswith(HEADER_TEXT)
    # Every character, in order, in the criterion column of the pages it runs over.
    column = "".join(_column_text(page, CRITERION) for page in pages)
    assert criterion in column.replace(HEADER[CRITERION], "")
    for page in readback.appendix:  # nothing runs over the text block's edge
        assert all(c["x1"] <= page.width - styles.MARGIN_RIGHT + 0.5 for c in page.body)


def test_the_attachments_fonts_are_embedded(sample_pdf: Any) -> None:
    output = subprocess.run(
        ["pdffonts", str(sample_pdf.path)], capture_output=True, text=True, check=True
    ).stdout
    embedded = {
        row.split()[0].split("+")[-1] for row in output.splitlines()[2:] if row.split()[-5] == "yes"
    }
    used = {c["fontname"].split("+")[-1] for page in sample_pdf.appendix for c in page.body}
    assert used <= embedded
    assert {"KexieFallbackHei-Regular", "KexieFallbackFang-Regular"} <= used


def test_a_template_without_a_scoring_table_has_no_attachment(
    tmp_path: Path, export_read: Callable[..., Any]
) -> None:
    report = load_sample()
    report.template = dataclasses.replace(report.template, scorecard=None)
    assert scorecard_table(report) is None
    readback = export_read(report, tmp_path / "plain.pdf")
    assert readback.appendix == []


@pytest.mark.parametrize("missing", [1, 3])
def test_an_unfinished_table_prints_its_grade_as_provisional(
    tmp_path: Path, export_read: Callable[..., Any], missing: int
) -> None:
    report = load_sample()
    card = report.template.scorecard
    assert card is not None
    manual = [leaf for leaf in card.leaves() if leaf.formula is None][:missing]
    for leaf in manual:
        del report.values[card.score_key(leaf)]
    sheet = score_sheet(report)
    assert sheet is not None
    readback = export_read(report, tmp_path / "open.pdf")
    assert f"（暂定，尚有{missing}项未评分）" in readback.appendix_text
    assert f"合计{points_text(sheet.total)}分，等级：{sheet.grade.name}" in readback.appendix_text
