"""Field kinds and the typed values a field can hold: one codec per kind, used by typing,
display and hand-over files alike (the database's columns are in ``storage.codec``).

A hand-over file is read with the same parser as the keyboard: a figure a clerk could not
type is not imported either, and both round the same way.

A field that holds text the clerk typed but that could not be read keeps it as ``Invalid``:
the raw text is stored and shown again, never thrown away, and the checks report it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import assert_never

from kexie_desktop.core.money import Money, parse_money
from kexie_desktop.core.textinput import (
    REPLACEMENT,
    ParseError,
    normalize,
    refuse_odd_digits,
    shorten,
    storable,
)


class Kind(Enum):
    TEXT = "text"  # one line
    PARAGRAPH = "paragraph"  # long text, printed as one or more paragraphs
    MONEY = "money"  # 万元, exact to the 分
    COUNT = "count"  # whole number ≥ 0 (persons, items)
    PERCENT = "percent"  # 0–100, up to two decimals
    SCORE = "score"  # points of the scoring table (自评得分), ≥ 0, up to two decimals
    DATE = "date"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Invalid:
    """What the clerk typed into a field, when it could not be read."""

    raw: str
    message: str


Value = str | Money | int | Decimal | dt.date | Invalid | None

_COUNT_SUFFIXES = ("个", "名", "人", "项", "家", "次")
_PERCENT_PLACES = Decimal("0.01")
_DATE_PATTERNS = (
    re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日?$"),
    re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$"),
)
MIN_YEAR, MAX_YEAR = 2000, 2100
# Far beyond any real head count or percentage, and far inside SQLite's 64-bit INTEGER.
MAX_COUNT = 10**9
MAX_PERCENT = Decimal(10**6)
# A scoring table has 100 points; a leaf never has more. Anything above is a slip of the keys.
MAX_SCORE = Decimal(1000)


def parse(kind: Kind, text: str) -> Value:  # noqa: PLR0911 - a case per kind
    """The typed value of ``text`` for a field of ``kind``; ``None`` when blank.

    Raises ``ParseError`` with a Chinese message when the text cannot be read.
    """
    if kind not in (Kind.TEXT, Kind.PARAGRAPH):
        refuse_odd_digits(text)
    match kind:
        case Kind.TEXT | Kind.PARAGRAPH:
            return text if text.strip() else None
        case Kind.MONEY:
            return parse_money(text)
        case Kind.COUNT:
            return _parse_count(text)
        case Kind.PERCENT:
            return _parse_percent(text)
        case Kind.SCORE:
            return _parse_score(text)
        case Kind.DATE:
            return _parse_date(text)
        case Kind.YEAR:
            return _parse_year(text)
        case _:
            assert_never(kind)


def read(kind: Kind, text: str) -> Value:
    """Like ``parse`` but never fails: unreadable text comes back as ``Invalid``.

    Text that holds characters no file can store (lone surrogates) is kept with them replaced
    by "\ufffd" and reported, so that it can be saved and the clerk sees where it was."""
    cleaned = storable(text)
    if cleaned != text:
        return Invalid(cleaned, f"含有无法保存的字符（已换成“{REPLACEMENT}”），请核对后重新输入。")
    try:
        return parse(kind, text)
    except ParseError as exc:
        return Invalid(text, exc.message)


def display(kind: Kind, value: Value) -> str:  # noqa: PLR0911 - a case per kind
    """The text an editor shows for ``value`` (the typed text again, if it was invalid); the
    text ``parse`` reads back as the same value."""
    if value is None:
        return ""
    if isinstance(value, Invalid):
        return value.raw
    match kind:
        case Kind.TEXT | Kind.PARAGRAPH:
            return value if isinstance(value, str) else ""
        case Kind.MONEY:
            if not isinstance(value, Money):
                return ""
            return value.format() if value.fen % 10_000 == 0 else value.exact_text()
        case Kind.COUNT | Kind.YEAR:
            return str(value) if isinstance(value, int) else ""
        case Kind.PERCENT | Kind.SCORE:
            return format_percent(value) if isinstance(value, Decimal) else ""
        case Kind.DATE:
            return format_date(value) if isinstance(value, dt.date) else ""
        case _:
            assert_never(kind)


# -- hand-over files ---------------------------------------------------------------------------
# Amounts and percentages are decimal strings (never JSON numbers, which readers turn into
# binary floats); counts and years integers; dates ISO strings; an unreadable entry keeps the
# clerk's text as {"unreadable": "…"}.

UNREADABLE = "unreadable"
JsonValue = str | int | dict[str, str]


def to_json(kind: Kind, value: Value) -> JsonValue | None:  # noqa: PLR0911 - a case per kind
    if value is None:
        return None
    if isinstance(value, Invalid):
        return {UNREADABLE: value.raw}
    match kind:
        case Kind.TEXT | Kind.PARAGRAPH:
            return value if isinstance(value, str) else None
        case Kind.MONEY:
            return value.exact_text() if isinstance(value, Money) else None
        case Kind.COUNT | Kind.YEAR:
            return value if isinstance(value, int) else None
        case Kind.PERCENT | Kind.SCORE:
            return format_percent(value) if isinstance(value, Decimal) else None
        case Kind.DATE:
            return value.isoformat() if isinstance(value, dt.date) else None
        case _:
            assert_never(kind)


def from_json(kind: Kind, raw: object) -> Value:
    """The value a hand-over file gives, read as typing reads it; raises ``ParseError``."""
    if isinstance(raw, dict) and set(raw) == {UNREADABLE} and isinstance(raw[UNREADABLE], str):
        # Read again: a newer parser may understand what an older one could not.
        return read(kind, raw[UNREADABLE])
    match kind:
        case Kind.TEXT | Kind.PARAGRAPH:
            if not isinstance(raw, str):
                raise ParseError("应为文字。")
            return parse(kind, raw)
        case Kind.MONEY | Kind.PERCENT | Kind.SCORE:
            if not isinstance(raw, str):
                raise ParseError(f'应为写成文字的数，如 "95"，实为 {shown_json(raw)}。')
            return parse(kind, raw)
        case Kind.COUNT | Kind.YEAR:
            if not isinstance(raw, int) or isinstance(raw, bool):
                raise ParseError(f"应为整数，实为 {shown_json(raw)}。")
            return parse(kind, str(raw))
        case Kind.DATE:
            if not isinstance(raw, str):
                raise ParseError('应为日期文字，如 "2022-04-25"。')
            return parse(kind, raw)
        case _:
            assert_never(kind)


def shown_json(raw: object) -> str:
    """A JSON value as it appeared in the file, for quoting in a message (on one line: a line
    break or other control character is shown as its escape, \\n)."""
    if isinstance(raw, str):
        visible = "".join(c if c.isprintable() else repr(c)[1:-1] for c in raw)
        return f"“{shorten(visible)}”"
    if isinstance(raw, Decimal):  # a JSON number the reader kept exact
        return shorten(str(raw))
    try:  # as the file wrote it (null, true, {"a": 1}), not as Python prints it
        written = json.dumps(raw, ensure_ascii=False, default=str)
    except (RecursionError, ValueError):
        written = type(raw).__name__
    return shorten(written)


def format_date(value: dt.date) -> str:
    """As official documents write dates: 2022年4月25日, no zero padding."""
    return f"{value.year}年{value.month}月{value.day}日"


def format_percent(value: Decimal) -> str:
    text = format(value.quantize(_PERCENT_PLACES, rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _parse_count(text: str) -> int | None:
    cleaned = normalize(text)
    if not cleaned:
        return None
    for suffix in _COUNT_SUFFIXES:
        cleaned = cleaned.removesuffix(suffix)
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ParseError(f"“{shorten(text)}”不是人数或个数。请填写不小于 0 的整数，例如 10。")
    if len(cleaned) > len(str(MAX_COUNT)) or int(cleaned) > MAX_COUNT:
        raise ParseError(f"“{shorten(text)}”数字过大，请核对。")
    return int(cleaned)


def _parse_percent(text: str) -> Decimal | None:
    cleaned = normalize(text).removesuffix("%")
    if not cleaned:
        return None
    if not re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", cleaned):
        raise ParseError(f"“{shorten(text)}”不是百分比。请填写 0 到 100 之间的数，例如 95。")
    value = Decimal(cleaned)
    if abs(value) > MAX_PERCENT:
        raise ParseError(f"“{shorten(text)}”不是合理的百分比，请填写 0 到 100 之间的数。")
    return value.quantize(_PERCENT_PLACES, rounding=ROUND_HALF_UP)


def _parse_score(text: str) -> Decimal | None:
    # Refused rather than rounded beyond two decimals: rounding 89.995 would give the grade 优.
    cleaned = normalize(text).removesuffix("分")
    if not cleaned:
        return None
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]{1,2})?", cleaned):
        raise ParseError(f"“{shorten(text)}”不是得分。请填写不小于 0、最多两位小数的数，例如 4.5。")
    value = Decimal(cleaned)
    if value > MAX_SCORE:
        raise ParseError(f"“{shorten(text)}”不是合理的得分，请核对。")
    return value.quantize(_PERCENT_PLACES)


def _parse_date(text: str) -> dt.date | None:
    cleaned = normalize(text)
    if not cleaned:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                break
    raise ParseError(f"“{shorten(text)}”不是有效日期。请按“2022年4月25日”或“2022-04-25”填写。")


def _parse_year(text: str) -> int | None:
    cleaned = normalize(text).removesuffix("年度").removesuffix("年")
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit()) or not MIN_YEAR <= int(cleaned) <= MAX_YEAR:
        raise ParseError(f"“{shorten(text)}”不是年度。请填写四位年份，例如 2021。")
    return int(cleaned)
