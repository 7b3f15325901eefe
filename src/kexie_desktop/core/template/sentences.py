"""Standard sentences: the wording a template prints around its figures, as Jinja templates.

A figure printed inside a sentence ("我单位2021年基本支出282.02万元") is never typed twice:
the sentence names the field (``{{ costs.total }}``) and the figure comes from the report. Jinja
gives the template author what the published wordings need (optional parts with ``if``, lists
with ``for`` and ``loop.index``, joins) in a syntax documented elsewhere; it runs sandboxed, so
a template file cannot reach into the program.

Every field renders the way official reports write it: money as "282.02万元" and a zero amount
as "0元", counts with their unit ("10名"), percentages with "%", dates as "2022年4月25日"; a
missing figure as "（未填）", a missing text as nothing. ``if`` on a field is true when it is
filled in (and, for a figure, not zero). Filters: ``phrase`` (a clerk's phrase without its
closing punctuation, to go inside a sentence), ``close`` (a clerk's note, ended with "。"),
``cn`` (1 → 一, for 一是/（一）), ``trend`` (a signed change as 增加/减少, 增长/下降).

Two printed values side by side never run into each other: a name that ends in Latin letters,
digits or a URL followed by an amount ("…/r0123456789" and "15万元") is printed with a space
between them ("…/r0123456789 15万元"), where it would otherwise read as one number. The
templates need not know: every value leaves a mark after itself, and the marks become a space
where Latin or a digit meets a digit or Latin, nothing elsewhere.

Loading a template checks every sentence against the outline (``references``): a name that is
not a field, a table or a column is refused before any report is printed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2 import Template as JinjaTemplate
from jinja2.sandbox import SandboxedEnvironment

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row
from kexie_desktop.core.schema import Field, ReportSchema, Table
from kexie_desktop.core.scorecard import points_text, score_sheet
from kexie_desktop.core.values import Invalid, Kind, Value, format_date, format_percent

MISSING = "（未填）"
_DIGITS = "零一二三四五六七八九"
_CLOSING_PUNCTUATION = "。！？.!?；;，,"
# Left after every printed value (a Unicode noncharacter: no text holds one, nothing prints it).
_SEAM = "\ufdd0"
# A value ending in Latin, a digit or URL punctuation, then a digit or a Latin letter: a space.
_RUN_TOGETHER = re.compile(
    f"(?<=[0-9A-Za-z/._~%#?=&+:@\\-\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]){_SEAM}(?=[0-9A-Za-z])"
)


class SentenceError(UserError):
    """A sentence that cannot be compiled or names something the outline does not have."""


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (enough for list numbering)."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return text + (_DIGITS[ones] if ones else "")


def amount(value: Money | None) -> str:
    """An amount as written in a sentence: "282.02万元", "15万元"; a zero amount as "0元"."""
    if value is None:
        return MISSING
    if value.fen == 0:
        return "0元"
    return f"{value.format_brief()}万元"


# -- values as sentences show them -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shown:
    """A field's value inside a sentence: ``str`` gives the wording, ``bool`` whether it is
    filled in (and not zero)."""

    field: Field
    value: Value

    def __str__(self) -> str:  # noqa: PLR0911 - a case per kind
        value = None if isinstance(self.value, Invalid) else self.value
        kind = self.field.kind
        if kind in (Kind.TEXT, Kind.PARAGRAPH):
            return value.strip() if isinstance(value, str) else ""
        if value is None:
            return MISSING
        match value:
            case Money():
                return amount(value)
            case dt.date():
                return format_date(value)
            case Decimal() if kind is Kind.SCORE:
                return f"{format_percent(value)}分"
            case Decimal():
                return f"{format_percent(value)}%"
            case int() if kind is Kind.COUNT:
                return f"{value}{self.field.unit}"
            case _:
                return str(value)

    def __bool__(self) -> bool:
        value = self.value
        if value is None or isinstance(value, Invalid):
            return False
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, Money):
            return value.fen != 0
        if isinstance(value, int | Decimal):
            return value != 0
        return True

    def signed(self) -> Money | Decimal | int | None:
        value = self.value
        return value if isinstance(value, Money | Decimal | int) else None


class Scope:
    """Dotted names (``costs.total``, ``row.items``) as attributes, for the sandbox."""

    __slots__ = ("_names",)

    def __init__(self, names: Mapping[str, Any]) -> None:
        self._names = names

    def __getattr__(self, name: str) -> Any:
        try:
            return self._names[name]
        except KeyError:
            raise AttributeError(name) from None


def _phrase(value: object) -> str:
    """A clerk's phrase without its closing punctuation, to be continued by the sentence."""
    return str(value).strip().rstrip("。；;").rstrip()


def _close(value: object) -> str:
    """A clerk's note as a sentence: ended with "。" unless it ends with punctuation."""
    text = str(value).strip()
    return text if not text or text[-1] in _CLOSING_PUNCTUATION else text + "。"


