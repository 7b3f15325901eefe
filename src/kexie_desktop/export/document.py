"""What the PDF says, in order: the report turned into a list of blocks (no ReportLab here).

Sections come from the schema (order, numbering, printed headings); the standard sentences
come from ``core.sentences``, so every figure printed inside a sentence is the structured
figure. The clerk's texts are split on line breaks into paragraphs and kept as plain text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from kexie_desktop.core import sentences
from kexie_desktop.core.findings import Finding
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row
from kexie_desktop.core.schema import SCHEMA, Field, Section, Table
from kexie_desktop.core.schema.other_budgets import OTHER_BUDGETS
from kexie_desktop.core.schema.performance import CLOSING_SECTIONS
from kexie_desktop.core.values import format_date
from kexie_desktop.export import styles
from kexie_desktop.export.styles import TextStyle

TRANSFER_CAPTION = "转移支付明细表"
TRANSFER_UNIT = "单位：万元"
TRANSFER_HEADER = ("序号", "项目及受助单位", "金额")
TRANSFER_TOTAL = "合计"
BLANK_DATE = "年　月　日"
EXPLANATIONS_HEADING = "附：审核提示及说明"


@dataclass(frozen=True)
class Where:
    """The part of the report a block prints, for messages and for jumping to the fields."""

    section: str
    label: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextBlock:
    style: TextStyle
    text: str  # one paragraph, no line breaks
    where: Where
    keep_with_next: bool = False


@dataclass(frozen=True)
class BlankBlock:
    style: TextStyle = styles.BODY
    keep_with_next: bool = True


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    styles: tuple[TextStyle, ...]


@dataclass(frozen=True)
class TableBlock:
    widths: tuple[float, ...]  # column widths; the last column takes what is left
    header: TableRow
    rows: tuple[TableRow, ...]
    where: Where


@dataclass(frozen=True)
class ClosingBlock:
    unit: str
    date: str
    where: Where


Block = TextBlock | BlankBlock | TableBlock | ClosingBlock


def paragraphs(text: str) -> list[str]:
    """The clerk's text as paragraphs: one per non-blank line, surrounding spaces removed."""
    lines = (line.strip(" \t\u3000") for line in text.splitlines())
    return [line for line in lines if line]


def where(section: Section) -> Where:
    fields: list[str] = []
    for part in section.walk():
        fields.extend(item.key for item in part.items if isinstance(item, Field | Table))
    return Where(section.key, section.heading, tuple(fields))


class _Story:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def text(self, style: TextStyle, text: str, at: Where, *, keep: bool = False) -> None:
        for paragraph in paragraphs(text):
            self.blocks.append(TextBlock(style, paragraph, at, keep_with_next=keep))

    def heading(self, style: TextStyle, text: str, at: Where) -> None:
        self.text(style, text, at, keep=True)


def title_parts(report: Report) -> list[str]:
    """The title, broken where it means something when it needs two lines: after the year
    and unit name ("2021年度郴州市科学技术协会" / "本级整体支出绩效自评报告")."""
    title = report.title
    if _ems(title) <= styles.TEXT_WIDTH / styles.SIZE_2HAO:
        return [title]
    head = f"{report.year}年度{report.unit}" if report.year is not None else report.unit
    if report.unit and title.startswith(head) and len(title) > len(head):
        return [head, title[len(head) :]]
    return [title]


