"""Hypothesis strategies for whole reports, generated from a template's schema: every field of
the right kind (or unreadable text), every table with rows and nested rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from kexie_desktop.core.money import MAX_FEN, Money
from kexie_desktop.core.report import Report, Row, Status
from kexie_desktop.core.schema import Field, Table
from kexie_desktop.core.template import Template
from kexie_desktop.core.values import MAX_COUNT, MAX_YEAR, MIN_YEAR, Kind, Value, read
from kexie_desktop.services.templates import installed_templates

# Printable text as clerks produce it, Chinese included; no lone surrogates (Qt never makes them).
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    max_size=40,
) | st.sampled_from(["无。", "市科协机关", "<b>&amp;</b>", "第一行\n第二行", "１２３．４５"])

unreadable = st.sampled_from(["12a", "一点五", "2022-13-45", "--5", "9" * 30]).map(lambda raw: raw)


def value_of(field: Field) -> st.SearchStrategy[Value]:
    by_kind: dict[Kind, st.SearchStrategy[Value]] = {
        Kind.TEXT: texts,
        Kind.PARAGRAPH: texts,
        Kind.MONEY: st.integers(min_value=-MAX_FEN, max_value=MAX_FEN).map(Money),
        Kind.COUNT: st.integers(min_value=0, max_value=MAX_COUNT),
        Kind.PERCENT: st.integers(min_value=0, max_value=10_000).map(
            lambda n: Decimal(n).scaleb(-2)
        ),
        Kind.SCORE: st.integers(min_value=0, max_value=100_000).map(
            lambda n: Decimal(n).scaleb(-2)
        ),
        Kind.DATE: st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
        Kind.YEAR: st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR),
    }
    kept_as_typed = unreadable.map(lambda raw: read(field.kind, raw))
    if field.kind in (Kind.TEXT, Kind.PARAGRAPH):
        # Blank text is no value (typing and files both read it as None).
        return st.none() | by_kind[field.kind].filter(str.strip)
    return st.none() | by_kind[field.kind] | kept_as_typed


@st.composite
def rows(draw: st.DrawFn, table: Table, depth: int = 0) -> list[Row]:
    result = []
    for _ in range(draw(st.integers(min_value=0, max_value=3 if depth else 4))):
        row = Row()
        for column in table.columns:
            value = draw(value_of(column))
            if value is not None:
                row.cells[column.key] = value
        for child in table.children:
            row.children[child.key] = draw(rows(child, depth + 1))
        result.append(row)
    return result


def all_templates() -> list[Template]:
    return installed_templates().newest()


@st.composite
def reports(draw: st.DrawFn, template: Template | None = None) -> Report:
    """A report in ``template``, or in any installed template."""
    chosen = template or draw(st.sampled_from(all_templates()))
    report = Report(chosen, status=draw(st.sampled_from(list(Status))))
    # Loaded reports hold every table, empty or not; so do generated ones.
    for field in chosen.schema.fields():
        value = draw(value_of(field))
        if value is not None:
            report.values[field.key] = value
    for table in chosen.schema.tables():
        report.tables[table.key] = draw(rows(table))
    return report
