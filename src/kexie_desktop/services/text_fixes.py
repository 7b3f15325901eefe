"""What the text checks need beyond core: applying a finding's mechanical correction to the
open report (one undoable edit), and telling which characters the fonts can print.

Nothing here imports ReportLab until an uncommon character turns up: the command-line
check and the window start without it (tests/test_startup_imports.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kexie_desktop.core.checks import Printable
from kexie_desktop.core.findings import TextFix
from kexie_desktop.core.report import Report
from kexie_desktop.services.edit_steps import find_row, rows_at, split_cell_path
from kexie_desktop.services.editing import ReportEditor

_MARKS = "，。、；：？！“”‘’（）《》【】〔〕—…·％"

if TYPE_CHECKING:  # imported when first needed: it loads ReportLab
    from kexie_desktop.export.fonts import FontSet


def current_text(report: Report, path: str) -> str | None:
    """The text now in the field or table cell ``path``; None if it is not text, or the row
    is gone."""
    if "[" not in path:
        value = report.get(path)
    else:
        table_path, row_id, column = split_cell_path(path)
        try:
            value = find_row(rows_at(report, table_path), row_id).cells.get(column)
        except KeyError:  # the row (or a row above it) was deleted since the check
            return None
    return value if isinstance(value, str) else None


def apply_fix(editor: ReportEditor, fix: TextFix) -> bool:
    """Apply ``fix`` as one undoable edit of its own (not merged with typing before or after).
    False, changing nothing, when the text no longer reads what was checked: the clerk typed
    in the meantime, and the findings will be renewed. Raises ``EditError`` when the report
    cannot be edited (final, or open in another window)."""
    if current_text(editor.report, fix.path) != fix.old:
        return False
    editor.seal()
    if "[" in fix.path:
        editor.set_cell(fix.path, fix.new)
    else:
        editor.set_field(fix.path, fix.new)
    editor.seal()
    return True


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


__all__ = ["apply_fix", "current_text", "font_printable"]
