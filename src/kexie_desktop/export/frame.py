"""Where a page's content goes: the GB/T 9704 text block upright, or turned a quarter for a
wide table (§10.1: a landscape A4 table keeps the page numbers where the other pages have
them; on odd pages its head faces the binding edge, on even pages the outer edge)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kexie_desktop.export import styles
from kexie_desktop.export.options import PageNumberPlacement


@dataclass(frozen=True)
class Frame:
    width: float
    height: float
    landscape: bool

    def enter(self, canvas: Any, number: int, placement: PageNumberPlacement) -> None:
        """Move the canvas origin to the frame's top left corner, x to the right along its top
        edge, y up (so content at depth ``d`` is drawn at y = -d). Undo with restoreState."""
        canvas.saveState()
        if not self.landscape:
            canvas.translate(styles.MARGIN_LEFT, styles.TEXT_TOP)
        elif placement is PageNumberPlacement.CENTRED or number % 2:
            # head to the left (the binding edge of an odd page, or of every single-sided one)
            canvas.translate(styles.MARGIN_LEFT, styles.TEXT_BOTTOM)
            canvas.rotate(90)
        else:
            canvas.translate(styles.MARGIN_LEFT + styles.TEXT_WIDTH, styles.TEXT_TOP)
            canvas.rotate(-90)


PORTRAIT = Frame(styles.TEXT_WIDTH, styles.TEXT_HEIGHT, landscape=False)
LANDSCAPE = Frame(styles.TEXT_HEIGHT, styles.TEXT_WIDTH, landscape=True)


@dataclass(frozen=True)
class FramedPage:
    """A page drawn by ``draw`` inside ``frame`` (origin at the frame's top left, y up)."""

    frame: Frame
    draw: Callable[[Any], None]

    def render(self, canvas: Any, number: int, placement: PageNumberPlacement) -> None:
        self.frame.enter(canvas, number, placement)
        self.draw(canvas)
        canvas.restoreState()
