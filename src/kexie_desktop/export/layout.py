"""Setting the blocks in lines and pages, by hand, on the GB/T 9704 grid.

Text is never parsed as markup: every character the clerk typed is measured and drawn as
itself. Lines break between characters (CJK) or between words (Latin and numbers), with
禁则 (kinsoku): closing punctuation never starts a line and opening punctuation never ends
one — the character before is carried over with it. Lines but the last of a paragraph are
justified to the full measure.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kexie_desktop.export import styles
from kexie_desktop.export.balance import balanced_breaks
from kexie_desktop.export.document import (
    BlankBlock,
    Block,
    ClosingBlock,
    TableBlock,
    TableRow,
    TextBlock,
    Where,
)
from kexie_desktop.export.fonts import FontSet, LoadedFont
from kexie_desktop.export.styles import Align, FontRole, TextStyle
from kexie_desktop.export.words import name_words

# 行首禁则: never at the start of a line.
NO_LINE_START = frozenset(
    "，。、；：？！”’）》」』】〕〉〗〙〛｝］％‰℃・·．｡､…‥,.;:?!)]}%ぁぃぅぇぉっゃゅょゎ々〻ー゛゜"
)
# 行尾禁则: never at the end of a line.
NO_LINE_END = frozenset("“‘（《「『【〔〈〖〘〚｛［([{")
# Pairs that are never split: …… (also never at a line start) and ——.
NO_SPLIT_PAIRS = frozenset("…—")
_SPACES = frozenset(" \u3000")
_EPSILON = 0.01
# A justified line may not spread its characters by more than this share of the font size.
_MAX_SPREAD = 0.5


@dataclass(frozen=True)
class Glyph:
    char: str
    font: LoadedFont
    width: float


@dataclass(frozen=True)
class Run:
    font: str
    text: str


@dataclass(frozen=True)
class Line:
    """One line of text: ``x`` from the left edge of the text block, ``baseline`` down from
    the top of its item."""

    runs: tuple[Run, ...]
    x: float
    baseline: float
    size: float
    char_space: float = 0.0
    width: float = 0.0  # as drawn, from x to the end of the last glyph


@dataclass(frozen=True)
class Rule:
    """A line segment (table border): x from the block's left edge, y down from item top."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Item:
    """An unbreakable strip of a page: one line of text, or one table row."""

    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    keep_with_next: bool = False
    header: Item | None = None  # a table header to repeat when this row starts a page

    @property
    def on_grid(self) -> bool:
        """Body-sized lines sit on the 22-line grid; title lines and table rows do not, and
        the first grid line after them is found again."""
        return abs(self.height - styles.LINE_PITCH) < _EPSILON


@dataclass
class Placed:
    top: float  # y of the item's top edge, PDF coordinates
    item: Item


@dataclass
class MissingGlyphs:
    """Characters no font has, in order of appearance, by the place they appear in."""

    places: dict[Where, list[str]] = field(default_factory=dict)

    def add(self, where: Where, char: str) -> None:
        chars = self.places.setdefault(where, [])
        if char not in chars:
            chars.append(char)


