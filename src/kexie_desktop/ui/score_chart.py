"""The chart page as a picture under the scoring table, and the choice to print it.

The picture is the very drawing the PDF prints (``services.charting``). Drawing it takes
~30 ms once warm but ~260 ms the first time (ReportLab, the fonts and PDFium load), so it is
drawn off the window's thread from a snapshot of the report, once the changes stop for
``DEBOUNCE_MS`` as in the print preview; a result older than the latest change is dropped."""

from __future__ import annotations

import copy
import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.report import Report
from kexie_desktop.ui.kept_threads import KeptThread
from kexie_desktop.ui.session import Session, ViewState

log = logging.getLogger(__name__)

DEBOUNCE_MS = 800  # as the print preview: typing a number does not redraw at every key
MAX_WIDTH = 600  # px of the picture: its labels read at about the size of the form's text
MIN_WIDTH = 320
RESIZE_STEP = 40  # px the form's width must change by before the picture is redrawn


class ChartThread(KeptThread):
    drawn = Signal(int, object, str)  # generation, PNG bytes or None, a Chinese error

    def __init__(self, generation: int, report: Report, width: int) -> None:
        super().__init__()
        self.generation, self.report, self.width = generation, report, width

    def run(self) -> None:
        from kexie_desktop.services.charting import chart_png

        try:
            self.drawn.emit(self.generation, chart_png(self.report, self.width), "")
        except UserError as exc:
            self.drawn.emit(self.generation, None, exc.message)
        except Exception:
            log.exception("the chart picture could not be drawn")
            self.drawn.emit(self.generation, None, "图表暂时无法显示（详细信息已写入日志文件）。")


class ScoreChart(QWidget):
    """The 打印图表页 check box and the chart picture under it."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.print_chart = QCheckBox("打印图表页（导出 PDF 时在自评表后附图表页）")
        self.print_chart.setObjectName("print-chart")
        self.print_chart.toggled.connect(self._toggled)
        self.picture = QLabel("正在绘制图表……")
        self.picture.setObjectName("score-chart")
        self.picture.setProperty("role", "hint")
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.picture.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.print_chart)
        layout.addWidget(self.picture)
        self._wanted = 0  # raised at every change: only the latest drawing is shown
        self._shown = -1
        self._thread: ChartThread | None = None
        self._drawn_width = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._draw)
        self.png: bytes | None = None  # the picture shown (tests read it)

    def show_state(self, state: ViewState) -> None:
        self.print_chart.blockSignals(True)
        self.print_chart.setChecked(state.report.print_chart)
        self.print_chart.blockSignals(False)
        self.print_chart.setEnabled(not state.read_only)
        self._wanted += 1
        self._debounce.start()

    def flush(self) -> None:
        """Draw now rather than after the pause (tests)."""
        self._debounce.stop()
        self._draw()

    def _toggled(self, on: bool) -> None:
        self.session.set_print_chart(on)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._shown != self._wanted and not self._debounce.isActive():
            self._draw()  # changed while another section was shown

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if abs(self._width() - self._drawn_width) > RESIZE_STEP:
            self._wanted += 1
            self._debounce.start()

    def _width(self) -> int:
        """The picture's width in logical pixels: the form's, within limits."""
        return max(MIN_WIDTH, min(self.width(), MAX_WIDTH))

    def _draw(self) -> None:
        if self._thread is not None or not self.isVisible():
            return  # drawn again when the running one ends, or once shown
        snapshot = copy.deepcopy(self.session.report)
        self._drawn_width = self._width()
        pixels = round(self._drawn_width * self.devicePixelRatioF())
        self._thread = ChartThread(self._wanted, snapshot, pixels)
        self._thread.drawn.connect(self._on_drawn)
        self._thread.finished.connect(self._on_finished)
        self._thread.start()

    def _on_drawn(self, generation: int, png: object, error: str) -> None:
        if generation != self._wanted:
            return  # the report changed meanwhile: the next drawing follows
        self._shown = generation
        self.png = png if isinstance(png, bytes) else None
        if self.png is None:
            self.picture.setMinimumHeight(0)
            self.picture.setText(error or "这份报告的模板没有自评表，没有图表。")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self.png, "PNG")
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.picture.setPixmap(pixmap)
        # The label is as wide as the form lets it be (never wider): its height is the picture's.
        self.picture.setMinimumHeight(round(pixmap.deviceIndependentSize().height()))

    def _on_finished(self) -> None:
        self._thread = None
        if self._shown != self._wanted and not self._debounce.isActive():
            self._draw()
