"""One generic form for any section of the schema: heading, help, a row per field, a table
per repeating item, and the standard sentence the PDF will print for its figures. The section
that holds the scoring table (自评表) shows its ordinary fields, then the table (score_form)
in place of the generated score and reason fields."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kexie_desktop.core.report import schema_key
from kexie_desktop.core.schema import Field, Section
from kexie_desktop.core.template.render import preview as standard_sentence
from kexie_desktop.ui.editors import FieldRow
from kexie_desktop.ui.score_form import ScoreTable
from kexie_desktop.ui.session import Session, ViewState
from kexie_desktop.ui.table_editor import TableEditor


class SectionForm(QScrollArea):
    def __init__(self, section: Section, session: Session) -> None:
        super().__init__()
        self.section = section
        self.session = session
        self.setObjectName(f"form:{section.key}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The scroll area is no stop of its own for Tab; the form never scrolls sideways (the
        # fields and hints wrap to its width instead).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 12, 20, 20)
        layout.setSpacing(8)
        heading = QLabel(section.heading)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        help_text = QLabel(section.help + "　带＊的为必填项。")
        help_text.setProperty("role", "hint")
        help_text.setWordWrap(True)
        layout.addWidget(help_text)
        self._add_items(layout)
        self.sentence = QLabel()
        self.sentence.setObjectName(f"sentence:{section.key}")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentence_box = QFrame()
        self.sentence_box.setProperty("role", "sentence")
        box = QVBoxLayout(self.sentence_box)
        caption = QLabel("打印时的标准表述（按上面填写的内容自动生成）：")
        caption.setProperty("role", "hint")
        box.addWidget(caption)
        box.addWidget(self.sentence)
        layout.addWidget(self.sentence_box)
        self.sentence_box.setVisible(standard_sentence(session.report, section.key) is not None)
        layout.addStretch(1)
        self.setWidget(body)
        # Never narrower than its fields need (it does not scroll sideways): beside the print
        # preview the splitter gives the preview less, rather than cutting the fields off.
        scrollbar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(body.minimumSizeHint().width() + scrollbar + 2)

    def _add_items(self, layout: QVBoxLayout) -> None:
        """A row per field, an editor per table; the scoring table after the fields."""
        section, session = self.section, self.session
        self.fields: dict[str, FieldRow] = {}
        self.tables: dict[str, TableEditor] = {}
        card = session.report.template.scorecard
        if card is not None and card.section != section.key:
            card = None  # the scoring table is another section's
        for item in section.items:
            if card is not None and card.leaf_of(item.key) is not None:
                continue  # a leaf's score or reason: a cell of the scoring table below
            if isinstance(item, Field):
                row = FieldRow(item, session)
                self.fields[item.key] = row
                layout.addWidget(row)
            else:
                table = TableEditor(item, session)
                self.tables[item.key] = table
                layout.addWidget(table)
        self.scores: ScoreTable | None = None
        if card is not None:
            self.scores = ScoreTable(card, session)
            self.scores.view.reveal.connect(self._reveal)
            layout.addWidget(self.scores)

    def show_state(self, state: ViewState, force: bool = False) -> None:
        for row in self.fields.values():
            row.show_state(state, force)
        for table in self.tables.values():
            table.show_state(state)
        if self.scores is not None:
            self.scores.show_state(state)
        sentence = standard_sentence(state.report, self.section.key)
        if sentence is not None:
            self.sentence.setText(sentence)

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab visits, top to bottom."""
        body = self.widget()
        assert body is not None
        return [
            widget
            for widget in body.findChildren(QWidget)
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(body)
            and widget.isEnabled()
        ]

    def has_editor(self, key: str) -> bool:
        """Whether the clerk can fill in field ``key`` here: its row, or its scoring-table cell."""
        if key in self.fields:
            return True
        return self.scores is not None and self.scores.model.index_of(key).isValid()

    def focus_path(self, path: str) -> None:
        key = schema_key(path)
        if self.scores is not None and self.scores.focus_path(key):
            return
        if key in self.fields:
            row = self.fields[key]
            self.ensureWidgetVisible(row)
            row.focus()
        elif key in self.tables:
            table = self.tables[key]
            self.ensureWidgetVisible(table)
            if not table.focus_path(path):
                table.view.setFocus()

    def _reveal(self) -> None:
        """Scroll the form to the scoring table's current cell (the table does not scroll),
        once laid out: after a jump from another section the form has only just been shown."""
        QTimer.singleShot(0, self._scroll_to_current_cell)

    def _scroll_to_current_cell(self) -> None:
        view = self.scores.view if self.scores is not None else None
        body = self.widget()
        if view is None or body is None or not view.currentIndex().isValid():
            return
        cell = view.visualRect(view.currentIndex())
        centre = view.viewport().mapTo(body, cell.center())
        self.ensureVisible(centre.x(), centre.y(), 0, cell.height())
