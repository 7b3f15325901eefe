"""Typed values ⇄ the four value columns (money_fen, int_value, text_value, unreadable)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from kexie_desktop.core.money import Money
from kexie_desktop.core.values import Invalid, Kind, Value, read

# Percentages are stored as whole hundredths of a percent: 95.5 % → 9550.
_PERCENT_SCALE = 100

VALUE_COLUMNS = ("money_fen", "int_value", "text_value", "unreadable")


def encode(kind: Kind, value: Value) -> dict[str, Any]:
    columns: dict[str, Any] = dict.fromkeys(VALUE_COLUMNS)
    if isinstance(value, Invalid):
        columns["unreadable"] = value.raw
    elif isinstance(value, Money):
        columns["money_fen"] = value.fen
    elif isinstance(value, Decimal):
        columns["int_value"] = int(value * _PERCENT_SCALE)
    elif isinstance(value, dt.date):
        columns["text_value"] = value.isoformat()
    elif isinstance(value, int):
        columns["int_value"] = value
    elif isinstance(value, str):
        columns["text_value"] = value
    return columns


def decode(kind: Kind, row: dict[str, Any]) -> Value:
    if row["unreadable"] is not None:
        # Parse again: the message is rebuilt, and a newer parser may now accept the text.
        return read(kind, row["unreadable"])
    if kind is Kind.MONEY:
        return None if row["money_fen"] is None else Money(int(row["money_fen"]))
    if kind is Kind.PERCENT:
        return None if row["int_value"] is None else Decimal(row["int_value"]).scaleb(-2)
    if kind is Kind.DATE:
        return None if row["text_value"] is None else dt.date.fromisoformat(row["text_value"])
    if kind in (Kind.COUNT, Kind.YEAR):
        return None if row["int_value"] is None else int(row["int_value"])
    text = row["text_value"]
    return text if isinstance(text, str) else None
