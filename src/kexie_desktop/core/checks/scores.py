"""Checks of the scoring table (自评表), read from its one evaluation (``score_sheet``).

- a score above the leaf's points: error (a score below 0 cannot be typed);
- a score below full marks without a 扣分原因: warning (a computed leaf explains itself);
- a computed rate that disagrees with the percentage typed elsewhere: error naming both.
A leaf without a score is a required entry left empty (``entries``), shown as progress.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from kexie_desktop.core.findings import Finding, Severity
from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import NodeScore, ScoreSheet, points_text
from kexie_desktop.core.values import format_percent

OVER = "score.over"
NO_REASON = "score.reason"
DISAGREES = "score.stated"


def check_scores(report: Report, sheet: ScoreSheet | None) -> Iterator[Finding]:
    if sheet is None:
        return
    card = sheet.scorecard
    for node in sheet.leaves():
        leaf = node.indicator
        name = f"自评表“{leaf.name}”"
        if node.over and node.score is not None:
            yield Finding(
                OVER,
                Severity.ERROR,
                card.section,
                (card.score_key(leaf),),
                f"{name}得分 {points_text(node.score)} 分，超过其分值 {points_text(leaf.points)} 分。",
                expected=leaf.points,
                actual=node.score,
                subject=leaf.key,
            )
        elif node.lost and node.computed is None and not node.reason:
            yield Finding(
                NO_REASON,
                Severity.WARNING,
                card.section,
                (card.reason_key(leaf), card.score_key(leaf)),
                f"{name}得 {points_text(node.score or Decimal(0))} 分，比分值 {points_text(leaf.points)} 分"
                f"少 {points_text(node.lost)} 分，请填写扣分原因。",
                subject=leaf.key,
            )
        yield from _disagreement(report, node, card.section)


def _disagreement(report: Report, node: NodeScore, section: str) -> Iterator[Finding]:
    computed = node.computed
    if computed is None or not computed.disagrees:
        return
    stated, rate = computed.stated, computed.rate
    if stated is None or rate is None:
        return
    stated_key = computed.fields[0]
    label = report.schema.label(stated_key)
    where = report.schema.section_of(stated_key)
    yield Finding(
        DISAGREES,
        Severity.ERROR,
        section,
        computed.fields,
        f"自评表“{node.indicator.name}”按数字计算为 {format_percent(rate)}%"
        f"（{computed.explanation}），"
        f"与{where.number}{where.title}中“{label}”所填 {format_percent(stated)}% 不一致，"
        f"相差 {format_percent(abs(stated - rate))} 个百分点。",
        expected=rate,
        actual=stated,
        difference=stated - rate,
        subject=node.indicator.key,
    )
