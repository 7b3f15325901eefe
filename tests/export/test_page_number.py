"""GB/T 9704-2012 §7.5: "一字线上距版心下边缘7 mm" — the 7 mm runs from the bottom edge of the
text block down to the 一字线 (the dashes), read back from the rendered page."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from kexie_desktop.export.styles import MM

DPI = 1200  # one pixel is 0.021 mm
TEXT_BLOCK_BOTTOM = 297 - 35  # mm from the top of the page
DASH = "—"


def _dash_ink_rows(pdf: Path, page: int, dash: dict[str, Any], out: Path) -> list[int]:
    """Rows (from the top of the page, in pixels) where the dash leaves ink: rendered with
    pdftoppm at 1200 dpi, cropped to the dash's em box."""
    scale = DPI / 72
    x, y = int(dash["x0"] * scale), int(dash["top"] * scale)
    width, height = int(dash["width"] * scale), int((dash["bottom"] - dash["top"]) * scale)
    prefix = out / f"dash{page}"
    crop = ["-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height)]
    pages = ["-f", str(page), "-l", str(page)]
    command = ["pdftoppm", "-r", str(DPI), "-gray", *pages, *crop, "-singlefile"]
    subprocess.run([*command, str(pdf), str(prefix)], check=True)
    magic, w, _h, _maxval, pixels = prefix.with_suffix(".pgm").read_bytes().split(maxsplit=4)
    assert magic == b"P5"
    row_width = int(w)
    rows = [pixels[i : i + row_width] for i in range(0, len(pixels), row_width)]
    return [y + number for number, row in enumerate(rows) if min(row) < 128]


@pytest.mark.parametrize("page_number", [1, 2])
def test_the_dash_line_is_7_mm_below_the_text_block(
    sample_pdf: Any, page_number: int, tmp_path: Path
) -> None:
    page = sample_pdf.pages[page_number - 1]
    dashes = [c for c in page.furniture if c["text"] == DASH]
    assert len(dashes) == 2
    for dash in dashes:
        ink = _dash_ink_rows(sample_pdf.path, page_number, dash, tmp_path)
        assert ink, "the dash leaves no ink"
        top_mm = ink[0] / DPI * 25.4
        assert top_mm - TEXT_BLOCK_BOTTOM == pytest.approx(7, abs=0.1)
        thickness_mm = (ink[-1] - ink[0] + 1) / DPI * 25.4
        assert thickness_mm < 1  # one thin stroke, not a glyph's full height


def test_the_digits_sit_between_the_dashes_on_one_baseline(sample_pdf: Any) -> None:
    for page in sample_pdf.pages:
        chars = page.furniture
        assert "".join(c["text"] for c in chars) == f"— {page.number} —"
        baselines = {round(c["matrix"][5], 2) for c in chars}
        assert len(baselines) == 1
        first, *middle, last = [c for c in chars if c["text"].strip()]
        assert first["text"] == last["text"] == DASH
        assert all(first["x1"] <= c["x0"] and c["x1"] <= last["x0"] for c in middle)


def test_the_number_stays_inside_the_page(sample_pdf: Any) -> None:
    for page in sample_pdf.pages:
        assert max(c["bottom"] for c in page.furniture) < page.height - 10 * MM
