"""What changed between two reports in the same outline: an older saved version and the current
one ("version history"), or last year's report and this year's ("compare with last year").

Everything is read from the schema, in its order: sections as the navigator lists them, the
items of each section, then the rows of each table in order and their nested rows. Rows are
matched by their id, which stays the same across versions of a report and from last year's
report to this year's. Texts are compared character by character (Chinese has no spaces to
split words at); figures by value, with the signed difference where it means something.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row, cell_path, row_name, row_path, row_position
from kexie_desktop.core.schema import Field, Section, Table
from kexie_desktop.core.template.render import paragraphs
from kexie_desktop.core.values import Invalid, Kind, Value, display, format_percent

SAME = "same"
REMOVED = "removed"
ADDED = "added"

# Between the parts of a label: "（一）基本支出情况 · 主要用途".
SEPARATOR = " · "
# A paragraph shorter than this ("无。", a name) is no sign of a copied report.
MIN_PARAGRAPH = 10

_TEXT_KINDS = (Kind.TEXT, Kind.PARAGRAPH)
_RATE_PLACES = Decimal("0.01")
_HUNDRED = Decimal(100)


# -- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of a text diff: text both sides share, or that only the old or the new has."""

    kind: str  # SAME | REMOVED | ADDED
    text: str


@dataclass(frozen=True)
class TextChange:
    """A text field or text cell whose wording changed."""

    path: str  # field key, or cell path
    label: str  # "（一）基本支出情况 · 主要用途", "转移支付项目第2行 · 项目名称"
    old: str
    new: str
    runs: tuple[Run, ...]
    section: str = ""  # key of the section that declares the field or table


@dataclass(frozen=True)
class FigureChange:
    """A money, count, percent, date or year field or cell whose value changed."""

    path: str
    label: str
    old_text: str  # as an editor shows it; "" when blank
    new_text: str
    difference: str  # "+12.27", "-3", "+0.5"; "" for dates and years, or a side blank/unreadable
    section: str = ""


@dataclass(frozen=True)
class RowChange:
    """A table row (nested ones too) that only one of the two reports has."""

    path: str  # the row path
    label: str  # "受助单位“市老科协”", or "转移支付项目第3行" when the row has no name
    kind: str  # ADDED | REMOVED
    section: str = ""
    # The rows it belongs to, for a nested row: "转移支付项目“市级学会服务能力提升计划建设”".
    within: str = ""


@dataclass(frozen=True)
class Comparison:
    texts: tuple[TextChange, ...]
    figures: tuple[FigureChange, ...]
    rows: tuple[RowChange, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.texts or self.figures or self.rows)


@dataclass(frozen=True)
class UnchangedParagraph:
    """A paragraph of this year's report found word for word in last year's."""

    path: str
    label: str
    text: str
    section: str = ""
    paragraph: int = 1  # its number among the non-empty paragraphs of the field or cell


@dataclass(frozen=True)
class YearFigure:
    """An amount with last year's value beside it."""

    path: str
    label: str
    last_text: str  # "" when blank
    this_text: str
    change: str  # "+12.27"; "" when either side is blank or unreadable
    change_rate: str  # "+4.35%" of last year's amount; "" when that is 0 or blank
    section: str = ""


@dataclass(frozen=True)
class YearOnYear:
    # Paragraphs of this year's texts that last year's report already has, word for word.
    unchanged: tuple[UnchangedParagraph, ...]
    # Every amount field, and the amount cells of the rows both years have, in schema order.
    figures: tuple[YearFigure, ...]


# -- text diff -----------------------------------------------------------------------------------


