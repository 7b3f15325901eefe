"""Glyph outlines read from the TrueType ``glyf`` table of a registered font.

The 草稿 watermark is drawn as filled shapes, not as text, so that copying a draft's text or
extracting it (pdftotext, pdfplumber) does not pick up 草 and 稿; and the page number is placed
by the ink of its 一字线, not by its em box. ReportLab embeds TrueType fonts only, so every
font of a FontSet has a ``glyf`` table; ReportLab has already read the file, its tables and
the glyph offsets (``loca``), and those are reused here.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfmetrics

from kexie_desktop.export.fonts import LoadedFont

# Flags of a simple glyph's points and of a composite glyph's components (OpenType glyf).
_ON_CURVE = 0x01
_X_SHORT = 0x02
_Y_SHORT = 0x04
_REPEAT = 0x08
_X_SAME_OR_POSITIVE = 0x10
_Y_SAME_OR_POSITIVE = 0x20
_ARGS_ARE_WORDS = 0x0001
_ARGS_ARE_XY = 0x0002
_HAS_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAS_XY_SCALE = 0x0040
_HAS_2X2 = 0x0080
_MAX_COMPONENT_DEPTH = 8

Point = tuple[float, float, bool]  # x, y (1/1000 em), on the curve


@dataclass(frozen=True)
class InkBox:
    """The bounding box of a glyph's outline, in 1/1000 em from the origin on the baseline."""

    x_min: float
    y_min: float
    x_max: float
    y_max: float


class _GlyphTable:
    def __init__(self, font: LoadedFont) -> None:
        face: Any = pdfmetrics.getFont(font.name).face
        self._data: bytes = face._ttf_data  # the font file as ReportLab read it
        self._glyf: int = face.table["glyf"]["offset"]
        self._positions: list[int] = face.glyphPos
        self._scale = 1000 / face.unitsPerEm
        self.cmap: dict[int, int] = face.charToGlyph

    def _record(self, glyph: int) -> bytes:
        start, end = self._positions[glyph], self._positions[glyph + 1]
        return self._data[self._glyf + start : self._glyf + end]

    def ink_box(self, glyph: int) -> InkBox | None:
        record = self._record(glyph)
        if not record:
            return None  # a blank glyph (a space)
        x_min, y_min, x_max, y_max = struct.unpack_from(">4h", record, 2)
        return InkBox(*(value * self._scale for value in (x_min, y_min, x_max, y_max)))

    def contours(self, glyph: int, depth: int = 0) -> list[list[Point]]:
        record = self._record(glyph)
        if not record or depth > _MAX_COMPONENT_DEPTH:
            return []
        (count,) = struct.unpack_from(">h", record, 0)
        if count >= 0:
            return self._simple(record, count)
        return self._composite(record, depth)

    def _simple(self, record: bytes, count: int) -> list[list[Point]]:
        ends = struct.unpack_from(f">{count}H", record, 10)
        total = ends[-1] + 1 if ends else 0
        (instructions,) = struct.unpack_from(">H", record, 10 + 2 * count)
        offset = 12 + 2 * count + instructions
        flags: list[int] = []
        while len(flags) < total:
            flag = record[offset]
            offset += 1
            repeat = 0
            if flag & _REPEAT:
                repeat = record[offset]
                offset += 1
            flags.extend([flag] * (repeat + 1))
        xs, offset = _coordinates(record, offset, flags, _X_SHORT, _X_SAME_OR_POSITIVE)
        ys, _ = _coordinates(record, offset, flags, _Y_SHORT, _Y_SAME_OR_POSITIVE)
        points = [
            (x * self._scale, y * self._scale, bool(flag & _ON_CURVE))
            for x, y, flag in zip(xs, ys, flags, strict=True)
        ]
        contours, start = [], 0
        for end in ends:
            contours.append(points[start : end + 1])
            start = end + 1
        return contours

    def _composite(self, record: bytes, depth: int) -> list[list[Point]]:
        contours: list[list[Point]] = []
        offset = 10
        more = True
        while more:
            flags, glyph = struct.unpack_from(">HH", record, offset)
            offset += 4
            if flags & _ARGS_ARE_WORDS:
                dx, dy = struct.unpack_from(">hh", record, offset)
                offset += 4
            else:
                dx, dy = struct.unpack_from(">bb", record, offset)
                offset += 2
            xx, xy, yx, yy = 1.0, 0.0, 0.0, 1.0
            if flags & _HAS_SCALE:
                xx = yy = _f2dot14(record, offset)
                offset += 2
            elif flags & _HAS_XY_SCALE:
                xx, yy = _f2dot14(record, offset), _f2dot14(record, offset + 2)
                offset += 4
            elif flags & _HAS_2X2:
                xx, xy = _f2dot14(record, offset), _f2dot14(record, offset + 2)
                yx, yy = _f2dot14(record, offset + 4), _f2dot14(record, offset + 6)
                offset += 8
            if not flags & _ARGS_ARE_XY:  # anchored by point numbers: not used by CJK fonts
                dx = dy = 0
            shift_x, shift_y = dx * self._scale, dy * self._scale
            for contour in self.contours(glyph, depth + 1):
                contours.append(
                    [
                        (x * xx + y * yx + shift_x, x * xy + y * yy + shift_y, on)
                        for x, y, on in contour
                    ]
                )
            more = bool(flags & _MORE_COMPONENTS)
        return contours