class Typesetter:
    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.missing = MissingGlyphs()

    # -- characters ---------------------------------------------------------------------

    def glyphs(self, text: str, role: FontRole, size: float, where: Where) -> list[Glyph]:
        primary = self.fonts.primary[role]
        cmap = primary.cmap
        result: list[Glyph] = []
        for char in clean(text):
            if ord(char) in cmap:
                font = primary
            else:
                found = self.fonts.font_for(char, role)
                if found is None:
                    self.missing.add(where, char)
                    font = primary  # drawn as the font's "missing" box, and reported
                else:
                    font = found
            result.append(Glyph(char, font, font.advance(char, size)))
        return result

    # -- paragraphs ---------------------------------------------------------------------

    def lines(
        self, text: str, style: TextStyle, width: float, where: Where, x: float = 0.0
    ) -> list[Line]:
        """``text`` set in ``width`` (the first line indented by the style's first indent)."""
        measure = width - style.right_indent - style.left_indent
        glyphs = self.glyphs(text, style.role, style.size, where)
        rows = break_lines(glyphs, measure, style.first_indent)
        return _set_rows(rows, style, measure, x + style.left_indent)

    def word_lines(
        self, words: Sequence[str], style: TextStyle, width: float, where: Where
    ) -> list[Line]:
        """``words`` set in balanced lines, broken only between words (a word wider than a
        line is cut between its characters, by the rules of ``lines``)."""
        measure = width - style.right_indent - style.left_indent
        indent = style.first_indent
        groups = _kept_apart(
            [self.glyphs(word, style.role, style.size, where) for word in words if word]
        )
        pieces: list[list[Glyph]] = []
        for group in groups:
            fits = _width(_trimmed(group)) <= measure - indent + _EPSILON
            pieces.extend([group] if fits else clusters(group))
        starts = balanced_breaks(
            [_width(piece) for piece in pieces],
            [_width(_trimmed(piece)) for piece in pieces],
            measure,
            indent,
        )
        if starts is None:  # a single character wider than the line: break as text does
            rows = break_lines([g for piece in pieces for g in piece], measure, indent)
        else:
            ends = [*starts[1:], len(pieces)]
            rows = [
                [g for piece in pieces[a:b] for g in piece]
                for a, b in zip(starts, ends, strict=True)
            ]
        return _set_rows(rows, style, measure, style.left_indent)

    # -- blocks -------------------------------------------------------------------------

    def items(self, blocks: Sequence[Block]) -> list[Item]:
        items: list[Item] = []
        for block in blocks:
            if isinstance(block, TextBlock):
                if block.words:
                    lines = self.word_lines(
                        block.words, block.style, styles.TEXT_WIDTH, block.where
                    )
                else:
                    lines = self.lines(block.text, block.style, styles.TEXT_WIDTH, block.where)
                together = block.style is not styles.BODY
                keeps = _line_keeps(len(lines), together=together, last=block.keep_with_next)
                items.extend(
                    Item(block.style.pitch, [line], keep_with_next=keep)
                    for line, keep in zip(lines, keeps, strict=True)
                )
            elif isinstance(block, BlankBlock):
                items.append(Item(block.style.pitch, keep_with_next=block.keep_with_next))
            elif isinstance(block, TableBlock):
                items.extend(self._table(block))
            else:
                items.extend(self._closing(block))
        return items

    def _closing(self, block: ClosingBlock) -> list[Item]:
        """Unit name centred over the date; the date four characters in from the right.

        A unit name too long for one line breaks between its words (``name_words``) in
        balanced lines that hang under its first: all start at the same x, the block of them
        centred over the date as far as the text block allows.
        """
        style = styles.CLOSING
        dates = self.lines(block.date, style, styles.TEXT_WIDTH, block.where)
        centre = dates[0].x + dates[0].width / 2
        units = self.word_lines(name_words(block.unit), style, styles.TEXT_WIDTH, block.where)
        widest = max(unit.width for unit in units)
        x = min(max(centre - widest / 2, 0.0), styles.TEXT_WIDTH - widest)
        items = [
            Item(
                style.pitch,
                [Line(unit.runs, x, unit.baseline, unit.size, unit.char_space, unit.width)],
                keep_with_next=True,
            )
            for unit in units
        ]
        items.extend(Item(style.pitch, [date], keep_with_next=True) for date in dates)
        items[-1].keep_with_next = False
        return items

    def _table(self, block: TableBlock) -> list[Item]:
        # Columns of width 0 share what the fixed ones leave of the text block.
        fixed = sum(block.widths)
        flexible = sum(1 for w in block.widths if w <= 0) or 1
        share = (styles.TEXT_WIDTH - fixed) / flexible
        widths = [w if w > 0 else share for w in block.widths]
        lefts = [sum(widths[:i]) for i in range(len(widths))]
        header = self._row(block.header, widths, lefts, block.where, top_rule=True)
        items = [header]
        for row in block.rows:
            item = self._row(row, widths, lefts, block.where, top_rule=False)
            item.header = header
            item.keep_with_next = row.keep_with_next
            items.append(item)
        header.keep_with_next = True
        return items

    def _row(
        self,
        row: TableRow,
        widths: Sequence[float],
        lefts: Sequence[float],
        where: Where,
        *,
        top_rule: bool,
    ) -> Item:
        padding = styles.TABLE_PADDING
        cells = [
            self.lines(text, style, width - 2 * padding, where, x=left + padding)
            for text, style, width, left in zip(row.cells, row.styles, widths, lefts, strict=True)
        ]
        pitch = max(style.pitch for style in row.styles)
        height = pitch * max(1, *(len(lines) for lines in cells))
        lines: list[Line] = []
        for cell in cells:
            for number, line in enumerate(cell):
                baseline = line.baseline + number * pitch
                lines.append(
                    Line(line.runs, line.x, baseline, line.size, line.char_space, line.width)
                )
        right = sum(widths)
        rules = [Rule(0, height, right, height)]
        if top_rule:
            rules.append(Rule(0, 0, right, 0))
        rules.extend(Rule(x, 0, x, height) for x in [*lefts, right])
        return Item(height, lines, rules)


