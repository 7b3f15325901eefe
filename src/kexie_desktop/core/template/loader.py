"""Reading a template file (TOML, documented in docs/templates.md) into a ``Template``.

Everything is checked before a template is used: the TOML syntax, every key and its type,
unique keys, that relations, rules and sentences name fields of the right kind, and that every
item reaches the PDF (an item no print block names is printed by a generic block appended to
its section). Problems are collected, not stopped at the first, and each names the place: the
key path in the file and, where it can be found, the line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.findings import Severity
from kexie_desktop.core.oserrors import describe
from kexie_desktop.core.schema import (
    ColumnBoundRelation,
    ColumnSumRelation,
    Comparison,
    Field,
    Item,
    ListCountRelation,
    RatioRelation,
    Relation,
    ReportSchema,
    RowCountRelation,
    RowSumRelation,
    Section,
    SumRelation,
    Table,
    Term,
)
from kexie_desktop.core.template.model import (
    NoneTextRule,
    PrintBlock,
    ReasonBelowRule,
    Roles,
    RowsBlock,
    Rule,
    SentenceBlock,
    TableBlock,
    TableColumn,
    Template,
    YearBeforeDateRule,
)
from kexie_desktop.core.template.scorecard_reader import read_scorecard, with_scorecard_fields
from kexie_desktop.core.template.sentences import (
    SCORECARD_NAME,
    Reference,
    Sentence,
    SentenceError,
    compile_sentence,
    table_path,
)
from kexie_desktop.core.values import Kind

NONE_TEXT = "无。"
_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING}
_NUMERIC = (Kind.MONEY, Kind.COUNT, Kind.PERCENT)
_T = TypeVar("_T")


class TemplateError(UserError):
    """A template file that cannot be used; ``problems`` lists each mistake in Chinese."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"模板“{source}”有误：\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = problems


def load_template_file(path: Path) -> Template:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError(path.name, ["文件不是 UTF-8 编码的文字。"]) from None
    except OSError as exc:
        raise TemplateError(path.name, [f"无法读取文件（{describe(exc)}）。"]) from None
    return load_template(text, path.name)


def load_template(text: str, source: str = "模板") -> Template:
    try:
        document = tomllib.loads(text.removeprefix("\ufeff"))  # Notepad's byte-order mark
    except tomllib.TOMLDecodeError as exc:
        place = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"第 {place.group(1)} 行第 {place.group(2)} 列" if place else "文件末尾"
        detail = re.sub(r"\s*\(at .*\)$", "", str(exc))
        raise TemplateError(source, [f"TOML 格式错误（{where}；原文：{detail}）"]) from None
    except RecursionError:
        raise TemplateError(source, ["TOML 嵌套层次过深。"]) from None
    except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
        raise TemplateError(source, ["文件中有位数过多的数字。"]) from None
    reader = _Reader(text)
    template = reader.template(document)
    if reader.problems or template is None:
        raise TemplateError(source, reader.problems or ["模板无法读取。"])
    problems = _rendering_problems(template)
    if problems:
        raise TemplateError(source, problems)
    return template


def _rendering_problems(template: Template) -> list[str]:
    """Every sentence rendered once on an empty report: a mistake that only shows when a
    sentence runs (a filter applied to the wrong thing) is found now, not at export."""
    from kexie_desktop.core.report import Report  # the report module needs templates loaded
    from kexie_desktop.core.template.render import section_content

    report = Report(template)
    problems = []
    for section in template.schema.all_sections():
        try:
            section_content(report, section.key)
        except Exception as exc:
            problems.append(f"section “{section.key}”的句式无法生成：{exc}")
    for name, sentence in [("title", part) for part in template.title] + (
        [("closing_note", template.closing_note)] if template.closing_note else []
    ):
        try:
            sentence.render(report)
        except Exception as exc:
            problems.append(f"{name}无法生成：{exc}")
    return problems


class _InvalidError(Exception):
    """One problem found; the part being read is skipped, reading goes on."""


