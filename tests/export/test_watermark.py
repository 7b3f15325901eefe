"""Drafts carry a 草稿 watermark on every page, drawn as shapes (copying a draft's text does not
pick up 草 and 稿); a final report without errors prints clean."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.findings import Severity
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Status
from kexie_desktop.export import styles
from kexie_desktop.services.exporting import export_pdf
from kexie_desktop.services.workspace import load_sample

RENDER_DPI = 40


def _final_without_errors() -> Report:
    report = load_sample()
    # The published sample does not add up; make it, then finalise it.
    report.values["basic.total"] = Money.from_wan("269.75")
    report.values["project.own_level"] = Money.from_wan("134.81")  # + 转移支付 100 = 234.81
    report.status = Status.FINAL
    assert not [f for f in check_report(report) if f.severity is Severity.ERROR]
    return report


def _is_light_grey(colour: Any) -> bool:
    components = colour if isinstance(colour, list | tuple) else (colour,)
    return bool(components) and all(isinstance(c, float | int) and 0.5 < c < 1 for c in components)


def _grey_shapes(path: Path) -> list[list[dict[str, Any]]]:
    """Per page: the filled grey shapes (the watermark's glyph outlines)."""
    with pdfplumber.open(path) as pdf:
        return [
            [
                shape
                for shape in page.curves
                if shape["fill"] and _is_light_grey(shape["non_stroking_color"])
            ]
            for page in pdf.pages
        ]


def _render(path: Path, page: int, out: Path) -> list[list[int]]:
    """Page ``page`` as rows of grey levels (0 black .. 255 white), via pdftoppm."""
    prefix = out / f"page{page}"
    pages = ["-f", str(page), "-l", str(page)]
    command = ["pdftoppm", "-r", str(RENDER_DPI), "-gray", *pages, "-singlefile"]
    subprocess.run([*command, str(path), str(prefix)], check=True)
    data = prefix.with_suffix(".pgm").read_bytes()
    magic, width, height, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    w, h = int(width), int(height)
    return [list(pixels[row * w : (row + 1) * w]) for row in range(h)]


@pytest.fixture(scope="module")
def draft_and_final(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same report, once as a draft and once final: they differ only by the watermark."""
    folder = tmp_path_factory.mktemp("watermark")
    final = _final_without_errors()
    export_pdf(final, folder / "final.pdf")
    final.status = Status.DRAFT
    export_pdf(final, folder / "draft.pdf")
    return folder / "draft.pdf", folder / "final.pdf"


def test_the_watermark_is_not_text(sample_pdf: Any) -> None:
    extracted = subprocess.run(
        ["pdftotext", "-layout", str(sample_pdf.path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "科学技术协会" in extracted  # the body is extracted
    assert "草" not in extracted
    assert "稿" not in extracted
    with pdfplumber.open(sample_pdf.path) as pdf:
        for page in pdf.pages:
            assert not {"草", "稿"} & {c["text"] for c in page.chars}
            assert all(c["size"] < 50 for c in page.chars)


def test_a_draft_has_the_watermark_on_every_page(sample_pdf: Any) -> None:
    """The attachment (自评表) and the chart page included."""
    shapes = _grey_shapes(sample_pdf.path)
    assert sample_pdf.appendix
    assert len(shapes) == len(sample_pdf.pages) + len(sample_pdf.appendix)
    assert all(page for page in shapes)


def test_the_watermark_is_light_grey_and_at_45_degrees_across_the_middle(
    draft_and_final: tuple[Path, Path], tmp_path: Path
) -> None:
    draft, final = draft_and_final
    drawn, clean = _render(draft, 1, tmp_path), _render(final, 1, tmp_path)
    changed = [
        (x, y, value)
        for y, (row, clean_row) in enumerate(zip(drawn, clean, strict=True))
        for x, (value, clean_value) in enumerate(zip(row, clean_row, strict=True))
        if value != clean_value
    ]
    page_area = len(drawn) * len(drawn[0])
    assert len(changed) > page_area // 30  # two 150 pt characters
    # light: where the watermark lies on white paper it is a pale grey, never dark
    on_paper = [value for x, y, value in changed if clean[y][x] == 255]
    assert on_paper
    assert min(on_paper) > 150
    most_common = max(set(on_paper), key=on_paper.count)  # the inside of the strokes
    assert 200 < most_common < 245
    # centred on the page and climbing at 45°: the principal axis of the changed pixels
    xs = [x for x, _, _ in changed]
    ys = [-y for _, y, _ in changed]  # y up, as on the page
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    assert mean_x == pytest.approx(len(drawn[0]) / 2, rel=0.05)
    assert -mean_y == pytest.approx(len(drawn) / 2, rel=0.05)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    angle = math.degrees(math.atan2(2 * sxy, sxx - syy) / 2)
    assert angle == pytest.approx(styles.WATERMARK_ANGLE, abs=5)


def test_a_final_report_without_errors_prints_clean(draft_and_final: tuple[Path, Path]) -> None:
    _, final = draft_and_final
    assert all(not page for page in _grey_shapes(final))


def test_a_final_report_with_errors_still_prints_as_draft(tmp_path: Path) -> None:
    report = load_sample()
    report.status = Status.FINAL  # marked final, but 基本支出 does not add up
    export_pdf(report, tmp_path / "errors.pdf")
    assert all(page for page in _grey_shapes(tmp_path / "errors.pdf"))


def test_a_final_report_with_a_character_no_font_has_prints_as_draft(tmp_path: Path) -> None:
    report = _final_without_errors()
    report.values["other.text"] = "无。𠮷"  # a character none of the fonts has (U+20BB7)
    export_pdf(report, tmp_path / "gap.pdf")
    assert all(page for page in _grey_shapes(tmp_path / "gap.pdf"))


def test_a_draft_without_errors_still_prints_as_draft(draft_and_final: tuple[Path, Path]) -> None:
    draft, _ = draft_and_final
    assert all(page for page in _grey_shapes(draft))
