"""The hand-over file: one report as a versioned JSON document.

Used to pass a report to another PC, to keep a copy, and to ship the built-in samples. Values
are written and read by the field kinds' codecs (``core.values``): amounts are decimal strings
in 万元 with every digit kept, never JSON numbers. Reading validates the whole document before
anything is built, and every problem is named in Chinese.

Format version 2 names the report's template (id and version); a version 1 file was written
before there were templates and is in the outline of ``V1_TEMPLATE``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kexie_desktop import __version__
from kexie_desktop.core.errors import UserError
from kexie_desktop.core.report import Report, Row, Status, new_row_id
from kexie_desktop.core.schema import Field, Table
from kexie_desktop.core.template import Template, TemplateLibrary, UnknownTemplateError
from kexie_desktop.core.textinput import ParseError, shorten, storable
from kexie_desktop.core.values import Invalid, Value, from_json, shown_json, to_json

FORMAT = "kexie-desktop-report"
VERSION = 2
# Hand-over files of format version 1 all hold reports in this outline.
V1_TEMPLATE = ("hunan-dept-selfeval", 1)


class HandoverError(UserError):
    """A document that cannot be imported; ``message`` says in Chinese what is wrong."""


def dumps(report: Report) -> str:
    return json.dumps(to_document(report), ensure_ascii=False, indent=2) + "\n"


def loads(text: str, templates: TemplateLibrary) -> Report:
    text = text.removeprefix("\ufeff")  # Windows Notepad saves UTF-8 with a byte-order mark
    try:
        # parse_float keeps any stray JSON number exact; money must be a string anyway.
        document = json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise HandoverError(
            f"文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）。"
        ) from exc
    except RecursionError:
        raise HandoverError("文件的嵌套层次过深，不是本软件导出的报告文件。") from None
    except _DuplicateKeyError as exc:
        raise HandoverError(f"文件内容无效：{exc}") from None
    except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
        raise HandoverError("文件中有位数过多的数字，不是本软件导出的报告文件。") from None
    return from_document(document, templates)


class _DuplicateKeyError(ValueError):
    """A key twice in one JSON object: which value was meant cannot be known."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(f"“{_text(key)}”出现了两次")
        result[key] = value
    return result


def to_document(report: Report) -> dict[str, Any]:
    schema = report.schema
    fields = {
        field.key: to_json(field.kind, report.values[field.key])
        for field in schema.fields()
        if report.values.get(field.key) is not None
    }
    tables = {
        table.key: [_encode_row(table, row) for row in report.tables[table.key]]
        for table in schema.tables()
        if report.tables.get(table.key)
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"kexie-desktop {__version__}",
        "report": {
            "template": {"id": report.template.id, "version": report.template.version},
            "status": report.status.value,
            "sample": report.is_sample,
            "fields": fields,
            "tables": tables,
            "explanations": dict(sorted(report.explanations.items())),
            # Written only when off, so files of reports without the choice stay as they were.
            **({} if report.print_chart else {"print_chart": False}),
        },
    }


def _flag(body: Mapping[str, Any], key: str, *, default: bool) -> bool:
    value = body.get(key, default)
    if not isinstance(value, bool):
        raise HandoverError(f"“{key}”应为 true 或 false。")
    return value


def from_document(document: object, templates: TemplateLibrary) -> Report:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise HandoverError("这不是本软件导出的报告文件（缺少格式标识）。")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HandoverError("报告文件缺少有效的格式版本号。")
    if version > VERSION:
        raise HandoverError(f"报告文件由更新版本的软件导出（格式版本 {version}），请先升级本软件。")
    body = _mapping(document.get("report"), "report")
    template = _template(body, version, templates)
    status_text = body.get("status", Status.DRAFT.value)
    try:
        status = Status(status_text)
    except ValueError:
        raise HandoverError(
            f"报告状态{shown_json(status_text)}无效，应为 draft 或 final。"
        ) from None
    sample = _flag(body, "sample", default=False)
    print_chart = _flag(body, "print_chart", default=True)
    schema = template.schema
    # Every table and nested table present, empty or not, as storage loads them.
    report = Report(template, status=status, is_sample=sample, print_chart=print_chart)
    report.tables = {table.key: [] for table in schema.tables()}
    seen_ids: set[str] = set()
    for key, raw in _mapping(body.get("fields", {}), "fields").items():
        if not schema.has_field(key):
            raise HandoverError(f"报告文件含有模板中没有的字段“{_text(key)}”。")
        field = schema.field(key)
        value = _decode(field, raw, f"字段“{field.label}”（{key}）")
        if value is not None:  # a blank entry is no entry, as when typed
            report.values[key] = value
    for key, rows in _mapping(body.get("tables", {}), "tables").items():
        if not schema.has_table(key):
            raise HandoverError(f"报告文件含有模板中没有的表格“{_text(key)}”。")
        table = schema.table(key)
        report.tables[key] = _decode_rows(table, rows, f"表格“{table.label}”", seen_ids)
    for key, text in _mapping(body.get("explanations", {}), "explanations").items():
        if not isinstance(text, str):
            raise HandoverError(f"说明“{_text(key)}”应为文字。")
        report.explanations[key] = _text_value(text, f"说明“{_text(key)}”")
    return report