class _Reader:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.problems: list[str] = []

    # -- reporting -------------------------------------------------------------------------

    def fail(self, where: str, message: str, needle: str = "") -> _InvalidError:
        line = self._line_of(needle) if needle else 0
        place = f"{where}（第 {line} 行）" if line else where
        self.problems.append(f"{place}：{message}")
        return _InvalidError(message)

    def _line_of(self, needle: str) -> int:
        """The first line holding ``needle`` as a quoted value, else anywhere; 0 if none."""
        for wanted in (f'"{needle}"', needle):
            for number, line in enumerate(self.lines, start=1):
                if wanted in line:
                    return number
        return 0

    def attempt(self, read: Callable[[], _T]) -> _T | None:
        try:
            return read()
        except _InvalidError:
            return None

    def each(
        self,
        items: list[Mapping[str, Any]],
        where: str,
        read: Callable[[Mapping[str, Any], str], _T],
    ) -> list[_T]:
        """``read`` applied to each item; a failing item is reported and left out."""
        results: list[_T] = []
        for index, item in enumerate(items, 1):
            try:
                results.append(read(item, f"{where}[{index}]"))
            except _InvalidError:
                continue
        return results

    # -- typed values ----------------------------------------------------------------------

    def table_of(self, data: object, where: str) -> Mapping[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(where, "应为一个表（[…] 或 { … }）")
        return data

    def text(
        self, data: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        value = data.get(key, default)
        if value is None:
            raise self.fail(where, f"缺少“{key}”")
        if not isinstance(value, str):
            raise self.fail(where, f"“{key}”应为文字")
        return value

    def flag(self, data: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(where, f"“{key}”应为 true 或 false")
        return value

    def strings(self, data: Mapping[str, Any], key: str, where: str) -> list[str]:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.fail(where, f"“{key}”应为非空的文字列表")
        return value

    def tables(self, data: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(where, f"“{key}”应为表的数组（[[{key}]]）")
        return [self.table_of(item, f"{where}.{key}[{i}]") for i, item in enumerate(value, 1)]

    def severity(self, data: Mapping[str, Any], where: str, default: Severity) -> Severity:
        name = data.get("severity", default.value)
        if name not in _SEVERITIES:
            raise self.fail(where, f"“severity”应为 error 或 warning，而不是“{name}”")
        return _SEVERITIES[name]

    def only(self, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.fail(where, f"不认识的设置“{unknown[0]}”", unknown[0])

    # -- the template ----------------------------------------------------------------------

    def template(self, document: Mapping[str, Any]) -> Template | None:
        try:
            self.only(
                document,
                {"id", "version", "name", "description", "title", "closing_note", "roles"}
                | {"sections", "relations", "rules", "scorecard"},
                "模板",
            )
            template_id = self.text(document, "id", "模板")
            if not template_id or not all(
                c.isascii() and (c.isalnum() or c in "-_") for c in template_id
            ):
                raise self.fail("id", "模板编号只能由英文字母、数字、“-”和“_”组成")
            version = document.get("version")
            if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                raise self.fail("version", "版本号应为不小于 1 的整数")
            name = self.text(document, "name", "模板")
            description = self.text(document, "description", "模板", "")
        except _InvalidError:
            return None
        sections = self._sections(self.tables(document, "sections", "模板"))
        scorecard = None
        try:
            schema = ReportSchema(sections=tuple(sections))
            if "scorecard" in document:
                scorecard = self.attempt(
                    lambda: read_scorecard(self, document["scorecard"], schema)
                )
            if scorecard is not None:  # its score and reason fields join its section
                sections = with_scorecard_fields(sections, scorecard)
                schema = ReportSchema(sections=tuple(sections))
        except ValueError as exc:
            self.fail("sections", f"键重复：{exc}")
            return None
        self._no_nested_keys(schema)
        relations = tuple(
            self.each(
                self.tables(document, "relations", "模板"),
                "relations",
                lambda data, where: self._relation(data, where, schema),
            )
        )
        try:
            schema = ReportSchema(sections=tuple(sections), relations=relations)
        except ValueError as exc:
            self.fail("relations", str(exc))
            return None
        roles = self.attempt(lambda: self._roles(document, schema))
        rules = tuple(
            self.each(
                self.tables(document, "rules", "模板"),
                "rules",
                lambda data, where: self._rule(data, where, schema),
            )
        )
        title = self.attempt(lambda: self._title(document, schema))
        note_source = document.get("closing_note")
        closing_note = (
            None
            if note_source is None
            else self.attempt(lambda: self._sentence(note_source, "closing_note", schema))
        )
        printing = self._printing(document, schema)
        self._unique_rules(relations, rules)
        if roles is None or title is None or self.problems:
            return None
        template = Template(
            id=template_id,
            version=version,
            name=name,
            description=description,
            schema=schema,
            roles=roles,
            title=title,
            rules=rules,
            printing=printing,
            closing_note=closing_note,
            scorecard=scorecard,
        )
        if scorecard is None and Reference(SCORECARD_NAME) in printed_references(template):
            self.fail("模板", "句式用到了“scorecard”（自评表得分），但模板没有 [scorecard]")
            return None
        return _with_fallback_printing(template)

    def _no_nested_keys(self, schema: ReportSchema) -> None:
        """A sentence reaches ``costs.total`` as ``costs`` → ``total``: no key may also be the
        beginning of another ("costs" and "costs.total"), nor take the name sentences use for
        the scoring table's total."""
        keys = {field.key for field in schema.fields()} | {t.key for t in schema.tables()}
        for key in sorted(keys):
            if key.split(".")[0] == SCORECARD_NAME:
                self.fail("sections", f"键“{key}”不能以“{SCORECARD_NAME}”开头（留给自评表）", key)
            if any(other.startswith(f"{key}.") for other in keys):
                self.fail("sections", f"键“{key}”同时是其他键的开头，句式中无法区分", key)

    def _unique_rules(self, relations: tuple[Relation, ...], rules: tuple[Rule, ...]) -> None:
        seen: set[str] = set()
        for rule in [*(r.rule for r in relations), *(r.rule for r in rules)]:
            if rule in seen:
                self.fail("relations/rules", f"规则名“{rule}”重复", rule)
            seen.add(rule)

    # -- sections and items -----------------------------------------------------------------

    def _sections(self, data: list[Mapping[str, Any]]) -> list[Section]:
        """The sections, nested by their ``parent`` keys, in file order."""
        read = self.each(data, "sections", self._section)
        children: dict[str, list[Section]] = {}
        keys = {section.key for _, section in read}
        for parent, section in read:
            if parent and parent not in keys:
                self.fail(f"section “{section.key}”", f"上级部分“{parent}”不存在", section.key)
            children.setdefault(parent, []).append(section)

        def assemble(section: Section, depth: int) -> Section:
            if depth > 3:
                raise self.fail(f"section “{section.key}”", "部分嵌套超过三层", section.key)
            subs = tuple(assemble(sub, depth + 1) for sub in children.get(section.key, []))
            return _with_subsections(section, subs)

        top = [assemble(section, 1) for parent, section in read if not parent]
        if not top:
            self.fail("sections", "模板至少要有一个部分")
        return top

    def _section(self, data: Mapping[str, Any], where: str) -> tuple[str, Section]:
        self.only(
            data,
            {"key", "parent", "number", "title", "printed_title", "help", "printed"}
            | {"items", "print"},
            where,
        )
        key = self.text(data, "key", where)
        where = f"section “{key}”"
        items = tuple(self.each(self.tables(data, "items", where), f"{where}.items", self._item))
        return self.text(data, "parent", where, ""), Section(
            key=key,
            number=self.text(data, "number", where, ""),
            title=self.text(data, "title", where),
            help=self.text(data, "help", where, ""),
            items=items,
            printed_title=self.text(data, "printed_title", where, ""),
            printed=self.flag(data, "printed", where, True),
        )

    def _item(self, data: Mapping[str, Any], where: str) -> Item:
        kind = self.text(data, "kind", where)
        if kind == "table":
            return self._table(data, where)
        return self._field(data, where)

    def _field(self, data: Mapping[str, Any], where: str) -> Field:
        self.only(
            data,
            {"key", "label", "kind", "help", "required", "unit", "signed", "carry"},
            where,
        )
        key = self.text(data, "key", where)
        kind_name = self.text(data, "kind", where)
        try:
            kind = Kind(kind_name)
        except ValueError:
            kinds = "、".join(k.value for k in Kind)
            raise self.fail(
                f"“{key}”", f"类型“{kind_name}”无效，应为 {kinds} 或 table 之一", key
            ) from None
        signed = self.flag(data, "signed", where, False)
        if signed and kind not in (Kind.MONEY, Kind.PERCENT):
            raise self.fail(f"“{key}”", "只有金额和百分比可以设 signed", key)
        carry = data.get("carry")
        if carry is not None and not isinstance(carry, bool):
            raise self.fail(f"“{key}”", "“carry”应为 true 或 false", key)
        return Field(
            key=key,
            label=self.text(data, "label", where),
            kind=kind,
            help=self.text(data, "help", where, ""),
            required=self.flag(data, "required", where, False),
            unit=self.text(data, "unit", where, "万元" if kind is Kind.MONEY else ""),
            signed=signed,
            carry=carry,
        )

    def _table(self, data: Mapping[str, Any], where: str) -> Table:
        self.only(
            data,
            {"key", "label", "kind", "row_label", "help", "required", "carry"}
            | {"columns", "children"},
            where,
        )
        key = self.text(data, "key", where)
        columns = tuple(
            self._field(column, f"“{key}”.columns[{i}]")
            for i, column in enumerate(self.tables(data, "columns", f"“{key}”"), 1)
        )
        if not columns:
            raise self.fail(f"“{key}”", "表格至少要有一列", key)
        if len({c.key for c in columns}) != len(columns):
            raise self.fail(f"“{key}”", "列的键重复", key)
        children_data = self.tables(data, "children", f"“{key}”")
        if len(children_data) > 1:
            raise self.fail(f"“{key}”", "每个表格最多只能有一个下级表格", key)
        children = tuple(
            self._table({"kind": "table", **child}, f"“{key}”.children[{i}]")
            for i, child in enumerate(children_data, 1)
        )
        if {c.key for c in children} & {c.key for c in columns}:
            raise self.fail(f"“{key}”", "下级表格与列的键重复", key)
        return Table(
            key=key,
            label=self.text(data, "label", where),
            row_label=self.text(data, "row_label", where, self.text(data, "label", where)),
            columns=columns,
            help=self.text(data, "help", where, ""),
            children=children,
            required=self.flag(data, "required", where, False),
            carry=self.flag(data, "carry", where, True),
        )

    # -- roles, title, rules ----------------------------------------------------------------

    def _roles(self, document: Mapping[str, Any], schema: ReportSchema) -> Roles:
        data = self.table_of(document.get("roles"), "roles")
        self.only(data, {"unit", "year", "date", "title"}, "roles")
        wanted = {"unit": (Kind.TEXT,), "year": (Kind.YEAR,), "date": (Kind.DATE,)}
        keys = {}
        for role, kinds in wanted.items():
            keys[role] = self.field_key(data, role, "roles", schema, kinds)
        title = ""
        if "title" in data:
            title = self.field_key(data, "title", "roles", schema, (Kind.TEXT,))
        return Roles(unit=keys["unit"], year=keys["year"], date=keys["date"], title=title)

    def field_key(
        self,
        data: Mapping[str, Any],
        name: str,
        where: str,
        schema: ReportSchema,
        kinds: tuple[Kind, ...],
    ) -> str:
        key = self.text(data, name, where)
        if not schema.has_field(key):
            raise self.fail(where, f"“{name}”所指的字段“{key}”不存在", key)
        if schema.field(key).kind not in kinds:
            wanted = "或".join(kind.value for kind in kinds)
            raise self.fail(where, f"“{name}”所指的字段“{key}”应为 {wanted} 类型", key)
        return key

    def _title(self, document: Mapping[str, Any], schema: ReportSchema) -> tuple[Sentence, ...]:
        parts = document.get("title")
        if isinstance(parts, str):
            parts = [parts]
        if not isinstance(parts, list) or not parts or not all(isinstance(p, str) for p in parts):
            raise self.fail("title", "标题应为文字，或分行的文字列表")
        return tuple(self._sentence(part, "title", schema) for part in parts)

    def _sentence(
        self,
        source: object,
        where: str,
        schema: ReportSchema,
        bound: Mapping[str, Table | None] | None = None,
    ) -> Sentence:
        if not isinstance(source, str):
            raise self.fail(where, "句式应为文字")
        try:
            return compile_sentence(source, schema, bound)
        except SentenceError as exc:
            # The line of the name the message quotes (“money.totl”), else of the sentence.
            quoted = re.search(r"“([^”]+)”", exc.message)
            first_line = next((line for line in source.splitlines() if line.strip()), "")
            needle = quoted.group(1) if quoted else first_line.strip()[:30]
            raise self.fail(where, exc.message, needle) from None

    def _rule(self, data: Mapping[str, Any], where: str, schema: ReportSchema) -> Rule:
        kind = self.text(data, "kind", where)
        rule = self.text(data, "rule", where)
        where = f"规则“{rule}”"
        if kind == "none_text":
            self.only(data, {"rule", "kind", "amount", "text", "none", "severity"}, where)
            return NoneTextRule(
                rule,
                self.field_key(data, "amount", where, schema, (Kind.MONEY,)),
                self.field_key(data, "text", where, schema, (Kind.PARAGRAPH, Kind.TEXT)),
                self.text(data, "none", where, NONE_TEXT),
                self.severity(data, where, Severity.ERROR),
            )
        if kind == "reason_below":
            self.only(data, {"rule", "kind", "value", "threshold", "reason", "severity"}, where)
            return ReasonBelowRule(
                rule,
                self.field_key(data, "value", where, schema, _NUMERIC),
                self.decimal(data, "threshold", where),
                self.field_key(data, "reason", where, schema, (Kind.PARAGRAPH, Kind.TEXT)),
                self.severity(data, where, Severity.WARNING),
            )
        if kind == "year_before_date":
            self.only(data, {"rule", "kind", "severity"}, where)
            return YearBeforeDateRule(rule, self.severity(data, where, Severity.WARNING))
        raise self.fail(
            where, f"规则类型“{kind}”无效，应为 none_text、reason_below 或 year_before_date", rule
        )

    def decimal(self, data: Mapping[str, Any], key: str, where: str) -> Decimal:
        raw = data.get(key)
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise self.fail(where, f'“{key}”应为写成文字的数，如 "90"')
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise self.fail(where, f"“{key}”“{raw}”不是数") from None
        if not value.is_finite():
            raise self.fail(where, f"“{key}”“{raw}”不是数")
        return value

    # -- relations --------------------------------------------------------------------------

    def _relation(self, data: Mapping[str, Any], where: str, schema: ReportSchema) -> Relation:
        kind = self.text(data, "kind", where)
        rule = self.text(data, "rule", where)
        where = f"关系“{rule}”"
        readers: dict[str, Callable[[], Relation]] = {
            "sum": lambda: self._sum(data, rule, where, schema),
            "row_sum": lambda: self._row_sum(data, rule, where, schema),
            "column_sum": lambda: self._column_sum(data, rule, where, schema),
            "row_count": lambda: self._row_count(data, rule, where, schema),
            "list_count": lambda: self._list_count(data, rule, where, schema),
            "column_bound": lambda: self._column_bound(data, rule, where, schema),
            "ratio": lambda: self._ratio(data, rule, where, schema),
        }
        if kind not in readers:
            raise self.fail(where, f"关系类型“{kind}”无效，应为 {'、'.join(readers)} 之一", rule)
        return readers[kind]()

    def terms(
        self, data: Mapping[str, Any], key: str, where: str, schema: ReportSchema, kind: Kind
    ) -> tuple[Term, ...]:
        terms = []
        for text in self.strings(data, key, where):
            negative = text.startswith("-")
            name = text.removeprefix("-").strip()
            self.field_key({key: name}, key, where, schema, (kind,))
            terms.append(Term(name, negative))
        return tuple(terms)

    def _sum(
        self, data: Mapping[str, Any], rule: str, where: str, schema: ReportSchema
    ) -> Relation:
        self.only(
            data, {"rule", "kind", "total", "parts", "compare", "severity", "optional"}, where
        )
        compare = data.get("compare", "=")
        if compare not in ("=", ">="):
            raise self.fail(where, '“compare”应为 "=" 或 ">="', rule)
        return SumRelation(
            rule,
            self.field_key(data, "total", where, schema, (Kind.MONEY,)),
            self.terms(data, "parts", where, schema, Kind.MONEY),
            Comparison(compare),
            self.severity(data, where, Severity.ERROR),
            self.flag(data, "optional", where, False),
        )

    def _top_table(self, data: Mapping[str, Any], where: str, schema: ReportSchema) -> Table:
        key = self.text(data, "table", where)
        if not schema.has_table(key):
            raise self.fail(where, f"表格“{key}”不存在", key)
        return schema.table(key)

    def _column(
        self, table: Table, data: Mapping[str, Any], name: str, where: str, kinds: tuple[Kind, ...]
    ) -> str:
        key = self.text(data, name, where)
        if not any(c.key == key and c.kind in kinds for c in table.columns):
            wanted = "或".join(kind.value for kind in kinds)
            raise self.fail(where, f"表格“{table.label}”没有 {wanted} 类型的列“{key}”", key)
        return key

    def _child(self, table: Table, data: Mapping[str, Any], where: str) -> Table:
        key = self.text(data, "child", where)
        if not any(child.key == key for child in table.children):
            raise self.fail(where, f"表格“{table.label}”没有下级表格“{key}”", key)
        return table.child(key)

    def _row_sum(
        self, data: Mapping[str, Any], rule: str, where: str, schema: ReportSchema
    ) -> Relation:
        self.only(data, {"rule", "kind", "table", "total", "child", "column", "severity"}, where)
        table = self._top_table(data, where, schema)
        child = self._child(table, data, where)
        return RowSumRelation(
            rule,
            table.key,
            self._column(table, data, "total", where, (Kind.MONEY,)),
            child.key,
            self._column(child, data, "column", where, (Kind.MONEY,)),
            self.severity(data, where, Severity.ERROR),
        )

    def _column_sum(
        self, data: Mapping[str, Any], rule: str, where: str, schema: ReportSchema
    ) -> Relation:
        self.only(data, {"rule", "kind", "total", "table", "column", "severity", "optional"}, where)
        table = self._top_table(data, where, schema)
        return ColumnSumRelation(
            rule,
            self.field_key(data, "total", where, schema, (Kind.MONEY,)),
            table.key,
            self._column(table, data, "column", where, (Kind.MONEY,)),
            self.severity(data, where, Severity.ERROR),
            self.flag(data, "optional", where, False),
        )

    def _row_count(
        self, data: Mapping[str, Any], rule: str, where: str, schema: ReportSchema
    ) -> Relation:
        self.only(data, {"rule", "kind", "table", "stated", "child", "severity"}, where)
        table = self._top_table(data, where, schema)
        return RowCountRelation(
            rule,
            table.key,
            self._column(table, data, "stated", where, (Kind.COUNT,)),
            self._child(table, data, where).key,
            self.severity(data, where, Severity.WARNING),
        )

    def _list_count(
        self, data: Mapping[str, Any], rule: str, where: str, schema: ReportSchema
    ) -> Relation:
        self.only(data, {"rule", "kind", "stated", "table", "severity"}, where)
        return ListCountRelation(
            rule,
            self.field_key(data, "stated", where, schema, (Kind.COUNT,)),
            self._top_table(data, where, schema).key,
            self.severity(data, where, Severity.WARNING),
        )

    def _column_bound(
        self, data: Mapping[str, Any], rule: str, where: str, schema: ReportSchema
    ) -> Relation:
        self.only(data, {"rule", "kind", "table", "value", "bound", "severity"}, where)
        table = self._top_table(data, where, schema)
        value = self._column(table, data, "value", where, _NUMERIC)
        bound = self._column(table, data, "bound", where, _NUMERIC)
        if table.column(value).kind is not table.column(bound).kind:
            raise self.fail(where, "“value”与“bound”应为同一类型", rule)
        return ColumnBoundRelation(
            rule, table.key, value, bound, self.severity(data, where, Severity.WARNING)
        )

    def _ratio(
        self, data: Mapping[str, Any], rule: str, where: str, schema: ReportSchema
    ) -> Relation:
        self.only(
            data,
            {"rule", "kind", "stated", "numerator", "denominator", "severity", "tolerance"},
            where,
        )
        stated = self.field_key(data, "stated", where, schema, (Kind.PERCENT,))
        numerator = self.terms(data, "numerator", where, schema, Kind.MONEY)
        denominator = self.field_key(data, "denominator", where, schema, (Kind.MONEY,))
        tolerance = (
            self.decimal(data, "tolerance", where) if "tolerance" in data else Decimal("0.01")
        )
        return RatioRelation(
            rule,
            stated,
            numerator,
            denominator,
            self.severity(data, where, Severity.WARNING),
            tolerance,
        )

    # -- printing ---------------------------------------------------------------------------

    def _printing(
        self, document: Mapping[str, Any], schema: ReportSchema
    ) -> dict[str, tuple[PrintBlock, ...]]:
        printing: dict[str, tuple[PrintBlock, ...]] = {}
        raw_sections = document.get("sections", [])
        for data in raw_sections if isinstance(raw_sections, list) else []:
            if not isinstance(data, dict) or not isinstance(data.get("key"), str):
                continue
            key = data["key"]
            where = f"section “{key}”.print"
            blocks = self.each(
                self.tables(data, "print", f"section “{key}”"),
                where,
                lambda block, place: self._block(block, place, schema),
            )
            printing[key] = tuple(blocks)
        return printing

    def _block(self, data: Mapping[str, Any], where: str, schema: ReportSchema) -> PrintBlock:
        if "sentence" in data:
            self.only(data, {"sentence", "none"}, where)
            return SentenceBlock(
                self._sentence(data["sentence"], where, schema), self.text(data, "none", where, "")
            )
        if "rows" in data:
            self.only(data, {"rows", "heading", "body"}, where)
            table = self._top_table({"table": data["rows"]}, where, schema)
            bound: dict[str, Table | None] = {"row": table, "n": None}
            return RowsBlock(
                table.key,
                self._sentence(data.get("heading", ""), f"{where}.heading", schema, bound),
                self._sentence(data.get("body", ""), f"{where}.body", schema, bound),
            )
        if "table" in data:
            return self._table_block(data, where, schema)
        raise self.fail(where, "打印块应含有 sentence、rows 或 table 之一")

    def _table_block(self, data: Mapping[str, Any], where: str, schema: ReportSchema) -> TableBlock:
        self.only(data, {"table", "caption", "unit", "number_head", "columns", "total"}, where)
        table = self._top_table(data, where, schema)
        levels = list(table.levels())
        columns = []
        for i, column_data in enumerate(self.tables(data, "columns", where), 1):
            place = f"{where}.columns[{i}]"
            cells = self.strings(column_data, "cells", place)
            if len(cells) > len(levels):
                raise self.fail(place, f"“cells”最多 {len(levels)} 项（每一层表格一项）")
            for level, cell in zip(levels, cells, strict=False):
                if cell and not any(c.key == cell for c in level.columns):
                    raise self.fail(place, f"表格“{level.label}”没有列“{cell}”", cell)
            columns.append(TableColumn(self.text(column_data, "head", place), tuple(cells)))
        if not columns:
            raise self.fail(where, "“columns”至少要有一列")
        total_label, total_field = "", ""
        if "total" in data:
            total = self.table_of(data["total"], f"{where}.total")
            total_label = self.text(total, "label", f"{where}.total")
            total_field = self.field_key(total, "field", f"{where}.total", schema, (Kind.MONEY,))
        return TableBlock(
            table=table.key,
            caption=self.text(data, "caption", where, table.label),
            unit=self.text(data, "unit", where, ""),
            number_head=self.text(data, "number_head", where, "序号"),
            columns=tuple(columns),
            total_label=total_label,
            total_field=total_field,
        )


def _with_subsections(section: Section, subsections: tuple[Section, ...]) -> Section:
    return replace(section, subsections=subsections)


# -- every item reaches the PDF ----------------------------------------------------------------


def printed_references(template: Template) -> set[Reference]:
    """Every field and table column the template prints somewhere."""
    schema = template.schema
    sentences: list[Sentence] = [*template.title]
    if template.closing_note is not None:
        sentences.append(template.closing_note)
    references: set[Reference] = set()
    roles = template.roles
    references |= {Reference(key) for key in (roles.unit, roles.date, roles.title) if key}
    for blocks in template.printing.values():
        for block in blocks:
            if isinstance(block, SentenceBlock):
                sentences.append(block.sentence)
            elif isinstance(block, RowsBlock):
                sentences += [block.heading, block.body]
            else:
                levels = list(schema.table(block.table).levels())
                for column in block.columns:
                    for level, cell in zip(levels, column.cells, strict=False):
                        if cell:
                            references.add(Reference(table_path(schema, level), cell))
                if block.total_field:
                    references.add(Reference(block.total_field))
    for sentence in sentences:
        references |= sentence.references
    if template.scorecard is not None:  # the attachment prints its section's fields
        section = schema.section(template.scorecard.section)
        references |= {Reference(item.key) for item in section.items if isinstance(item, Field)}
    return references


def _with_fallback_printing(template: Template) -> Template:
    """Append a generic block for every item no print block names, so that a field added to
    a template always reaches the PDF: a field as "名称：值", a table as a ruled table."""
    schema = template.schema
    printed = printed_references(template)
    printing = dict(template.printing)
    for section in schema.all_sections():
        extra: list[PrintBlock] = []
        for item in section.items:
            if isinstance(item, Field):
                if Reference(item.key) not in printed:
                    source = f"{{% if {item.key} is filled %}}{item.label}：{{{{ {item.key} }}}}{{% endif %}}"
                    extra.append(SentenceBlock(compile_sentence(source, schema)))
            elif not _all_columns_printed(schema, item, printed):
                extra.append(generic_table_block(item))
        if extra:
            target = section.key if section.printed else _printed_parent(schema, section)
            printing[target] = (*printing.get(target, ()), *extra)
    return replace(template, printing=printing)


def _printed_parent(schema: ReportSchema, section: Section) -> str:
    """Where the items of an unprinted section (the cover) print: the first printed section."""
    for candidate in schema.all_sections():
        if candidate.printed and candidate is not section:
            return candidate.key
    return section.key


def _all_columns_printed(schema: ReportSchema, table: Table, printed: set[Reference]) -> bool:
    return all(
        Reference(table_path(schema, level), column.key) in printed
        for level in table.levels()
        for column in level.columns
    )


def generic_table_block(table: Table) -> TableBlock:
    """A table printed with all its columns; nested rows share the printed columns by position."""
    levels = list(table.levels())
    width = max(len(level.columns) for level in levels)
    columns = []
    for index in range(width):
        cells = tuple(
            level.columns[index].key if index < len(level.columns) else "" for level in levels
        )
        head = next(level.columns[index].label for level in levels if index < len(level.columns))
        columns.append(TableColumn(head, cells))
    money = any(column.kind is Kind.MONEY for level in levels for column in level.columns)
    return TableBlock(
        table=table.key,
        caption=table.label,
        unit="单位：万元" if money else "",
        number_head="序号",
        columns=tuple(columns),
    )


__all__ = [
    "NONE_TEXT",
    "TemplateError",
    "generic_table_block",
    "load_template",
    "load_template_file",
    "printed_references",
]
