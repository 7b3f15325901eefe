"""The scoring table (自评表): its indicator tree (``model``) and its one evaluator
(``evaluate``)."""

from kexie_desktop.core.scorecard.evaluate import (
    Computed,
    NodeScore,
    ScoreSheet,
    points_text,
    score_sheet,
)
from kexie_desktop.core.scorecard.model import (
    BoundFormula,
    ChartFigure,
    Formula,
    Grade,
    Indicator,
    RatioFormula,
    Scorecard,
)

__all__ = [
    "BoundFormula",
    "ChartFigure",
    "Computed",
    "Formula",
    "Grade",
    "Indicator",
    "NodeScore",
    "RatioFormula",
    "ScoreSheet",
    "Scorecard",
    "points_text",
    "score_sheet",
]
