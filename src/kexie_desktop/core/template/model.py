"""A report template in memory: the outline (``ReportSchema``), what the header fields mean, the
rules beyond arithmetic, and how each section prints.

A template is read from a data file (``core.template.loader``); nothing in the code names a
section or a field of any outline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kexie_desktop.core.findings import Severity
from kexie_desktop.core.schema import ReportSchema
from kexie_desktop.core.scorecard.model import Scorecard
from kexie_desktop.core.template.sentences import Sentence

# -- printing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentenceBlock:
    """One or more paragraphs of body text rendered from ``sentence``.

    ``none``: printed instead when the rendered text says nothing ("", "无"), e.g. "无。".
    """

    sentence: Sentence
    none: str = ""


@dataclass(frozen=True)
class RowsBlock:
    """For each row of ``table``: a numbered sub-heading and its body text."""

    table: str
    heading: Sentence
    body: Sentence


@dataclass(frozen=True)
class TableColumn:
    """A printed column: its head, and the column printed in it at each level of nesting."""

    head: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class TableBlock:
    """A table (with its nested rows) printed as a ruled table."""

    table: str
    caption: str
    unit: str
    number_head: str
    columns: tuple[TableColumn, ...]
    total_label: str = ""
    total_field: str = ""


PrintBlock = SentenceBlock | RowsBlock | TableBlock


# -- rules beyond arithmetic -------------------------------------------------------------------


@dataclass(frozen=True)
class NoneTextRule:
    """An amount of 0 must go with a text that says "无"; an amount above 0 with a text."""

    rule: str
    amount: str
    text: str
    none: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class ReasonBelowRule:
    """A figure below ``threshold`` needs the text ``reason``."""

    rule: str
    value: str
    threshold: Decimal
    reason: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class YearBeforeDateRule:
    """The report year comes before the year of the report date (reports are written after
    the year they describe)."""

    rule: str
    severity: Severity = Severity.WARNING


Rule = NoneTextRule | ReasonBelowRule | YearBeforeDateRule


# -- the template ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Roles:
    """The header fields every report has, by the key each template gives them."""

    unit: str
    year: str
    date: str
    title: str = ""


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    name: str
    description: str
    schema: ReportSchema
    roles: Roles
    # The generated title, in the parts it may be broken into over two lines.
    title: tuple[Sentence, ...]
    rules: tuple[Rule, ...] = ()
    printing: dict[str, tuple[PrintBlock, ...]] = field(default_factory=dict)
    # Printed under the date (GB/T 9704 附注), e.g. the contact person.
    closing_note: Sentence | None = None
    # The scoring table (自评表) printed as an attachment after the report.
    scorecard: Scorecard | None = None

    def __deepcopy__(self, _memo: dict[int, object]) -> Template:
        # Immutable, and its compiled sentences cannot be copied: a copied report (the export
        # thread's snapshot) shares its template.
        return self

    @property
    def label(self) -> str:
        return f"{self.name}（{self.id} 第 {self.version} 版）"

    def blocks(self, section_key: str) -> tuple[PrintBlock, ...]:
        return self.printing.get(section_key, ())
