"""What the PDF says, in order: the report turned into a list of blocks (no ReportLab here).

Sections, their order, numbering and printed headings come from the report's template, and so
does what each section prints (``core.template.render``): standard sentences whose figures are
the structured figures, the clerk's texts split on line breaks into paragraphs, tables.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kexie_desktop.core.findings import Finding
from kexie_desktop.core.report import Report
from kexie_desktop.core.schema import Field, Section, Table
from kexie_desktop.core.template.render import (
    Cell,
    CellRole,
    Paragraph,
    PrintedTable,
    Role,
    paragraphs,
    section_content,
)
from kexie_desktop.core.template.sentences import MISSING
from kexie_desktop.core.values import format_date
from kexie_desktop.export import styles
from kexie_desktop.export.scorecard_table import ATTACHMENT_MARK, attachment_title
from kexie_desktop.export.styles import TextStyle
from kexie_desktop.export.words import name_words

BLANK_DATE = "年　月　日"
EXPLANATIONS_HEADING = "附：审核提示及说明"
_CELL_STYLES = {
    CellRole.NUMBER: styles.TABLE_NUMBER,
    CellRole.GROUP: styles.TABLE_GROUP,
    CellRole.TEXT: styles.TABLE_TEXT,
    CellRole.AMOUNT: styles.TABLE_AMOUNT,
    CellRole.TOTAL_LABEL: styles.TABLE_HEAD,
}
_HEADING_STYLES = (styles.HEADING_1, styles.HEADING_2, styles.HEADING_3)


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
    # When given (joined, they are ``text``): lines break only between these, balanced.
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class BlankBlock:
    style: TextStyle = styles.BODY
    keep_with_next: bool = True


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    styles: tuple[TextStyle, ...]
    keep_with_next: bool = False  # printed on the same page as the row after it


@dataclass(frozen=True)
class TableBlock:
    widths: tuple[float, ...]  # column widths; columns of width 0 share what is left
    header: TableRow
    rows: tuple[TableRow, ...]
    where: Where


@dataclass(frozen=True)
class ClosingBlock:
    unit: str
    date: str
    where: Where


Block = TextBlock | BlankBlock | TableBlock | ClosingBlock


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
    """The title on one line when it fits, else broken where it means something (after the
    year and unit name: "2021年度郴州市科学技术协会" / "本级整体支出绩效自评报告")."""
    parts = report.title_parts()
    title = "".join(parts)
    if _ems(title) <= styles.TEXT_WIDTH / styles.SIZE_2HAO:
        return [title]
    return parts


def _ems(text: str) -> float:
    """Width of ``text`` in ems: wide (CJK) characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def build_story(report: Report, findings: list[Finding]) -> list[Block]:
    """The report as blocks; ``findings`` are its checks (the explained warnings print)."""
    story = _Story()
    title_where = Where("", "标题", (report.template.roles.title,))
    for part in title_parts(report):
        # Each part breaks only between the words of the unit name, in lines of about
        # equal length (GB/T 9704 7.3.1: 词意完整，排列对称).
        story.blocks.append(
            TextBlock(styles.TITLE, part, title_where, keep_with_next=True, words=name_words(part))
        )
    story.blocks.append(BlankBlock(keep_with_next=False))
    for section in report.schema.sections:
        _section(story, report, section, depth=0)
    _closing(story, report)
    _explanations(story, findings)
    return story.blocks


def _section(story: _Story, report: Report, section: Section, depth: int) -> None:
    at = where(section)
    if section.printed:
        style = _HEADING_STYLES[min(depth, len(_HEADING_STYLES) - 1)]
        story.heading(style, section.heading, at)
    for content in section_content(report, section.key):
        if isinstance(content, Paragraph):
            if content.role is Role.SUBHEADING:
                story.heading(_HEADING_STYLES[min(depth + 1, 2)], content.text, at)
            else:
                story.text(styles.BODY, content.text, at)
        else:
            _table(story, content, at)
    for subsection in section.subsections:
        _section(story, report, subsection, depth + 1)


