"""填报说明 of whatever the clerk is in: the focused field's help, or the table's and its
column's, under the section's own. Follows the keyboard focus; F1 shows or hides it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the panel is built with the frame, before any form (see help_for)
    from kexie_desktop.core.schema import Field, Section, Table
    from kexie_desktop.ui.score_form import ScoreTable
    from kexie_desktop.ui.table_editor import TableEditor

KEYS_HINT = (
    "回车或 Tab 转到下一栏，Shift+Tab 回到上一栏；长文字里按 Ctrl+回车另起一行；"
    "表格里 Tab 向右、回车向下，Ctrl+回车在下方加一行，右键或 Shift+F10 打开行菜单。"
    "Ctrl+PgDn / Ctrl+PgUp 转到下一节 / 上一节，F4 转到下一个问题，Alt 打开菜单。"
)


def help_for(widget: QWidget | None, section: Section | None) -> tuple[str, str]:
    """(title, text) of the help for the focused ``widget`` in ``section``."""
    # Imported here: a field or table exists only once a form was built, and the panel
    # is shown with the window before that (the editors pull in the checks).
    from kexie_desktop.ui.editors import FieldRow
    from kexie_desktop.ui.score_form import ScoreTable
    from kexie_desktop.ui.table_editor import TableEditor

    while widget is not None and not isinstance(widget, FieldRow | TableEditor | ScoreTable):
        widget = widget.parentWidget()
    if isinstance(widget, FieldRow):
        return _field_help(widget.field)
    if isinstance(widget, ScoreTable):
        return _score_help(widget, section)
    if isinstance(widget, TableEditor):
        return _table_help(widget.table, _current_column(widget))
    if section is not None:
        return f"{section.number}{section.title}", section.help
    return "填报说明", ""


def _score_help(scores: ScoreTable, section: Section | None) -> tuple[str, str]:
    """The current row's indicator: its criterion, how a computed score was reached and what
    is wrong with it; the section's help while no row is current."""
    current = scores.view.currentIndex()
    indicator = scores.model.indicator(current.row()) if current.isValid() else None
    if indicator is None:
        return scores.card.title, section.help if section is not None else ""
    return f"{scores.card.title} · {indicator.name}", scores.model.explanation(current.row())


def _field_help(field_: Field) -> tuple[str, str]:
    from kexie_desktop.ui.editors import field_label

    unit = f"（单位：{field_.unit}）" if field_.unit else ""
    required = "必填。" if field_.required else "选填。"
    return field_label(field_) + unit, f"{required}{field_.help}"


def _table_help(table: Table, column: Field | None) -> tuple[str, str]:
    text = table.help
    if column is not None:
        title, column_text = _field_help(column)
        text = f"{column_text}\n\n本表：{table.help}" if table.help else column_text
        return f"{table.label} · {title}", text
    return table.label, text


def _current_column(editor: TableEditor) -> Field | None:
    """The column of the table's current cell, found by its heading (the view may show
    extra read-only columns, such as last year's figure)."""
    views = editor.findChildren(QAbstractItemView)
    view = next((v for v in views if v.hasFocus()), None)
    if view is None or view.model() is None or not view.currentIndex().isValid():
        return None
    heading = view.model().headerData(
        view.currentIndex().column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    )
    tables = [editor.table, *editor.table.children]
    for table in tables:
        for column in table.columns:
            if isinstance(heading, str) and heading.startswith(column.label):
                return column
    return None


class HelpPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help-panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel()
        self.title.setProperty("role", "subheading")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("help-text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        keys = QLabel(KEYS_HINT)
        keys.setProperty("role", "hint")
        keys.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text)
        column.addStretch(1)
        column.addWidget(keys)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)

    def follow(self, widget: QWidget | None, section: Section | None) -> None:
        title, text = help_for(widget, section)
        self.title.setText(f"填报说明：{title}")
        self.text.setText(text or "（本栏没有另外的说明。）")
