"""Whatever a template declares reaches the PDF: every filled item of any template appears in
the printed text, whether a print block names it or the generic block added for it does.

The scoring table's scores and reasons (and its section's own figures) print on the report's
attachment, the printed 自评表, so the printed text is the report's and its attachment's.

Zero amounts are the one exception, by design of the published wording: a section with nothing
spent prints "无。" rather than "0元", and a change of zero on last year reads "持平".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from golden_text import story_lines
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row, Status
from kexie_desktop.core.schema import Field, Table
from kexie_desktop.core.template import Template, load_template
from kexie_desktop.core.template.sentences import amount
from kexie_desktop.core.values import Kind, Value, format_date, format_percent
from kexie_desktop.export import styles
from kexie_desktop.export.scorecard_table import scorecard_table
from kexie_desktop.services.exporting import export_pdf
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.services.workspace import load_sample

# A template that prints almost nothing itself: everything comes from the generic blocks.
BARE = """
id = "bare"
version = 1
name = "只有字段的模板"
title = "{{ head.unit }}报告"
[roles]
unit = "head.unit"
year = "head.year"
date = "head.date"
[[sections]]
key = "head"
title = "封面"
[[sections.items]]
key = "head.unit"
label = "单位"
kind = "text"
[[sections.items]]
key = "head.year"
label = "年度"
kind = "year"
[[sections.items]]
key = "head.date"
label = "日期"
kind = "date"
[[sections.items]]
key = "head.rate"
label = "比率"
kind = "percent"
[[sections.items]]
key = "head.people"
label = "人数"
kind = "count"
unit = "名"
[[sections.items]]
key = "head.note"
label = "说明"
kind = "paragraph"
[[sections.items]]
key = "head.groups"
label = "分组"
kind = "table"
[[sections.items.columns]]
key = "name"
label = "名称"
kind = "text"
[[sections.items.columns]]
key = "amount"
label = "金额"
kind = "money"
[[sections.items.children]]
key = "members"
label = "成员"
[[sections.items.children.columns]]
key = "who"
label = "成员名称"
kind = "text"
[[sections.items.children.columns]]
key = "since"
label = "加入日期"
kind = "date"
[[sections.items.children.columns]]
key = "share"
label = "份额"
kind = "percent"
"""

TEMPLATES = [*installed_templates().newest(), load_template(BARE)]

plain_text = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lo", "Nd", "Lu", "Ll", "Po"), max_codepoint=0x9FFF
    ),
    min_size=1,
    max_size=12,
)
# What every bundled font can print (the ideographs of GBK, ASCII letters and digits): for
# reading the PDF back. Characters no font has are issue of their own (a finding, not text).
printable_text = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
    | st.sampled_from("ABCxyz0123456789"),
    min_size=1,
    max_size=12,
)


def _texts(line: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return line | st.lists(line, min_size=2, max_size=3).map("\n".join)


def filled_value(field: Field, texts: st.SearchStrategy[str]) -> st.SearchStrategy[Value]:  # noqa: PLR0911
    sign = -1 if field.signed else 1
    match field.kind:
        case Kind.TEXT | Kind.PARAGRAPH:
            return texts
        case Kind.MONEY:
            return st.integers(min_value=sign * 10**10, max_value=10**10).map(Money)
        case Kind.COUNT:
            return st.integers(min_value=0, max_value=10**6)
        case Kind.PERCENT:
            return st.integers(min_value=sign * 10_000, max_value=10_000).map(
                lambda n: Decimal(n).scaleb(-2)
            )
        case Kind.SCORE:
            return st.integers(min_value=0, max_value=2_000).map(lambda n: Decimal(n).scaleb(-2))
        case Kind.DATE:
            return st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
        case Kind.YEAR:
            return st.integers(min_value=2000, max_value=2100)


@st.composite
def filled_rows(
    draw: st.DrawFn, table: Table, texts: st.SearchStrategy[str], depth: int = 0
) -> list[Row]:
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=2 if depth else 3))):
        row = Row(cells={c.key: draw(filled_value(c, texts)) for c in table.columns})
        for child in table.children:
            row.children[child.key] = draw(filled_rows(child, texts, depth + 1))
        rows.append(row)
    return rows


@st.composite
def filled_reports(draw: st.DrawFn, line: st.SearchStrategy[str] = plain_text) -> Report:
    texts = _texts(line)
    template: Template = draw(st.sampled_from(TEMPLATES))
    report = Report(template, status=draw(st.sampled_from(list(Status))))
    for field in template.schema.fields():
        if draw(st.booleans()):
            report.values[field.key] = draw(filled_value(field, texts))
    for table in template.schema.tables():
        report.tables[table.key] = draw(filled_rows(table, texts))
    return report


def printed_lines(report: Report) -> list[str]:
    """The report's printed text, then its attachment's (the scoring table), if it has one."""
    table = scorecard_table(report)
    return story_lines(report) + (table.lines() if table is not None else [])


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def expected_fragments(report: Report) -> list[tuple[str, ...]]:
    """Each filled item's key and what of it must be found in the printed text (any one of the
    ways it may be written: an amount is "15万元" in a sentence, "15.00" in a table)."""
    fragments: list[tuple[str, ...]] = []
    for field in report.schema.fields():
        fragments += [(field.key, *f) for f in _fragments(field, report.values.get(field.key))]
    for path, row in report.walk_rows():
        table = _table_of(report, path)
        for column in table.columns:
            found = _fragments(column, row.cells.get(column.key))
            fragments += [(f"{path}.{column.key}", *f) for f in found]
    return [f for f in fragments if all(f[1:])]


def _table_of(report: Report, path: str) -> Table:
    names = re.sub(r"\[[^\]]*\]", "", path).split(".")
    for top in report.schema.tables():
        parts = top.key.split(".")
        if names[: len(parts)] == parts:
            table = top
            for child in names[len(parts) :]:
                table = table.child(child)
            return table
    raise KeyError(path)


def _fragments(field: Field, value: Value) -> list[tuple[str, ...]]:  # noqa: PLR0911
    match value:
        case None:
            return []
        case str():
            lines = [_squeeze(line) for line in value.splitlines()]
            if lines:
                lines[-1] = lines[-1].rstrip("。；;")
            return [(line,) for line in lines]
        case Money():
            if value.fen == 0:
                return [("持平",)] if field.signed else []
            size = abs(value)
            return [(amount(size), size.format())]
        case Decimal():
            if value == 0 and field.signed:
                return [("持平",)]  # a change of nothing
            return [(format_percent(abs(value)),)]
        case dt.date():
            return [(format_date(value),)]
        case int():
            return [(f"{value}{field.unit}", str(value))]
    return []


def _missing(report: Report, printed: str) -> list[tuple[str, ...]]:
    return [f for f in expected_fragments(report) if not any(way in printed for way in f[1:])]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(filled_reports())
def test_every_filled_item_appears_in_the_printed_text(report: Report) -> None:
    printed = _squeeze("".join(printed_lines(report)).replace(" | ", ""))
    assert _missing(report, printed) == []


@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow])
@given(filled_reports(printable_text))
def test_every_filled_item_appears_in_the_pdf(
    tmp_path_factory: pytest.TempPathFactory, report: Report
) -> None:
    folder = tmp_path_factory.mktemp("pdf")
    export_pdf(report, folder / "report.pdf")
    drawn: list[str] = []
    with pdfplumber.open(folder / "report.pdf") as pdf:
        for page in pdf.pages:
            bottom = page.height - styles.MARGIN_BOTTOM
            drawn += [c["text"] for c in page.chars if c["size"] <= 50 and c["top"] < bottom]
    assert _missing(report, _squeeze("".join(drawn))) == []


def test_the_check_is_not_vacuous() -> None:
    """A value that is nowhere in the text is reported missing."""
    template = load_template(BARE)
    report = Report(template)
    report.values["head.note"] = "独一无二的说明"
    assert _missing(report, "别的文字") == [("head.note", "独一无二的说明")]
    assert _missing(report, _squeeze("".join(story_lines(report)))) == []


def test_scores_and_reasons_are_looked_for_on_the_attachment() -> None:
    """A typed score and reason are missing from the report's body and found on its
    attachment."""
    report = load_sample()
    card = report.template.scorecard
    assert card is not None
    leaf = next(leaf for leaf in card.leaves() if leaf.formula is None)
    report.values[card.score_key(leaf)] = Decimal("1.25")
    report.values[card.reason_key(leaf)] = "独一无二的扣分原因"
    wanted = [
        (card.score_key(leaf), "1.25"),
        (card.reason_key(leaf), "独一无二的扣分原因"),
    ]
    body = _squeeze("".join(story_lines(report)).replace(" | ", ""))
    assert all(fragment in _missing(report, body) for fragment in wanted)
    printed = _squeeze("".join(printed_lines(report)).replace(" | ", ""))
    assert not any(fragment in _missing(report, printed) for fragment in wanted)
