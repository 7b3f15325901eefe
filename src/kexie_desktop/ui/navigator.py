"""The list of sections on the left, each marked done / has errors / has warnings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from kexie_desktop.core.findings import Finding
from kexie_desktop.core.schema import ReportSchema, Section
from kexie_desktop.ui import style

_KEY = Qt.ItemDataRole.UserRole
_TIPS = {
    style.DONE: "已完成，没有发现问题。",
    style.HANDLED: "已完成，提示均已说明。",
}


class Navigator(QTreeWidget):
    section_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setHeaderHidden(True)
        self.setIndentation(16)
        self.setWordWrap(True)  # long titles such as 九、… wrap instead of being cut
        self.header().setStretchLastSection(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.sections: tuple[Section, ...] = ()
        self.currentItemChanged.connect(self._chosen)

    def show_outline(self, schema: ReportSchema) -> None:
        """List the sections of ``schema`` (a report in another template has others)."""
        if schema.sections == self.sections:
            return
        self.blockSignals(True)
        self.clear()
        self.items = {}
        self.sections = schema.sections
        for section in schema.sections:
            self._add(section, None)
        self.expandAll()
        self.blockSignals(False)

    def _add(self, section: Section, parent: QTreeWidgetItem | None) -> None:
        item = QTreeWidgetItem([f"{section.number}{section.title}"])
        item.setData(0, _KEY, section.key)
        item.setToolTip(0, section.heading)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self.items[section.key] = item
        for sub in section.subsections:
            self._add(sub, item)

    def _chosen(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.section_chosen.emit(str(current.data(0, _KEY)))

    def select(self, section_key: str) -> None:
        item = self.items.get(section_key)
        if item is None:
            return
        if self.currentItem() is not item:
            self.setCurrentItem(item)

    def current_key(self) -> str:
        item = self.currentItem()
        return str(item.data(0, _KEY)) if item is not None else ""

    def show_findings(self, findings: list[Finding]) -> None:
        by_section: dict[str, list[Finding]] = {}
        for finding in findings:
            by_section.setdefault(finding.section, []).append(finding)
        for section in self.sections:
            self._mark(section, by_section)

    def _mark(self, section: Section, by_section: dict[str, list[Finding]]) -> list[Finding]:
        mine = list(by_section.get(section.key, []))
        for sub in section.subsections:
            mine += self._mark(sub, by_section)
        state = style.state_of(mine)
        item = self.items[section.key]
        item.setIcon(0, style.icon(state))
        item.setForeground(0, style_brush(state))
        open_ = [f for f in mine if not f.is_handled and f.severity.value != "info"]
        tip = (
            "\n".join(f"{f.severity.label}：{f.message}" for f in open_)
            or _TIPS[state if state in _TIPS else style.DONE]
        )
        item.setToolTip(0, f"{section.heading}\n{tip}")
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, state)
        return mine

    def state_of(self, section_key: str) -> str:
        return str(self.items[section_key].data(0, Qt.ItemDataRole.AccessibleDescriptionRole))


def style_brush(state: str) -> QBrush:
    colour = {style.ERROR: style.COLOURS[style.ERROR], style.WARNING: "#b35c00"}.get(state)
    return QBrush(QColor(colour)) if colour else QBrush()