def _cn(value: object) -> str:
    return chinese_number(value) if isinstance(value, int) else str(value)


def _trend(value: object) -> str:
    """A signed change as words: 增加5万元 / 减少5万元 / 持平; 增长2.5% / 下降2.5%."""
    figure = value.signed() if isinstance(value, Shown) else None
    if figure is None:
        return MISSING
    if isinstance(figure, Money):
        if figure.fen == 0:
            return "持平"
        return f"{'增加' if figure.fen > 0 else '减少'}{amount(abs(figure))}"
    if figure == 0:
        return "持平"
    magnitude = format_percent(abs(Decimal(figure)))
    return f"{'增长' if figure > 0 else '下降'}{magnitude}%"


def _filled(value: object) -> bool:
    """``is filled``: a value is there, zero included (``if`` alone passes over zeros)."""
    if isinstance(value, Shown):
        inner = value.value
        if isinstance(inner, str):
            return bool(inner.strip())
        return inner is not None and not isinstance(inner, Invalid)
    return bool(value)


def _marked(value: object) -> str:
    """A value as printed, with the mark of where it ends (see ``_seamed``)."""
    return f"{str(value).replace(_SEAM, '')}{_SEAM}"


def _seamed(text: str) -> str:
    """The marks left by ``_marked`` turned into a space where two runs would read as one."""
    return _RUN_TOGETHER.sub(" ", text).replace(_SEAM, "")


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, finalize=_marked)
    env.filters.update(phrase=_phrase, close=_close, cn=_cn, trend=_trend)
    env.tests.update(filled=_filled)
    return env


_ENV = _environment()
# Names a sentence may use besides the outline's: Jinja's loop, and what a block binds.
LOOP_NAMES = frozenset({"loop"})
# The scoring table's result: {{ scorecard.total }} (分), {{ scorecard.grade }}, and
# {{ scorecard.points }} (满分). No field key may begin with it.
SCORECARD_NAME = "scorecard"
_SCORECARD_ATTRIBUTES = ("total", "grade", "points")


# -- compiled sentences ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A field (``column`` empty) or a table's column a sentence prints."""

    key: str  # a field key, or a table's key path ("grants.list/items")
    column: str = ""


@dataclass(frozen=True, eq=False)
class Sentence:
    source: str
    compiled: JinjaTemplate
    references: frozenset[Reference]
    has_wording: bool  # literal text besides the placeholders
    # The template's own words in it (literal text and quoted strings), as they may print.
    wording: str = ""

    def render(self, data: Report, **bound: object) -> str:
        return _seamed(self.compiled.render(**context(data), **bound))


def compile_sentence(
    source: str, schema: ReportSchema, bound: Mapping[str, Table | None] | None = None
) -> Sentence:
    """Compile ``source`` and check every name in it against ``schema``.

    ``bound`` names the variables the caller provides: a row of a table, or None for a plain
    value (a row number). Raises ``SentenceError`` with a Chinese message.
    """
    try:
        tree = _ENV.parse(source)
    except TemplateSyntaxError as exc:
        raise SentenceError(f"句式第 {exc.lineno} 行有语法错误：{exc.message}") from None
    walker = _Walker(schema, dict(bound or {}))
    walker.visit(tree)
    if walker.problems:
        raise SentenceError("；".join(walker.problems))
    literal = any(
        isinstance(node, nodes.TemplateData) and node.data.strip()
        for node in tree.find_all(nodes.TemplateData)
    ) or any(isinstance(node, nodes.Const) for node in tree.find_all(nodes.Const))
    wording = "".join(
        [node.data for node in tree.find_all(nodes.TemplateData)]
        + [node.value for node in tree.find_all(nodes.Const) if isinstance(node.value, str)]
    )
    try:
        compiled = _ENV.from_string(tree)  # compiled from the tree already parsed
    except TemplateSyntaxError as exc:  # e.g. a filter that does not exist
        raise SentenceError(f"句式第 {exc.lineno} 行有错误：{exc.message}") from None
    return Sentence(source, compiled, frozenset(walker.references), literal, wording)