def _table(story: _Story, table: PrintedTable, at: Where) -> None:
    widths = tuple(
        styles.TABLE_NUMBER_WIDTH if index == 0 else (styles.TABLE_AMOUNT_WIDTH if numeric else 0.0)
        for index, numeric in enumerate(table.numeric)
    )
    header = TableRow(table.header, tuple(styles.TABLE_HEAD for _ in table.header))
    rows = tuple(
        TableRow(
            tuple(cell.text for cell in row),
            tuple(_CELL_STYLES[cell.role] for cell in row),
            keep_with_next=_keeps_with_next(table.rows, index),
        )
        for index, row in enumerate(table.rows)
    )
    story.blocks.append(BlankBlock(keep_with_next=True))
    story.heading(styles.TABLE_CAPTION, table.caption, at)
    if table.unit:
        story.heading(styles.TABLE_UNIT, table.unit, at)
    story.blocks.append(TableBlock(widths, header, rows, at))
    story.blocks.append(BlankBlock(keep_with_next=False))


def _keeps_with_next(rows: tuple[tuple[Cell, ...], ...], index: int) -> bool:
    """A group row goes with its first item, and the last row with the total under it: no
    page ends on a group's name, and no page holds the total alone."""
    following = rows[index + 1] if index + 1 < len(rows) else None
    return _has_role(rows[index], CellRole.GROUP) or (
        following is not None and _has_role(following, CellRole.TOTAL_LABEL)
    )


def _has_role(row: tuple[Cell, ...], role: CellRole) -> bool:
    return any(cell.role is role for cell in row)


def _explanations(story: _Story, findings: list[Finding]) -> None:
    """The clerk's explanations of warnings (提示性审核), printed after the signature so the
    reviewer at the finance bureau reads them with the report."""
    explained = [f for f in findings if f.is_handled]
    if not explained:
        return
    at = Where("", EXPLANATIONS_HEADING, tuple(f.key for f in explained))
    story.blocks.append(BlankBlock())
    story.heading(styles.HEADING_1, EXPLANATIONS_HEADING, at)
    for number, finding in enumerate(explained, start=1):
        explanation = " ".join(paragraphs(finding.explanation))
        story.text(styles.BODY, f"{number}. {finding.message}说明：{explanation}", at)


def _closing(story: _Story, report: Report) -> None:
    # The last line of text goes with the signature: no page holds the signature alone.
    if story.blocks and isinstance(story.blocks[-1], TextBlock):
        last = story.blocks[-1]
        story.blocks[-1] = TextBlock(last.style, last.text, last.where, keep_with_next=True)
    attachment = attachment_title(report)
    if attachment is not None:
        # GB/T 9704 7.3.3 附件说明: under the text after a blank line, indented two
        # characters, "附件：" and the attachment's name without closing punctuation.
        story.blocks.append(BlankBlock(keep_with_next=True))
        card = report.template.scorecard
        at = Where(card.section if card is not None else "", "附件说明")
        # Broken only between words: of the unit's name, and before the table's name.
        words = (*name_words(f"{ATTACHMENT_MARK}：{attachment[0]}"), *attachment[1:])
        story.blocks.append(
            TextBlock(styles.ATTACHMENT_NOTE, "".join(words), at, keep_with_next=True, words=words)
        )
    for _ in range(styles.SEAL_ROOM_LINES):
        story.blocks.append(BlankBlock())
    roles = report.template.roles
    date = report.date
    story.blocks.append(
        ClosingBlock(
            unit=report.unit or MISSING,
            date=format_date(date) if date is not None else BLANK_DATE,
            where=Where("", "落款", (roles.unit, roles.date)),
        )
    )
    note = report.template.closing_note
    if note is not None:
        # GB/T 9704 7.3.6 附注: under the date, indented two characters, in parentheses.
        story.text(styles.BODY, note.render(report), Where("", "附注"))
