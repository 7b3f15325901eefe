"""The scoring table (自评表) as a Qt model: one row per indicator in tree order, then 合计.

Everything shown is read from the session's one evaluation (``ViewState.scores``): the leaf
scores, the subtotals at every level, the computed leaves with their figures and the total.
Only a manual leaf's 自评得分 and every leaf's 扣分原因 are editable; they are ordinary fields of
the report and go through the session like any other field."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from kexie_desktop.core.findings import Finding
from kexie_desktop.core.scorecard import Indicator, NodeScore, Scorecard, points_text
from kexie_desktop.core.values import Kind, display
from kexie_desktop.ui import style
from kexie_desktop.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
INDENT = "　　"  # a level deeper: two ideographic spaces, as a printed 自评表 indents
LOCKED_TEXT = QColor("#5f6b7a")
LOCKED_BACKGROUND = QColor("#eef0f3")
UPPER_BACKGROUND = QColor("#f5f7fa")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class Column(IntEnum):
    INDICATOR = 0
    POINTS = 1
    CRITERION = 2
    SCORE = 3
    REASON = 4


HEADINGS = {
    Column.INDICATOR: "指标",
    Column.POINTS: "分值",
    Column.CRITERION: "评分标准",
    Column.SCORE: "自评得分",
    Column.REASON: "扣分原因",
}


class ScoreModel(QAbstractTableModel):
    def __init__(self, scorecard: Scorecard, session: Session) -> None:
        super().__init__()
        self.card = scorecard
        self.session = session
        self.indicators: list[tuple[int, Indicator]] = list(scorecard.walk())

    # -- addressing ------------------------------------------------------------------------

    @property
    def total_row(self) -> int:
        return len(self.indicators)

    def indicator(self, row: int) -> Indicator | None:
        return self.indicators[row][1] if row < len(self.indicators) else None

    def level(self, row: int) -> int:
        return self.indicators[row][0] if row < len(self.indicators) else 0

    def node(self, row: int) -> NodeScore | None:
        indicator = self.indicator(row)
        sheet = self.session.state().scores
        return sheet.node(indicator.key) if indicator is not None and sheet else None

    def field_key(self, row: int, column: int) -> str | None:
        """The report field behind a cell: a leaf's score (manual leaves only) or reason."""
        leaf = self.indicator(row)
        if leaf is None or not leaf.is_leaf:
            return None
        if column == Column.SCORE and leaf.formula is None:
            return self.card.score_key(leaf)
        if column == Column.REASON:
            return self.card.reason_key(leaf)
        return None

    def index_of(self, key: str) -> QModelIndex:
        """The cell of field ``key`` (invalid if no cell holds it)."""
        leaf = self.card.leaf_of(key)
        if leaf is None:
            return QModelIndex()
        row = next(i for i, (_, node) in enumerate(self.indicators) if node is leaf)
        column = Column.REASON if key == self.card.reason_key(leaf) else Column.SCORE
        return self.index(row, column)

    def editable(self, row: int, column: int) -> bool:
        return self.field_key(row, column) is not None and not self.session.state().read_only

    def editable_cells(self) -> list[tuple[int, int]]:
        """The cells Tab visits, row by row."""
        return [
            (row, column)
            for row in range(self.rowCount())
            for column in (Column.SCORE, Column.REASON)
            if self.editable(row, column)
        ]

    def findings(self, row: int, column: int | None = None) -> list[Finding]:
        """The findings at a cell's field, or at any field of the row."""
        by_field = self.session.state().by_field
        columns = (column,) if column is not None else (Column.SCORE, Column.REASON)
        found: list[Finding] = []
        for number in columns:
            key = self.field_key(row, number)
            for finding in by_field.get(key, []) if key else []:
                if finding not in found:
                    found.append(finding)
        return found

    def refresh(self) -> None:
        """The report changed: every shown figure may have (a subtotal, the total)."""
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(Column) - 1))

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.indicators) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        if row == self.total_row:
            return self._total_data(column, role)
        role_data = {
            ROLE.DisplayRole: self._text,
            ROLE.EditRole: self._typed,
            ROLE.TextAlignmentRole: _alignment,
            ROLE.FontRole: self._font,
            ROLE.ForegroundRole: self._foreground,
            ROLE.BackgroundRole: self._background,
            ROLE.ToolTipRole: self._tooltip,
        }.get(ROLE(role))
        return role_data(row, column) if role_data is not None else None

    def _typed(self, row: int, column: Column) -> str | None:
        """What an editor opens with: the field's text as typed (empty before a computed
        leaf's first reason, not the formula shown in its place)."""
        key = self.field_key(row, column)
        return display(self._kind(column), self.session.report.get(key)) if key else None

    def _tooltip(self, row: int, _column: Column) -> str:
        return self.explanation(row)

    def _font(self, row: int, _column: Column) -> QFont | None:
        return _bold() if not self.indicators[row][1].is_leaf else None

    def _kind(self, column: Column) -> Kind:
        return Kind.SCORE if column == Column.SCORE else Kind.PARAGRAPH

    def _text(self, row: int, column: Column) -> str:
        level, indicator = self.indicators[row]
        if column == Column.INDICATOR:
            return INDENT * (level - 1) + indicator.name
        if column == Column.POINTS:
            return points_text(indicator.points)
        if column == Column.CRITERION:
            return indicator.criterion
        return self._score_or_reason(row, column)

    def _score_or_reason(self, row: int, column: Column) -> str:
        indicator = self.indicators[row][1]
        node = self.node(row)
        typed = self._typed(row, column)
        if typed is not None:  # what the clerk typed, unreadable text included
            if not typed and node is not None and node.computed is not None:
                return node.computed.explanation  # shown like a placeholder; typing replaces it
            return typed
        if column != Column.SCORE:
            return ""
        if node is None or node.score is None:  # a subtotal or a computed score
            return "待填数字" if indicator.formula is not None else ""
        return points_text(node.score)

    def _foreground(self, row: int, column: Column) -> QColor | None:
        node = self.node(row)
        if column == Column.SCORE and node is not None and node.over:
            return QColor(style.COLOURS[style.ERROR])
        computed = self.indicators[row][1].formula is not None
        if computed and column == Column.SCORE:
            return LOCKED_TEXT
        if (
            computed
            and column == Column.REASON
            and not self.session.report.text(self.card.reason_key(self.indicators[row][1]))
        ):
            return LOCKED_TEXT  # the formula with its figures, until a reason is typed
        return None

    def _background(self, row: int, column: Column) -> QColor | None:
        indicator = self.indicators[row][1]
        if not indicator.is_leaf:
            return UPPER_BACKGROUND
        if column in (Column.SCORE, Column.REASON):
            severity = style.state_of(self.findings(row, column))
            if severity in style.BACKGROUNDS:
                return QColor(style.BACKGROUNDS[severity])
        if column == Column.SCORE and indicator.formula is not None:
            return LOCKED_BACKGROUND
        return None

    def wrapped_texts(self) -> tuple[str, ...]:
        """What the rows show in their wrapping column (reasons, computed explanations): the
        row heights follow it."""
        return tuple(
            str(self.data(self.index(row, Column.REASON)) or "") for row in range(self.rowCount())
        )

    def explanation(self, row: int) -> str:
        """What a row's cells mean in full: the criterion, the formula with its figures, the
        findings (shown as the tooltip and under the table for the current row)."""
        if row >= len(self.indicators):
            return self.summary()
        indicator = self.indicators[row][1]
        node = self.node(row)
        lines = [f"{indicator.name}（{points_text(indicator.points)} 分）"]
        if indicator.criterion:
            lines.append(f"评分标准：{indicator.criterion}")
        if node is not None and node.computed is not None:
            lines.append(f"自动计分：{node.computed.explanation}")
        lines += [f"{f.severity.label}：{f.message}" for f in self.findings(row)]
        return "\n".join(lines)

    def summary(self) -> str:
        """ "合计 96.15 分（优），高出优的下限 6.15 分", worded as the command line words it."""
        sheet = self.session.state().scores
        return "" if sheet is None else sheet.summary()

    def _total_data(self, column: Column, role: int) -> Any:
        sheet = self.session.state().scores
        if role == ROLE.DisplayRole and sheet is not None:
            return {
                Column.INDICATOR: "合计",
                Column.POINTS: points_text(self.card.points),
                Column.SCORE: points_text(sheet.total),
                Column.REASON: f"{sheet.grade.name} · {sheet.outlook()}",
            }.get(column, "")
        if role == ROLE.FontRole:
            return _bold()
        if role == ROLE.TextAlignmentRole:
            return _alignment(self.total_row, column)
        if role == ROLE.BackgroundRole:
            return UPPER_BACKGROUND
        if role == ROLE.ToolTipRole:
            return self.summary()
        return None

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:  # noqa: N802
        if role != ROLE.EditRole or not index.isValid():
            return False
        key = self.field_key(index.row(), index.column())
        if key is None or not self.editable(index.row(), index.column()):
            return False
        self.session.set_field(key, str(value))
        self.session.left_field()  # a cell is one undo step, written at once
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical or role != ROLE.DisplayRole:
            return None
        return HEADINGS[Column(section)]


def _alignment(_row: int, column: Column) -> int:
    return _RIGHT if column in (Column.POINTS, Column.SCORE) else _LEFT


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