def char_runs(old: str, new: str) -> tuple[Run, ...]:
    """The difference between two texts as runs of characters: first line by line, then
    character by character inside the lines that differ. Two changes with no more in common
    between them than either changes are joined, so that a rewritten phrase reads as one
    change rather than a patchwork of stray matches."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    segments: list[_Segment] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(_Segment("".join(old_lines[i1:i2])))
        else:
            segments.extend(_char_segments("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])))
    runs: list[Run] = []
    for segment in _join_close_changes(_merged(segments)):
        if segment.same:
            runs.append(Run(SAME, segment.same))
        if segment.removed:
            runs.append(Run(REMOVED, segment.removed))
        if segment.added:
            runs.append(Run(ADDED, segment.added))
    return tuple(runs)


@dataclass
class _Segment:
    """Either text both sides share (``same``) or a change (``removed`` → ``added``)."""

    same: str = ""
    removed: str = ""
    added: str = ""

    @property
    def is_change(self) -> bool:
        return not self.same

    @property
    def weight(self) -> int:
        return max(len(self.removed), len(self.added))


def _char_segments(old: str, new: str) -> Iterator[_Segment]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield _Segment(old[i1:i2])
        else:
            yield _Segment(removed=old[i1:i2], added=new[j1:j2])


def _merged(segments: Sequence[_Segment]) -> list[_Segment]:
    """Neighbours of the same sort joined; empty segments dropped."""
    result: list[_Segment] = []
    for segment in segments:
        if not (segment.same or segment.removed or segment.added):
            continue
        if result and result[-1].is_change == segment.is_change:
            last = result[-1]
            result[-1] = _Segment(
                last.same + segment.same,
                last.removed + segment.removed,
                last.added + segment.added,
            )
        else:
            result.append(segment)
    return result


def _join_close_changes(segments: list[_Segment]) -> list[_Segment]:
    """Absorb a shared piece between two changes into them when it is no longer than either
    change (a stray "的" or "，" matched inside a rewritten sentence): both texts stay as they
    were, the reader sees one change instead of a patchwork."""
    changed = True
    while changed:
        changed = False
        for index in range(1, len(segments) - 1):
            before, between, after = segments[index - 1 : index + 2]
            if (
                not between.is_change
                and before.is_change
                and after.is_change
                and len(between.same) <= min(before.weight, after.weight)
            ):
                joined = _Segment(
                    removed=before.removed + between.same + after.removed,
                    added=before.added + between.same + after.added,
                )
                segments[index - 1 : index + 2] = [joined]
                changed = True
                break
    return segments


# -- walking the schema --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One value of the schema in a pair of reports: a scalar field or a cell of a row both
    reports have."""

    spec: Field  # the field, or the column of the cell
    path: str
    label: str
    section: str
    old: Value
    new: Value


def _field_label(section: Section, field: Field) -> str:
    return f"{section.heading}{SEPARATOR}{field.label}"


def _rows_of(rows: dict[str, list[Row]], key: str) -> list[Row]:
    # Not Report.rows / Row.rows: they add an empty list, and comparing changes nothing.
    return rows.get(key, [])


@dataclass(frozen=True)
class _Place:
    """Where a table's rows are: its path, its section, and the rows it is nested in."""

    path: str
    section: str
    positions: tuple[str, ...] = ()  # "转移支付项目第2行": the cells' labels
    names: tuple[str, ...] = ()  # "转移支付项目“…”": the labels of rows added or removed


@dataclass
class _Walk:
    """The entries of two reports in the new one's schema order; ``rows`` collects the rows
    only one of them has on the way."""

    old: Report
    new: Report
    rows: list[RowChange] = field(default_factory=list)

    def entries(self) -> Iterator[_Entry]:
        schema = self.new.schema
        for section in schema.all_sections():
            for item in section.items:
                if isinstance(item, Field):
                    yield _Entry(
                        item,
                        item.key,
                        _field_label(section, item),
                        section.key,
                        self.old.values.get(item.key),
                        self.new.values.get(item.key),
                    )
                else:
                    yield from self._table(
                        item,
                        _rows_of(self.old.tables, item.key),
                        _rows_of(self.new.tables, item.key),
                        _Place(item.key, schema.section_of(item.key).key),
                    )

    def _table(
        self, table: Table, old_rows: list[Row], new_rows: list[Row], place: _Place
    ) -> Iterator[_Entry]:
        for old_row, new_row, index in _paired(old_rows, new_rows):
            if old_row is None or new_row is None:
                row = new_row if old_row is None else old_row
                assert row is not None
                self.rows.append(
                    RowChange(
                        row_path(place.path, row.id),
                        row_name(table, row, index),
                        ADDED if old_row is None else REMOVED,
                        place.section,
                        SEPARATOR.join(place.names),
                    )
                )
                continue
            this_row = row_path(place.path, new_row.id)
            positions = (*place.positions, row_position(table, index))
            for column in table.columns:
                yield _Entry(
                    column,
                    cell_path(this_row, column.key),
                    SEPARATOR.join((*positions, column.label)),
                    place.section,
                    old_row.cells.get(column.key),
                    new_row.cells.get(column.key),
                )
            names = (*place.names, row_name(table, new_row, index))
            for child in table.children:
                yield from self._table(
                    child,
                    _rows_of(old_row.children, child.key),
                    _rows_of(new_row.children, child.key),
                    _Place(f"{this_row}.{child.key}", place.section, positions, names),
                )


def _paired(
    old_rows: list[Row], new_rows: list[Row]
) -> Iterator[tuple[Row | None, Row | None, int]]:
    """The rows of both lists matched by id, in the new order: (old, new, position in the new
    list) for a row both have, (None, new, position) for an added row, (old, None, position in
    the old list) for a removed one, placed after the row it followed in the old list."""
    old_by_id = {row.id: row for row in old_rows}
    new_ids = {row.id for row in new_rows}
    removed_after: dict[str | None, list[tuple[int, Row]]] = {}
    anchor: str | None = None
    for index, row in enumerate(old_rows, start=1):
        if row.id in new_ids:
            anchor = row.id
        else:
            removed_after.setdefault(anchor, []).append((index, row))
    for index, row in removed_after.get(None, []):
        yield row, None, index
    for index, row in enumerate(new_rows, start=1):
        old_row = old_by_id.get(row.id)
        yield old_row, row, index
        if old_row is not None:
            for old_index, removed in removed_after.pop(row.id, []):
                yield removed, None, old_index