class _Walker:
    """Resolves every dotted name of a sentence to a field, a table or a column."""

    def __init__(self, schema: ReportSchema, bound: dict[str, Table | None]) -> None:
        self.schema = schema
        self.scopes: list[dict[str, Table | None]] = [bound]
        self.references: set[Reference] = set()
        self.problems: list[str] = []

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.For):
            self._for(node)
        elif isinstance(node, nodes.Assign):  # {% set name = … %}: a plain value from here on
            self.visit(node.node)
            names = [node.target, *node.target.find_all(nodes.Name)]
            for target in names:
                if isinstance(target, nodes.Name):
                    self.scopes[-1][target.name] = None
        elif isinstance(node, nodes.Getattr | nodes.Name):
            self._name(node)
        else:
            for child in node.iter_child_nodes():
                self.visit(child)

    def _for(self, node: nodes.For) -> None:
        table = self._name(node.iter)
        if not isinstance(table, Table):
            self.problems.append(f"“for … in {_dotted(node.iter) or '…'}”应遍历一个表格")
        targets = [node.target] if isinstance(node.target, nodes.Name) else []
        row = table if isinstance(table, Table) else None
        scope: dict[str, Table | None] = {target.name: row for target in targets}
        scope.update(dict.fromkeys(LOOP_NAMES))
        self.scopes.append(scope)
        for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
            self.visit(child)
        self.scopes.pop()

    def _bound(self, name: str) -> tuple[bool, Table | None]:
        for scope in reversed(self.scopes):
            if name in scope:
                return True, scope[name]
        return False, None

    def _name(self, node: nodes.Node) -> Table | Field | None:
        path = _dotted(node)
        if path is None:  # an attribute of something computed: check what it is built from
            for child in node.iter_child_nodes():
                self.visit(child)
            return None
        head, *rest = path.split(".")
        is_bound, table = self._bound(head)
        if is_bound:
            return self._in_row(table, rest, path) if table is not None else None
        if head == SCORECARD_NAME:
            if rest not in ([attribute] for attribute in _SCORECARD_ATTRIBUTES):
                names = "、".join(f"{head}.{a}" for a in _SCORECARD_ATTRIBUTES)
                self.problems.append(f"“{path}”无效，自评表结果只能写 {names}")
            self.references.add(Reference(SCORECARD_NAME))
            return None
        return self._top_level(path)

    def _top_level(self, path: str) -> Table | Field | None:
        if self.schema.has_field(path):
            self.references.add(Reference(path))
            return self.schema.field(path)
        if self.schema.has_table(path):
            return self.schema.table(path)
        if not any(key.startswith(f"{path}.") for key in _all_keys(self.schema)):
            self.problems.append(f"“{path}”不是本模板的字段或表格")
        return None

    def _in_row(self, table: Table, rest: list[str], path: str) -> Table | Field | None:
        if not rest:
            return table
        name = rest[0]
        for column in table.columns:
            if column.key == name:
                self.references.add(Reference(table_path(self.schema, table), name))
                return column
        for child in table.children:
            if child.key == name:
                return self._in_row(child, rest[1:], path)
        self.problems.append(f"“{path}”：表格“{table.label}”没有“{name}”这一列")
        return None


def _dotted(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _all_keys(schema: ReportSchema) -> Iterator[str]:
    yield from (field.key for field in schema.fields())
    yield from (table.key for table in schema.tables())


def table_path(schema: ReportSchema, table: Table) -> str:
    """A table's key path: its key for a top-level table, "parent/child" for a nested one."""
    for top in schema.tables():
        found = _find(top, table, top.key)
        if found is not None:
            return found
    return table.key


def _find(current: Table, wanted: Table, path: str) -> str | None:
    if current is wanted:
        return path
    for child in current.children:
        found = _find(child, wanted, f"{path}/{child.key}")
        if found is not None:
            return found
    return None


# -- the data a sentence sees -----------------------------------------------------------------


def context(data: Report) -> dict[str, Any]:
    """The report's fields and tables as nested scopes: ``costs.total``, ``grants.list``."""
    schema = data.schema
    tree: dict[str, Any] = {}
    for field in schema.fields():
        _place(tree, field.key, Shown(field, data.values.get(field.key)))
    for table in schema.tables():
        _place(tree, table.key, [row_scope(table, row) for row in data.rows(table.key)])
    scope = {name: _scoped(value) for name, value in tree.items()}
    sheet = score_sheet(data)
    if sheet is not None:
        scope[SCORECARD_NAME] = Scope(
            {
                # While scores are missing the total and grade are not yet known.
                "total": f"{points_text(sheet.total)}分" if sheet.complete else MISSING,
                "grade": sheet.grade.name if sheet.complete else MISSING,
                "points": f"{points_text(sheet.scorecard.points)}分",
            }
        )
    return scope


def row_scope(table: Table, row: Row) -> Scope:
    names: dict[str, Any] = {
        column.key: Shown(column, row.cells.get(column.key)) for column in table.columns
    }
    for child in table.children:
        names[child.key] = [row_scope(child, item) for item in row.rows(child.key)]
    return Scope(names)


def _place(tree: dict[str, Any], key: str, value: object) -> None:
    *parents, last = key.split(".")
    for part in parents:
        tree = tree.setdefault(part, {})
    tree[last] = value


def _scoped(value: Any) -> Any:
    if isinstance(value, dict):
        return Scope({name: _scoped(item) for name, item in value.items()})
    return value
