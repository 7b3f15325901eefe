"""Render the app icon's SVG source to the PNG and multi-size ICO the app, the bundle and the
installer use.

    python packaging/tools/build_icons.py

Qt renders the SVG (no extra tool needed); the ICO holds PNG-compressed images of 16 to
256 pixels, the layout Windows Vista and later read.
"""

from __future__ import annotations

import logging
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SOURCE = ICONS / "kexie-desktop.svg"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_SIZE = 256

log = logging.getLogger("build_icons")


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file with one PNG-compressed entry per size."""
    header = struct.pack("<HHH", 0, 1, len(images))
    directory, blobs = b"", b""
    offset = len(header) + 16 * len(images)
    for size, png in images.items():
        edge = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + directory + blobs


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        log.error("cannot read %s", SOURCE)
        return 1
    images = {size: render(renderer, size) for size in ICO_SIZES}
    (ICONS / "kexie-desktop.png").write_bytes(images[PNG_SIZE])
    (ICONS / "kexie-desktop.ico").write_bytes(ico(images))
    log.info("wrote kexie-desktop.png (%d px) and kexie-desktop.ico (%s px)", PNG_SIZE, ICO_SIZES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
