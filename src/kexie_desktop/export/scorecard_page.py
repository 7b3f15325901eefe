"""The printed scoring table (自评表) as the report's attachment: its own pages after the
report, "附件" in 黑体 at the top left and the title centred on the third line (GB/T 9704
§8), then the table with the upper levels' names in merged cells, its header repeated on
every page, no row split across pages unless it is taller than a page.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from kexie_desktop.export import styles
from kexie_desktop.export.document import Where
from kexie_desktop.export.frame import Frame, FramedPage
from kexie_desktop.export.layout import Line, Typesetter
from kexie_desktop.export.page import draw_line
from kexie_desktop.export.scorecard_table import (
    ATTACHMENT_MARK,
    CRITERION,
    HEADER,
    LEVELS,
    REASON,
    Cell,
    RowKind,
    ScoreRow,
    ScoreTable,
)
from kexie_desktop.export.styles import Align, FontRole, TextStyle

SIZE = 12.0  # 小四: the table's text
PITCH = SIZE * 1.35
PAD_X = 3.0
PAD_Y = 3.0
# Column widths in characters; the criterion and the reason share what is left, 3 : 2.
_FIXED_EMS = {0: 4.2, 1: 4.6, 2: 6.5, 3: 2.6, 5: 2.8}
_SHARES = {CRITERION: 0.6, REASON: 0.4}
_CENTRED_COLUMNS = frozenset({0, 1, 3, 5})

HEAD = TextStyle(FontRole.HEI, SIZE, PITCH, align=Align.CENTRE)
TEXT = TextStyle(FontRole.FANGSONG, SIZE, PITCH, align=Align.LEFT)
CENTRED = TextStyle(FontRole.FANGSONG, SIZE, PITCH, align=Align.CENTRE)
TOTAL = TextStyle(FontRole.HEI, SIZE, PITCH, align=Align.CENTRE)
MARK = TextStyle(FontRole.HEI, styles.SIZE_3HAO, styles.LINE_PITCH)
TITLE = TextStyle(FontRole.TITLE, styles.SIZE_2HAO, styles.LINE_PITCH * 1.25, align=Align.CENTRE)
FIGURES = TextStyle(FontRole.FANGSONG, SIZE, PITCH, first_indent=2 * SIZE)


@dataclass
class _Box:
    """A cell set in lines: x from the frame's left edge, its lines' baselines from the top
    of the text (the box centres them vertically)."""

    x: float
    width: float
    lines: list[Line]
    merge: str = ""

    @property
    def text_height(self) -> float:
        return max(len(self.lines), 1) * PITCH + 2 * PAD_Y


@dataclass
class _Row:
    kind: RowKind | None  # None: the header
    boxes: list[_Box]
    height: float = 0.0


@dataclass
class _Page:
    """One page of the attachment: the furniture at the top (first page) and rows under it."""

    top_lines: list[tuple[float, Line]] = field(default_factory=list)  # (depth of line top)
    rows: list[tuple[float, _Row]] = field(default_factory=list)  # (depth of row top)


def column_edges(frame: Frame) -> list[float]:
    fixed = sum(ems * SIZE + 2 * PAD_X for ems in _FIXED_EMS.values())
    free = frame.width - fixed
    widths = [
        _FIXED_EMS[c] * SIZE + 2 * PAD_X if c in _FIXED_EMS else free * _SHARES[c]
        for c in range(len(HEADER))
    ]
    return [sum(widths[:c]) for c in range(len(widths) + 1)]


class AttachmentLayout:
    """The scoring table set in pages of ``frame``."""

    def __init__(self, table: ScoreTable, setter: Typesetter, frame: Frame, where: Where) -> None:
        self.table, self.setter, self.frame, self.where = table, setter, frame, where
        self.edges = column_edges(frame)
        header = _Row(None, [self._box(Cell(t, c, c), HEAD) for c, t in enumerate(HEADER)])
        self.header = self._measured(header)
        self.pages = self._paginate([self._row(row) for row in table.rows])

    # -- setting ------------------------------------------------------------------------------

    def _box(self, cell: Cell, style: TextStyle) -> _Box:
        x = self.edges[cell.first]
        width = self.edges[cell.last + 1] - x
        lines = [
            line
            for part in cell.text.split("\n")
            if part
            for line in self.setter.lines(part, style, width - 2 * PAD_X, self.where, x=x + PAD_X)
        ]
        return _Box(x, width, lines, cell.merge)

    def _row(self, row: ScoreRow) -> _Row:
        boxes = []
        for cell in row.cells:
            if row.kind is RowKind.TOTAL and cell.first < LEVELS:
                style = TOTAL
            elif cell.first in _CENTRED_COLUMNS or (
                cell.last < LEVELS and row.kind is not RowKind.LEAF
            ):
                style = CENTRED
            else:
                style = TEXT
            boxes.append(self._box(cell, style))
        return self._measured(_Row(row.kind, boxes))

    @staticmethod
    def _measured(row: _Row) -> _Row:
        # Every row is at least as tall as the merged names over it, so that any run of rows
        # left on a page (a merged cell cut by a page break) has room for its name.
        row.height = max(box.text_height for box in row.boxes)
        return row

    def _opening(self) -> tuple[list[tuple[float, Line]], float]:
        """ "附件" on the first line, the title from the third (GB/T 9704 §8), the figures."""
        placed: list[tuple[float, Line]] = []
        mark = self.setter.lines(ATTACHMENT_MARK, MARK, self.frame.width, self.where)
        placed += [(0.0, line) for line in mark]
        depth = 2 * styles.LINE_PITCH
        for line in self.setter.word_lines(
            self.table.title_words, TITLE, self.frame.width, self.where
        ):
            placed.append((depth, line))
            depth += TITLE.pitch
        if self.table.figures:
            depth += PITCH / 2
            for line in self.setter.lines(
                self.table.figures, FIGURES, self.frame.width, self.where
            ):
                placed.append((depth, line))
                depth += PITCH
        return placed, depth + PITCH / 2

    # -- pages --------------------------------------------------------------------------------

    def _paginate(self, rows: Sequence[_Row]) -> list[_Page]:
        opening, depth = self._opening()
        pages = [_Page(top_lines=opening, rows=[(depth, self.header)])]
        depth += self.header.height
        index = 0
        while index < len(rows):
            chain = self._chain(rows, index)
            if sum(row.height for row in chain) > self.frame.height - depth and not self._fresh(
                pages[-1]
            ):
                pages.append(_Page(rows=[(0.0, self.header)]))
                depth = self.header.height
                continue
            for row in chain:
                # A row taller than the room left goes on over the next pages, in pieces.
                for number, part in enumerate(self._parts(row, self.frame.height - depth)):
                    if number:
                        pages.append(_Page(rows=[(0.0, self.header)]))
                        depth = self.header.height
                    pages[-1].rows.append((depth, part))
                    depth += part.height
            index += len(chain)
        return pages

    def _fresh(self, page: _Page) -> bool:
        """Nothing but the header on ``page`` yet: a chain that does not fit here fits nowhere."""
        return page.rows[-1][1] is self.header

    @staticmethod
    def _chain(rows: Sequence[_Row], index: int) -> list[_Row]:
        """A row and the subtotal and total rows right after it: no page starts with a total."""
        chain = [rows[index]]
        while index + len(chain) < len(rows) and rows[index + len(chain)].kind is not RowKind.LEAF:
            chain.append(rows[index + len(chain)])
        return chain

    def _parts(self, row: _Row, room: float) -> list[_Row]:
        """``row`` itself when it fits in ``room``, else pieces of it: the first fills
        ``room``, the others a page each under the header."""
        page_room = self.frame.height - self.header.height
        if row.height <= room + 0.01:
            return [row]
        first = max(int((room - 2 * PAD_Y) // PITCH), 1)
        per_page = max(int((page_room - 2 * PAD_Y) // PITCH), 1)
        longest = max(len(box.lines) for box in row.boxes)
        cuts = [0, first, *range(first + per_page, longest, per_page), longest]
        parts = []
        for start, end in itertools.pairwise(cuts):
            boxes = [
                # merged names are printed again on each page; the row's own cells go on
                box if box.merge else _Box(box.x, box.width, box.lines[start:end])
                for box in row.boxes
            ]
            parts.append(self._measured(_Row(row.kind, boxes)))
        return parts

    # -- drawing ------------------------------------------------------------------------------

    def draw(self, canvas: Any, page: _Page) -> None:
        """Draw ``page`` in frame coordinates (``Frame.enter`` has moved the origin)."""
        for depth, line in page.top_lines:
            _draw_at(canvas, line, depth)
        rules: list[tuple[float, float, float, float]] = []
        rows = page.rows
        for position, (depth, row) in enumerate(rows):
            following = rows[position + 1][1] if position + 1 < len(rows) else None
            previous = rows[position - 1][1] if position > 0 else None
            for box in row.boxes:
                bottom = depth + row.height
                rules += [(box.x, -depth, box.x, -bottom)]
                rules += [(box.x + box.width, -depth, box.x + box.width, -bottom)]
                if not _continues(box, following):
                    rules.append((box.x, -bottom, box.x + box.width, -bottom))
                if position == 0:
                    rules.append((box.x, -depth, box.x + box.width, -depth))
                if _continues(box, previous):
                    continue  # drawn with the first row of its merged cell
                height = self._merged_height(rows, position, box)
                _draw_box(canvas, box, depth, height)
        canvas.setLineWidth(styles.TABLE_RULE)
        canvas.lines(rules)

    @staticmethod
    def _merged_height(rows: list[tuple[float, _Row]], position: int, box: _Box) -> float:
        depth, row = rows[position]
        bottom = depth + row.height
        for later_depth, later in rows[position + 1 :]:
            if not _continues(box, later):
                break
            bottom = later_depth + later.height
        return bottom - depth


def _continues(box: _Box, row: _Row | None) -> bool:
    """Whether ``row`` carries on ``box``'s merged cell (the same indicator in its column)."""
    if not box.merge or row is None:
        return False
    return any(other.merge == box.merge and other.x == box.x for other in row.boxes)


def _draw_box(canvas: Any, box: _Box, depth: float, height: float) -> None:
    top = depth + (height - len(box.lines) * PITCH) / 2  # centred in its (merged) cell
    for number, line in enumerate(box.lines):
        _draw_at(canvas, line, top + number * PITCH)


def _draw_at(canvas: Any, line: Line, depth: float) -> None:
    """``line`` with the top of its line cell ``depth`` below the frame's top edge."""
    baseline = -(depth + line.baseline)
    draw_line(canvas, Line(line.runs, line.x, baseline, line.size, line.char_space, line.width))


def attachment_pages(table: ScoreTable, setter: Typesetter, frame: Frame) -> list[FramedPage]:
    """The scoring table's pages, to be drawn after the report's own."""
    fields = tuple(
        key
        for leaf in table.sheet.scorecard.leaves()
        for key in (table.sheet.scorecard.score_key(leaf), table.sheet.scorecard.reason_key(leaf))
    )
    layout = AttachmentLayout(
        table,
        setter,
        frame,
        Where(table.sheet.scorecard.section, table.sheet.scorecard.title, fields),
    )
    return [FramedPage(frame, partial(layout.draw, page=page)) for page in layout.pages]
