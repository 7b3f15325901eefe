"""The pages after the report: the scoring table as its attachment, then the chart page (when
the report asks for it). Both exist only when the report's template has a scoring table."""

from __future__ import annotations

from kexie_desktop.core.report import Report
from kexie_desktop.export.chart_data import chart_data
from kexie_desktop.export.chart_page import chart_page
from kexie_desktop.export.frame import LANDSCAPE, Frame, FramedPage
from kexie_desktop.export.layout import Typesetter
from kexie_desktop.export.scorecard_page import attachment_pages
from kexie_desktop.export.scorecard_table import scorecard_table

# Landscape, chosen by looking at both: upright, the criterion and reason columns are 8–9
# characters wide and a criterion takes 7–10 lines; turned (GB/T 9704 §10.1), they are 18 and
# 12 characters, 2–4 lines, and the 20 indicators take 3 pages rather than 4.
TABLE_FRAME: Frame = LANDSCAPE


def appended_pages(
    report: Report, setter: Typesetter, frame: Frame = TABLE_FRAME
) -> list[FramedPage]:
    table = scorecard_table(report)
    if table is None:
        return []
    pages = attachment_pages(table, setter, frame)
    data = chart_data(report)
    if report.print_chart and data is not None:
        pages.append(chart_page(data, setter))
    return pages