def _set_rows(rows: list[list[Glyph]], style: TextStyle, measure: float, x: float) -> list[Line]:
    baseline = styles.baseline_offset(style)
    result = []
    for number, row in enumerate(rows):
        indent = style.first_indent if number == 0 else 0.0
        last = number == len(rows) - 1
        result.append(
            _set_line(
                row, style, measure=measure - indent, x=x + indent, baseline=baseline, last=last
            )
        )
    return result


def _kept_apart(words: list[list[Glyph]]) -> list[list[Glyph]]:
    """Words joined where a break between them would break 禁则 (a closing bracket would
    start a line, an opening one end it)."""
    result: list[list[Glyph]] = []
    for word in words:
        if result and len(clusters([*result[-1][-1:], *word[:1]])) == 1:
            result[-1] = [*result[-1], *word]
        else:
            result.append(word)
    return result


def _line_keeps(count: int, *, together: bool, last: bool) -> list[bool]:
    """Which lines of a paragraph go with the next one (the last line: as ``last`` says).

    A heading's lines stay together. A paragraph may break between any two lines but never
    leaves one line alone: its first line goes with the second (no orphan at the foot of a
    page) and its last but one with the last (no widow at the head of the next). A page may
    then end a line short; lines are never squeezed off the 22-line grid.
    """
    keeps = [together or number in (0, count - 2) for number in range(count)]
    keeps[-1] = last
    return keeps


