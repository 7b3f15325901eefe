"""The one evaluator of the scoring table: every leaf's score (typed, or computed from the
report's figures), the subtotal of every indicator, the total and its grade.

The findings (``core.checks.scores``), the live totals in the window, the printed table and
the sentence that quotes the total all read one ``ScoreSheet``, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kexie_desktop.core.money import Money, percent_of, total
from kexie_desktop.core.report import Report
from kexie_desktop.core.schema import ReportSchema, Term
from kexie_desktop.core.scorecard.model import (
    BoundFormula,
    Formula,
    Grade,
    Indicator,
    RatioFormula,
    Scorecard,
)
from kexie_desktop.core.values import format_percent

_PLACES = Decimal("0.01")


def points_text(value: Decimal) -> str:
    """Points as the table prints them: "4.5", "10", "89.99"."""
    return format_percent(value)


@dataclass(frozen=True)
class Computed:
    """What a formula found in the figures."""

    formula: Formula
    score: Decimal | None  # None: a figure it needs is blank or unreadable, or divides by 0
    explanation: str  # the formula with the figures: "（基本支出 + 项目支出）÷ 全年预算数 …"
    rate: Decimal | None = None  # ratio formulas: the computed percentage
    stated: Decimal | None = None  # the percentage typed elsewhere, if the formula names one
    fields: tuple[str, ...] = ()  # every figure involved

    @property
    def disagrees(self) -> bool:
        """The stated percentage differs from the computed rate by more than a rounding tail."""
        if self.rate is None or self.stated is None:
            return False
        return abs(self.stated - self.rate) > _PLACES


@dataclass(frozen=True)
class NodeScore:
    indicator: Indicator
    level: int  # 1 = 一级指标
    # A leaf: its score (None while not given); above: the sum of the scores given below it.
    score: Decimal | None
    complete: bool  # every leaf at or below this node has a score
    computed: Computed | None = None
    reason: str = ""

    @property
    def key(self) -> str:
        return self.indicator.key

    @property
    def over(self) -> bool:
        return self.score is not None and self.score > self.indicator.points

    @property
    def lost(self) -> Decimal:
        """Points not earned (0 while not scored)."""
        if self.score is None:
            return Decimal(0)
        return max(self.indicator.points - self.score, Decimal(0))


@dataclass(frozen=True)
class ScoreSheet:
    scorecard: Scorecard
    nodes: tuple[NodeScore, ...]  # in the tree's order, parents before their children
    total: Decimal  # the sum of the scores given so far
    complete: bool

    @property
    def grade(self) -> Grade:
        return self.scorecard.grade(self.total)

    def node(self, key: str) -> NodeScore:
        for node in self.nodes:
            if node.key == key:
                return node
        raise KeyError(key)

    def leaves(self) -> Iterator[NodeScore]:
        return (node for node in self.nodes if node.indicator.is_leaf)

    def top_level(self) -> Iterator[NodeScore]:
        return (node for node in self.nodes if node.level == 1)

    @property
    def missing(self) -> int:
        """Leaves without a score."""
        return sum(1 for node in self.leaves() if node.score is None)

    def outlook(self) -> str:
        """What would change the grade: "再得 1.5 分即为优"; at the top, the margin kept."""
        grades = self.scorecard.grades
        index = grades.index(self.grade)
        if index > 0:
            better = grades[index - 1]
            return f"再得 {points_text(better.minimum - self.total)} 分即为{better.name}"
        if len(grades) > 1 and self.total > self.grade.minimum:
            margin = self.total - self.grade.minimum
            return f"高出{self.grade.name}的下限 {points_text(margin)} 分"
        if len(grades) > 1:
            return f"再失 0.01 分即为{grades[1].name}"
        return ""

    def summary(self) -> str:
        """ "合计 92.5 分（优），再得 …" as the window and the CLI show it."""
        text = f"合计 {points_text(self.total)} 分（{self.grade.name}），{self.outlook()}"
        if not self.complete:
            text += f"；尚有 {self.missing} 项未评分，等级为暂定"
        return text


def score_sheet(report: Report) -> ScoreSheet | None:
    """The scoring table of ``report`` evaluated; None when its template has none."""
    scorecard = report.template.scorecard
    if scorecard is None:
        return None
    nodes: list[NodeScore] = []
    for top in scorecard.indicators:
        _score_node(top, 1, report, scorecard, nodes)
    top_nodes = [node for node in nodes if node.level == 1]
    return ScoreSheet(
        scorecard,
        tuple(nodes),
        sum((node.score or Decimal(0) for node in top_nodes), Decimal(0)),
        all(node.complete for node in top_nodes),
    )


def _score_node(
    indicator: Indicator, level: int, report: Report, card: Scorecard, out: list[NodeScore]
) -> NodeScore:
    if indicator.is_leaf:
        node = _score_leaf(indicator, level, report, card)
        out.append(node)
        return node
    place = len(out)
    out.append(NodeScore(indicator, level, None, False))  # replaced once the children are in
    children = [_score_node(child, level + 1, report, card, out) for child in indicator.children]
    given = [child.score for child in children if child.score is not None]
    node = NodeScore(
        indicator,
        level,
        sum(given, Decimal(0)) if given else None,
        all(child.complete for child in children),
    )
    out[place] = node
    return node


def _score_leaf(indicator: Indicator, level: int, report: Report, card: Scorecard) -> NodeScore:
    reason = report.text(card.reason_key(indicator)).strip()
    if indicator.formula is not None:
        computed = compute(indicator, report)
        return NodeScore(
            indicator, level, computed.score, computed.score is not None, computed, reason
        )
    score = report.percent(card.score_key(indicator))
    return NodeScore(indicator, level, score, score is not None, None, reason)


# -- formulas ----------------------------------------------------------------------------------


def compute(leaf: Indicator, report: Report) -> Computed:
    formula = leaf.formula
    if isinstance(formula, RatioFormula):
        return _ratio(leaf.points, formula, report)
    if isinstance(formula, BoundFormula):
        return _bound(leaf.points, formula, report)
    raise ValueError(f"{leaf.key} has no formula")


def _ratio(points: Decimal, formula: RatioFormula, report: Report) -> Computed:
    schema = report.schema
    fields = (*(t.key for t in formula.numerator), formula.denominator)
    stated = report.percent(formula.stated) if formula.stated else None
    if formula.stated:
        fields = (formula.stated, *fields)
    shown = f"{formula.label} = {_terms_label(schema, formula.numerator)} ÷ "
    shown += f"{schema.label(formula.denominator)} × 100%"
    numerator = figures_sum(report, formula.numerator)
    denominator = report.money(formula.denominator)
    if numerator is None or denominator is None or denominator.fen <= 0:
        return Computed(formula, None, f"{shown}（待填数字）", stated=stated, fields=fields)
    rate = percent_of(numerator, denominator)
    share = min(max(rate, Decimal(0)), formula.full_at) / formula.full_at
    score = (points * share).quantize(_PLACES, rounding=ROUND_HALF_UP)
    figures = f"{numerator.format()} ÷ {denominator.format()} = {format_percent(rate)}%"
    explanation = f"{shown}：{figures}，按比例得 {points_text(score)} 分"
    return Computed(formula, score, explanation, rate, stated, fields)


def _bound(points: Decimal, formula: BoundFormula, report: Report) -> Computed:
    schema = report.schema
    fields = (*(t.key for t in formula.value), formula.bound)
    shown = (
        f"{formula.label}：{_terms_label(schema, formula.value)} ≤ {schema.label(formula.bound)}"
    )
    value = figures_sum(report, formula.value)
    bound = report.money(formula.bound)
    if value is None or bound is None:
        return Computed(formula, None, f"{shown}（待填数字）", fields=fields)
    within = value <= bound
    verdict = "是" if within else "否"
    figures = f"{value.format()} {'≤' if within else '>'} {bound.format()} 万元"
    score = points if within else Decimal(0)
    explanation = f"{shown}？{figures}，{verdict}，得 {points_text(score)} 分"
    return Computed(formula, score, explanation, fields=fields)


def figures_sum(report: Report, terms: tuple[Term, ...]) -> Money | None:
    """The signed sum of the amounts ``terms`` name; None while one is blank or unreadable."""
    values = [report.money(term.key) for term in terms]
    if any(value is None for value in values):
        return None
    return total(
        [-v if term.negative else v for v, term in zip(values, terms, strict=True) if v is not None]
    )


def _terms_label(schema: ReportSchema, terms: tuple[Term, ...]) -> str:
    text = ""
    for index, term in enumerate(terms):
        # "其中：公用经费" heads an indented part in its form; in a formula it is the figure.
        label = schema.label(term.key).removeprefix("其中：")
        if index == 0:
            text = f"-{label}" if term.negative else label
        else:
            text += f" {'-' if term.negative else '+'} {label}"
    return f"（{text}）" if len(terms) > 1 else text
