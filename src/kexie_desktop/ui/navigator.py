"""The list of sections on the left, each marked done / has errors / has warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from kexie_desktop.ui import style

if TYPE_CHECKING:  # the list is shown empty with the frame; the outline comes with the report
    from kexie_desktop.core.findings import Finding
    from kexie_desktop.core.schema import ReportSchema, Section

_KEY = Qt.ItemDataRole.UserRole
_HAS_FORM = Qt.ItemDataRole.UserRole + 1
_TIPS = {
    style.DONE: "已完成，没有发现问题。",
    style.HANDLED: "已完成，提示均已说明。",
    style.INCOMPLETE: "还有必填项未填。",
}


class Navigator(QTreeWidget):
    """Chapters without a form of their own (二、 with （一）（二）) are passed over by the
    arrow keys in the direction of travel, so Up from （一） reaches the page above the chapter
    and Down onto the chapter lands on （一）: one row highlighted, never stuck."""

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
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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
        item.setData(0, _HAS_FORM, bool(section.items))
        item.setToolTip(0, section.heading)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self.items[section.key] = item
        for sub in section.subsections:
            self._add(sub, item)

    def is_page(self, item: QTreeWidgetItem) -> bool:
        """A section with a form; a chapter made only of sub-sections is not."""
        return item.childCount() == 0 or bool(item.data(0, _HAS_FORM))

    def moveCursor(  # noqa: N802 - Qt override
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        index = super().moveCursor(action, modifiers)
        step = {
            QAbstractItemView.CursorAction.MoveUp: QAbstractItemView.CursorAction.MoveUp,
            QAbstractItemView.CursorAction.MovePageUp: QAbstractItemView.CursorAction.MoveUp,
            QAbstractItemView.CursorAction.MoveHome: QAbstractItemView.CursorAction.MoveDown,
        }.get(action, QAbstractItemView.CursorAction.MoveDown)
        seen = 0
        while index.isValid() and seen < len(self.items):
            item = self.itemFromIndex(index)
            if item is None or self.is_page(item):
                return index
            beyond = self._step_from(index, step)
            if not beyond.isValid():  # the first chapter, going up: stay where we are
                return self.currentIndex()
            index = beyond
            seen += 1
        return index

    def _step_from(self, index: QModelIndex, step: QAbstractItemView.CursorAction) -> QModelIndex:
        item = self.itemFromIndex(index)
        neighbour = (
            self.itemAbove(item)
            if step is QAbstractItemView.CursorAction.MoveUp
            else self.itemBelow(item)
        )
        return self.indexFromItem(neighbour) if neighbour is not None else QModelIndex()

    def _chosen(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        first_page = current.child(0)
        if first_page is not None and not self.is_page(current):
            # A click on a chapter: go to its first page once the click is over, so the
            # chapter does not stay highlighted beside it.
            first = QPersistentModelIndex(self.indexFromItem(first_page))
            QTimer.singleShot(0, lambda: self._go_to(first))
            return
        self.section_chosen.emit(str(current.data(0, _KEY)))

    def _go_to(self, index: QPersistentModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)

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
