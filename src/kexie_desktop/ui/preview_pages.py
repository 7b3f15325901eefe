"""The print preview's column of pages: drawn one under the other at a given width, scaled
from whatever pixels the last rasterisation gave until a sharper one arrives."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

GAP = 12  # logical pixels around and between pages
BACKGROUND = QColor("#8a8f96")  # a desk-grey behind white paper, as PDF readers show it
PAGE_EDGE = QColor("#5f646b")


class PageColumn(QWidget):
    # page index, and the point as fractions of the page's width and height from its top left
    clicked = Signal(int, float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: list[QImage] = []
        self.page_width = 0  # logical pixels
        self.setAutoFillBackground(False)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_pages(self, pages: list[QImage]) -> None:
        self.pages = pages
        self.updateGeometry()
        self.update()

    def set_page_width(self, width: int) -> None:
        self.page_width = max(1, width)
        self.updateGeometry()
        self.update()

    def page_height(self, index: int) -> int:
        image = self.pages[index]
        return round(self.page_width * image.height() / max(1, image.width()))

    def page_top(self, index: int) -> int:
        return GAP + sum(self.page_height(i) + GAP for i in range(index))

    def page_at(self, y: float) -> int:
        """The page at height ``y`` (the one above, in the gap between two); -1 without pages."""
        top = GAP
        for index in range(len(self.pages)):
            top += self.page_height(index) + GAP
            if y < top:
                return index
        return len(self.pages) - 1

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        height = self.page_top(len(self.pages)) if self.pages else 0
        return QSize(self.page_width + 2 * GAP, height)

    def _page_rect(self, index: int) -> QRectF:
        left = max(GAP, (self.width() - self.page_width) / 2)
        return QRectF(left, self.page_top(index), self.page_width, self.page_height(index))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(event.rect(), BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setPen(PAGE_EDGE)
        for index, image in enumerate(self.pages):
            target = self._page_rect(index)
            if target.intersects(QRectF(event.rect())):
                painter.drawImage(target, image)
                painter.drawRect(target.adjusted(-1, -1, 0, 0))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() is Qt.MouseButton.LeftButton and self.pages:
            point = event.position()
            index = self.page_at(point.y())
            rect = self._page_rect(index)
            if rect.contains(point):
                offset = QPointF(point - rect.topLeft())
                self.clicked.emit(index, offset.x() / rect.width(), offset.y() / rect.height())
        super().mousePressEvent(event)
