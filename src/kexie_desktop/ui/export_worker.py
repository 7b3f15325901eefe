"""Exporting the PDF off the window's thread, on a snapshot copy of the report.

The export service is imported here, when the clerk exports, so that ReportLab stays off the
start-up path.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.findings import Finding
from kexie_desktop.core.report import Report
from kexie_desktop.logs import log_file

log = logging.getLogger(__name__)

EXPORT_MODULE = "kexie_desktop.services.exporting"


@dataclass(frozen=True)
class Exported:
    path: Path
    pages: int
    warnings: list[Finding] = field(default_factory=list)


class ExportFailedError(UserError):
    """An expected failure; ``message`` is Chinese."""


def exporter() -> Any:
    try:
        return importlib.import_module(EXPORT_MODULE)
    except ImportError as exc:
        log.exception("the export service cannot be imported")
        raise ExportFailedError(
            "PDF 导出功能不可用（导出模块未安装或已损坏），请联系技术支持。"
        ) from exc


def pdf_name(report: Report) -> str:
    """The file name the exporter proposes, e.g. 2021年度…自评报告.pdf."""
    try:
        return str(exporter().default_pdf_name(report))
    except ExportFailedError:
        return f"{report.title}.pdf"


def export(report: Report, target: Path, *, single_sided: bool = False) -> Exported:
    """Export synchronously (the self-test uses this directly)."""
    module = exporter()
    options = (
        module.PdfOptions(page_numbers=module.PageNumberPlacement.CENTRED) if single_sided else None
    )
    try:
        result = module.export_pdf(report, target, options=options)
    except module.ExportError as exc:
        raise ExportFailedError(str(exc.message)) from exc
    return Exported(Path(result.path), int(result.pages), list(result.warnings))


class ExportThread(QThread):
    succeeded = Signal(object)  # Exported
    failed = Signal(str)

    def __init__(self, snapshot: Report, folder: Path, *, single_sided: bool = False) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.folder = folder
        self.single_sided = single_sided

    def run(self) -> None:
        try:
            target = self.folder / pdf_name(self.snapshot)
            result = export(self.snapshot, target, single_sided=self.single_sided)
        except ExportFailedError as exc:
            self.failed.emit(exc.message)
        except Exception:
            log.exception("PDF export failed unexpectedly")
            self.failed.emit(f"导出 PDF 时程序内部出错，详细信息已写入日志文件：{log_file()}")
        else:
            self.succeeded.emit(result)