def _template(body: Mapping[str, Any], version: int, templates: TemplateLibrary) -> Template:
    if version == 1:
        template_id, template_version = V1_TEMPLATE
    else:
        named = _mapping(body.get("template"), "template")
        named_id, named_version = named.get("id"), named.get("version")
        valid_version = (
            isinstance(named_version, int)
            and not isinstance(named_version, bool)
            and named_version >= 1
        )
        if not isinstance(named_id, str) or not valid_version:
            raise HandoverError("报告文件没有写明所用的模板（template 的 id 和 version）。")
        assert isinstance(named_version, int)
        template_id, template_version = _text(named_id), named_version
    try:
        return templates.get(template_id, template_version)
    except UnknownTemplateError as exc:
        raise HandoverError(exc.message) from None


def _mapping(value: object, name: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise HandoverError(f"报告文件的“{name}”部分格式不对，应为对象。")
    return value


def _text(value: str) -> str:
    """A name from the file, safe to quote in a one-line message: control characters escaped
    as in JSON, lone surrogates replaced, cut when long."""
    return shorten(storable(json.dumps(value, ensure_ascii=False)[1:-1]), 30)


def _text_value(value: str, where: str) -> str:
    """Text that can be stored and printed: lone surrogates (from a "\\ud800" escape) cannot."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise HandoverError(f"{where}含有无效的字符（不成对的代理码元）。") from None
    return value


def _encode_row(table: Table, row: Row) -> dict[str, Any]:
    encoded: dict[str, Any] = {
        "id": row.id,
        "cells": {
            column.key: to_json(column.kind, row.cells[column.key])
            for column in table.columns
            if row.cells.get(column.key) is not None
        },
    }
    for child in table.children:
        if row.children.get(child.key):
            encoded[child.key] = [_encode_row(child, item) for item in row.children[child.key]]
    return encoded


def _decode_rows(table: Table, rows: object, where: str, seen_ids: set[str]) -> list[Row]:
    if not isinstance(rows, list):
        raise HandoverError(f"{where}应为行的列表。")
    decoded: list[Row] = []
    for index, raw_row in enumerate(rows, start=1):
        row_where = f"{where}第{index}行"
        data = _mapping(raw_row, row_where)
        unknown = set(data) - {"id", "cells"} - {child.key for child in table.children}
        if unknown:
            raise HandoverError(f"{row_where}含有未知内容“{_text(sorted(unknown)[0])}”。")
        row_id = data.get("id", new_row_id())
        if not isinstance(row_id, str) or not row_id.isascii() or not row_id.isalnum():
            raise HandoverError(f"{row_where}的编号无效。")
        if row_id in seen_ids:
            raise HandoverError(f"{row_where}的编号“{row_id}”与其他行重复。")
        seen_ids.add(row_id)
        row = Row(id=row_id)
        for key, raw in _mapping(data.get("cells", {}), f"{row_where}的 cells").items():
            try:
                column = table.column(key)
            except KeyError:
                raise HandoverError(f"{row_where}含有未知列“{_text(key)}”。") from None
            value = _decode(column, raw, f"{row_where}的“{column.label}”")
            if value is not None:
                row.cells[key] = value
        for child in table.children:
            row.children[child.key] = (
                _decode_rows(child, data[child.key], f"{row_where}的{child.label}", seen_ids)
                if child.key in data
                else []
            )
        decoded.append(row)
    return decoded


def _decode(field: Field, raw: object, where: str) -> Value:
    try:
        value = from_json(field.kind, raw)
    except ParseError as exc:
        raise HandoverError(f"{where}：{exc.message}") from None
    if isinstance(value, Invalid):
        _text_value(value.raw, where)
    return _text_value(value, where) if isinstance(value, str) else value
