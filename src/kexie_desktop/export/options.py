"""What the clerk (or a test) can choose about the PDF. Free of ReportLab."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class PageNumberPlacement(Enum):
    ALTERNATE = "alternate"  # 双面印刷: odd pages right, even pages left, one character in
    CENTRED = "centred"  # 单面印刷: centred under the text block

    @property
    def label(self) -> str:
        return "单双页左右交替" if self is PageNumberPlacement.ALTERNATE else "居中"


@dataclass(frozen=True)
class PdfOptions:
    page_numbers: PageNumberPlacement = PageNumberPlacement.ALTERNATE
    # Folders searched for the Windows fonts (仿宋, 楷体, 黑体, 宋体, 方正小标宋) before the
    # bundled ones; None means the system and per-user Windows font folders.
    font_dirs: tuple[Path, ...] | None = None