# -- version against version ---------------------------------------------------------------------


def compare(old: Report, new: Report) -> Comparison:
    """What changed from ``old`` to ``new`` (two reports in the same outline), in the order of
    the new report's schema and rows."""
    if old.template.id != new.template.id:
        raise ValueError(f"reports in different templates: {old.template.id} and {new.template.id}")
    texts: list[TextChange] = []
    figures: list[FigureChange] = []
    walk = _Walk(old, new)
    for entry in walk.entries():
        kind = entry.spec.kind
        old_text, new_text = display(kind, entry.old), display(kind, entry.new)
        if kind in _TEXT_KINDS:
            if old_text != new_text:
                texts.append(
                    TextChange(
                        entry.path,
                        entry.label,
                        old_text,
                        new_text,
                        char_runs(old_text, new_text),
                        entry.section,
                    )
                )
        elif _identity(entry.old) != _identity(entry.new):
            figures.append(
                FigureChange(
                    entry.path,
                    entry.label,
                    old_text,
                    new_text,
                    difference(kind, entry.old, entry.new),
                    entry.section,
                )
            )
    return Comparison(tuple(texts), tuple(figures), tuple(walk.rows))


def _identity(value: Value) -> object:
    """What two figures are compared by: the value, or the typed text of an unreadable one."""
    if isinstance(value, Invalid):
        return (Invalid, value.raw)
    return value


def difference(kind: Kind, old: Value, new: Value) -> str:
    """``new`` − ``old`` with its sign ("+12.27", "-3", "+0.5", "0.00" when equal) for money,
    counts and percentages; "" for other kinds or when a side is blank or unreadable."""
    if kind is Kind.MONEY and isinstance(old, Money) and isinstance(new, Money):
        return _signed_money(new - old)
    if kind is Kind.COUNT and _is_count(old) and _is_count(new):
        change = _count(new) - _count(old)
        return _signed(str(change), change)
    if kind is Kind.PERCENT and isinstance(old, Decimal) and isinstance(new, Decimal):
        text = format_percent(new - old)
        return _signed(text, new - old)
    return ""


def _is_count(value: Value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _count(value: Value) -> int:
    return value if isinstance(value, int) else 0


def _signed_money(amount: Money) -> str:
    # As an editor shows an amount: two decimals, or every decimal of one finer than 0.01 万元.
    text = amount.format() if amount.fen % 10_000 == 0 else amount.exact_text()
    return _signed(text, amount.fen)


def _signed(text: str, sign: Decimal | int) -> str:
    if sign > 0:
        return f"+{text}"
    return text.removeprefix("-") if sign == 0 else text


# -- last year against this year -----------------------------------------------------------------


def against_last_year(last: Report, this: Report) -> YearOnYear:
    """This year's report beside last year's: the paragraphs it repeats word for word, and
    every amount with last year's value, its change and rate of change."""
    last_texts = "\n".join(_all_texts(last))
    unchanged = [
        UnchangedParagraph(path, label, paragraph, section, number)
        for path, label, section, text in _texts_of(this)
        for number, paragraph in enumerate(paragraphs(text), start=1)
        if len(paragraph) >= MIN_PARAGRAPH and paragraph in last_texts
    ]
    figures = [
        YearFigure(
            entry.path,
            entry.label,
            display(Kind.MONEY, entry.old),
            display(Kind.MONEY, entry.new),
            difference(Kind.MONEY, entry.old, entry.new),
            change_rate(entry.old, entry.new),
            entry.section,
        )
        for entry in _Walk(last, this).entries()
        if entry.spec.kind is Kind.MONEY
    ]
    return YearOnYear(tuple(unchanged), tuple(figures))


def change_rate(last: Value, this: Value) -> str:
    """(this − last) / |last| as a signed percentage with two decimals, "+4.35%"; "" when
    either is not an amount or last year's is 0."""
    if not (isinstance(last, Money) and isinstance(this, Money)) or last.fen == 0:
        return ""
    rate = (Decimal(this.fen - last.fen) * _HUNDRED / abs(last.fen)).quantize(
        _RATE_PLACES, rounding=ROUND_HALF_UP
    )
    return _signed(format(rate, "f"), rate) + "%"


def _texts_of(report: Report) -> Iterator[tuple[str, str, str, str]]:
    """(path, label, section, text) of every text field and text cell, in schema order."""
    for entry in _Walk(report, report).entries():
        if entry.spec.kind in _TEXT_KINDS:
            text = display(entry.spec.kind, entry.new)
            if text:
                yield entry.path, entry.label, entry.section, text


def _all_texts(report: Report) -> Iterator[str]:
    for _path, _label, _section, text in _texts_of(report):
        yield from paragraphs(text)
