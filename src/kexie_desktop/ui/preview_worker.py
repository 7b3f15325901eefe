"""The print preview's work off the window's thread: the report's PDF drawn in memory and its
pages rasterised into QImages.

ReportLab and PDFium are imported in the worker, the first time a preview is drawn, so that
neither is on the start-up path.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.report import Report
from kexie_desktop.logs import log_file
from kexie_desktop.ui.kept_threads import KeptThread

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """``report`` is a snapshot to draw; None re-rasterises ``pdf`` (a zoom or a resize)."""

    generation: int
    width: int  # device pixels of one page
    report: Report | None = None
    pdf: bytes = b""
    single_sided: bool = False


@dataclass(frozen=True)
class Drawn:
    generation: int
    width: int
    pdf: bytes = b""
    pages: list[QImage] = field(default_factory=list)
    error: str = ""  # Chinese, for the clerk; set when nothing was drawn


class RenderThread(KeptThread):
    drawn = Signal(object)  # Drawn

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        job = self.job
        try:
            drawn = Drawn(job.generation, job.width, *draw(job))
        except UserError as exc:
            drawn = Drawn(job.generation, job.width, error=exc.message)
        except Exception:
            log.exception("the print preview could not be drawn")
            drawn = Drawn(
                job.generation,
                job.width,
                error=f"生成预览时程序内部出错，详细信息已写入日志文件：{log_file()}",
            )
        self.drawn.emit(drawn)


def draw(job: Job) -> tuple[bytes, list[QImage]]:
    from kexie_desktop.export.raster import rasterise
    from kexie_desktop.services import previewing

    pdf = job.pdf
    if job.report is not None:
        pdf = previewing.pdf_bytes(job.report, single_sided=job.single_sided)
    pages = [
        # The QImage only borrows the bytes: copy it so that it owns its pixels.
        QImage(
            page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888
        ).copy()
        for page in rasterise(pdf, job.width)
    ]
    return pdf, pages
