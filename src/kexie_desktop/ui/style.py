"""Colours, severity icons and the style sheet: how a finding looks, in one place."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from kexie_desktop.core.findings import Finding, Severity, is_missing

ERROR, WARNING, DONE, HANDLED = "error", "warning", "done", "handled"
INCOMPLETE = "incomplete"  # nothing wrong, but required entries still empty
COLOURS = {
    INCOMPLETE: "#8a94a3",
    ERROR: "#c62828",
    WARNING: "#e67700",
    DONE: "#2e7d32",
    HANDLED: "#5f6b7a",
    "info": "#1565c0",
}
BACKGROUNDS = {ERROR: "#fdecea", WARNING: "#fff4e0"}

STYLE_SHEET = """
QLineEdit[severity="error"], QPlainTextEdit[severity="error"] {
    border: 1px solid #c62828; background: #fdecea; }
QLineEdit[severity="warning"], QPlainTextEdit[severity="warning"] {
    border: 1px solid #e67700; background: #fff4e0; }
QLineEdit:read-only, QPlainTextEdit[readOnly="true"] { background: #f3f3f3; }
QLabel[role="message-error"], QLabel[role="message-incomplete"] { color: #c62828; }
QLabel[role="message-warning"] { color: #b35c00; }
QLabel[role="message-handled"] { color: #5f6b7a; }
QLabel[role="hint"] { color: #5f6b7a; }
QLabel[role="total-ok"] { color: #2e7d32; }
QLabel[role="total-bad"] { color: #c62828; font-weight: bold; }
QLabel[role="heading"] { font-size: 15pt; font-weight: bold; }
QLabel[role="subheading"] { font-size: 11pt; font-weight: bold; }
QFrame[role="sentence"] { background: #f5f7fa; border: 1px solid #d6dce4; border-radius: 4px; }
QLabel[role="banner"] { background: #fdecea; color: #8e0000; padding: 6px;
    border: 1px solid #c62828; }
QLabel[role="banner-info"] { background: #e8f0fe; color: #0d3c8c; padding: 6px;
    border: 1px solid #8ab4f8; }
"""


def state_of(findings: list[Finding]) -> str:
    """The worst open state among findings: error, warning, handled (all explained) or done."""
    open_ = [f for f in findings if f.severity is not Severity.INFO and not f.is_handled]
    if open_ and all(is_missing(f) for f in open_):
        return INCOMPLETE
    if any(f.severity is Severity.ERROR and not is_missing(f) for f in open_):
        return ERROR
    if open_:
        return WARNING
    if any(f.is_handled for f in findings):
        return HANDLED
    return DONE


def set_prop(widget: QWidget, name: str, value: str) -> None:
    """Set a style property and re-apply the style sheet if it changed."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


_icons: dict[str, QIcon] = {}


def icon(state: str) -> QIcon:
    """A small round badge: ✕ error, ! warning, ✓ done — drawn, so no font or file is needed."""
    if state not in _icons:
        _icons[state] = QIcon(_badge(state))
    return _icons[state]


def severity_icon(severity: Severity, handled: bool = False) -> QIcon:
    if handled:
        return icon(HANDLED)
    return icon({Severity.ERROR: ERROR, Severity.WARNING: WARNING}.get(severity, "info"))


def _badge(state: str, size: int = 32) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if state == INCOMPLETE:  # an empty ring: still to do, nothing wrong
        painter.setPen(QPen(QColor(COLOURS[state]), size / 10))
        painter.drawEllipse(QPointF(size / 2, size / 2), size * 0.36, size * 0.36)
        painter.end()
        return pixmap
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(COLOURS[state]))
    painter.drawEllipse(2, 2, size - 4, size - 4)
    pen = QPen(QColor("white"), size / 9)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    s = size
    if state == ERROR:
        painter.drawLine(QPointF(s * 0.34, s * 0.34), QPointF(s * 0.66, s * 0.66))
        painter.drawLine(QPointF(s * 0.66, s * 0.34), QPointF(s * 0.34, s * 0.66))
    elif state in (WARNING, "info"):
        painter.drawLine(QPointF(s / 2, s * 0.26), QPointF(s / 2, s * 0.56))
        painter.drawPoint(QPointF(s / 2, s * 0.74))
    else:
        painter.drawLine(QPointF(s * 0.3, s * 0.52), QPointF(s * 0.45, s * 0.67))
        painter.drawLine(QPointF(s * 0.45, s * 0.67), QPointF(s * 0.72, s * 0.36))
    painter.end()
    return pixmap
