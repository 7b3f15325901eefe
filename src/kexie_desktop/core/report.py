"""The data of one report: scalar values by field key, rows of repeating tables, the clerk's
explanations of warnings, and its status.

Cells of table rows are addressed by a *field path* that names every row on the way down, e.g.
``grants.list[3f2a].items[9c1d].amount``, so a finding can point at one cell and the window
can jump to it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from kexie_desktop.core.money import Money
from kexie_desktop.core.textinput import shorten
from kexie_desktop.core.values import Invalid, Value

if TYPE_CHECKING:  # the template module renders reports, so it imports this one
    from kexie_desktop.core.schema import ReportSchema, Table
    from kexie_desktop.core.template.model import Template


class Status(Enum):
    DRAFT = "draft"
    FINAL = "final"

    @property
    def label(self) -> str:
        return "草稿" if self is Status.DRAFT else "定稿"


def display_name(year: int | None, unit: str, *, is_sample: bool) -> str:
    """How a report is named in lists and window titles; the sample is always marked 示例."""
    name = f"{f'{year}年度' if year else '未填年度'} {unit or '未填单位'}"
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
    # The outline this report is written in: its sections, checks and printed wording.
    template: Template
    id: int | None = None
    status: Status = Status.DRAFT
    is_sample: bool = False
    values: dict[str, Value] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)
    # Explanations of warnings, keyed by Finding.key; stored and printable.
    explanations: dict[str, str] = field(default_factory=dict)
    # The report this one was started from ("from last year's"), for comparison.
    based_on: int | None = None
    # Whether the PDF ends with the chart page (scores by indicator, budget against
    # spending) after the scoring table; on unless the clerk turns it off for this report.
    print_chart: bool = True

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

    def date_value(self, key: str) -> dt.date | None:
        value = self.values.get(key)
        return value if isinstance(value, dt.date) else None

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) else ""

    @property
    def schema(self) -> ReportSchema:
        return self.template.schema

    @property
    def unit(self) -> str:
        return self.text(self.template.roles.unit).strip()

    @property
    def year(self) -> int | None:
        return self.count(self.template.roles.year)

    @property
    def date(self) -> dt.date | None:
        return self.date_value(self.template.roles.date)

    def title_parts(self) -> list[str]:
        """The title in the parts it may be broken into: the typed title (split where the
        generated one would be when it begins the same way), or the generated one."""
        generated = [part.render(self) for part in self.template.title]
        roles = self.template.roles
        typed = self.text(roles.title).strip() if roles.title else ""
        if not typed or typed == "".join(generated):
            return [part for part in generated if part]
        head = generated[0] if len(generated) > 1 else ""
        if head and typed.startswith(head) and len(typed) > len(head):
            return [head, typed[len(head) :]]
        return [typed]

    @property
    def title(self) -> str:
        return "".join(self.title_parts())

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


def row_position(table: Table, index: int) -> str:
    """A row by its place: "转移支付项目第3行" (``index`` counts from 1)."""
    return f"{table.label}第{index}行"


def row_name(table: Table, row: Row, index: int) -> str:
    """A row as the clerk knows it: "受助单位“市老科协”" from its first column, else its place."""
    if table.columns:
        name = row.cells.get(table.columns[0].key)
        if isinstance(name, Invalid):
            name = name.raw
        if isinstance(name, str) and name.strip():
            return f"{table.row_label}“{shorten(name)}”"
    return row_position(table, index)


def row_path(table_path: str, row_id: str) -> str:
    return f"{table_path}[{row_id}]"


def cell_path(row_path_: str, column: str) -> str:
    return f"{row_path_}.{column}"


def schema_key(path: str) -> str:
    """The schema key behind a field path: ``grants.list[ab].subtotal`` → the table key
    ``grants.list``; a scalar key is returned as it is."""
    return path.split("[", 1)[0]
