"""Field editors generated from the schema: one row per scalar field (label, editor, unit,
computed total, last year's value, the findings at the field). Each input widget's objectName
is the field key, so tests drive it with qtbot.keyClicks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from kexie_desktop.core.checks.relations import Evaluation
from kexie_desktop.core.findings import Finding, is_missing
from kexie_desktop.core.schema import Comparison, Field
from kexie_desktop.core.values import Kind, display
from kexie_desktop.ui import style
from kexie_desktop.ui.session import Session, ViewState

NUMERIC = (Kind.MONEY, Kind.COUNT, Kind.PERCENT, Kind.SCORE, Kind.YEAR)
LABEL_WIDTH = 150


def is_history_key(event: QEvent) -> bool:
    """Ctrl+Z / Ctrl+Y belong to the whole report's undo, not to one text box."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(
        QKeySequence.StandardKey.Redo
    )


class LineEdit(QLineEdit):
    """One line; Enter moves to the next field like Tab."""

    left = Signal()

    def event(self, event: QEvent) -> bool:
        if is_history_key(event):
            return False  # not accepted: the window's undo shortcut fires
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if is_enter(event):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.left.emit()


def is_enter(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ParagraphEdit(QPlainTextEdit):
    """Long text. One rule for Enter in every field: it moves on (a stray Enter once put a
    blank first line into a carried-over text); Ctrl+Enter or Shift+Enter starts a new line."""

    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def event(self, event: QEvent) -> bool:
        if is_history_key(event):
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if is_enter(event):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers in (
                Qt.KeyboardModifier.ControlModifier,
                Qt.KeyboardModifier.ShiftModifier,
            ):
                self.insertPlainText("\n")
            elif modifiers == Qt.KeyboardModifier.NoModifier:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.left.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_to_text()

    def fit_to_text(self) -> None:
        """Grow with the text (up to a limit), so a long paragraph is readable without
        scrolling inside a small box."""
        lines = self.document().size().height()  # in lines for a plain-text layout
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(min(max(lines + 1, 3), 14) * line) + 14)


def total_text(total: Evaluation) -> str:
    """What a stated figure's parts come to, as shown beside it: "人员经费 + 公用经费 = 269.75，
    相差 12.27"; "已列出 12 个"."""
    if total.counts_rows:
        return f"{total.parts_label} {total.computed_text}"
    prefix = "应 ≥ " if total.comparison is Comparison.AT_LEAST else ""
    text = f"{prefix}{total.parts_label} = {total.computed_text}"
    if not total.agrees and total.difference_text:
        text += f"，相差 {total.difference_text}"
    return text


def field_label(field_: Field) -> str:
    return f"{field_.label}{'＊' if field_.required else ''}"


