"""What the chart page shows, as numbers (no ReportLab here): each first-level indicator's
score against its points, straight from the one evaluator, and budget against spending for
the figures the template names. The printed chart and the window's picture both draw these.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kexie_desktop.core.money import Money, percent_of
from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import ScoreSheet, score_sheet
from kexie_desktop.core.scorecard.evaluate import figures_sum


@dataclass(frozen=True)
class ScoreBar:
    name: str  # "决策"
    points: Decimal
    score: Decimal | None  # None: nothing below it scored yet


@dataclass(frozen=True)
class BudgetBar:
    label: str  # "基本支出"
    budget: Money
    spent: Money | None  # None: a figure it adds up is blank

    @property
    def rate(self) -> Decimal | None:
        """Spending as a percentage of the budget, two decimals; None without both."""
        if self.spent is None or self.budget.fen <= 0:
            return None
        return percent_of(self.spent, self.budget)


@dataclass(frozen=True)
class ChartData:
    sheet: ScoreSheet
    scores: tuple[ScoreBar, ...]
    budgets: tuple[BudgetBar, ...]  # only figures whose budget is filled in


def chart_data(report: Report) -> ChartData | None:
    """The chart's numbers; None when the report's template has no scoring table."""
    sheet = score_sheet(report)
    if sheet is None:
        return None
    scores = tuple(
        ScoreBar(node.indicator.name, node.indicator.points, node.score)
        for node in sheet.top_level()
    )
    budgets = []
    for figure in sheet.scorecard.chart_figures:
        budget = report.money(figure.budget)
        if budget is None:
            continue  # nothing to compare against: the figure is left out
        budgets.append(BudgetBar(figure.label, budget, figures_sum(report, figure.spent)))
    return ChartData(sheet, scores, tuple(budgets))
