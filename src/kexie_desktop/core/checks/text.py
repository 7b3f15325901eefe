"""Checks of the clerk's own words, field by field: half-width punctuation in Chinese text
(with a correction the window applies in one click), quotes and brackets that do not pair up,
dates that are not dates, a paragraph left without its closing mark, characters no font can
print, and last year's year left in text copied from last year's report.

Each finding names the field (or table cell) and carries the places in its text
(``Finding.spans``) so the window can select them. Whether a character can be printed depends
on the fonts, which core cannot see: the caller passes ``printable``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sized
from dataclasses import dataclass, replace

from kexie_desktop.core.checks.text_dates import date_slips, previous_year_mentions
from kexie_desktop.core.checks.text_marks import half_width_marks, to_full_width, unpaired_marks
from kexie_desktop.core.findings import Finding, Severity, TextFix, TextSpan
from kexie_desktop.core.report import Report, Row, cell_path, row_path
from kexie_desktop.core.schema import Table
from kexie_desktop.core.template.model import RowsBlock, SentenceBlock
from kexie_desktop.core.textinput import says_none
from kexie_desktop.core.values import Kind

Printable = Callable[[str], bool]

HALF_WIDTH = "text.half_width"
UNPAIRED = "text.unpaired"
BAD_DATE = "text.bad_date"
OPEN_END = "text.open_end"
UNPRINTABLE = "text.unprintable"
PREVIOUS_YEAR = "text.previous_year"

FIX_LABEL = "改为全角标点"
# A paragraph may end with any of these (a closing quote or bracket after the full stop).
_CLOSING = "。！？；：…”’）》】」』〕.!?;:)\"'"
_LISTED = 3  # places quoted in a message; the rest are counted
_TEXT_KINDS = (Kind.TEXT, Kind.PARAGRAPH)
# A sentence that ends by printing a field as it is: "{{ section.field }}", "{{ row.column }}".
_ENDS_WITH_FIELD = re.compile(r"\{\{-?\s*([A-Za-z_][\w.]*)\s*-?\}\}\s*$")


@dataclass(frozen=True, slots=True)
class _Text:
    path: str
    quoted: str  # the field as the clerk knows it: “开头段落”, 分项绩效第2行的“内容”
    section: str
    text: str
    paragraph: bool  # a long text (printed as paragraphs), not a one-line entry
    ends_paragraph: bool  # printed at the end of a paragraph: its last line needs a closing mark


def check_text(report: Report, printable: Printable | None = None) -> Iterator[Finding]:
    seen: dict[str, bool] = {}

    def can_print(char: str) -> bool:
        if char not in seen:
            seen[char] = printable is None or printable(char)
        return seen[char]

    for text in _texts(report):
        yield from _half_width(text)
        yield from _unpaired(text)
        yield from _dates(text)
        if text.paragraph and not says_none(text.text):
            yield from _open_end(text)
        if printable is not None:  # without the fonts, characters are not checked
            yield from _unprintable(text, can_print)
        if report.year is not None:
            yield from _previous_year(text, report.year)


# -- the texts of a report ---------------------------------------------------------------------


def _texts(report: Report) -> Iterator[_Text]:
    schema = report.schema
    ending = _paragraph_endings(report)
    for field in schema.fields():
        value = report.get(field.key)
        if field.kind in _TEXT_KINDS and isinstance(value, str) and value.strip():
            yield _Text(
                field.key,
                f"“{field.label}”",
                schema.section_of(field.key).key,
                value,
                field.kind is Kind.PARAGRAPH,
                (field.key, "") in ending,
            )
    for table in schema.tables():
        section = schema.section_of(table.key).key
        rows = report.rows(table.key)
        yield from _table_texts(
            table, rows, path=table.key, where=table.label, section=section, ending=ending
        )


def _table_texts(
    table: Table,
    rows: list[Row],
    *,
    path: str,
    where: str,  # the rows' place for the clerk: "转移支付项目第1行的受助单位"
    section: str,
    ending: set[tuple[str, str]],
) -> Iterator[_Text]:
    for index, row in enumerate(rows, start=1):
        this_row = row_path(path, row.id)
        row_name = f"{where}第{index}行"
        for column in table.columns:
            value = row.cells.get(column.key)
            if column.kind in _TEXT_KINDS and isinstance(value, str) and value.strip():
                yield _Text(
                    cell_path(this_row, column.key),
                    f"{row_name}的“{column.label}”",
                    section,
                    value,
                    column.kind is Kind.PARAGRAPH,
                    (path, column.key) in ending,
                )
        for child in table.children:
            yield from _table_texts(
                child,
                row.rows(child.key),
                path=f"{this_row}.{child.key}",
                where=f"{row_name}的{child.label}",
                section=section,
                ending=ending,
            )


def _paragraph_endings(report: Report) -> set[tuple[str, str]]:
    """The fields (key, "") and columns (table key, column) the template prints as the end of
    a paragraph. A field inside wording ("主要用于{{ section.field|phrase }}。") is not one."""
    ending: set[tuple[str, str]] = set()
    for blocks in report.template.printing.values():
        for block in blocks:
            if isinstance(block, SentenceBlock):
                match = _ENDS_WITH_FIELD.search(block.sentence.source)
                if match:
                    ending.add((match.group(1), ""))
            elif isinstance(block, RowsBlock):
                match = _ENDS_WITH_FIELD.search(block.body.source)
                if match and match.group(1).startswith("row."):
                    ending.add((block.table, match.group(1).removeprefix("row.")))
    return ending


# -- the checks --------------------------------------------------------------------------------


def _finding(
    rule: str, severity: Severity, text: _Text, message: str, spans: list[tuple[int, int]]
) -> Finding:
    return Finding(
        rule,
        severity,
        text.section,
        (text.path,),
        message,
        subject=text.path,
        spans=tuple(TextSpan(text.path, start, end) for start, end in spans),
    )


def _half_width(text: _Text) -> Iterator[Finding]:
    offsets = half_width_marks(text.text)
    if not offsets:
        return
    spans = [(i, i + 1) for i in offsets]
    examples = "、".join(f"“{_around(text.text, i, i + 1)}”" for i in offsets[:_LISTED])
    finding = _finding(
        HALF_WIDTH,
        Severity.WARNING,
        text,
        f"{text.quoted}中有 {len(offsets)} 处半角标点，如{examples}{_etc(offsets)}。"
        "中文行文应使用全角标点（，；：？！（））。",
        spans,
    )
    fix = TextFix(text.path, text.text, to_full_width(text.text, offsets), FIX_LABEL)
    yield replace(finding, fix=fix)


def _unpaired(text: _Text) -> Iterator[Finding]:
    marks = unpaired_marks(text.text)
    if not marks:
        return
    listed = "；".join(
        f"“{_around(text.text, m.offset, m.offset + 1)}”中的{m.mark}"
        f"{'后面缺少' if m.is_opening else '前面缺少'}与之配对的{m.partner}"
        for m in marks[:_LISTED]
    )
    yield _finding(
        UNPAIRED,
        Severity.WARNING,
        text,
        f"{text.quoted}中有 {len(marks)} 处引号或括号不配对：{listed}{_etc(marks)}。",
        [(m.offset, m.offset + 1) for m in marks],
    )


def _dates(text: _Text) -> Iterator[Finding]:
    slips = date_slips(text.text)
    if not slips:
        return
    listed = "；".join(f"“{text.text[s.start : s.end]}”{s.advice}" for s in slips[:_LISTED])
    yield _finding(
        BAD_DATE,
        Severity.WARNING,
        text,
        f"{text.quoted}中有 {len(slips)} 处日期有误：{listed}{_etc(slips)}",
        [(s.start, s.end) for s in slips],
    )


def _open_end(text: _Text) -> Iterator[Finding]:
    lines = _lines(text.text)
    checked = lines if text.ends_paragraph else lines[:-1]
    open_ends = [end for _, end in checked if text.text[end - 1] not in _CLOSING]
    if not open_ends:
        return
    tails = "、".join(f"“…{text.text[max(0, end - 8) : end]}”" for end in open_ends[:_LISTED])
    yield _finding(
        OPEN_END,
        Severity.INFO,
        text,
        f"{text.quoted}有 {len(open_ends)} 段末尾没有标点：{tails}{_etc(open_ends)}。"
        "段落一般以“。”结束。",
        [(end - 1, end) for end in open_ends],
    )


def _unprintable(text: _Text, can_print: Callable[[str], bool]) -> Iterator[Finding]:
    # Each distinct character asked once (a paragraph repeats most of its characters).
    bad = {
        char
        for char in set(text.text)
        if not char.isspace() and unicodedata.category(char) != "Cc" and not can_print(char)
    }
    if not bad:
        return
    places = [i for i, char in enumerate(text.text) if char in bad]
    chars = list(dict.fromkeys(text.text[i] for i in places))
    listed = "、".join(f"“{char}”（U+{ord(char):04X}）" for char in chars)
    yield _finding(
        UNPRINTABLE,
        Severity.ERROR,
        text,
        f"{text.quoted}中的字符{listed}在可用的字体中都没有，导出的 PDF 中会显示为空白或方框。"
        "请改用常用字或其他写法。",
        [(i, i + 1) for i in places],
    )


def _previous_year(text: _Text, year: int) -> Iterator[Finding]:
    places = previous_year_mentions(text.text, year)
    if not places:
        return
    listed = "、".join(f"“{_around(text.text, start, end)}”" for start, end in places[:_LISTED])
    yield _finding(
        PREVIOUS_YEAR,
        Severity.WARNING,
        text,
        f"本报告为{year}年度，{text.quoted}中有 {len(places)} 处写的是{year - 1}年："
        f"{listed}{_etc(places)}。可能是沿用上年报告的文字，请核对。",
        places,
    )


# -- wording -----------------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line without its surrounding spaces, as printed."""
    found = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip(" \t\u3000\r")
        if stripped:
            first = start + line.index(stripped)
            found.append((first, first + len(stripped)))
        start += len(line) + 1
    return found


def _around(text: str, start: int, end: int, width: int = 6) -> str:
    """The place with a few characters either side, for quoting in a message."""
    left, right = max(0, start - width), min(len(text), end + width)
    snippet = " ".join(text[left:right].split())
    return f"{'…' if left else ''}{snippet}{'…' if right < len(text) else ''}"


def _etc(places: Sized) -> str:
    """ "等" after the places quoted, when there are more than are quoted."""
    return "等" if len(places) > _LISTED else ""
