"""The building blocks of the report schema: fields, repeating tables, sections and the
arithmetic relations between figures.

Everything that reads the report (forms, checks, storage, hand-over files, the PDF) walks these
declarations, so adding a field is one declaration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from kexie_desktop.core.values import Kind


@dataclass(frozen=True)
class Field:
    """One value: a scalar field of a section, or a column of a table."""

    key: str
    label: str
    kind: Kind
    help: str
    required: bool = False
    unit: str = ""


@dataclass(frozen=True)
class Table:
    """Repeating rows of ``columns``; a row may own rows of nested ``children`` tables."""

    key: str
    label: str
    row_label: str
    columns: tuple[Field, ...]
    help: str
    children: tuple[Table, ...] = ()
    required: bool = False

    def column(self, key: str) -> Field:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.key} has no column {key}")

    def child(self, key: str) -> Table:
        for child in self.children:
            if child.key == key:
                return child
        raise KeyError(f"{self.key} has no child table {key}")


Item = Field | Table


@dataclass(frozen=True)
class Section:
    """A numbered part of the report ("一、" or "（一）") and the items entered in it."""

    key: str
    number: str
    title: str
    help: str
    items: tuple[Item, ...] = ()
    subsections: tuple[Section, ...] = ()
    # The heading as printed when it differs from the short title shown in the navigator.
    printed_title: str = ""

    @property
    def heading(self) -> str:
        return f"{self.number}{self.printed_title or self.title}"

    def walk(self) -> Iterator[Section]:
        yield self
        for subsection in self.subsections:
            yield from subsection.walk()


class Comparison(Enum):
    EQUAL = "="  # the total equals the sum of the parts
    AT_LEAST = ">="  # the total is at least the sum of the parts


@dataclass(frozen=True)
class SumRelation:
    """``total`` compared with the sum of scalar ``parts``."""

    rule: str
    total: str
    parts: tuple[str, ...]
    comparison: Comparison = Comparison.EQUAL


@dataclass(frozen=True)
class RowSumRelation:
    """In each row of ``table``: column ``total`` equals the sum of ``column`` over the rows
    of the nested table ``child``."""

    rule: str
    table: str
    total: str
    child: str
    column: str


@dataclass(frozen=True)
class ColumnSumRelation:
    """Scalar ``total`` equals the sum of ``column`` over the rows of ``table``."""

    rule: str
    total: str
    table: str
    column: str


@dataclass(frozen=True)
class RowCountRelation:
    """In each row of ``table``: the number in column ``stated`` equals the number of rows of
    the nested table ``child`` (a warning: a group may state more items than it lists)."""

    rule: str
    table: str
    stated: str
    child: str


@dataclass(frozen=True)
class ColumnBoundRelation:
    """In each row of ``table``: column ``value`` is at most column ``bound`` (a warning)."""

    rule: str
    table: str
    value: str
    bound: str


Relation = SumRelation | RowSumRelation | ColumnSumRelation | RowCountRelation | ColumnBoundRelation


@dataclass(frozen=True)
class ReportSchema:
    sections: tuple[Section, ...]
    relations: tuple[Relation, ...] = ()
    _fields: dict[str, Field] = field(default_factory=dict, init=False, repr=False)
    _tables: dict[str, Table] = field(default_factory=dict, init=False, repr=False)
    _sections: dict[str, Section] = field(default_factory=dict, init=False, repr=False)
    _section_of: dict[str, Section] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for section in self.all_sections():
            if section.key in self._sections:
                raise ValueError(f"duplicate section key {section.key}")
            self._sections[section.key] = section
            for item in section.items:
                if item.key in self._fields or item.key in self._tables:
                    raise ValueError(f"duplicate field key {item.key}")
                if isinstance(item, Field):
                    self._fields[item.key] = item
                else:
                    self._tables[item.key] = item
                self._section_of[item.key] = section

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def fields(self) -> Iterator[Field]:
        return iter(self._fields.values())

    def tables(self) -> Iterator[Table]:
        return iter(self._tables.values())

    def field(self, key: str) -> Field:
        return self._fields[key]

    def table(self, key: str) -> Table:
        return self._tables[key]

    def has_field(self, key: str) -> bool:
        return key in self._fields

    def has_table(self, key: str) -> bool:
        return key in self._tables

    def section(self, key: str) -> Section:
        return self._sections[key]

    def section_of(self, item_key: str) -> Section:
        """The innermost section that declares the field or table ``item_key``."""
        return self._section_of[item_key]

    def label(self, key: str) -> str:
        return self._fields[key].label
