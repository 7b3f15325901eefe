"""Every finding of the report, live: icon, plain Chinese message; double-click jumps to the
field. A selected warning can be explained right here (and then counts as handled)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop.core.findings import Finding, Severity
from kexie_desktop.ui import style
from kexie_desktop.ui.editors import ParagraphEdit
from kexie_desktop.ui.session import Session, ViewState

_INDEX = Qt.ItemDataRole.UserRole


class FindingsPanel(QWidget):
    jump = Signal(object)  # a Finding

    def __init__(self, session_getter: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session_getter
        self.findings: list[Finding] = []
        self._shown: list[Finding] | None = None  # what the list shows now
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setObjectName("findings-summary")
        self.summary.setProperty("role", "subheading")
        layout.addWidget(self.summary)
        self.list = QTreeWidget()
        self.list.setObjectName("findings")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(["类别", "位置", "内容"])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.setColumnWidth(0, 110)
        self.list.setColumnWidth(1, 150)
        self.list.itemDoubleClicked.connect(self._double_clicked)
        self.list.itemActivated.connect(self._double_clicked)
        self.list.currentItemChanged.connect(lambda *_: self._selected())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.explain_label = QLabel("对所选提示的说明：")
        self.explanation = ParagraphEdit()
        self.explanation.setObjectName("explanation")
        self.explanation.setMinimumHeight(56)
        self.explanation.setMaximumHeight(90)
        self.explanation.setPlaceholderText(
            "提示性审核可以说明原因后定稿，例如：另有 6 个学会由省科协直接拨付。说明会保存，并可打印。"
        )
        self.explanation.textChanged.connect(self._explained)
        row.addWidget(self.explain_label)
        row.addWidget(self.explanation, 1)
        self.explain_box = QWidget()
        self.explain_box.setLayout(row)
        self.explain_box.hide()
        layout.addWidget(self.explain_box)

    def session(self) -> Session:
        assert callable(self._session)
        session = self._session()
        assert isinstance(session, Session)
        return session

    def show_state(self, state: ViewState) -> None:
        if state.findings == self._shown:
            # Most keystrokes change no finding: keep the list and the selection as they are.
            self._selected(keep_text=True)  # but follow read-only changes (定稿)
            return
        self._shown = list(state.findings)
        selected = self.current()
        self.findings = state.findings
        self.list.blockSignals(True)
        self.list.clear()
        counts = dict.fromkeys(Severity, 0)
        handled = 0
        for index, finding in enumerate(state.findings):
            counts[finding.severity] += 1
            handled += finding.is_handled
            label = finding.severity.label + ("（已说明）" if finding.is_handled else "")
            section = state.report.schema.section(finding.section)
            item = QTreeWidgetItem([label, f"{section.number}{section.title}", finding.message])
            item.setIcon(0, style.severity_icon(finding.severity, finding.is_handled))
            item.setData(0, _INDEX, index)
            tip = finding.message + (
                f"\n说明：{finding.explanation}" if finding.explanation else ""
            )
            item.setToolTip(2, tip)
            item.setToolTip(1, section.heading)
            self.list.addTopLevelItem(item)
            if selected is not None and finding.key == selected.key:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if not state.findings:
            self.summary.setText("审核结果：没有发现问题。")
        else:
            self.summary.setText(
                f"审核结果：{counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个提示"
                f"（{handled} 个已说明），{counts[Severity.INFO]} 个尾差说明。双击可跳到相应位置。"
            )
        self._selected(keep_text=True)

    def current(self) -> Finding | None:
        item = self.list.currentItem()
        if item is None:
            return None
        index = int(item.data(0, _INDEX))
        return self.findings[index] if index < len(self.findings) else None

    def select(self, finding_key: str) -> None:
        for number, finding in enumerate(self.findings):
            if finding.key == finding_key:
                item = self.list.topLevelItem(number)
                if item is not None:
                    self.list.setCurrentItem(item)
                self.explanation.setFocus()

    def _selected(self, keep_text: bool = False) -> None:
        finding = self.current()
        is_warning = finding is not None and finding.severity is Severity.WARNING
        self.explain_box.setVisible(is_warning)
        if not is_warning or finding is None:
            return
        read_only = self.session().state().read_only
        self.explanation.setReadOnly(read_only)
        if not (keep_text and self.explanation.hasFocus()):
            self.explanation.blockSignals(True)
            self.explanation.setPlainText(finding.explanation)
            self.explanation.blockSignals(False)

    def _explained(self) -> None:
        finding = self.current()
        if finding is not None and finding.severity is Severity.WARNING:
            self.session().explain(finding.key, self.explanation.toPlainText())

    def _double_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = int(item.data(0, _INDEX))
        if index < len(self.findings):
            self.jump.emit(self.findings[index])
