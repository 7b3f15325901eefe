"""Applying a text finding's mechanical correction (``Finding.fix``) to the open report, as
one undoable edit."""

from __future__ import annotations

from kexie_desktop.core.findings import TextFix
from kexie_desktop.core.report import Report
from kexie_desktop.services.edit_steps import find_row, rows_at, split_cell_path
from kexie_desktop.services.editing import ReportEditor


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


__all__ = ["apply_fix", "current_text"]
