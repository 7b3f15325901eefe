"""What the printed scoring table (自评表) says, cell by cell (no ReportLab here): the attachment's
title, the section's own figures, and one row per leaf indicator with the upper levels' names
in cells merged down over their leaves, a subtotal row after each first-level indicator and
the total with its grade at the end. Every number comes from the one evaluator.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kexie_desktop.core.report import Report
from kexie_desktop.core.schema import Field
from kexie_desktop.core.scorecard import NodeScore, ScoreSheet, points_text, score_sheet
from kexie_desktop.core.template.sentences import MISSING, amount
from kexie_desktop.core.values import Kind, display

ATTACHMENT_MARK = "附件"
HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "分值",
    "评分标准（指标解释）",
    "自评得分",
    "扣分原因",
)
LEVELS = 3  # name columns: 一级, 二级, 三级
POINTS, CRITERION, SCORE, REASON = 3, 4, 5, 6
SUBTOTAL = "小计"
TOTAL = "合计"


class RowKind(Enum):
    LEAF = "leaf"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass(frozen=True)
class Cell:
    text: str  # a line break starts a new line in the cell
    first: int  # the columns it covers, ``first`` to ``last``
    last: int
    # Name cells of the upper levels: consecutive rows with the same ``merge`` key in a column
    # are one cell, drawn once over all of them (per page). "" for an ordinary cell.
    merge: str = ""


@dataclass(frozen=True)
class ScoreRow:
    kind: RowKind
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class ScoreTable:
    title: str  # "2021年度郴州市科学技术协会部门整体支出绩效自评表"
    title_words: tuple[str, ...]  # where the title may break: year and unit, then the table
    figures: str  # the section's own figures in a sentence, "" when none is filled in
    rows: tuple[ScoreRow, ...]
    sheet: ScoreSheet

    def lines(self) -> list[str]:
        """The table as text, one line per row, its cells joined by " | " (golden files)."""
        lines = [ATTACHMENT_MARK, self.title]
        if self.figures:
            lines.append(self.figures)
        lines.append(" | ".join(HEADER))
        lines.extend(
            " | ".join(cell.text.replace("\n", " ") for cell in row.cells) for row in self.rows
        )
        return lines


def scorecard_table(report: Report) -> ScoreTable | None:
    """The printed scoring table of ``report``; None when its template has none."""
    sheet = score_sheet(report)
    if sheet is None:
        return None
    words = attachment_title(report) or ()
    rows: list[ScoreRow] = []
    for top in sheet.top_level():
        rows.extend(_group_rows(sheet, top))
        rows.append(_subtotal_row(top))
    rows.append(_total_row(sheet))
    return ScoreTable("".join(words), words, _figures(report), tuple(rows), sheet)


def attachment_title(report: Report) -> tuple[str, ...] | None:
    """The attachment's name in the parts it may break between: ("2021年度郴州市科学技术协会",
    "部门整体支出绩效自评表"); None without a scoring table."""
    card = report.template.scorecard
    if card is None:
        return None
    return tuple(part for part in (_title_head(report), card.title) if part)


def _title_head(report: Report) -> str:
    head = f"{report.year}年度" if report.year is not None else ""
    return head + report.unit


def _name(node: NodeScore) -> str:
    """An upper level's merged cell: its name, and its points on a line of their own."""
    return f"{node.indicator.name}\n{points_text(node.indicator.points)}分"


def _group_rows(sheet: ScoreSheet, top: NodeScore) -> list[ScoreRow]:
    """A row per leaf under ``top``; each row names the leaf's ancestors in merged cells."""
    rows = []
    path: list[NodeScore] = []
    start = sheet.nodes.index(top)
    for node in sheet.nodes[start:]:
        if node is not top and node.level == 1:
            break
        del path[node.level - 1 :]
        path.append(node)
        if node.indicator.is_leaf:
            rows.append(_leaf_row(path))
    return rows


def _leaf_row(path: list[NodeScore]) -> ScoreRow:
    leaf = path[-1]
    cells = [
        Cell(_name(node), level, level, merge=node.key) for level, node in enumerate(path[:-1])
    ]
    # A leaf above the third level takes the name columns to its right as well.
    cells.append(Cell(leaf.indicator.name, len(path) - 1, LEVELS - 1))
    reason = leaf.reason or (leaf.computed.explanation if leaf.computed is not None else "")
    score = "" if leaf.score is None else points_text(leaf.score)
    cells += [
        Cell(points_text(leaf.indicator.points), POINTS, POINTS),
        Cell(leaf.indicator.criterion, CRITERION, CRITERION),
        Cell(score, SCORE, SCORE),
        Cell(" ".join(reason.split("\n")), REASON, REASON),
    ]
    return ScoreRow(RowKind.LEAF, tuple(cells))


def _subtotal_row(top: NodeScore) -> ScoreRow:
    score = "" if top.score is None else points_text(top.score)
    return ScoreRow(
        RowKind.SUBTOTAL,
        (
            Cell(_name(top), 0, 0, merge=top.key),
            Cell(SUBTOTAL, 1, LEVELS - 1),
            Cell(points_text(top.indicator.points), POINTS, POINTS),
            Cell("", CRITERION, CRITERION),
            Cell(score, SCORE, SCORE),
            Cell("", REASON, REASON),
        ),
    )


def total_text(sheet: ScoreSheet) -> str:
    """ "合计 96.15 分，等级：优"; while leaves are unscored the grade is marked provisional."""
    text = f"{TOTAL} {points_text(sheet.total)} 分，等级：{sheet.grade.name}"
    if not sheet.complete:
        text += f"（暂定，尚有 {sheet.missing} 项未评分）"
    return text


def _total_row(sheet: ScoreSheet) -> ScoreRow:
    return ScoreRow(
        RowKind.TOTAL,
        (
            Cell(TOTAL, 0, LEVELS - 1),
            Cell(points_text(sheet.scorecard.points), POINTS, POINTS),
            Cell(total_text(sheet), CRITERION, CRITERION),
            Cell(points_text(sheet.total), SCORE, SCORE),
            Cell("", REASON, REASON),
        ),
    )


def _figures(report: Report) -> str:
    """The scoring section's own fields (全年预算数 …) that are filled in, in one sentence."""
    card = report.template.scorecard
    if card is None:
        return ""
    parts = []
    for section in report.schema.section(card.section).walk():
        for item in section.items:
            if not isinstance(item, Field) or card.leaf_of(item.key) is not None:
                continue
            shown = _shown(item, report)
            if shown:
                parts.append(f"{item.label}{shown}")
    return "，".join(parts) + "。" if parts else ""


def _shown(field: Field, report: Report) -> str:
    value = report.get(field.key)
    if value is None:
        return ""
    if field.kind is Kind.MONEY:
        money = report.money(field.key)
        return amount(money) if money is not None else MISSING
    text = " ".join(display(field.kind, value).split("\n")).strip()
    if field.kind is Kind.PERCENT and text:
        return f"{text}%"
    return f"{text}{field.unit}" if text else ""
