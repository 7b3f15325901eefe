"""Every finding of the report, live, each message in full (wrapped); Enter or a double-click
jumps to the place. Empty required entries are progress, not errors: the summary counts them
(已填 9/14 节，未填 12 项) and the list shows them only on request. A selected warning can be
explained right here (and then counts as handled)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop.core.findings import Finding, Severity, is_missing
from kexie_desktop.core.schema import ReportSchema
from kexie_desktop.ui import style
from kexie_desktop.ui.editors import ParagraphEdit
from kexie_desktop.ui.session import Session, ViewState

_INDEX = Qt.ItemDataRole.UserRole


def progress_text(schema: ReportSchema, findings: list[Finding], pages: list[str]) -> str:
    """ "已填 9/14 节，未填 12 项": sections with nothing required left empty, and the count."""
    missing = [f for f in findings if is_missing(f)]
    unfinished = {f.section for f in missing}
    done = sum(1 for key in pages if key not in unfinished)
    if not missing:
        return f"已填 {done}/{len(pages)} 节，必填项都已填写。"
    return f"已填 {done}/{len(pages)} 节，未填 {len(missing)} 项。"


def counts_text(findings: list[Finding]) -> str:
    listed = [f for f in findings if not is_missing(f)]
    errors = sum(f.severity is Severity.ERROR for f in listed)
    warnings = [f for f in listed if f.severity is Severity.WARNING]
    handled = sum(f.is_handled for f in warnings)
    infos = sum(f.severity is Severity.INFO for f in listed)
    if not listed:
        return "审核：没有发现问题。"
    return (
        f"审核：{errors} 个错误，{len(warnings)} 个提示（{handled} 个已说明），{infos} 个尾差说明。"
    )


class FindingsPanel(QWidget):
    jump = Signal(object)  # a Finding
    fixed = Signal(str)  # the path a correction was applied to, or "" if the text had changed

    def __init__(self, session_getter: Callable[[], Session | None], parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session_getter
        self.findings: list[Finding] = []  # what the list shows, in its order
        self._all: list[Finding] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("findings-summary")
        self.summary.setWordWrap(True)
        self.summary.setToolTip("F4 / Shift+F4：转到下一个 / 上一个问题；回车或双击：转到所在位置")
        self.show_missing = QCheckBox("列出未填项(&M)")
        self.show_missing.setObjectName("show-missing")
        self.show_missing.toggled.connect(self._show_missing)
        head.addWidget(self.summary, 1)
        head.addWidget(self.show_missing)
        layout.addLayout(head)
        self.list = QListWidget()
        self.list.setObjectName("findings")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setIconSize(QSize(14, 14))
        self.list.itemDoubleClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(lambda *_: self._selected())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.explain_label = QLabel("对所选提示的说明：")
        self.explanation = ParagraphEdit()
        self.explanation.setObjectName("explanation")
        self.explanation.setMinimumHeight(48)
        self.explanation.setMaximumHeight(72)
        self.explanation.setPlaceholderText(
            "提示性审核可以说明原因后定稿，例如：另有 6 个学会由省科协直接拨付。说明会保存，并可打印。"
        )
        self.explanation.textChanged.connect(self._explained)
        row.addWidget(self.explain_label)
        row.addWidget(self.explanation, 1)
        self.fix_button = QPushButton()
        self.fix_button.setObjectName("fix")
        self.fix_button.clicked.connect(self._fix)
        row.addWidget(self.fix_button)
        self.explain_box = QWidget()
        self.explain_box.setLayout(row)
        self.explain_box.hide()
        layout.addWidget(self.explain_box)

    def session(self) -> Session:
        session = self._session()
        assert session is not None
        return session

    def focus_chain(self) -> list[QWidget]:
        return [self.show_missing, self.list, self.explanation, self.fix_button]

    def preferred_height(self) -> int:
        """Room for the summary and up to four findings (or one line when there are none)."""
        rows = min(max(self.list.count(), 1), 3)
        line = self.list.fontMetrics().lineSpacing()
        extra = self.explain_box.sizeHint().height() if self.explain_box.isVisible() else 0
        return self.summary.sizeHint().height() + rows * (line * 2 + 4) + 24 + extra

    def show_state(self, state: ViewState) -> None:
        if state.findings == self._all:
            # Most keystrokes change no finding: keep the list and the selection as they are.
            self._selected(keep_text=True)  # but follow read-only changes (定稿)
            return
        self._all = list(state.findings)
        self._refill()

    def _show_missing(self, on: bool) -> None:
        session = self._session()
        if session is not None:
            session.show_missing = on
            session.changed.emit("")  # the fields mark their empty required entries
        self._refill()

    def _refill(self) -> None:
        session = self._session()
        if session is None or self._all is None:
            return
        state = session.state()
        schema = state.report.schema
        pages = [s.key for s in schema.all_sections() if s.items]
        self.summary.setText(
            progress_text(schema, self._all, pages) + "　" + counts_text(self._all)
        )
        selected = self.current()
        self.findings = [f for f in self._all if self.show_missing.isChecked() or not is_missing(f)]
        self.list.blockSignals(True)
        self.list.clear()
        for index, finding in enumerate(self.findings):
            section = schema.section(finding.section)
            label = finding.severity.label + ("（已说明）" if finding.is_handled else "")
            if is_missing(finding):
                label = "未填"
            text = f"{label}　{section.number}{section.title}：{finding.message}"
            if finding.explanation:
                text += f"\n说明：{finding.explanation}"
            item = QListWidgetItem(text)
            item.setIcon(style.severity_icon(finding.severity, finding.is_handled))
            if is_missing(finding):
                item.setIcon(style.icon(style.INCOMPLETE))
            item.setData(_INDEX, index)
            item.setToolTip(section.heading)
            self.list.addItem(item)
            if selected is not None and finding.key == selected.key:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._selected(keep_text=True)

    def current(self) -> Finding | None:
        row = self.list.currentRow()
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def select(self, finding_key: str) -> None:
        for number, finding in enumerate(self.findings):
            if finding.key == finding_key:
                self.list.setCurrentRow(number)
                self.explanation.setFocus()

    def step(self, step: int) -> Finding | None:
        """Select the next (or previous) open finding after the current one, wrapping; the
        empty required entries follow the listed ones."""
        if not self._all:
            return None
        order = self.findings + [f for f in self._all if f not in self.findings]
        open_ = [f for f in order if not f.is_handled and f.severity is not Severity.INFO]
        if not open_:
            return None
        current = self.current()
        at = open_.index(current) if current in open_ else (-1 if step > 0 else 0)
        finding = open_[(at + step) % len(open_)]
        if finding in self.findings:
            self.list.setCurrentRow(self.findings.index(finding))
        return finding

    def _selected(self, keep_text: bool = False) -> None:
        finding = self.current()
        is_warning = finding is not None and finding.severity is Severity.WARNING
        was_visible = self.explain_box.isVisible()
        self.explain_box.setVisible(is_warning)
        if is_warning != was_visible:
            # The list got shorter or longer: keep the chosen finding in view.
            QTimer.singleShot(0, self._keep_current_in_view)
        if not is_warning or finding is None:
            return
        read_only = self.session().state().read_only
        self.fix_button.setVisible(finding.fix is not None)
        if finding.fix is not None:
            self.fix_button.setText(f"{finding.fix.label}(&G)")
            self.fix_button.setToolTip(f"改为：{finding.fix.new}")
            self.fix_button.setEnabled(not read_only)
        self.explanation.setReadOnly(read_only)
        if not (keep_text and self.explanation.hasFocus()):
            self.explanation.blockSignals(True)
            self.explanation.setPlainText(finding.explanation)
            self.explanation.blockSignals(False)

    def _keep_current_in_view(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)

    def _fix(self) -> None:
        """One click for a mechanical correction (half-width marks to full-width)."""
        finding = self.current()
        if finding is None or finding.fix is None:
            return
        if self.session().apply_fix(finding.fix):
            self.fixed.emit(finding.fix.path)
        else:
            self.fixed.emit("")

    def _explained(self) -> None:
        finding = self.current()
        if finding is not None and finding.severity is Severity.WARNING:
            self.session().explain(finding.key, self.explanation.toPlainText())

    def _activated(self, item: QListWidgetItem) -> None:
        index = int(item.data(_INDEX))
        if index < len(self.findings):
            self.jump.emit(self.findings[index])
