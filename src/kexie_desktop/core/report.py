"""The data of one report: scalar values by field key, rows of repeating tables, the clerk's
explanations of warnings, and its status.

Cells of table rows are addressed by a *field path* that names every row on the way down, e.g.
``transfer.groups[3f2a].items[9c1d].amount``, so a finding can point at one cell and the window
can jump to it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from kexie_desktop.core.money import Money
from kexie_desktop.core.schema import SCHEMA, TITLE_SUFFIX
from kexie_desktop.core.values import Invalid, Value


class Status(Enum):
    DRAFT = "draft"
    FINAL = "final"

    @property
    def label(self) -> str:
        return "草稿" if self is Status.DRAFT else "定稿"


def display_name(year: int | None, unit: str, *, is_sample: bool) -> str:
    """How a report is named in lists and window titles; the sample is always marked 示例."""
    name = f"{year or '未填年度'}年度 {unit or '未填单位'}"
    return f"【示例】{name}" if is_sample else name


def new_row_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class Row:
    id: str = field(default_factory=new_row_id)
    cells: dict[str, Value] = field(default_factory=dict)
    children: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, child_key: str) -> list[Row]:
        return self.children.setdefault(child_key, [])


@dataclass
class Report:
    id: int | None = None
    status: Status = Status.DRAFT
    is_sample: bool = False
    values: dict[str, Value] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)
    # Explanations of warnings, keyed by Finding.key; stored and printable.
    explanations: dict[str, str] = field(default_factory=dict)
    # The report this one was started from ("from last year's"), for comparison.
    based_on: int | None = None

    def get(self, key: str) -> Value:
        return self.values.get(key)

    def rows(self, table_key: str) -> list[Row]:
        return self.tables.setdefault(table_key, [])

    def money(self, key: str) -> Money | None:
        value = self.values.get(key)
        return value if isinstance(value, Money) else None

    def count(self, key: str) -> int | None:
        value = self.values.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def percent(self, key: str) -> Decimal | None:
        value = self.values.get(key)
        return value if isinstance(value, Decimal) else None

    def date(self, key: str) -> dt.date | None:
        value = self.values.get(key)
        return value if isinstance(value, dt.date) else None

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) else ""

    @property
    def unit(self) -> str:
        return self.text("header.unit").strip()

    @property
    def year(self) -> int | None:
        return self.count("header.year")

    @property
    def title(self) -> str:
        typed = self.text("header.title").strip()
        if typed:
            return typed
        year = f"{self.year}年度" if self.year is not None else ""
        return f"{year}{self.unit}{TITLE_SUFFIX}"

    @property
    def display_name(self) -> str:
        return display_name(self.year, self.unit, is_sample=self.is_sample)

    def walk_rows(self) -> Iterator[tuple[str, Row]]:
        """Every row of every table, nested ones included, with its path prefix."""
        for table_key, rows in self.tables.items():
            yield from _walk(table_key, rows)


def _walk(prefix: str, rows: list[Row]) -> Iterator[tuple[str, Row]]:
    for row in rows:
        path = row_path(prefix, row.id)
        yield path, row
        for child_key, child_rows in row.children.items():
            yield from _walk(f"{path}.{child_key}", child_rows)


def row_path(table_path: str, row_id: str) -> str:
    return f"{table_path}[{row_id}]"


def cell_path(row_path_: str, column: str) -> str:
    return f"{row_path_}.{column}"


def schema_key(path: str) -> str:
    """The schema key behind a field path: ``transfer.groups[ab].subtotal`` → the table key
    ``transfer.groups``; a scalar key is returned as it is."""
    return path.split("[", 1)[0]


def is_invalid(value: Value) -> bool:
    return isinstance(value, Invalid)


def known_keys() -> set[str]:
    return {field_.key for field_ in SCHEMA.fields()} | {table.key for table in SCHEMA.tables()}
