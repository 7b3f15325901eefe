"""Which characters the fonts of an export can print, for the text checks (core cannot see
the fonts: ``check_report`` takes this as ``printable``).

Nothing here imports ReportLab until an uncommon character turns up: the command-line check
and the window start without it (tests/test_startup_imports.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kexie_desktop.core.checks import Printable

_MARKS = "，。、；：？！“”‘’（）《》【】〔〕—…·％"

if TYPE_CHECKING:  # imported when first needed: it loads ReportLab
    from kexie_desktop.export.fonts import FontSet


def font_printable(font_dirs: Sequence[Path] | None = None) -> Printable:
    """Whether some font an export would use (system fonts in ``font_dirs``, by default the
    Windows font folders, then the bundled ones) draws a character."""
    return _FontCoverage(font_dirs)


class _FontCoverage:
    """Every Chinese font the export may use has the 6,763 hanzi of GB 2312 (the character set
    every Chinese font is made for), ASCII and the marks of 公文, so those are answered
    without loading a font; any other character loads the fonts once, as an export does.
    When no font can be loaded at all, every character is taken as printable: the export
    itself reports that plainly."""

    def __init__(self, font_dirs: Sequence[Path] | None) -> None:
        self.font_dirs = font_dirs
        self.fonts: FontSet | None = None
        self.loaded = False

    def __call__(self, char: str) -> bool:
        if _common(char):
            return True
        if not self.loaded:
            self.fonts = _load_fonts(self.font_dirs)
            self.loaded = True
        if self.fonts is None:
            return True
        from kexie_desktop.export.styles import FontRole

        # Each role falls back on every other font, so the body role answers for them all.
        return self.fonts.font_for(char, FontRole.FANGSONG) is not None


def _common(char: str) -> bool:
    if " " <= char <= "~" or char in _MARKS:
        return True
    if not "\u4e00" <= char <= "\u9fff":
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _load_fonts(font_dirs: Sequence[Path] | None) -> FontSet | None:
    from kexie_desktop.export.fonts import FontsUnavailableError, font_set

    try:
        return font_set(font_dirs)
    except FontsUnavailableError:
        return None


__all__ = ["font_printable"]