class FieldRow(QWidget):
    """One scalar field with everything shown around it."""

    def __init__(self, field_: Field, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field_
        self.session = session
        self.key = field_.key
        self.editor: LineEdit | ParagraphEdit
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setHorizontalSpacing(8)
        label = QLabel(field_label(field_))
        label.setToolTip(field_.help)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.info = QLabel()  # computed total, last year's value, character count
        self.info.setProperty("role", "hint")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)  # a long total wraps rather than widening the form
        if field_.kind is Kind.PARAGRAPH:
            self.editor = self._paragraph(layout, label)
        else:
            self.editor = self._line(layout, label)
        layout.setColumnStretch(1, 1)
        self.editor.setObjectName(field_.key)
        self.editor.setToolTip(field_.help)
        self.editor.left.connect(self._left)
        # Whether the clerk has been in this field: an empty required field is marked only
        # then, and a new problem appears when the clerk leaves, not at every keystroke.
        self.touched = False
        self._shown: set[str] = set()  # keys of the findings shown at the field now

    def _left(self) -> None:
        self.touched = True
        self.session.left_field()
        self._show_findings(self.session.state().by_field.get(self.key, []))

    def _paragraph(self, layout: QGridLayout, label: QLabel) -> ParagraphEdit:
        editor = ParagraphEdit()
        editor.setPlaceholderText(self.field.help)
        editor.textChanged.connect(self._paragraph_changed)
        layout.addWidget(label, 0, 0, 1, 2)
        layout.addWidget(editor, 1, 0, 1, 2)
        layout.addWidget(self.info, 2, 1, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message, 2, 0)
        label.setProperty("role", "subheading")
        return editor

    def _line(self, layout: QGridLayout, label: QLabel) -> LineEdit:
        editor = LineEdit()
        editor.setPlaceholderText(self.field.help)
        editor.textEdited.connect(lambda text: self.session.set_field(self.key, text))
        label.setFixedWidth(LABEL_WIDTH)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setWordWrap(True)
        layout.addWidget(label, 0, 0)
        row = QWidget()
        inner = QGridLayout(row)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(editor, 0, 0)
        unit = QLabel(self.field.unit)
        unit.setMinimumWidth(30)
        inner.addWidget(unit, 0, 1)
        inner.addWidget(self.info, 0, 2)
        inner.setColumnStretch(2, 1)
        layout.addWidget(row, 0, 1)
        layout.addWidget(self.message, 1, 1)
        if self.field.kind in NUMERIC or self.field.kind is Kind.DATE:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            editor.setFixedWidth(190)
            editor.setPlaceholderText("")
        else:
            editor.setMinimumWidth(240)
        return editor

    def _paragraph_changed(self) -> None:
        assert isinstance(self.editor, ParagraphEdit)
        text = self.editor.toPlainText()
        self.info.setText(f"{len(text)} 字")
        self.editor.fit_to_text()
        if not self.signalsBlocked() and not self.editor.signalsBlocked():
            self.session.set_field(self.key, text)

    def text(self) -> str:
        if isinstance(self.editor, ParagraphEdit):
            return self.editor.toPlainText()
        return self.editor.text()

    def show_state(self, state: ViewState, force: bool) -> None:
        """Show the value (unless the clerk is typing in it), findings, totals, last year."""
        value = state.report.get(self.key)
        text = display(self.field.kind, value)
        if (force or not self.editor.hasFocus()) and text != self.text():
            self.editor.blockSignals(True)
            if isinstance(self.editor, ParagraphEdit):
                self.editor.setPlainText(text)
                self.info.setText(f"{len(text)} 字")
                self.editor.fit_to_text()
            else:
                self.editor.setText(text)
                self.editor.setCursorPosition(0)
            self.editor.blockSignals(False)
        self.editor.setReadOnly(state.read_only)
        self._show_findings(state.by_field.get(self.key, []))
        if self.field.kind is not Kind.PARAGRAPH:
            self.info.setText(self._info_text(state))
            total = state.totals.get(self.key)
            bad = total is not None and not total.agrees
            style.set_prop(self.info, "role", "total-bad" if bad else "hint")

    def _info_text(self, state: ViewState) -> str:
        parts = []
        total = state.totals.get(self.key)
        if total is not None:
            parts.append(total_text(total))
        if state.previous is not None and self.field.kind in NUMERIC:
            previous = display(self.field.kind, state.previous.get(self.key)) or "未填"
            parts.append(f"上年：{previous}")
        return "　".join(parts)

    def _calm(self, findings: list[Finding]) -> list[Finding]:
        """The findings to show now: an empty required field only once visited (or when the
        clerk asks for them), and while typing only those already shown."""
        if not (self.touched or self.session.show_missing):
            findings = [f for f in findings if not is_missing(f)]
        if self.editor.hasFocus():
            findings = [f for f in findings if f.key in self._shown]
        self._shown = {f.key for f in findings}
        return findings

    def _show_findings(self, findings: list[Finding]) -> None:
        findings = self._calm(findings)
        severity = style.state_of(findings)
        shown = severity if severity in (style.ERROR, style.WARNING) else ""
        if severity == style.INCOMPLETE:
            shown = style.ERROR  # visited and still empty
        style.set_prop(self.editor, "severity", shown)
        if not findings:
            self.message.hide()
            self.editor.setToolTip(self.field.help)
            return
        lines = []
        for finding in findings:
            if finding.fields and finding.fields[0] != self.key:
                continue  # shown in full at the finding's first field; coloured here
            note = f"（已说明：{finding.explanation}）" if finding.is_handled else ""
            lines.append(f"{finding.severity.label}：{finding.message}{note}")
        self.message.setText("\n".join(lines))
        style.set_prop(self.message, "role", f"message-{severity}")
        self.message.setVisible(bool(lines))
        self.editor.setToolTip("\n".join(f"{f.severity.label}：{f.message}" for f in findings))

    def focus(self) -> None:
        """Focus with the value selected, so typing replaces it (a jump from a finding)."""
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.selectAll()
