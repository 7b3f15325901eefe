"""The measures of GB/T 9704-2012 (党政机关公文格式), in one place, in PDF points."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MM = 72 / 25.4

PAGE_WIDTH = 210 * MM  # A4
PAGE_HEIGHT = 297 * MM
MARGIN_TOP = 37 * MM
MARGIN_BOTTOM = 35 * MM
MARGIN_LEFT = 28 * MM
MARGIN_RIGHT = 26 * MM
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm
TEXT_TOP = PAGE_HEIGHT - MARGIN_TOP  # y of the top edge of the text block
TEXT_BOTTOM = MARGIN_BOTTOM

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = TEXT_HEIGHT / LINES_PER_PAGE  # ≈ 28.99 pt

SIZE_2HAO = 22.0  # 二号: the title
SIZE_3HAO = 15.75  # 三号 is 16 pt; 15.75 pt puts exactly 28 characters on a 156 mm line
SIZE_4HAO = 14.0  # 四号: page numbers, tables

# Where glyphs sit in their em box (ideographic fonts: ascent 0.88, descent 0.12 of the size).
ASCENT = 0.88

PAGE_NUMBER_SIZE = SIZE_4HAO
PAGE_NUMBER_GAP = 7 * MM  # from the bottom edge of the text block down to the 一字线 (§7.5)
PAGE_NUMBER_INSET = SIZE_4HAO  # "空一字" from the edge of the text block

TABLE_SIZE = SIZE_4HAO
TABLE_PITCH = 24.0
TABLE_PADDING = 4.0
TABLE_RULE = 0.5
TABLE_NUMBER_WIDTH = 3 * TABLE_SIZE
TABLE_AMOUNT_WIDTH = 8 * TABLE_SIZE

WATERMARK_TEXT = "草稿"
WATERMARK_SIZE = 150.0
WATERMARK_GREY = 0.55
WATERMARK_ALPHA = 0.25
WATERMARK_ANGLE = 45.0

SEAL_ROOM_LINES = 2  # blank lines above the unit name, where the seal goes
CLOSING_RIGHT_INDENT = 4  # characters between the date and the right edge (成文日期右空四字)


class FontRole(Enum):
    """The typefaces an official document uses, by role."""

    FANGSONG = "fangsong"  # 仿宋: body text
    KAI = "kai"  # 楷体: （一） headings
    HEI = "hei"  # 黑体: 一、 headings, watermark
    SONG = "song"  # 宋体: page numbers
    TITLE = "title"  # 小标宋: the title


class Align(Enum):
    JUSTIFY = "justify"  # every line but the last fills the measure
    CENTRE = "centre"
    RIGHT = "right"
    LEFT = "left"  # ragged right: narrow table cells, where spreading the characters shows


@dataclass(frozen=True)
class TextStyle:
    role: FontRole
    size: float
    pitch: float  # distance from one line to the next
    first_indent: float = 0.0  # extra indent of a paragraph's first line (< 0: it hangs out)
    align: Align = Align.JUSTIFY
    right_indent: float = 0.0
    left_indent: float = 0.0  # indent of every line


BODY = TextStyle(FontRole.FANGSONG, SIZE_3HAO, LINE_PITCH, first_indent=2 * SIZE_3HAO)
HEADING_1 = TextStyle(FontRole.HEI, SIZE_3HAO, LINE_PITCH, first_indent=2 * SIZE_3HAO)
HEADING_2 = TextStyle(FontRole.KAI, SIZE_3HAO, LINE_PITCH, first_indent=2 * SIZE_3HAO)
# Third-level headings ("1.") are 仿宋 like the body (GB/T 9704 7.3.3).
HEADING_3 = TextStyle(FontRole.FANGSONG, SIZE_3HAO, LINE_PITCH, first_indent=2 * SIZE_3HAO)
# GB/T 9704 7.3.3 附件说明: "附件：" two characters in; a name that needs a second line goes on
# under the name's first character, five characters in. Broken between words, so ragged
# right rather than spread.
ATTACHMENT_NOTE = TextStyle(
    FontRole.FANGSONG,
    SIZE_3HAO,
    LINE_PITCH,
    first_indent=-3 * SIZE_3HAO,
    align=Align.LEFT,
    left_indent=5 * SIZE_3HAO,
)
TITLE = TextStyle(FontRole.TITLE, SIZE_2HAO, LINE_PITCH * 1.25, align=Align.CENTRE)
CLOSING = TextStyle(
    FontRole.FANGSONG,
    SIZE_3HAO,
    LINE_PITCH,
    align=Align.RIGHT,
    right_indent=CLOSING_RIGHT_INDENT * SIZE_3HAO,
)
TABLE_CAPTION = TextStyle(FontRole.HEI, SIZE_3HAO, LINE_PITCH, align=Align.CENTRE)
TABLE_UNIT = TextStyle(FontRole.FANGSONG, TABLE_SIZE, TABLE_PITCH, align=Align.RIGHT)
TABLE_HEAD = TextStyle(FontRole.HEI, TABLE_SIZE, TABLE_PITCH, align=Align.CENTRE)
TABLE_TEXT = TextStyle(FontRole.FANGSONG, TABLE_SIZE, TABLE_PITCH)
TABLE_GROUP = TextStyle(FontRole.KAI, TABLE_SIZE, TABLE_PITCH)
TABLE_NUMBER = TextStyle(FontRole.FANGSONG, TABLE_SIZE, TABLE_PITCH, align=Align.CENTRE)
TABLE_AMOUNT = TextStyle(FontRole.FANGSONG, TABLE_SIZE, TABLE_PITCH, align=Align.RIGHT)


def baseline_offset(style: TextStyle) -> float:
    """From the top of a line's cell down to the baseline: the em box centred in the cell."""
    return (style.pitch - style.size) / 2 + ASCENT * style.size
