"""The print preview's material: a report's PDF drawn in memory (nothing written to disk, no
version kept) and its pages as pixels. No Qt here; ReportLab and PDFium are imported when a
preview is first drawn, so neither is on the start-up path."""

from __future__ import annotations

from kexie_desktop.core.report import Report
from kexie_desktop.export.options import PageNumberPlacement, PdfOptions
from kexie_desktop.services.exporting import ExportError


def pdf_bytes(report: Report, *, single_sided: bool = False) -> bytes:
    """The PDF the export would write for ``report`` (as ``ui.export_worker.export`` chooses
    its options); raises ``ExportError`` with a Chinese message."""
    from kexie_desktop.export.render import FontsUnavailableError, render_pdf

    options = PdfOptions(page_numbers=PageNumberPlacement.CENTRED) if single_sided else None
    try:
        return render_pdf(report, options).data
    except FontsUnavailableError as exc:
        raise ExportError(exc.message) from exc
