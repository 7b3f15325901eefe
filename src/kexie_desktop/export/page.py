"""Page furniture: the page number under the text block and the 草稿 watermark."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import FILL_NON_ZERO

from kexie_desktop.export import styles
from kexie_desktop.export.document import Where
from kexie_desktop.export.layout import Line, Typesetter
from kexie_desktop.export.options import PageNumberPlacement
from kexie_desktop.export.outlines import add_to_path, ink_box, outline
from kexie_desktop.export.styles import Align, FontRole, TextStyle

PAGE_NUMBER_STYLE = TextStyle(
    FontRole.SONG, styles.PAGE_NUMBER_SIZE, styles.PAGE_NUMBER_SIZE, align=Align.CENTRE
)
FURNITURE = Where("page", "页码和水印")


PAGE_NUMBER_DASH = "—"  # 一字线, U+2014
_DASH_TOP_GUESS = 300.0  # 1/1000 em above the baseline (Noto Serif: 293, the dash's top)


def page_number_text(number: int) -> str:
    """GB/T 9704: half-width Arabic digits between two 一字线, "— 1 —"."""
    return f"{PAGE_NUMBER_DASH} {number} {PAGE_NUMBER_DASH}"


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
    return Line(line.runs, x, page_number_baseline(setter), line.size, line.char_space, line.width)


def page_number_baseline(setter: Typesetter) -> float:
    """The baseline that puts the top of the 一字线's stroke 7 mm below the text block.

    GB/T 9704-2012 §7.5: "页码一般用4号半角宋体阿拉伯数字，编排在公文版心下边缘之下，数码左右
    各放一条一字线；一字线上距版心下边缘7 mm。" The 7 mm runs from the bottom edge of the text
    block down to the 一字线 itself (the dash: "上距" is the distance from the dash up to the
    edge), not to the top of the digits or of their em box; the standard's figure of the page
    draws the 7 mm to the dashes' line as well. The dash is a thin stroke: its upper edge is
    the one set at 7 mm, read from the outline of the font that draws it (宋体 or its fallback).
    """
    size = styles.PAGE_NUMBER_SIZE
    dash_font = setter.fonts.font_for(PAGE_NUMBER_DASH, FontRole.SONG)
    box = None if dash_font is None else ink_box(dash_font, PAGE_NUMBER_DASH)
    # Without an outline (no font draws the dash): where a CJK font puts it, mid-height.
    dash_top = (box.y_max if box is not None else _DASH_TOP_GUESS) * size / 1000
    return styles.TEXT_BOTTOM - styles.PAGE_NUMBER_GAP - dash_top


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
    """A light diagonal 草稿 across the middle of the page, under the text.

    Drawn as filled glyph outlines, not as text: a draft's copied or extracted text must not
    pick up 草 and 稿 between its lines."""
    size = styles.WATERMARK_SIZE
    glyphs = setter.glyphs(styles.WATERMARK_TEXT, FontRole.HEI, size, FURNITURE)
    width = sum(glyph.width for glyph in glyphs)
    canvas.saveState()
    canvas.setFillGray(styles.WATERMARK_GREY)
    canvas.setFillAlpha(styles.WATERMARK_ALPHA)
    canvas.translate(styles.PAGE_WIDTH / 2, styles.PAGE_HEIGHT / 2)
    canvas.rotate(styles.WATERMARK_ANGLE)
    canvas.translate(0, -styles.ASCENT * size / 2)  # the em boxes centred on the page's middle
    path = canvas.beginPath()
    x = -width / 2
    for glyph in glyphs:
        add_to_path(path, outline(glyph.font, glyph.char), x, size)
        x += glyph.width
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()
