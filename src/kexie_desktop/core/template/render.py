"""What a section of a report prints, in words and rows: its template's print blocks applied
to the report. The PDF typesets this (``export.document``); the window shows the standard
sentences of the section under its form, from the same rendering.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row
from kexie_desktop.core.schema import Table
from kexie_desktop.core.template.model import RowsBlock, SentenceBlock, TableBlock
from kexie_desktop.core.template.sentences import MISSING, chinese_number, row_scope
from kexie_desktop.core.textinput import says_none
from kexie_desktop.core.values import Kind, Value, display


class Role(Enum):
    BODY = "body"
    SUBHEADING = "subheading"  # a numbered row heading inside a section: "（一）…"


@dataclass(frozen=True)
class Paragraph:
    role: Role
    text: str  # one paragraph, no line breaks


class CellRole(Enum):
    NUMBER = "number"
    GROUP = "group"  # a row that has nested rows under it
    TEXT = "text"
    AMOUNT = "amount"  # a figure: right-aligned
    TOTAL_LABEL = "total_label"


@dataclass(frozen=True)
class Cell:
    text: str
    role: CellRole


@dataclass(frozen=True)
class PrintedTable:
    caption: str
    unit: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[bool, ...]  # per column: holds figures (a narrow, right-aligned column)


Content = Paragraph | PrintedTable


def paragraphs(text: str) -> list[str]:
    """A text as paragraphs: one per non-blank line, surrounding spaces removed."""
    lines = (line.strip(" \t\u3000") for line in text.splitlines())
    return [line for line in lines if line]


def section_content(report: Report, section_key: str) -> list[Content]:
    """Everything the section prints below its heading (not its subsections)."""
    content: list[Content] = []
    for block in report.template.blocks(section_key):
        match block:
            case SentenceBlock():
                content += _body(sentence_text(report, block))
            case RowsBlock():
                content += _rows(report, block)
            case TableBlock():
                table = printed_table(report, block)
                if table is not None:
                    content.append(table)
    return content


def sentence_text(report: Report, block: SentenceBlock) -> str:
    text = block.sentence.render(report)
    return block.none if block.none and says_none(text) else text


def preview(report: Report, section_key: str) -> str | None:
    """The standard sentences a section prints, for the window; None when it has none (a
    section whose blocks only print the clerk's own text as it is)."""
    blocks = [
        block
        for block in report.template.blocks(section_key)
        if isinstance(block, SentenceBlock) and block.sentence.has_wording
    ]
    if not blocks:
        return None
    return "\n".join(text for block in blocks if (text := sentence_text(report, block).strip()))


def _body(text: str) -> list[Content]:
    return [Paragraph(Role.BODY, paragraph) for paragraph in paragraphs(text)]


def _rows(report: Report, block: RowsBlock) -> Iterator[Content]:
    table = report.schema.table(block.table)
    for number, row in enumerate(report.rows(block.table), start=1):
        scope = {"row": row_scope(table, row), "n": number}
        heading = " ".join(paragraphs(block.heading.render(report, **scope)))
        if heading:
            yield Paragraph(Role.SUBHEADING, heading)
        yield from _body(block.body.render(report, **scope))


def printed_table(report: Report, block: TableBlock) -> PrintedTable | None:
    """The table's rows, nested rows under their parent, and the total row; None when empty."""
    table = report.schema.table(block.table)
    rows = report.rows(block.table)
    if not rows:
        return None
    levels = list(table.levels())
    printed: list[tuple[Cell, ...]] = []
    for number, row in enumerate(rows, start=1):
        # Groups with rows under them are numbered 一、二, their rows 1, 2 (as in 公文 tables).
        label = chinese_number(number) if len(levels) > 1 else str(number)
        printed.extend(_tree_rows(block, levels, 0, row, label))
    numeric = tuple(
        any(_is_figure(level, cell) for level, cell in zip(levels, column.cells, strict=False))
        for column in block.columns
    )
    if block.total_field:
        total = report.get(block.total_field)
        cells = [Cell("", CellRole.NUMBER)]
        for index, is_numeric in enumerate(numeric):
            if index == 0:
                cells.append(Cell(block.total_label, CellRole.TOTAL_LABEL))
            else:
                text = _money_text(total) if is_numeric and index == len(numeric) - 1 else ""
                cells.append(Cell(text, CellRole.AMOUNT))
        printed.append(tuple(cells))
    header = (block.number_head, *(column.head for column in block.columns))
    return PrintedTable(block.caption, block.unit, header, tuple(printed), (False, *numeric))


def _tree_rows(
    block: TableBlock, levels: list[Table], depth: int, row: Row, number: str
) -> Iterator[tuple[Cell, ...]]:
    level = levels[depth]
    cells = [Cell(number, CellRole.NUMBER)]
    for column in block.columns:
        key = column.cells[depth] if depth < len(column.cells) else ""
        cells.append(_cell(level, row, key, group=depth + 1 < len(levels)))
    yield tuple(cells)
    for child in level.children:
        for index, item in enumerate(row.rows(child.key), start=1):
            yield from _tree_rows(block, levels, depth + 1, item, str(index))


def _cell(table: Table, row: Row, key: str, *, group: bool) -> Cell:
    if not key:
        return Cell("", CellRole.TEXT)
    column = table.column(key)
    value = row.cells.get(key)
    if column.kind is Kind.MONEY:
        return Cell(_money_text(value), CellRole.AMOUNT)
    if column.kind in (Kind.COUNT, Kind.PERCENT, Kind.YEAR):
        return Cell(display(column.kind, value), CellRole.AMOUNT)
    text = " ".join(paragraphs(display(column.kind, value)))
    return Cell(text, CellRole.GROUP if group else CellRole.TEXT)


def _is_figure(table: Table, key: str) -> bool:
    return bool(key) and table.column(key).kind in (Kind.MONEY, Kind.COUNT, Kind.PERCENT)


def _money_text(value: Value) -> str:
    return value.format() if isinstance(value, Money) else MISSING