def _f2dot14(record: bytes, offset: int) -> float:
    (value,) = struct.unpack_from(">h", record, offset)
    return float(value) / 16384


def _coordinates(
    record: bytes, offset: int, flags: list[int], short: int, same_or_positive: int
) -> tuple[list[int], int]:
    values: list[int] = []
    value = 0
    for flag in flags:
        if flag & short:
            delta = record[offset]
            offset += 1
            value += delta if flag & same_or_positive else -delta
        elif not flag & same_or_positive:
            (delta,) = struct.unpack_from(">h", record, offset)
            offset += 2
            value += delta
        values.append(value)
    return values, offset


def ink_box(font: LoadedFont, char: str) -> InkBox | None:
    """Where ``char`` of ``font`` leaves ink; None for a blank or missing glyph."""
    table = _GlyphTable(font)
    glyph = table.cmap.get(ord(char))
    return None if glyph is None else table.ink_box(glyph)


def outline(font: LoadedFont, char: str) -> list[list[Point]]:
    """The contours of ``char`` of ``font`` (quadratic TrueType points, 1/1000 em)."""
    table = _GlyphTable(font)
    glyph = table.cmap.get(ord(char))
    return [] if glyph is None else table.contours(glyph)


def add_to_path(path: Any, contours: list[list[Point]], x: float, size: float) -> None:
    """Add the contours, scaled to ``size`` and moved right by ``x``, to a ReportLab path.

    Quadratic segments become cubic ones; two off-curve points in a row imply the on-curve
    point half-way between them (TrueType's rule)."""
    scale = size / 1000
    for contour in contours:
        points = [(x + px * scale, py * scale, on) for px, py, on in contour]
        if not points:
            continue
        start_index = next((i for i, p in enumerate(points) if p[2]), None)
        if start_index is None:  # all off the curve: start half-way between the first two
            first, second = points[0], points[1 % len(points)]
            points.insert(0, ((first[0] + second[0]) / 2, (first[1] + second[1]) / 2, True))
            start_index = 0
        ordered = points[start_index:] + points[:start_index]
        current = ordered[0][:2]
        path.moveTo(*current)
        control: tuple[float, float] | None = None
        for px, py, on in [*ordered[1:], ordered[0]]:
            if on:
                if control is None:
                    path.lineTo(px, py)
                else:
                    _quad_to(path, current, control, (px, py))
                current, control = (px, py), None
            elif control is None:
                control = (px, py)
            else:
                middle = ((control[0] + px) / 2, (control[1] + py) / 2)
                _quad_to(path, current, control, middle)
                current, control = middle, (px, py)
        path.close()


def _quad_to(
    path: Any,
    start: tuple[float, float],
    control: tuple[float, float],
    end: tuple[float, float],
) -> None:
    first = (start[0] + 2 / 3 * (control[0] - start[0]), start[1] + 2 / 3 * (control[1] - start[1]))
    second = (end[0] + 2 / 3 * (control[0] - end[0]), end[1] + 2 / 3 * (control[1] - end[1]))
    path.curveTo(*first, *second, *end)
