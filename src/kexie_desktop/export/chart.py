"""The chart page's drawing, with ReportLab's own graphics: (1) each first-level indicator's
self-assessed score beside its points, (2) budget against spending for the template's figures.

One function draws it; the PDF's chart page places it under a heading and the window's
picture is the same drawing on a page of its own, rasterised (``services.charting``).
"""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from kexie_desktop.core.scorecard import points_text
from kexie_desktop.export.chart_data import BudgetBar, ChartData
from kexie_desktop.export.document import Where
from kexie_desktop.export.layout import Typesetter
from kexie_desktop.export.styles import FontRole

CHART_WHERE = Where("chart", "图表页")
SCORE_CAPTION = "图1  各一级指标自评得分与分值（单位：分）"
BUDGET_CAPTION = "图2  预算数与实际支出数（单位：万元）"
BUDGET_NOTE = "注：各项按本项金额等比例绘制，不同项目之间的长度不可比较。"
NO_BUDGET = "（自评表中未填写预算数，无可对比的项目。）"
LEGEND_POINTS = "分值"
LEGEND_SCORE = "自评得分"
LEGEND_BUDGET = "预算数"
LEGEND_SPENT = "实际支出数"
NOT_SCORED = "未评分"
NOT_SPENT = "支出未填"

# Two greys that stay apart on a black-and-white office printer.
LIGHT = Color(0.78, 0.78, 0.78)
DARK = Color(0.30, 0.30, 0.30)

CAPTION_SIZE = 12.0
LABEL_SIZE = 10.5
_SCORES_HEIGHT = 250.0
_BUDGET_ROW = 46.0
_BAR = 14.0
_LABEL_WIDTH = 92.0
_PAD = 6.0


class _Fonts:
    """Font names for the drawing's strings: the role's font when it has every character,
    else the 宋体 face (it has every GBK hanzi); characters no font has are recorded in the
    typesetter's missing list, as in the text."""

    def __init__(self, setter: Typesetter) -> None:
        self.setter = setter

    def name(self, text: str, role: FontRole, size: float) -> str:
        glyphs = self.setter.glyphs(text, role, size, CHART_WHERE)
        used = {glyph.font.name for glyph in glyphs}
        if len(used) == 1:
            return used.pop()
        return self.setter.fonts.primary[FontRole.SONG].name

    def string(
        self, x: float, y: float, text: str, role: FontRole, size: float, *, anchor: str = "start"
    ) -> String:
        return String(
            x, y, text, fontName=self.name(text, role, size), fontSize=size, textAnchor=anchor
        )


def chart_height(data: ChartData) -> float:
    rows = max(len(data.budgets), 1)
    return _SCORES_HEIGHT + 3 * CAPTION_SIZE + 2 * LABEL_SIZE + rows * _BUDGET_ROW + 4 * _PAD


def chart_drawing(data: ChartData, setter: Typesetter, width: float) -> Drawing:
    """The whole chart, ``width`` wide, as tall as its figures need (``chart_height``)."""
    fonts = _Fonts(setter)
    height = chart_height(data)
    drawing = Drawing(width, height)
    # ReportLab starts a drawing in Helvetica, which would then be referenced (not embedded)
    # by the PDF: start it in our 仿宋 instead.
    drawing.initialFontName = setter.fonts.primary[FontRole.FANGSONG].name
    drawing.initialFontSize = LABEL_SIZE
    top = height
    drawing.add(_score_figure(data, fonts, width, top))
    top -= _SCORES_HEIGHT + _PAD * 2
    drawing.add(_budget_figure(data, fonts, width, top))
    return drawing


def _legend(fonts: _Fonts, x: float, y: float, entries: list[tuple[Color, str]]) -> Group:
    """Swatches and names from ``x`` (their centre line at ``y``), left to right."""
    group = Group()
    for colour, text in entries:
        group.add(Rect(x, y - 4, 14, 8, fillColor=colour, strokeColor=black, strokeWidth=0.3))
        label = fonts.string(x + 18, y - 3.5, text, FontRole.FANGSONG, LABEL_SIZE)
        group.add(label)
        x += 18 + label.getEast() - label.x + 16
    return group


def _figure_head(
    fonts: _Fonts,
    width: float,
    top: float,
    caption: str,
    legend: list[tuple[Color, str]],
    *,
    shift: float,
) -> Group:
    """A figure's caption, centred, and its legend under it (``shift`` left of the centre)."""
    group = Group()
    group.add(
        fonts.string(
            width / 2, top - CAPTION_SIZE, caption, FontRole.HEI, CAPTION_SIZE, anchor="middle"
        )
    )
    group.add(_legend(fonts, width / 2 - shift, top - CAPTION_SIZE - 14, legend))
    return group


