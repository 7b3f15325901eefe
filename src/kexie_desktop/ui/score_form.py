"""The scoring table (自评表) in its section's form: the indicator tree as an indented table
that keys like the other tables (table_keys), the total with its grade above it, the current
row's criterion and formula under it, and the chart picture (score_chart)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop.core.scorecard import Scorecard
from kexie_desktop.ui import style
from kexie_desktop.ui.score_chart import ScoreChart
from kexie_desktop.ui.score_model import Column, ScoreModel
from kexie_desktop.ui.session import Session, ViewState
from kexie_desktop.ui.table_keys import (
    MOVES,
    CellDelegate,
    KeyedTableView,
    TableKey,
)

# Below this width the 评分标准 column would squeeze every other column; it is then shown for
# the current row under the table (and as every row's tooltip) instead.
CRITERION_MIN_TABLE_WIDTH = 860
Cell = tuple[int, int]


def step(cell: Cell, key: TableKey, editable: list[Cell], anchor: int | None) -> Cell | None:
    """Where a move key goes from ``cell`` among the ``editable`` cells (in row order), or
    None when it leaves the table. Tab and Shift+Tab walk them one by one; Enter goes down to
    the next editable cell of the column where the Tab run began (Shift+Enter up)."""
    row, column = cell
    if key is TableKey.NEXT:
        return next((c for c in editable if c > cell), None)
    if key is TableKey.PREVIOUS:
        return next((c for c in reversed(editable) if c < cell), None)
    wanted = column if anchor is None else anchor
    below = key is TableKey.DOWN
    found = [c for c in editable if c[1] == wanted and (c[0] > row if below else c[0] < row)]
    if not found:
        return None
    return found[0] if below else found[-1]


class ScoreView(KeyedTableView):
    """The cells. Shown at full height (the form scrolls, not the table) and never sideways.
    Only the move keys are the table's: its rows are the template's."""

    claimed = MOVES
    reveal = Signal()  # the current cell is to be scrolled into view

    def __init__(self, model: ScoreModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score_model = model
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self, self))
        self.setTabKeyNavigation(False)  # Tab is ours: it must be able to leave the table
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(360)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setHighlightSections(False)
        self._anchor: int | None = None  # the column where a run of Tabs began
        self._moving = False
        self.selectionModel().currentChanged.connect(self._current_changed)

    # -- size ------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()

    def fit(self) -> None:
        """Share the width among the columns (the criterion only where it fits), then grow
        each row to its wrapped text and the table to its rows."""
        width = self.viewport().width()
        metrics = self.fontMetrics()
        numbers = max(metrics.horizontalAdvance(t) for t in ("自评得分", "100.00")) + 20
        indicator = min(
            max(
                metrics.horizontalAdvance(self.score_model.data(self.score_model.index(r, 0)))
                for r in range(self.score_model.rowCount())
            )
            + 16,
            int(width * 0.3),
        )
        with_criterion = width >= CRITERION_MIN_TABLE_WIDTH
        rest = max(width - indicator - 2 * numbers, 120)
        criterion = int(rest * 0.55) if with_criterion else 0
        header = self.horizontalHeader()
        header.resizeSection(Column.INDICATOR, indicator)
        header.resizeSection(Column.POINTS, numbers)
        header.resizeSection(Column.SCORE, numbers)
        self.setColumnHidden(Column.CRITERION, not with_criterion)
        if with_criterion:
            header.resizeSection(Column.CRITERION, criterion)
        header.resizeSection(Column.REASON, rest - criterion)
        self.fit_height()

    def fit_height(self) -> None:
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.score_model.rowCount()))
        self.setFixedHeight(rows + self.horizontalHeader().height() + 2 * self.frameWidth())

    @property
    def shows_criterion(self) -> bool:
        return not self.isColumnHidden(Column.CRITERION)

    # -- keys ------------------------------------------------------------------------------

    def table_key_pressed(self, key: TableKey) -> None:
        """A move key (the only table keys here: the rows are the template's)."""
        if key not in MOVES:
            return
        current = self.currentIndex()
        cell = (current.row(), current.column()) if current.isValid() else (-1, -1)
        across = key in (TableKey.NEXT, TableKey.PREVIOUS)
        if across and self._anchor is None and current.isValid():
            self._anchor = current.column()
        target = step(cell, key, self.score_model.editable_cells(), self._anchor)
        if target is None or not across or target[0] != cell[0]:
            self._anchor = None  # Enter, a move to another row or leaving ends the Tab run
        if target is None:
            self.focusNextPrevChild(key in (TableKey.NEXT, TableKey.DOWN))
            return
        self._moving = True
        try:
            self.setCurrentIndex(self.score_model.index(*target))
        finally:
            self._moving = False

    def _current_changed(self, current: QModelIndex) -> None:
        if not self._moving:
            self._anchor = None  # a click or an arrow key starts afresh
        if current.isValid():
            self.reveal.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Tabbing into the table lands on its first editable cell, Shift+Tab on its last; any
        other way in by keyboard that finds no editable current cell lands on the first too
        (Qt would make the first row current, a heading, where typing does nothing)."""
        current = self.currentIndex()
        super().focusInEvent(event)
        cells = self.score_model.editable_cells()
        reason = event.reason()
        if not cells or reason == Qt.FocusReason.MouseFocusReason:
            return
        if reason == Qt.FocusReason.BacktabFocusReason:
            self.setCurrentIndex(self.score_model.index(*cells[-1]))
        elif (
            reason == Qt.FocusReason.TabFocusReason
            or (current.row(), current.column()) not in cells
        ):
            self.setCurrentIndex(self.score_model.index(*cells[0]))


class ScoreTable(QWidget):
    """The 自评表 part of its section's form."""

    def __init__(self, scorecard: Scorecard, session: Session) -> None:
        super().__init__()
        self.card = scorecard
        self.session = session
        self.model = ScoreModel(scorecard, session)
        self.view = ScoreView(self.model)
        self.view.setObjectName(f"{scorecard.section}.scorecard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 4)
        title = QLabel(scorecard.title)
        title.setProperty("role", "subheading")
        hint = QLabel(
            "逐项填写自评得分；得分低于分值的，写明扣分原因。灰色的得分按报告中的数字自动计算，"
            "不能修改。Tab 向右、回车向下换格，Esc 取消正在输入的内容；指向一行可看评分标准。"
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("score-total")
        self.total.setWordWrap(True)
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        self.detail = QLabel()
        self.detail.setObjectName("score-detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = ScoreChart(session)
        self._fitted: tuple[str, ...] = ()
        for widget in (title, hint, self.total, self.view, self.detail, self.chart):
            layout.addWidget(widget)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_detail())

    def show_state(self, state: ViewState) -> None:
        self.model.refresh()
        # Rows are fitted to their wrapped text (6 ms): only when a reason or a computed
        # explanation changed, not at every keystroke of a score.
        wrapped = self.model.wrapped_texts()
        if wrapped != self._fitted:
            self.view.fit_height()
            self._fitted = wrapped
        sheet = state.scores
        self.total.setText(self.model.summary())
        good = sheet is not None and sheet.complete and not any(n.over for n in sheet.leaves())
        style.set_prop(self.total, "role", "total-ok" if good else "total-bad")
        self._show_detail()
        self.chart.show_state(state)

    def _show_detail(self) -> None:
        current = self.view.currentIndex()
        row = current.row() if current.isValid() else -1
        self.detail.setText(self.model.explanation(row) if row >= 0 else "")
        severity = style.state_of(self.model.findings(row)) if row >= 0 else style.DONE
        style.set_prop(self.detail, "role", f"message-{severity}")

    def focus_path(self, key: str) -> bool:
        """Select the cell of field ``key``; True if it is one of this table's."""
        index = self.model.index_of(key)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.reveal.emit()
        return True
