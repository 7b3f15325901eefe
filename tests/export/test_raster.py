"""The print preview's rasteriser: every page of the exported PDF drawn at the asked width,
and the text of the printed line under a point."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kexie_desktop.core.report import Report
from kexie_desktop.export.raster import PageImage, line_at, page_count, rasterise
from kexie_desktop.services.previewing import pdf_bytes
from kexie_desktop.services.workspace import load_sample

SAMPLE_PDF = pdf_bytes(load_sample())


def darkness(page: PageImage, top: int, bottom: int) -> int:
    """Dark pixels in rows ``top`` to ``bottom`` (RGB, one byte a channel)."""
    rows = page.pixels[top * page.stride : bottom * page.stride]
    return sum(1 for value in rows[::3] if value < 96)


def test_every_page_is_drawn_at_the_asked_width() -> None:
    pages = rasterise(SAMPLE_PDF, 300)
    with pdfplumber.open(io.BytesIO(SAMPLE_PDF)) as pdf:
        assert len(pages) == len(pdf.pages) == page_count(SAMPLE_PDF)
        first = pdf.pages[0]
        ratio = first.height / first.width
    for page in pages:
        assert page.width == 300
        assert abs(page.height - 300 * ratio) <= 1  # PDFium rounds up
        assert page.stride >= 3 * page.width
        assert len(page.pixels) == page.stride * page.height


def test_the_ink_is_where_the_pdf_has_text() -> None:
    page = rasterise(SAMPLE_PDF, 600)[0]
    with pdfplumber.open(io.BytesIO(SAMPLE_PDF)) as pdf:
        first = pdf.pages[0]
        scale = page.width / first.width
        title = next(char for char in first.chars if char["text"] == "郴")
    top, bottom = round(title["top"] * scale), round(title["bottom"] * scale)
    assert darkness(page, top, bottom) > 200  # the title's line is inked
    assert darkness(page, 0, round(30 * scale)) == 0  # the top margin is white


@pytest.mark.parametrize(
    ("x", "y", "line"),
    [
        (0.5, 0.15, "2021年度郴州市科学技术协会"),
        (0.3, 0.19, "本级整体支出绩效自评报告"),
        (0.5, 0.03, ""),  # the top margin
        (0.03, 0.5, ""),  # the left margin, beside the text and the 草稿 watermark
    ],
)
def test_the_line_under_a_point(x: float, y: float, line: str) -> None:
    assert line_at(SAMPLE_PDF, 0, x, y) == line


def test_the_draft_watermark_is_no_line(blank: Report) -> None:
    pdf = pdf_bytes(blank)  # the second page's middle holds only the 草稿 watermark (outlines)
    assert line_at(pdf, 1, 0.5, 0.5) == ""


@example(page=4, x=0.5, y=0.1875)  # a line of several text objects: PDFium adds "\r\n"
@given(
    page=st.integers(-3, 12),
    x=st.floats(-1, 2, allow_nan=False),
    y=st.floats(-1, 2, allow_nan=False),
)
def test_any_point_gives_a_line_or_nothing(page: int, x: float, y: float) -> None:
    line = line_at(SAMPLE_PDF, page, x, y)
    assert isinstance(line, str)
    assert "\n" not in line
    assert line == line.strip()


@given(st.binary(max_size=2000) | st.builds(lambda cut: SAMPLE_PDF[:cut], st.integers(0, 5000)))
def test_bytes_that_are_no_pdf_are_refused_plainly(data: bytes) -> None:
    with pytest.raises(pypdfium2.PdfiumError):
        rasterise(data, 100)
