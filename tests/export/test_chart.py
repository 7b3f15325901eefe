"""The chart page (scores by first-level indicator, budget against spending) and the window's
picture of the same drawing."""

from __future__ import annotations

import dataclasses
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kexie_desktop.core.scorecard import points_text, score_sheet
from kexie_desktop.export.chart import (
    BUDGET_CAPTION,
    LEGEND_BUDGET,
    LEGEND_POINTS,
    LEGEND_SCORE,
    LEGEND_SPENT,
    SCORE_CAPTION,
    chart_drawing,
    chart_pdf,
)
from kexie_desktop.export.chart_data import chart_data
from kexie_desktop.export.chart_page import CHART_HEADING
from kexie_desktop.export.fonts import font_set
from kexie_desktop.export.layout import Typesetter
from kexie_desktop.export.styles import TEXT_WIDTH
from kexie_desktop.services.charting import chart_png
from kexie_desktop.services.workspace import load_sample


def _squeezed(page: Any) -> str:
    return "".join(c["text"] for c in page.body if c["text"].strip())


def _words(page: Any) -> list[str]:
    """The page's strings as drawn (one per label), read back in order."""
    words, current, last = [], "", None
    for char in page.body:
        if last is not None and (abs(char["top"] - last["top"]) > 1 or char["x0"] - last["x1"] > 3):
            words.append(current)
            current = ""
        if char["text"].strip():
            current += char["text"]
        last = char
    return [*words, current]


def test_the_chart_page_ends_the_pdf(sample_pdf: Any) -> None:
    last = sample_pdf.appendix[-1]
    text = _squeezed(last)
    assert text.startswith(CHART_HEADING)
    for label in (
        SCORE_CAPTION,
        BUDGET_CAPTION,
        LEGEND_POINTS,
        LEGEND_SCORE,
        LEGEND_BUDGET,
        LEGEND_SPENT,
    ):
        assert label.replace(" ", "") in text


def test_the_numbers_on_the_chart_are_the_evaluators(sample_pdf: Any) -> None:
    report = load_sample()
    sheet = score_sheet(report)
    data = chart_data(report)
    assert sheet is not None
    assert data is not None
    words = _words(sample_pdf.appendix[-1])
    for top in sheet.top_level():
        assert top.score is not None
        assert top.indicator.name in words
        assert points_text(top.indicator.points) in words
        assert points_text(top.score) in words
    assert "34.15" in words  # 过程: 7.8 + 2.85 + 1.5 + 2 + 2 + 3 + 3 + 4 + 3 + 3 + 2
    for bar in data.budgets:
        assert bar.label in words
        assert bar.budget.format() in words
        assert bar.spent is not None
        assert any(word.startswith(bar.spent.format() + "（执行率") for word in words)
    assert "530.00" in words
    assert "516.83（执行率97.52%）" in words


def test_a_figure_without_a_budget_is_left_out(
    tmp_path: Path, export_read: Callable[..., Any]
) -> None:
    report = load_sample()
    del report.values["scores.basic_budget"]
    words = _words(export_read(report, tmp_path / "r.pdf").appendix[-1])
    assert "基本支出" not in words
    assert "项目支出" in words


def test_the_chart_page_is_left_out_when_the_report_says_so(
    tmp_path: Path, export_read: Callable[..., Any], sample_pdf: Any
) -> None:
    report = load_sample()
    report.print_chart = False
    readback = export_read(report, tmp_path / "r.pdf")
    assert len(readback.appendix) == len(sample_pdf.appendix) - 1
    assert CHART_HEADING not in readback.appendix_text
    assert "附件" in readback.appendix_text  # the table itself stays


def test_the_chart_uses_only_embedded_fonts() -> None:
    report = load_sample()
    data = chart_data(report)
    assert data is not None
    pdf = chart_pdf(chart_drawing(data, Typesetter(font_set()), TEXT_WIDTH))
    output = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    rows = output.splitlines()[2:]
    assert rows
    assert all(row.split()[-5] == "yes" for row in rows), output
    assert b"Helvetica" not in pdf


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_the_picture_is_a_png_of_the_width_asked_for() -> None:
    png = chart_png(load_sample(), 640)
    assert png is not None
    width, height = _png_size(png)
    assert width == 640
    assert height > width  # the two figures one above the other
    # the pixels are all there: a filter byte and three bytes a pixel, row by row
    data = b""
    at = 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        if png[at + 4 : at + 8] == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    pixels = zlib.decompress(data)
    assert len(pixels) == height * (1 + 3 * width)
    assert set(pixels[1 : 1 + 3 * width]) == {255}  # a white border


def test_no_picture_without_a_scoring_table() -> None:
    report = load_sample()
    report.template = dataclasses.replace(report.template, scorecard=None)
    assert chart_png(report, 400) is None
