"""Going to the place a finding or a printed line names: the field, and in it the very
characters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

if TYPE_CHECKING:
    from kexie_desktop.core.findings import TextSpan
    from kexie_desktop.core.report import Report


def select_span(widget: QWidget | None, span: TextSpan) -> None:
    """Select the characters a finding points at in the focused text box, if it is the one."""
    if not isinstance(widget, QLineEdit | QPlainTextEdit) or widget.objectName() != span.path:
        return
    text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()

    def position(index: int) -> int:  # code points → Qt's UTF-16 positions
        return len(text[:index].encode("utf-16-le")) // 2

    start, end = position(span.start), position(span.end)
    if isinstance(widget, QLineEdit):
        widget.setSelection(start, end - start)
        return
    cursor = widget.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    widget.setTextCursor(cursor)
    widget.ensureCursorVisible()


def field_of_printed_line(report: Report, line: str) -> str | None:
    """The field whose text a printed line comes from (spaces and line breaks aside); None
    for a line too short to tell, or one the standard sentences made from figures."""
    wanted = "".join(line.split())
    if len(wanted) < 4:
        return None
    for field_ in report.schema.fields():
        value = report.get(field_.key)
        if isinstance(value, str) and wanted in "".join(value.split()):
            return field_.key
    return None
