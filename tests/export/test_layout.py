"""The sample's pages follow GB/T 9704-2012: A4, margins, 3号 body, grid, page numbers."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from typing import Any

import pytest
from pypdf import PdfReader

from kexie_desktop.export import PageNumberPlacement, PdfOptions, styles
from kexie_desktop.export.layout import NO_LINE_END, NO_LINE_START
from kexie_desktop.services.workspace import load_sample

TOL = 0.5
MM = 72 / 25.4
STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def test_pages_are_a4(sample_pdf: Any) -> None:
    reader = PdfReader(sample_pdf.path)
    assert len(reader.pages) == sample_pdf.result.pages > 1
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(210 * MM, abs=0.1)
        assert float(page.mediabox.height) == pytest.approx(297 * MM, abs=0.1)


def test_document_info_names_the_report(sample_pdf: Any) -> None:
    info = PdfReader(sample_pdf.path).metadata
    assert info is not None
    assert info.title == "2021年度郴州市科学技术协会本级整体支出绩效自评报告"
    assert info.author == "郴州市科学技术协会"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_every_font_is_embedded_and_none_is_standard_14(sample_pdf: Any) -> None:
    output = subprocess.run(
        ["pdffonts", str(sample_pdf.path)], capture_output=True, text=True, check=True
    ).stdout
    rows = output.splitlines()[2:]
    assert rows
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        assert not any(std in name for std in STANDARD_14), row


def test_no_font_other_than_ours_is_referenced(sample_pdf: Any) -> None:
    data = sample_pdf.path.read_bytes()
    for std in STANDARD_14:
        assert std.encode() not in data


def test_body_text_is_3hao(sample_pdf: Any) -> None:
    sizes = [c["size"] for page in sample_pdf.pages for c in page.body]
    body = [size for size in sizes if 15 < size < 17]
    assert len(body) > 0.8 * len(sizes)
    assert all(size == pytest.approx(15.75, abs=0.01) for size in body)


def test_title_is_2hao_heavy_song_and_centred(sample_pdf: Any) -> None:
    first = sample_pdf.pages[0]
    title = [c for c in first.body if c["size"] == pytest.approx(22)]
    assert "".join(c["text"] for c in title) == "2021年度郴州市科学技术协会本级整体支出绩效自评报告"
    assert {c["fontname"].split("+")[-1] for c in title} == {"KexieFallbackSong-Black"}
    lines = _lines_of(title)
    # broken after the unit name, not wherever the line happens to be full
    assert ["".join(c["text"] for c in line) for line in lines] == [
        "2021年度郴州市科学技术协会",
        "本级整体支出绩效自评报告",
    ]
    centre = styles.MARGIN_LEFT + styles.TEXT_WIDTH / 2
    for line in lines:
        assert (line[0]["x0"] + line[-1]["x1"]) / 2 == pytest.approx(centre, abs=2)


def test_heading_fonts(sample_pdf: Any) -> None:
    assert sample_pdf.font_of("一、部门基本情况") == {"KexieFallbackHei-Regular"}
    assert sample_pdf.font_of("（一）主要职能") == {"KexieFallbackKai-Regular"}
    assert sample_pdf.font_of("我单位2021年基本支出") == {"KexieFallbackFang-Regular"}


def test_text_stays_inside_the_margins(sample_pdf: Any) -> None:
    for page in sample_pdf.pages:
        for char in page.body:
            assert char["x0"] >= 28 * MM - TOL, (page.number, char["text"])
            assert char["x1"] <= page.width - 26 * MM + TOL, (page.number, char["text"])
            assert char["top"] >= 37 * MM - TOL, (page.number, char["text"])
            assert char["bottom"] <= page.height - 35 * MM + TOL, (page.number, char["text"])


def test_no_overlapping_lines(sample_pdf: Any) -> None:
    for page in sample_pdf.pages:
        lines = page.lines()
        for upper, lower in itertools.pairwise(lines):
            assert max(c["bottom"] for c in upper) <= min(c["top"] for c in lower) + TOL


def test_full_pages_have_22_lines_of_at_most_28_characters(sample_pdf: Any) -> None:
    counts = []
    for page in sample_pdf.pages:
        body_lines = [line for line in page.lines() if line[0]["size"] == pytest.approx(15.75)]
        counts.append(len(body_lines))
        for line in body_lines:
            full_width = [c for c in line if c["x1"] - c["x0"] > 15]
            assert len(full_width) <= 28
    assert max(counts) == 22


def test_body_lines_are_on_the_grid(sample_pdf: Any) -> None:
    page = sample_pdf.pages[1]
    bottoms = [line[0]["bottom"] for line in page.lines() if line[0]["size"] < 16]
    for upper, lower in itertools.pairwise(bottoms):
        assert lower - upper == pytest.approx(styles.LINE_PITCH, abs=0.05)


def test_paragraphs_start_two_characters_in(sample_pdf: Any) -> None:
    body = sample_pdf.pages[0].body
    text = "".join(c["text"] for c in body)
    first = body[text.index("一是开展学术交流")]
    assert first["x0"] == pytest.approx(28 * MM + 2 * 15.75, abs=0.5)


def test_closing_punctuation_never_starts_a_line(sample_pdf: Any) -> None:
    starts = 0
    for page in sample_pdf.pages:
        for line in page.lines():
            starts += 1
            assert line[0]["text"] not in NO_LINE_START, (page.number, line[0]["text"])
            assert line[-1]["text"] not in NO_LINE_END, (page.number, line[-1]["text"])
    assert starts > 100


def test_page_numbers_alternate_right_and_left(sample_pdf: Any) -> None:
    for page in sample_pdf.pages:
        chars = page.furniture
        assert "".join(c["text"] for c in chars) == f"— {page.number} —"
        assert {round(c["size"], 1) for c in chars} == {14.0}
        assert "".join(c["text"] for c in chars if c["text"].isdigit()).isascii()
        # (the 一字线 7 mm below the text block: tests/export/test_page_number.py)
        if page.number % 2:
            assert chars[-1]["x1"] == pytest.approx(page.width - 26 * MM - 14, abs=TOL)
        else:
            assert chars[0]["x0"] == pytest.approx(28 * MM + 14, abs=TOL)


def test_page_numbers_can_be_centred(tmp_path: Any, export_read: Any) -> None:
    options = PdfOptions(page_numbers=PageNumberPlacement.CENTRED)
    pdf = export_read(load_sample(), tmp_path / "centred.pdf", options=options)
    centre = 28 * MM + styles.TEXT_WIDTH / 2
    for page in pdf.pages[:2]:
        chars = page.furniture
        assert (chars[0]["x0"] + chars[-1]["x1"]) / 2 == pytest.approx(centre, abs=TOL)


def _lines_of(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    rows: dict[float, list[dict[str, Any]]] = {}
    for char in chars:
        rows.setdefault(round(char["bottom"], 1), []).append(char)
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]


def test_long_texts_flow_over_pages_inside_the_margins(tmp_path: Any, export_read: Any) -> None:
    report = load_sample()
    sentence = "一年来，我们认真落实各项工作（包括“四服务”）、开展活动2021次；"
    report.values["problems.text"] = sentence * 120 + "\n" + "第二段。" * 200
    pdf = export_read(report, tmp_path / "long.pdf")
    assert pdf.result.pages > 12
    assert sentence * 120 + "第二段。" * 200 in pdf.text
    for page in pdf.pages:
        lines = page.lines()
        assert len([line for line in lines if line[0]["size"] == pytest.approx(15.75)]) <= 22
        for char in page.body:
            assert char["x0"] >= 28 * MM - TOL
            assert char["x1"] <= page.width - 26 * MM + TOL
            assert char["top"] >= 37 * MM - TOL
            assert char["bottom"] <= page.height - 35 * MM + TOL
        for upper, lower in itertools.pairwise(lines):
            assert max(c["bottom"] for c in upper) <= min(c["top"] for c in lower) + TOL
            assert lower[0]["text"] not in NO_LINE_START
