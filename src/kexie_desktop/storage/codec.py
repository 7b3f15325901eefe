"""Typed values ⇄ the four value columns (money_fen, int_value, text_value, unreadable)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, assert_never

from kexie_desktop.core.money import Money
from kexie_desktop.core.values import Invalid, Kind, Value, read

# Percentages and scores are stored as whole hundredths: 95.5 % → 9550, 4.5 分 → 450.
_PERCENT_SCALE = 100

VALUE_COLUMNS = ("money_fen", "int_value", "text_value", "unreadable")


def encode(value: Value) -> dict[str, Any]:
    columns: dict[str, Any] = dict.fromkeys(VALUE_COLUMNS)
    match value:
        case None:
            pass
        case Invalid():
            columns["unreadable"] = value.raw
        case Money():
            columns["money_fen"] = value.fen
        case Decimal():
            columns["int_value"] = int(value * _PERCENT_SCALE)
        case dt.date():
            columns["text_value"] = value.isoformat()
        case int():
            columns["int_value"] = value
        case str():
            columns["text_value"] = value
        case _:
            assert_never(value)
    return columns


def decode(kind: Kind, row: dict[str, Any]) -> Value:
    if row["unreadable"] is not None:
        # Parse again: the message is rebuilt, and a newer parser may now accept the text.
        return read(kind, row["unreadable"])
    match kind:
        case Kind.MONEY:
            return None if row["money_fen"] is None else Money(int(row["money_fen"]))
        case Kind.PERCENT | Kind.SCORE:
            return None if row["int_value"] is None else Decimal(row["int_value"]).scaleb(-2)
        case Kind.DATE:
            text = row["text_value"]
            return None if text is None else dt.date.fromisoformat(text)
        case Kind.COUNT | Kind.YEAR:
            return None if row["int_value"] is None else int(row["int_value"])
        case Kind.TEXT | Kind.PARAGRAPH:
            text = row["text_value"]
            return text if isinstance(text, str) else None
        case _:
            assert_never(kind)
