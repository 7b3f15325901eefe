"""The chart page after the scoring table: a heading, then the chart's drawing (the same one
the window shows as a picture) in the text block."""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing

from kexie_desktop.export import styles
from kexie_desktop.export.chart import CHART_WHERE, chart_drawing
from kexie_desktop.export.chart_data import ChartData
from kexie_desktop.export.frame import PORTRAIT, FramedPage
from kexie_desktop.export.layout import Line, Typesetter
from kexie_desktop.export.page import draw_line
from kexie_desktop.export.styles import Align, FontRole, TextStyle

CHART_HEADING = "自评得分及预算执行情况图"
HEADING = TextStyle(FontRole.TITLE, styles.SIZE_2HAO, styles.LINE_PITCH * 1.25, align=Align.CENTRE)


def chart_page(data: ChartData, setter: Typesetter) -> FramedPage:
    heading = setter.lines(CHART_HEADING, HEADING, PORTRAIT.width, CHART_WHERE)
    drawing = chart_drawing(data, setter, PORTRAIT.width)

    def draw(canvas: Any) -> None:
        _draw(canvas, heading, drawing)

    return FramedPage(PORTRAIT, draw)


def _draw(canvas: Any, heading: list[Line], drawing: Drawing) -> None:
    depth = 0.0
    for line in heading:
        baseline = -(depth + line.baseline)
        draw_line(canvas, Line(line.runs, line.x, baseline, line.size, line.char_space, line.width))
        depth += HEADING.pitch
    depth += styles.LINE_PITCH / 2
    renderPDF.draw(drawing, canvas, 0, -(depth + drawing.height))
