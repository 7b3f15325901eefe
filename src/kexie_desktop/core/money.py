"""Exact money: integer 分 inside, 万元 with two decimals on paper.

Reports state amounts in 万元 with two decimals, but a clerk may type an amount in 元 (or with
more decimals than shown), so the stored unit is the 分: 1 万元 = 1,000,000 分. Values are
built from strings or integers only; a ``float`` is refused so that no binary rounding can
slip into a total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kexie_desktop.core.textinput import ParseError, normalize, shorten

FEN_PER_YUAN = 100
FEN_PER_WAN = 1_000_000
# No department spends ten trillion 万元; the bound keeps every stored amount, and any sum of
# a few hundred of them, far inside SQLite's 64-bit INTEGER.
MAX_WAN = 10**10
MAX_FEN = MAX_WAN * FEN_PER_WAN - 1
_DIGITS_THAT_FIT = 27  # integer digits Decimal's default context can quantize
_TWO_PLACES = Decimal("0.01")

# Digits with an optional thousands grouping that is either absent or correct everywhere.
_NUMBER = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$|^\.[0-9]+$")


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of money as a whole number of 分."""

    fen: int

    def __post_init__(self) -> None:
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):
            raise TypeError(f"Money needs an int number of fen, got {type(self.fen).__name__}")

    @classmethod
    def from_wan(cls, amount: Decimal | str | int) -> Money:
        """Amount in 万元; rounded half-up to the 分."""
        return cls(_to_fen(_decimal(amount), FEN_PER_WAN))

    @classmethod
    def from_yuan(cls, amount: Decimal | str | int) -> Money:
        """Amount in 元; rounded half-up to the 分."""
        return cls(_to_fen(_decimal(amount), FEN_PER_YUAN))

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @property
    def wan(self) -> Decimal:
        """The exact amount in 万元 (up to six decimals)."""
        return Decimal(self.fen).scaleb(-6)

    def format(self) -> str:
        """万元 with two decimals, as in tables: ``282.02``, ``0.00``, ``-5.10``."""
        return str(self.wan.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP))

    def format_brief(self) -> str:
        """万元 as written inside a sentence: ``282.02``, but ``15`` rather than ``15.00``."""
        text = self.format()
        return text[:-3] if text.endswith(".00") else text

    def exact_text(self) -> str:
        """Lossless 万元 text for hand-over files: ``282.02``, ``0.123456``, ``15``."""
        text = format(self.wan, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text or "0"

    def __add__(self, other: Money) -> Money:
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __abs__(self) -> Money:
        return Money(abs(self.fen))

    def __str__(self) -> str:
        return f"{self.format()} 万元"


def total(amounts: list[Money] | tuple[Money, ...]) -> Money:
    return Money(sum(amount.fen for amount in amounts))


def percent_of(part: Money, whole: Money) -> Decimal:
    """``part`` as a percentage of ``whole`` (not zero), to the hundredth, rounded half up:
    an execution rate, a ratio stated in the report, a chart's label."""
    if whole.fen == 0:
        raise ZeroDivisionError("a percentage of nothing")
    return (Decimal(part.fen) * 100 / Decimal(whole.fen)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _decimal(amount: Decimal | str | int) -> Decimal:
    if isinstance(amount, (float, bool)):
        raise TypeError("money must be given as str, int or Decimal, never float")
    try:
        value = Decimal(amount)
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {amount!r}")
    return value


def _to_fen(value: Decimal, fen_per_unit: int) -> int:
    fen = value * fen_per_unit
    if fen.adjusted() >= _DIGITS_THAT_FIT:
        # quantize() would fail in the default 28-digit context; no real amount is near this.
        raise ValueError(f"amount out of range: {value}")
    return int(fen.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_money(text: str) -> Money | None:
    """Read an amount as a clerk types it; the unit is 万元 unless the text ends in 元.

    Accepts ASCII or full-width digits, "。" or "．" as the decimal point, thousands
    separators, spaces, a leading ¥ and/or minus sign and a trailing 万元, 万 or 元.
    Blank text means "not filled in" and gives ``None``.
    """
    cleaned = normalize(text)
    if not cleaned:
        return None
    per_unit = FEN_PER_WAN
    for suffix, unit in (("万元", FEN_PER_WAN), ("万", FEN_PER_WAN), ("元", FEN_PER_YUAN)):
        if cleaned.endswith(suffix):
            cleaned, per_unit = cleaned[: -len(suffix)], unit
            break
    negative = False
    if cleaned[:1] in ("-", "−"):
        negative, cleaned = True, cleaned[1:]
    if cleaned[:1] == "¥":
        cleaned = cleaned[1:]
    if not negative and cleaned[:1] in ("-", "−"):
        negative, cleaned = True, cleaned[1:]
    if not _NUMBER.match(cleaned):
        raise ParseError(
            f"“{shorten(text)}”不是金额。请只填写数字，单位为万元，例如 282.02；"
            "按元填写时请在末尾加“元”。"
        )
    value = Decimal(cleaned.replace(",", ""))
    too_large = ParseError(f"“{shorten(text)}”金额过大，请核对（单位为万元，如 282.02）。")
    if value * per_unit > MAX_FEN + Decimal("0.5"):
        raise too_large
    money = Money(_to_fen(-value if negative else value, per_unit))
    if not is_plausible(money):
        raise too_large
    return money


def is_plausible(amount: Money) -> bool:
    """Whether an amount is within what any report can hold (see ``MAX_WAN``)."""
    return abs(amount.fen) <= MAX_FEN
