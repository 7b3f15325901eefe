"""A PDF's pages as pixels, and the text under a point, with PDFium (pypdfium2); no Qt here.

PDFium is not thread-safe: the preview rasterises in a worker thread while the window may ask
for the text under a click, so every call into it holds one lock.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2  # type: ignore[import-untyped]  # no type information shipped

_PDFIUM = threading.Lock()
_CLICK_REACH_PT = 8.0


@dataclass(frozen=True)
class PageImage:
    """One page as 8-bit RGB rows of ``stride`` bytes each (white where nothing is drawn)."""

    width: int
    height: int
    stride: int
    pixels: bytes


@contextmanager
def _opened(pdf: bytes) -> Iterator[pypdfium2.PdfDocument]:
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            yield document
        finally:
            document.close()


def page_count(pdf: bytes) -> int:
    with _opened(pdf) as document:
        return len(document)


def rasterise(pdf: bytes, width: int) -> list[PageImage]:
    """Every page of ``pdf`` drawn ``width`` pixels wide (the height follows the page)."""
    images = []
    with _opened(pdf) as document:
        for page in document:
            scale = width / page.get_width()
            bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
            images.append(
                PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            )
            bitmap.close()
            page.close()
    return images


def line_at(pdf: bytes, page_number: int, x: float, y: float) -> str:
    """The text of the printed line under a point, "" if there is none.

    ``x`` and ``y`` are fractions of the page's width and height from its top left corner, so
    the caller need not know the page's size in points or the zoom it shows it at.
    """
    with _opened(pdf) as document:
        if not 0 <= page_number < len(document):
            return ""
        page = document[page_number]
        width, height = page.get_size()
        text = page.get_textpage()
        boxes = [text.get_charbox(index) for index in range(text.count_chars())]
        point = (x * width, (1 - y) * height)
        hit = _char_under(boxes, point)
        if hit is None:
            return ""
        return _line_through(text, boxes, boxes[hit])


Box = tuple[float, float, float, float]  # left, bottom, right, top, in points


def _char_under(boxes: list[Box], point: tuple[float, float]) -> int | None:
    """The character nearest the point, if it is within a few points of it (a click between
    two lines of 三号 text lands at most ~8 pt from one of them)."""
    px, py = point
    nearest, distance = None, _CLICK_REACH_PT
    for index, box in enumerate(boxes):
        left, bottom, right, top = box
        gap = max(left - px, px - right, 0.0) + max(bottom - py, py - top, 0.0)
        if gap <= distance:
            nearest, distance = index, gap
    return nearest


def _line_through(text: pypdfium2.PdfTextPage, boxes: list[Box], hit: Box) -> str:
    """The characters whose vertical middle lies within the hit character's height, in the
    order the PDF draws them (table rows come out cell after cell)."""
    bottom, top = hit[1], hit[3]
    chars = [
        text.get_text_range(index, 1)
        for index, box in enumerate(boxes)
        if bottom <= (box[1] + box[3]) / 2 <= top
    ]
    # PDFium puts a line break between text objects, even within one printed line.
    return "".join(char for char in chars if char not in "\r\n").strip()


def encode_png(image: PageImage) -> bytes:
    """``image`` as a PNG file (8-bit RGB, no filter: the chart is small and mostly white)."""
    row_bytes = image.width * 3
    raw = b"".join(
        b"\x00" + image.pixels[row * image.stride : row * image.stride + row_bytes]
        for row in range(image.height)
    )
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, 2, 0, 0, 0)
    return (
        _PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw))
        + (_chunk(b"IEND", b""))
    )


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
