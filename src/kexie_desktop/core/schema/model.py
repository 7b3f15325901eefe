"""The building blocks of the report schema: fields, repeating tables, sections and the
arithmetic relations between figures.

Everything that reads the report (forms, checks, storage, hand-over files, the PDF) walks these
declarations, so adding a field is one declaration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from kexie_desktop.core.findings import Severity
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
    # Money and percentages that may be negative (a change on last year); others are >= 0.
    signed: bool = False
    # Whether next year's report starts with this value; None: texts yes, figures no.
    carry: bool | None = None


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
    # False for rows that describe one year's events (staff changes) rather than standing
    # structure (duties, recipients): next year's report starts without them.
    carry: bool = True

    def column(self, key: str) -> Field:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.key} has no column {key}")

    def levels(self) -> Iterator[Table]:
        """This table and its nested tables, top first (at most one child per level)."""
        yield self
        for child in self.children:
            yield from child.levels()

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
    # False for the cover fields: no heading of their own, printed in the title and closing.
    printed: bool = True

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
class Term:
    """One part of a sum: a scalar figure, added or (``negative``) subtracted."""

    key: str
    negative: bool = False


@dataclass(frozen=True)
class SumRelation:
    """``total`` compared with the signed sum of scalar ``parts``.

    ``optional``: a breakdown the clerk may leave out entirely (by economic class, by
    function); it is checked once any part is given, the blank parts counting as 0.
    """

    rule: str
    total: str
    parts: tuple[Term, ...]
    comparison: Comparison = Comparison.EQUAL
    severity: Severity = Severity.ERROR
    optional: bool = False


@dataclass(frozen=True)
class RowSumRelation:
    """In each row of ``table``: column ``total`` equals the sum of ``column`` over the rows
    of the nested table ``child``."""

    rule: str
    table: str
    total: str
    child: str
    column: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class ColumnSumRelation:
    """Scalar ``total`` equals the sum of ``column`` over the rows of ``table``
    (``optional``: not checked while the table has no rows)."""

    rule: str
    total: str
    table: str
    column: str
    severity: Severity = Severity.ERROR
    optional: bool = False


@dataclass(frozen=True)
class RowCountRelation:
    """In each row of ``table``: the number in column ``stated`` equals the number of rows of
    the nested table ``child`` (a warning by default: a group may state more than it lists)."""

    rule: str
    table: str
    stated: str
    child: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class ListCountRelation:
    """The scalar count ``stated`` equals the number of rows of ``table``."""

    rule: str
    stated: str
    table: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class ColumnBoundRelation:
    """In each row of ``table``: column ``value`` is at most column ``bound``."""

    rule: str
    table: str
    value: str
    bound: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class RatioRelation:
    """The percentage ``stated`` equals (signed sum of ``numerator``) / ``denominator`` × 100,
    within ``tolerance`` percentage points: an execution rate, a change on last year."""

    rule: str
    stated: str
    numerator: tuple[Term, ...]
    denominator: str
    severity: Severity = Severity.WARNING
    tolerance: Decimal = Decimal("0.01")


Relation = (
    SumRelation
    | RowSumRelation
    | ColumnSumRelation
    | RowCountRelation
    | ListCountRelation
    | ColumnBoundRelation
    | RatioRelation
)


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