def _ems(text: str) -> float:
    """Width of ``text`` in ems: wide (CJK) characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def build_story(report: Report, findings: list[Finding]) -> list[Block]:
    """The report as blocks; ``findings`` are its checks (the explained warnings print)."""
    story = _Story()
    for part in title_parts(report):
        story.heading(styles.TITLE, part, Where("header", "标题", ("header.title",)))
    story.blocks.append(BlankBlock(keep_with_next=False))
    for section in SCHEMA.sections:
        if section.key == "header":
            continue
        story.heading(styles.HEADING_1, section.heading, where(section))
        _CONTENT.get(section.key, _generic)(story, report, section)
    _closing(story, report)
    _explanations(story, findings)
    return story.blocks


def _explanations(story: _Story, findings: list[Finding]) -> None:
    """The clerk's explanations of warnings (提示性审核), printed after the signature so the
    reviewer at the finance bureau reads them with the report."""
    explained = [f for f in findings if f.is_handled]
    if not explained:
        return
    at = Where("header", EXPLANATIONS_HEADING, tuple(f.key for f in explained))
    story.blocks.append(BlankBlock())
    story.heading(styles.HEADING_1, EXPLANATIONS_HEADING, at)
    for number, finding in enumerate(explained, start=1):
        explanation = " ".join(paragraphs(finding.explanation))
        story.text(styles.BODY, f"{number}. {finding.message}说明：{explanation}", at)


def _subsections(story: _Story, report: Report, section: Section) -> None:
    for subsection in section.subsections:
        story.heading(styles.HEADING_2, subsection.heading, where(subsection))
        _CONTENT.get(subsection.key, _generic)(story, report, subsection)


def _generic(story: _Story, report: Report, section: Section) -> None:
    """A section without a standard wording: its paragraph fields, in order."""
    for item in section.items:
        if isinstance(item, Field):
            story.text(styles.BODY, report.text(item.key), where(section))
    _subsections(story, report, section)


def _sentence(make: Callable[[Report], str]) -> Callable[[_Story, Report, Section], None]:
    def content(story: _Story, report: Report, section: Section) -> None:
        story.text(styles.BODY, make(report), where(section))

    return content


def _organization(story: _Story, report: Report, section: Section) -> None:
    story.text(styles.BODY, report.text("basics.organization"), where(section))


def _project(story: _Story, report: Report, section: Section) -> None:
    at = where(section)
    story.text(styles.BODY, sentences.project_spending(report), at)
    story.text(styles.BODY, sentences.transfers(report), at)
    table = transfer_table(report, at)
    if table is not None:
        story.blocks.append(BlankBlock(keep_with_next=True))
        story.heading(styles.TABLE_CAPTION, TRANSFER_CAPTION, at)
        story.heading(styles.TABLE_UNIT, TRANSFER_UNIT, at)
        story.blocks.append(table)
        story.blocks.append(BlankBlock(keep_with_next=False))


def _other_budget(story: _Story, report: Report, section: Section) -> None:
    story.text(styles.BODY, sentences.other_budget(report, section), where(section))


def _performance(story: _Story, report: Report, section: Section) -> None:
    at = where(section)
    story.text(styles.BODY, report.text("performance.opening"), at)
    for number, row in enumerate(report.rows("performance.items"), start=1):
        heading = _cell_text(row, "heading")
        text = _cell_text(row, "text")
        if heading:
            label = f"（{sentences.chinese_number(number)}）{heading}"
            story.heading(styles.HEADING_2, label, at)
        story.text(styles.BODY, text, at)
    story.text(styles.BODY, sentences.funds(report), at)


def _closing_section(story: _Story, report: Report, section: Section) -> None:
    story.text(styles.BODY, sentences.closing_text(report, f"{section.key}.text"), where(section))


def _closing(story: _Story, report: Report) -> None:
    # The last line of text goes with the signature: no page holds the signature alone.
    if story.blocks and isinstance(story.blocks[-1], TextBlock):
        last = story.blocks[-1]
        story.blocks[-1] = TextBlock(last.style, last.text, last.where, keep_with_next=True)
    for _ in range(styles.SEAL_ROOM_LINES):
        story.blocks.append(BlankBlock())
    date = report.date("header.date")
    story.blocks.append(
        ClosingBlock(
            unit=report.unit or sentences.MISSING,
            date=format_date(date) if date is not None else BLANK_DATE,
            where=Where("header", "落款", ("header.unit", "header.date")),
        )
    )


def transfer_table(report: Report, at: Where) -> TableBlock | None:
    """The 转移支付 groups as a table: each group, its recipients, subtotals and the total."""
    groups = report.rows("transfer.groups")
    if not groups:
        return None
    widths = (styles.TABLE_NUMBER_WIDTH, 0.0, styles.TABLE_AMOUNT_WIDTH)
    header = TableRow(
        (TRANSFER_HEADER[0], TRANSFER_HEADER[1], TRANSFER_HEADER[2]),
        (styles.TABLE_HEAD, styles.TABLE_HEAD, styles.TABLE_HEAD),
    )
    rows: list[TableRow] = []
    for number, group in enumerate(groups, start=1):
        rows.append(
            TableRow(
                (
                    sentences.chinese_number(number),
                    _cell_text(group, "name"),
                    _money_text(group.cells.get("subtotal")),
                ),
                (styles.TABLE_NUMBER, styles.TABLE_GROUP, styles.TABLE_AMOUNT),
            )
        )
        for index, item in enumerate(group.rows("items"), start=1):
            rows.append(
                TableRow(
                    (
                        str(index),
                        _cell_text(item, "recipient"),
                        _money_text(item.cells.get("amount")),
                    ),
                    (styles.TABLE_NUMBER, styles.TABLE_TEXT, styles.TABLE_AMOUNT),
                )
            )
    rows.append(
        TableRow(
            ("", TRANSFER_TOTAL, _money_text(report.money("transfer.total"))),
            (styles.TABLE_NUMBER, styles.TABLE_HEAD, styles.TABLE_AMOUNT),
        )
    )
    return TableBlock(widths, header, tuple(rows), at)


def _cell_text(row: Row, key: str) -> str:
    value = row.cells.get(key)
    return " ".join(paragraphs(value)) if isinstance(value, str) else ""


def _money_text(value: object) -> str:
    return value.format() if isinstance(value, Money) else sentences.MISSING


_CONTENT: dict[str, Callable[[_Story, Report, Section], None]] = {
    "basics": _subsections,
    "basics.duties": _sentence(sentences.duties),
    "basics.organization": _organization,
    "basics.staff": _sentence(sentences.staff),
    "general": _subsections,
    "general.basic": _sentence(sentences.basic_spending),
    "general.project": _project,
    "performance": _performance,
    **{section.key: _other_budget for section in OTHER_BUDGETS},
    **{section.key: _closing_section for section in CLOSING_SECTIONS},
}