def _score_figure(data: ChartData, fonts: _Fonts, width: float, top: float) -> Group:
    group = Group()
    legend = [(LIGHT, LEGEND_POINTS), (DARK, LEGEND_SCORE)]
    group.add(_figure_head(fonts, width, top, SCORE_CAPTION, legend, shift=70))
    chart = VerticalBarChart()
    chart.x, chart.width = 40, width - 50
    chart.y = top - _SCORES_HEIGHT + 2 * LABEL_SIZE + _PAD
    chart.height = _SCORES_HEIGHT - 4 * CAPTION_SIZE - 2 * LABEL_SIZE - _PAD
    points = [float(bar.points) for bar in data.scores]
    scores = [float(bar.score or 0) for bar in data.scores]
    chart.data = [points, scores]  # drawn lengths only; every printed number is Decimal text
    chart.barLabelFormat = "values"  # the texts below, not the floats
    chart.barLabelArray = [
        [points_text(bar.points) for bar in data.scores],
        [NOT_SCORED if bar.score is None else points_text(bar.score) for bar in data.scores],
    ]
    label_font = fonts.name("".join(chart.barLabelArray[1]), FontRole.FANGSONG, LABEL_SIZE)
    chart.barLabels.fontName = label_font
    chart.barLabels.fontSize = LABEL_SIZE - 1
    chart.barLabels.nudge = 6
    chart.barLabels.boxAnchor = "s"
    chart.bars[0].fillColor = LIGHT
    chart.bars[1].fillColor = DARK
    chart.bars.strokeColor = black
    chart.bars.strokeWidth = 0.3
    chart.barSpacing = 2
    chart.groupSpacing = 24
    names = [bar.name for bar in data.scores]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = fonts.name("".join(names), FontRole.FANGSONG, LABEL_SIZE)
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.dy = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = float(
        _ceiling(max((bar.points for bar in data.scores), default=Decimal(10)))
    )
    chart.valueAxis.labels.fontName = label_font
    chart.valueAxis.labels.fontSize = LABEL_SIZE - 1
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = LIGHT
    chart.valueAxis.gridStrokeWidth = 0.3
    group.add(chart)
    return group


def _ceiling(value: Decimal) -> Decimal:
    """The next multiple of 5 at or above ``value`` plus room for the labels above the bars."""
    step = Decimal(5)
    return ((value * Decimal("1.15")) / step).to_integral_value(rounding="ROUND_CEILING") * step


def _budget_figure(data: ChartData, fonts: _Fonts, width: float, top: float) -> Group:
    group = Group()
    legend = [(LIGHT, LEGEND_BUDGET), (DARK, LEGEND_SPENT)]
    group.add(_figure_head(fonts, width, top, BUDGET_CAPTION, legend, shift=80))
    y = top - 2 * CAPTION_SIZE - 14
    if not data.budgets:
        group.add(
            fonts.string(
                width / 2,
                y - _BUDGET_ROW / 2,
                NO_BUDGET,
                FontRole.FANGSONG,
                LABEL_SIZE,
                anchor="middle",
            )
        )
        return group
    for bar in data.budgets:
        group.add(_budget_row(bar, fonts, width, y))
        y -= _BUDGET_ROW
    group.add(fonts.string(0, y - LABEL_SIZE, BUDGET_NOTE, FontRole.FANGSONG, LABEL_SIZE - 1.5))
    return group


def _budget_row(bar: BudgetBar, fonts: _Fonts, width: float, top: float) -> Group:
    """The figure's name, then its budget bar over its spending bar, each with its amount; the
    longer of the two fills the room left for the numbers."""
    group = Group()
    middle = top - _BUDGET_ROW / 2
    group.add(
        fonts.string(
            _LABEL_WIDTH - _PAD,
            middle - LABEL_SIZE / 3,
            bar.label,
            FontRole.FANGSONG,
            LABEL_SIZE,
            anchor="end",
        )
    )
    left = _LABEL_WIDTH
    room = width - left - 120  # the amount and the rate print to the right of the bars
    largest = max(bar.budget.fen, bar.spent.fen if bar.spent is not None else 0, 1)
    group.add(Line(left, top - 4, left, top - _BUDGET_ROW + 4, strokeWidth=0.5))
    rows = [(LIGHT, bar.budget.fen, bar.budget.format()), (DARK, None, NOT_SPENT)]
    if bar.spent is not None:
        rate = bar.rate
        spent_text = bar.spent.format() + (
            f"（执行率 {points_text(rate)}%）" if rate is not None else ""
        )
        rows[1] = (DARK, bar.spent.fen, spent_text)
    y = middle + 1
    for colour, fen, text in rows:
        length = room * max(fen or 0, 0) / largest
        if fen is not None:
            group.add(
                Rect(left, y, length, _BAR, fillColor=colour, strokeColor=black, strokeWidth=0.3)
            )
        group.add(fonts.string(left + length + 4, y + 3.5, text, FontRole.FANGSONG, LABEL_SIZE - 1))
        y -= _BAR + 2
    return group


def chart_pdf(drawing: Drawing) -> bytes:
    """``drawing`` alone on a page of its size (with a small white border), as a PDF."""
    border = 8.0
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(drawing.width + 2 * border, drawing.height + 2 * border),
        initialFontName=drawing.initialFontName,  # not Helvetica, which would be referenced
    )
    renderPDF.draw(drawing, canvas, border, border)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
