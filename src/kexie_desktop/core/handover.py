"""The hand-over file: one report as a versioned JSON document.

Used to pass a report to another PC, to keep a copy, and to ship the built-in sample. Amounts
are decimal strings in 万元 with every digit kept (never JSON numbers, which readers turn into
binary floats); counts and years are integers; dates ISO strings. Reading validates the whole
document before anything is built, and every problem is named in Chinese.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from kexie_desktop import __version__
from kexie_desktop.core.money import MAX_WAN, Money, is_plausible
from kexie_desktop.core.report import Report, Row, Status, new_row_id
from kexie_desktop.core.schema import SCHEMA, Field, Table
from kexie_desktop.core.values import MAX_COUNT, MAX_PERCENT, Invalid, Kind, Value, read

FORMAT = "kexie-desktop-report"
VERSION = 1
_UNREADABLE = "unreadable"


class HandoverError(ValueError):
    """A document that cannot be imported; ``message`` says in Chinese what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def dumps(report: Report) -> str:
    return json.dumps(to_document(report), ensure_ascii=False, indent=2) + "\n"


def loads(text: str) -> Report:
    try:
        # parse_float keeps any stray JSON number exact; money must be a string anyway.
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise HandoverError(
            f"文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）。"
        ) from exc
    return from_document(document)


def to_document(report: Report) -> dict[str, Any]:
    fields = {
        field.key: _encode(field, report.values[field.key])
        for field in SCHEMA.fields()
        if report.values.get(field.key) is not None
    }
    tables = {
        table.key: [_encode_row(table, row) for row in report.tables[table.key]]
        for table in SCHEMA.tables()
        if report.tables.get(table.key)
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"kexie-desktop {__version__}",
        "report": {
            "status": report.status.value,
            "sample": report.is_sample,
            "fields": fields,
            "tables": tables,
            "explanations": dict(sorted(report.explanations.items())),
        },
    }


def from_document(document: object) -> Report:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise HandoverError("这不是本软件导出的报告文件（缺少格式标识）。")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise HandoverError("报告文件缺少版本号。")
    if version > VERSION:
        raise HandoverError(f"报告文件由更新版本的软件导出（格式版本 {version}），请先升级本软件。")
    body = _mapping(document.get("report"), "report")
    status_text = body.get("status", Status.DRAFT.value)
    try:
        status = Status(status_text)
    except ValueError:
        raise HandoverError(f"报告状态“{status_text}”无效，应为 draft 或 final。") from None
    sample = body.get("sample", False)
    if not isinstance(sample, bool):
        raise HandoverError("“sample”应为 true 或 false。")
    # Every table and nested table present, empty or not, as storage loads them.
    report = Report(status=status, is_sample=sample)
    report.tables = {table.key: [] for table in SCHEMA.tables()}
    seen_ids: set[str] = set()
    for key, raw in _mapping(body.get("fields", {}), "fields").items():
        if not SCHEMA.has_field(key):
            raise HandoverError(f"报告文件含有未知字段“{key}”。")
        field = SCHEMA.field(key)
        report.values[key] = _decode(field, raw, f"字段“{field.label}”（{key}）")
    for key, rows in _mapping(body.get("tables", {}), "tables").items():
        if not SCHEMA.has_table(key):
            raise HandoverError(f"报告文件含有未知表格“{key}”。")
        table = SCHEMA.table(key)
        report.tables[key] = _decode_rows(table, rows, f"表格“{table.label}”", seen_ids)
    for key, text in _mapping(body.get("explanations", {}), "explanations").items():
        if not isinstance(text, str):
            raise HandoverError(f"说明“{key}”应为文字。")
        report.explanations[key] = text
    return report


def _mapping(value: object, name: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise HandoverError(f"报告文件的“{name}”部分格式不对，应为对象。")
    return value


def _encode(field: Field, value: Value) -> Any:
    if isinstance(value, Invalid):
        return {_UNREADABLE: value.raw}
    if isinstance(value, Money):
        return value.exact_text()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _encode_row(table: Table, row: Row) -> dict[str, Any]:
    encoded: dict[str, Any] = {
        "id": row.id,
        "cells": {
            column.key: _encode(column, row.cells[column.key])
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
            raise HandoverError(f"{row_where}含有未知内容“{sorted(unknown)[0]}”。")
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
                raise HandoverError(f"{row_where}含有未知列“{key}”。") from None
            row.cells[key] = _decode(column, raw, f"{row_where}的“{column.label}”")
        for child in table.children:
            row.children[child.key] = (
                _decode_rows(child, data[child.key], f"{row_where}的{child.label}", seen_ids)
                if child.key in data
                else []
            )
        decoded.append(row)
    return decoded


def _decode(field: Field, raw: object, where: str) -> Value:
    if isinstance(raw, dict) and set(raw) == {_UNREADABLE} and isinstance(raw[_UNREADABLE], str):
        # Read again: a newer parser may understand what an older one could not.
        return read(field.kind, raw[_UNREADABLE])
    if field.kind in (Kind.TEXT, Kind.PARAGRAPH):
        if not isinstance(raw, str):
            raise HandoverError(f"{where}应为文字。")
        return raw
    if field.kind is Kind.MONEY:
        return _decode_money(raw, where)
    if field.kind in (Kind.COUNT, Kind.YEAR):
        if not isinstance(raw, int) or isinstance(raw, bool) or not 0 <= raw <= MAX_COUNT:
            raise HandoverError(f"{where}应为不小于 0 的整数，实为 {_shown(raw)}。")
        return raw
    if field.kind is Kind.PERCENT:
        if not isinstance(raw, str):
            raise HandoverError(f'{where}应为写成文字的数，如 "95"。')
        try:
            percent = Decimal(raw)
        except InvalidOperation:
            raise HandoverError(f"{where}“{raw}”不是数。") from None
        if not percent.is_finite() or abs(percent) > MAX_PERCENT:
            raise HandoverError(f"{where}“{raw}”不是合理的百分比。")
        return percent
    if not isinstance(raw, str):
        raise HandoverError(f'{where}应为日期文字，如 "2022-04-25"。')
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise HandoverError(f"{where}“{raw}”不是有效日期（应为 2022-04-25 格式）。") from None


def _decode_money(raw: object, where: str) -> Money:
    if not isinstance(raw, str):
        raise HandoverError(f'{where}应为写成文字的金额（万元），如 "282.02"，实为 {_shown(raw)}。')
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise HandoverError(f"{where}“{raw}”不是金额。") from None
    if not value.is_finite():
        raise HandoverError(f"{where}“{raw}”不是金额。")
    if abs(value) > MAX_WAN:
        raise HandoverError(f"{where}“{raw}”金额过大。")
    money = Money.from_wan(value)
    if money.wan != value:
        raise HandoverError(f"{where}“{raw}”的精度超过了分。")
    if not is_plausible(money):
        raise HandoverError(f"{where}“{raw}”金额过大。")
    return money


def _shown(raw: object) -> str:
    """A JSON value as it appeared in the file, for quoting in a message."""
    if isinstance(raw, Decimal):
        return str(raw)
    return json.dumps(raw, ensure_ascii=False, default=str)
