"""The chart page as a picture for the window: the very drawing the PDF prints (scores by
first-level indicator, budget against spending), drawn on a page of its own and rasterised
with PDFium. No Qt here; ReportLab and PDFium are imported on the first call."""

from __future__ import annotations

from kexie_desktop.core.report import Report
from kexie_desktop.export.options import PdfOptions


def chart_png(report: Report, width_px: int, options: PdfOptions | None = None) -> bytes | None:
    """A PNG of ``report``'s chart, ``width_px`` pixels wide; None when its template has no
    scoring table. Raises ``FontsUnavailableError`` (a ``UserError``) when no font can be
    used, as the export does."""
    from kexie_desktop.export.chart import chart_drawing, chart_pdf
    from kexie_desktop.export.chart_data import chart_data
    from kexie_desktop.export.fonts import font_set
    from kexie_desktop.export.layout import Typesetter
    from kexie_desktop.export.raster import encode_png, rasterise
    from kexie_desktop.export.styles import TEXT_WIDTH

    data = chart_data(report)
    if data is None:
        return None
    fonts = font_set((options or PdfOptions()).font_dirs)
    pdf = chart_pdf(chart_drawing(data, Typesetter(fonts), TEXT_WIDTH))
    return encode_png(rasterise(pdf, width_px)[0])
