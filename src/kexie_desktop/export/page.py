"""Page furniture: the page number under the text block and the 草稿 watermark."""

from __future__ import annotations

from typing import Any

from kexie_desktop.export import styles
from kexie_desktop.export.document import Where
from kexie_desktop.export.layout import Line, Typesetter
from kexie_desktop.export.options import PageNumberPlacement
from kexie_desktop.export.styles import Align, FontRole, TextStyle

PAGE_NUMBER_STYLE = TextStyle(
    FontRole.SONG, styles.PAGE_NUMBER_SIZE, styles.PAGE_NUMBER_SIZE, align=Align.CENTRE
)
FURNITURE = Where("page", "页码和水印")


def page_number_text(number: int) -> str:
    """GB/T 9704: half-width Arabic digits between two 一字线, "— 1 —"."""
    return f"— {number} —"


def page_number_line(setter: Typesetter, number: int, placement: PageNumberPlacement) -> Line:
    """The page number as a line, x measured from the left edge of the page."""
    line = setter.lines(page_number_text(number), PAGE_NUMBER_STYLE, styles.TEXT_WIDTH, FURNITURE)[
        0
    ]
    if placement is PageNumberPlacement.CENTRED:
        x = styles.MARGIN_LEFT + (styles.TEXT_WIDTH - line.width) / 2
    elif number % 2:  # odd pages: right, one character in
        x = styles.MARGIN_LEFT + styles.TEXT_WIDTH - styles.PAGE_NUMBER_INSET - line.width
    else:  # even pages: left, one character in
        x = styles.MARGIN_LEFT + styles.PAGE_NUMBER_INSET
    # The top of the digits' em box sits 7 mm below the text block.
    top = styles.TEXT_BOTTOM - styles.PAGE_NUMBER_GAP
    baseline = top - styles.ASCENT * styles.PAGE_NUMBER_SIZE
    return Line(line.runs, x, baseline, line.size, line.char_space, line.width)


def draw_line(canvas: Any, line: Line) -> None:
    """Draw one line at absolute coordinates (``x`` and ``baseline`` on the page)."""
    text = canvas.beginText(line.x, line.baseline)
    text.setCharSpace(line.char_space)
    for run in line.runs:
        text.setFont(run.font, line.size)
        text.textOut(run.text)
    canvas.drawText(text)


def draw_page_number(
    canvas: Any, setter: Typesetter, number: int, placement: PageNumberPlacement
) -> None:
    draw_line(canvas, page_number_line(setter, number, placement))


def draw_watermark(canvas: Any, setter: Typesetter) -> None:
    """A light diagonal 草稿 across the middle of the page, under the text."""
    size = styles.WATERMARK_SIZE
    glyphs = setter.glyphs(styles.WATERMARK_TEXT, FontRole.HEI, size, FURNITURE)
    width = sum(glyph.width for glyph in glyphs)
    canvas.saveState()
    canvas.setFillGray(styles.WATERMARK_GREY)
    canvas.setFillAlpha(styles.WATERMARK_ALPHA)
    canvas.translate(styles.PAGE_WIDTH / 2, styles.PAGE_HEIGHT / 2)
    canvas.rotate(styles.WATERMARK_ANGLE)
    text = canvas.beginText(-width / 2, -styles.ASCENT * size / 2)
    for glyph in glyphs:
        text.setFont(glyph.font.name, size)
        text.textOut(glyph.char)
    canvas.drawText(text)
    canvas.restoreState()