def clean(text: str) -> str:
    """Tabs become spaces; other control characters (not printable) are dropped."""
    text = text.replace("\t", " ")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def clusters(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Groups of characters that no line break may separate."""
    result: list[list[Glyph]] = []
    for glyph in glyphs:
        char = glyph.char
        if result:
            previous = result[-1][-1].char
            # Spaces do not open a break after an opening bracket or quote: look past them.
            last_visible = next(
                (g.char for g in reversed(result[-1]) if g.char not in _SPACES), previous
            )
            joined = (
                char in NO_LINE_START
                or char in _SPACES
                or last_visible in NO_LINE_END
                or (_is_word(char) and (_is_word(previous) or previous in ".,%-"))
                or (char in NO_SPLIT_PAIRS and previous == char)
            )
            if joined:
                result[-1].append(glyph)
                continue
        result.append([glyph])
    return result


def _width(glyphs: Sequence[Glyph]) -> float:
    return sum(glyph.width for glyph in glyphs)


def _trimmed(glyphs: list[Glyph]) -> list[Glyph]:
    end = len(glyphs)
    while end and glyphs[end - 1].char in _SPACES:
        end -= 1
    return glyphs[:end]


def break_lines(glyphs: Sequence[Glyph], width: float, first_indent: float) -> list[list[Glyph]]:
    """Greedy line breaking of whole clusters; a cluster longer than a line is cut."""
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    used = 0.0
    available = width - first_indent
    for cluster in clusters(glyphs):
        cluster_width = _width(cluster)
        if used + _width(_trimmed(cluster)) <= available + _EPSILON:
            row.extend(cluster)
            used += cluster_width
            continue
        if row:
            rows.append(row)
            row, used, available = [], 0.0, width
        for glyph in cluster:  # only a cluster wider than a whole line gets here cut
            if row and used + glyph.width > available + _EPSILON and glyph.char not in _SPACES:
                rows.append(row)
                row, used, available = [], 0.0, width
            row.append(glyph)
            used += glyph.width
    if row or not rows:
        rows.append(row)
    return rows


def _set_line(
    row: list[Glyph], style: TextStyle, *, measure: float, x: float, baseline: float, last: bool
) -> Line:
    row = _trimmed(row)
    natural = _width(row)
    char_space = 0.0
    if style.align is Align.CENTRE:
        x += max(0.0, (measure - natural) / 2)
    elif style.align is Align.RIGHT:
        x += max(0.0, measure - natural)
    elif style.align is Align.JUSTIFY and not last and len(row) > 1:
        spread = (measure - natural) / (len(row) - 1)
        if 0 < spread <= _MAX_SPREAD * style.size:
            char_space = spread
    width = natural + char_space * max(0, len(row) - 1)
    return Line(tuple(_runs(row)), x, baseline, style.size, char_space, width)


def _runs(row: Sequence[Glyph]) -> Iterator[Run]:
    start = 0
    for index in range(1, len(row) + 1):
        if index == len(row) or row[index].font is not row[start].font:
            yield Run(row[start].font.name, "".join(g.char for g in row[start:index]))
            start = index


def paginate(items: Sequence[Item]) -> list[list[Placed]]:
    """Items in pages, top to bottom; a chain of keep-with-next items is not split unless
    it is longer than a page. No page starts with a blank line, and a blank line that ends
    a page does not open a new one."""
    pages: list[list[Placed]] = []
    y = styles.TEXT_TOP
    full = True  # the current page (none yet) takes nothing more
    for index, item in enumerate(items):
        blank = not item.lines and not item.rules
        if not full and not _chain_fits(items, index, y):
            full = True
        if blank and (full or not pages[-1]):
            continue
        if full:
            pages.append([])
            y = styles.TEXT_TOP
            full = False
            if item.header is not None and len(pages) > 1:
                pages[-1].append(Placed(y, item.header))
                y -= item.header.height
        start = _top_of(item, y)
        pages[-1].append(Placed(start, item))
        y = start - item.height
    return pages or [[]]


def _top_of(item: Item, y: float) -> float:
    return _next_grid_line(y) if item.on_grid else y


def _chain_fits(items: Sequence[Item], index: int, y: float) -> bool:
    """Whether ``items[index]`` and the items it keeps with fit below ``y``, lines snapped to
    the grid as they will be; a chain taller than a whole page fits anywhere (it has to
    break somewhere)."""
    bottom = styles.TEXT_BOTTOM - _EPSILON
    chain = [items[index]]
    while chain[-1].keep_with_next and index + len(chain) < len(items):
        chain.append(items[index + len(chain)])
    if _chain_bottom(chain[:1], y) < bottom:
        return False
    if _chain_bottom(chain, y) >= bottom:
        return True
    header = chain[0].header
    top = styles.TEXT_TOP - (header.height if header is not None else 0.0)
    return _chain_bottom(chain, top) < bottom


def _chain_bottom(chain: Sequence[Item], y: float) -> float:
    for item in chain:
        y = _top_of(item, y) - item.height
    return y


def _next_grid_line(y: float) -> float:
    lines = (styles.TEXT_TOP - y) / styles.LINE_PITCH
    return styles.TEXT_TOP - math.ceil(lines - _EPSILON) * styles.LINE_PITCH
