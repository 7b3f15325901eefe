"""Print preview in the window: the pages of the report's PDF, redrawn a moment after editing
stops, fit to the width of the pane, with zoom, the page count and a note while redrawing.

The window hands over the report (``show_report``) on every change; the preview waits until
the changes stop for ``DEBOUNCE_MS``, then draws a snapshot off the window's thread. Only the
result of the newest change is ever shown: a drawing still running when another change comes
is left to finish, its pages thrown away, and the newest report drawn after it.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QWheelEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kexie_desktop.core.report import Report
from kexie_desktop.ui.kept_threads import wait_for_threads
from kexie_desktop.ui.preview_pages import GAP, PageColumn
from kexie_desktop.ui.preview_worker import Drawn, Job, RenderThread

log = logging.getLogger(__name__)

DEBOUNCE_MS = 800  # after the last change: typing a word does not redraw at every keystroke
RESIZE_MS = 150  # a dragged splitter re-rasterises once it rests; scaled pixels meanwhile
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.5, 3.0
# Wider pages are scaled up from this many device pixels: nine A4 pages at 1400 px take
# ~75 MB of RGB; sharper would not fit the program's memory budget.
MAX_RASTER_WIDTH = 1400
STOP_WAIT_MS = 5000
MINIMUM_WIDTH, MINIMUM_HEIGHT = 240, 200
UPDATING = "正在更新…"


class PrintPreview(QWidget):
    rendered = Signal(int)  # the newest report's pages are shown; the number of pages
    failed = Signal(str)  # the newest report could not be drawn; the Chinese message shown
    line_clicked = Signal(str)  # the text of the printed line the clerk clicked on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: Report | None = None
        self._single_sided = False
        self._wanted = 0  # generation of the newest report handed over
        self._shown = 0  # generation of the pages (or message) on screen
        self._pdf = b""  # the PDF of generation ``_shown``
        self._raster_width = 0
        self._zoom = 1.0
        self._thread: RenderThread | None = None

        self.page_label = QLabel()
        self.status_label = QLabel(UPDATING)
        self.status_label.setStyleSheet("color: #b35c00;")
        self.zoom_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; padding: 4px;")
        self.message.hide()
        self.column = PageColumn()
        self.column.clicked.connect(self._on_page_clicked)
        self.view = QScrollArea()
        self.view.setWidget(self.column)
        self.view.setWidgetResizable(False)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # Always there, so that its coming and going never changes the width the pages fit.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.viewport().installEventFilter(self)
        self.view.verticalScrollBar().valueChanged.connect(self._show_page_number)
        self.setFocusProxy(self.view)
        self._lay_out()
        self._add_zoom_actions()
        # A fixed least size: the bar's changing texts must not change the window's.
        self.setMinimumSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._next_job)
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_MS)
        self._resized.timeout.connect(self._next_job)
        self._show_zoom()
        self._show_page_number()

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.status_label)
        bar.addWidget(self.zoom_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

    def _add_zoom_actions(self) -> None:
        standard = QKeySequence.StandardKey
        keys: dict[str, tuple[Callable[[], None], list[QKeySequence]]] = {
            "放大": (self.zoom_in, [QKeySequence("Ctrl+="), QKeySequence(standard.ZoomIn)]),
            "缩小": (self.zoom_out, [QKeySequence("Ctrl+-"), QKeySequence(standard.ZoomOut)]),
            "适合宽度": (self.fit_width, [QKeySequence("Ctrl+0")]),
        }
        for text, (slot, shortcuts) in keys.items():
            action = QAction(text, self)
            # The platform's zoom keys may be ours (Ctrl+- on Linux): a key twice is ambiguous.
            unique = {key.toString(): key for key in shortcuts}
            action.setShortcuts(list(unique.values()))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # -- the window's side -----------------------------------------------------------------

    def show_report(self, report: Report, *, single_sided: bool = False) -> None:
        """Draw ``report`` once the changes stop. Pass the live report: it is copied when the
        drawing starts, so the preview shows what it says then."""
        self._report = report
        self._single_sided = single_sided
        self._wanted += 1
        self.status_label.show()
        self._debounce.start(DEBOUNCE_MS)

    def flush(self) -> None:
        """Start drawing now rather than after the pause (tests, the benchmark, a toggle)."""
        self._debounce.stop()
        self._next_job()

    def stop(self) -> None:
        """Nothing more is drawn; waits for a drawing still running (call before quitting)."""
        self._debounce.stop()
        self._resized.stop()
        self._report = None
        self._wanted += 1  # a result still on its way is not shown
        wait_for_threads(STOP_WAIT_MS)

    @property
    def page_count(self) -> int:
        return len(self.column.pages)

    @property
    def current_page(self) -> int:
        """The page in the middle of the view, counted from 1 (0 without pages)."""
        if not self.column.pages:
            return 0
        bar = self.view.verticalScrollBar()
        return self.column.page_at(bar.value() + self.view.viewport().height() / 2) + 1

    # -- zoom ------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self._set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        self._set_zoom(1.0)

    @property
    def zoom(self) -> float:
        return self._zoom

    def _set_zoom(self, zoom: float) -> None:
        zoom = min(ZOOM_MAX, max(ZOOM_MIN, zoom))
        if abs(zoom - 1.0) < 0.01:
            zoom = 1.0  # steps up and down come back to exactly fit-to-width
        if zoom != self._zoom:
            self._zoom = zoom
            self._show_zoom()
            self._relayout()

    def _show_zoom(self) -> None:
        percent = "适合宽度" if self._zoom == 1.0 else f"{round(self._zoom * 100)}%"
        self.zoom_label.setText(f"　{percent}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._relayout()
        elif watched is self.view.viewport() and event.type() == QEvent.Type.Wheel:
            assert isinstance(event, QWheelEvent)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                steps = event.angleDelta().y() / 120
                if steps:
                    self._set_zoom(self._zoom * ZOOM_STEP**steps)
                return True
        return super().eventFilter(watched, event)

    # -- layout ----------------------------------------------------------------------------

    def _page_width(self) -> int:
        """Logical pixels of one page: the view's width, times the zoom."""
        fit = self.view.viewport().width() - 2 * GAP
        return max(50, round(fit * self._zoom))

    def _wanted_raster_width(self) -> int:
        return min(MAX_RASTER_WIDTH, round(self._page_width() * self.devicePixelRatioF()))

    def _relayout(self) -> None:
        """Size the column to the zoom and the view, keeping the same place in the middle of
        the view; a sharper rasterisation follows once the size rests."""
        bar = self.view.verticalScrollBar()
        half = self.view.viewport().height() / 2
        old_height = max(1, self.column.height())
        anchor = (bar.value() + half) / old_height
        self.column.set_page_width(self._page_width())
        hint = self.column.sizeHint()
        self.column.resize(max(self.view.viewport().width(), hint.width()), hint.height())
        if self.column.pages and old_height > 1:
            bar.setValue(round(anchor * self.column.height() - half))
        self._show_page_number()
        if self.column.pages and self._raster_width != self._wanted_raster_width():
            self._resized.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._relayout()
        if self._wanted != self._shown and not self._debounce.isActive():
            self._next_job()  # handed a report while hidden

    # -- drawing ---------------------------------------------------------------------------

    def _next_job(self) -> None:
        """Start the drawing the preview lacks, unless one is running (its end calls this)."""
        if self._thread is not None or self._debounce.isActive() or not self.isVisible():
            return
        width = self._wanted_raster_width()
        if self._wanted != self._shown and self._report is not None:
            snapshot = copy.deepcopy(self._report)
            job = Job(self._wanted, width, report=snapshot, single_sided=self._single_sided)
        elif self._wanted == self._shown and self._pdf and self._raster_width != width:
            job = Job(self._shown, width, pdf=self._pdf)
        else:
            return
        self._thread = RenderThread(job)
        self._thread.drawn.connect(self._on_drawn)
        self._thread.finished.connect(self._on_thread_finished)
        self._thread.start()

    def _on_drawn(self, drawn: Drawn) -> None:
        if drawn.generation != self._wanted:
            log.debug("preview %d superseded by %d", drawn.generation, self._wanted)
            return
        fresh = drawn.generation != self._shown
        self._shown = drawn.generation
        if drawn.error:
            self._show_error(drawn.error)
            return
        self.message.hide()
        self._pdf = drawn.pdf
        self._raster_width = drawn.width
        self.column.set_pages(drawn.pages)
        self._relayout()
        if fresh:
            self.status_label.hide()
            self.rendered.emit(len(drawn.pages))

    def _show_error(self, message: str) -> None:
        self.status_label.hide()
        earlier = "下面是上一次生成的预览。" if self.column.pages else ""
        self.message.setText(f"无法生成打印预览：{message}{earlier}")
        self.message.show()
        self.failed.emit(message)

    def _on_thread_finished(self) -> None:
        self._thread = None
        self._next_job()

    def _show_page_number(self) -> None:
        if self.column.pages:
            self.page_label.setText(f"第 {self.current_page} 页，共 {self.page_count} 页")
        else:
            self.page_label.setText("打印预览")

    def _on_page_clicked(self, page: int, x: float, y: float) -> None:
        if not self._pdf:
            return
        from kexie_desktop.export.raster import line_at

        line = line_at(self._pdf, page, x, y)
        if line:
            self.line_clicked.emit(line)
