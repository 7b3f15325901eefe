"""Page breaking: no paragraph leaves one line alone at the foot or head of a page, a heading
goes with its first lines, a table's caption and header with its first row, a group row with
its first item; and the 22-line grid is kept (a page ends short rather than squeeze).

First on blocks typeset and paginated (many shapes, fast), then on stress reports exported
and read back from the PDF.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row
from kexie_desktop.export import styles
from kexie_desktop.export.document import (
    BlankBlock,
    Block,
    TableBlock,
    TableRow,
    TextBlock,
    Where,
)
from kexie_desktop.export.fonts import font_set
from kexie_desktop.export.layout import Item, Typesetter, paginate
from kexie_desktop.services.workspace import load_sample

HERE = Where("test", "测试")
TOL = 0.5
LEFT = styles.MARGIN_LEFT
INDENT = 2 * styles.SIZE_3HAO

# -- blocks typeset and paginated ---------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    """What an item is: a line ``number`` of ``count`` of a paragraph or heading, or a row."""

    kind: str  # "body", "heading", "caption", "header", "group", "entry", "blank"
    number: int = 0
    count: int = 1


def _paragraph(length: int) -> TextBlock:
    return TextBlock(styles.BODY, "科" * length, HERE)


paragraphs = st.integers(min_value=1, max_value=120).map(_paragraph)
headings = st.integers(min_value=2, max_value=40).map(
    lambda n: TextBlock(styles.HEADING_2, "标" * n, HERE, keep_with_next=True)
)


@st.composite
def tables(draw: st.DrawFn) -> list[Block]:
    group = (styles.TABLE_NUMBER, styles.TABLE_GROUP, styles.TABLE_AMOUNT)
    entry = (styles.TABLE_NUMBER, styles.TABLE_TEXT, styles.TABLE_AMOUNT)
    rows: list[TableRow] = []
    for number in range(draw(st.integers(min_value=1, max_value=4))):
        rows.append(TableRow((str(number), "项目", "1.00"), group, keep_with_next=True))
        for _ in range(draw(st.integers(min_value=1, max_value=15))):
            name = "单" * draw(st.integers(min_value=2, max_value=40))
            rows.append(TableRow(("1", name, "1.00"), entry))
    header = TableRow(("序号", "名称", "金额"), (styles.TABLE_HEAD,) * 3)
    return [
        BlankBlock(),
        TextBlock(styles.TABLE_CAPTION, "明细表", HERE, keep_with_next=True),
        TableBlock(
            (styles.TABLE_NUMBER_WIDTH, 0.0, styles.TABLE_AMOUNT_WIDTH), header, tuple(rows), HERE
        ),
        BlankBlock(keep_with_next=False),
    ]


stories = st.lists(
    st.one_of(paragraphs.map(lambda b: [b]), headings.map(lambda b: [b]), tables()),
    min_size=1,
    max_size=25,
).map(lambda parts: [block for part in parts for block in part])


def _tags(block: Block, items: list[Item]) -> list[Tag]:
    if isinstance(block, TextBlock):
        kind = {styles.BODY: "body", styles.TABLE_CAPTION: "caption"}.get(block.style, "heading")
        return [Tag(kind, number, len(items)) for number in range(len(items))]
    if isinstance(block, TableBlock):
        kinds = ["group" if row.keep_with_next else "entry" for row in block.rows]
        return [Tag("header"), *(Tag(kind) for kind in kinds)]
    return [Tag("blank")]


def typeset(blocks: list[Block]) -> list[list[Tag]]:
    """The pages of ``blocks``, each item as what it is (a repeated table header too)."""
    setter = Typesetter(font_set(()))
    items: list[Item] = []
    tags: dict[int, Tag] = {}
    for block in blocks:
        block_items = setter.items([block])
        for item, tag in zip(block_items, _tags(block, block_items), strict=True):
            tags[id(item)] = tag
        items.extend(block_items)
    return [[tags[id(placed.item)] for placed in page] for page in paginate(items)]


@settings(max_examples=150)
@given(stories)
def test_no_line_or_row_is_left_alone_by_a_page_break(blocks: list[Block]) -> None:
    pages = typeset(blocks)
    for page, following in itertools.pairwise(pages):
        last, first = page[-1], following[0]
        # no orphan: a paragraph's first line alone at the foot of a page
        assert not (last.kind == "body" and last.number == 0 and last.count > 1), pages
        # no heading, caption or table header at the foot of a page, no group row there
        assert last.kind not in ("heading", "caption", "header", "group"), pages
        # no widow: a paragraph's last line alone at the head of the next page
        assert not (first.kind == "body" and first.count > 1 and first.number == first.count - 1)
    for page in pages:
        for tag, after in itertools.pairwise(page):
            if tag.kind == "group":
                assert after.kind == "entry", pages


@settings(max_examples=80)
@given(st.lists(paragraphs, min_size=1, max_size=30))
def test_pages_of_paragraphs_keep_the_grid_and_end_short_only_as_little_as_needed(
    blocks: list[Block],
) -> None:
    setter = Typesetter(font_set(()))
    pages = paginate(setter.items(blocks))
    for page in pages:
        rows = [round((styles.TEXT_TOP - placed.top) / styles.LINE_PITCH, 6) for placed in page]
        assert all(row == int(row) for row in rows)  # every line on the grid
        assert rows == list(range(len(rows)))  # from the top, no gap
    tagged = typeset(blocks)
    for tags, following in itertools.pairwise(tagged):
        short = styles.LINES_PER_PAGE - len(tags)
        # One line short to keep two lines together; two only when a three-line paragraph
        # comes next, which cannot be split without leaving a line alone.
        assert short <= 1 or (short == 2 and following[0] == Tag("body", 0, 3)), tagged


def test_a_three_line_paragraph_with_two_lines_of_room_goes_whole_to_the_next_page() -> None:
    blocks: list[Block] = [_paragraph(26) for _ in range(20)]
    blocks.append(_paragraph(3 * 28 - 2))  # three lines: 2 + 1 and 1 + 2 both leave one alone
    pages = typeset(blocks)
    assert [len(page) for page in pages] == [20, 3]


def test_a_long_paragraph_leaves_two_lines_for_the_next_page() -> None:
    blocks: list[Block] = [_paragraph(26) for _ in range(10)]
    blocks.append(_paragraph(13 * 28 - 2))  # 13 lines from line 11: 12 fit, the 13th would be alone
    pages = typeset(blocks)
    assert [len(page) for page in pages] == [21, 2]


# -- stress reports, exported and read back -------------------------------------------------


def long_texts_tripled(report: Report) -> Report:
    """Every text of ten characters or more, the unit name and title aside, three times over."""
    for key, value in list(report.values.items()):
        if isinstance(value, str) and len(value) >= 10 and not key.startswith("header."):
            report.values[key] = value * 3
    for _, row in report.walk_rows():
        for key, value in list(row.cells.items()):
            if isinstance(value, str) and len(value) >= 10:
                row.cells[key] = value * 3
    return report


def forty_recipients(report: Report) -> Report:
    """Five groups of eight recipients, some names long enough to wrap in the table."""
    groups = []
    for group in range(5):
        items = [
            Row(
                cells={
                    "recipient": f"第{group + 1}组受助单位{n}" + ("科普示范基地" * (n % 3)),
                    "amount": Money.from_wan("2.5"),
                }
            )
            for n in range(1, 9)
        ]
        groups.append(
            Row(
                cells={
                    "name": f"第{group + 1}个项目：基层科普行动计划建设",
                    "stated_count": 8,
                    "subtotal": Money.from_wan("20"),
                },
                children={"items": items},
            )
        )
    report.tables["transfer.groups"] = groups
    report.values["transfer.total"] = Money.from_wan("100")
    return report


def a_long_paragraph(report: Report) -> Report:
    sentence = "科协系统深化改革工作推进还有一定差距，基层组织建设有待加强；"
    text = (sentence * (3000 // len(sentence) + 1))[:2999] + "。"
    report.values["problems.text"] = text
    return report


def everything(report: Report) -> Report:
    return a_long_paragraph(forty_recipients(long_texts_tripled(report)))


def shifted(report: Report, lines: int) -> Report:
    """``lines`` one-line paragraphs more at the start: every page break moves."""
    extra = "".join(f"第{n + 1}段。\n" for n in range(lines))
    report.values["basics.organization"] = extra + report.text("basics.organization")
    return report


STRESS = {
    "long-texts": long_texts_tripled,
    "forty-recipients": forty_recipients,
    "long-paragraph": a_long_paragraph,
    "everything": everything,
}


def _kind(line: list[dict[str, Any]], heading_fonts: set[str]) -> str:  # noqa: PLR0911
    """A line read back from the PDF, by size, font and where it starts."""
    first = line[0]
    fonts = {c["fontname"].split("+")[-1] for c in line}
    text = "".join(c["text"] for c in line)
    if first["size"] == pytest.approx(styles.SIZE_4HAO):
        if text.startswith("序号"):
            return "header"
        if first["x0"] > LEFT + styles.TABLE_NUMBER_WIDTH:
            return "unit" if text.startswith("单位") else "row-rest"
        return "group" if first["text"] in "一二三四五六七八九十" else "entry"
    if first["size"] > 20:
        return "title"
    if fonts <= heading_fonts:
        return "heading"
    if first["x0"] == pytest.approx(LEFT + INDENT, abs=TOL):
        return "first"  # a paragraph's first line (or a 3rd-level heading)
    if first["x0"] == pytest.approx(LEFT, abs=TOL):
        return "more"  # a paragraph's second or later line
    return "other"  # centred or right-aligned: closing, caption


@pytest.fixture(scope="module")
def heading_fonts(sample_pdf: Any) -> set[str]:
    fonts: set[str] = sample_pdf.font_of("一、部门基本情况") | sample_pdf.font_of("（一）主要职能")
    return fonts


def _check_breaks(pdf: Any, heading_fonts: set[str]) -> list[int]:
    """The page breaks of ``pdf`` pass every rule; returns the body lines of each page."""
    pages = [[_kind(line, heading_fonts) for line in page.lines()] for page in pdf.pages]
    for number, (page, following) in enumerate(itertools.pairwise(pages), start=1):
        where = f"page {number}: {page[-3:]} | {following[:3]}"
        assert page[-1] not in ("heading", "header", "unit", "group"), where
        assert not (page[-1] == "first" and following[0] == "more"), f"orphan, {where}"
        widow = following[0] == "more" and (len(following) == 1 or following[1] != "more")
        assert not widow, f"widow, {where}"
    for number, page in enumerate(pages, start=1):
        rows = [kind for kind in page if kind in ("header", "group", "entry")]
        for kind, after in itertools.zip_longest(rows, rows[1:]):
            if kind == "group":
                assert after == "entry", f"page {number}: a group row without its first item"
    return [
        len([line for line in page.lines() if line[0]["size"] == pytest.approx(15.75)])
        for page in pdf.pages
    ]


@pytest.mark.parametrize("shift", [0, 1, 5, 11, 16, 21])
@pytest.mark.parametrize("stress", list(STRESS))
def test_stress_reports_break_pages_cleanly(
    tmp_path: Any, export_read: Any, heading_fonts: set[str], stress: str, shift: int
) -> None:
    report = shifted(STRESS[stress](load_sample()), shift)
    pdf = export_read(report, tmp_path / f"{stress}-{shift}.pdf")
    lines = _check_breaks(pdf, heading_fonts)
    assert max(lines) == styles.LINES_PER_PAGE
    assert all(count <= styles.LINES_PER_PAGE for count in lines)


def test_the_stress_report_prints_every_text_whole(tmp_path: Any, export_read: Any) -> None:
    report = everything(load_sample())
    pdf = export_read(report, tmp_path / "everything.pdf")
    assert pdf.result.pages > 15
    assert report.text("problems.text") in pdf.text
    assert "".join(report.text("performance.opening").split()) in pdf.text
    for group in report.tables["transfer.groups"]:
        for item in group.children["items"]:
            assert item.cells["recipient"] in pdf.text
