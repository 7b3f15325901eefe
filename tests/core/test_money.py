from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.core.money import FEN_PER_WAN, MAX_FEN, Money, parse_money, total
from kexie_desktop.core.textinput import ParseError


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("282.02", 282_020_000),
        ("  282.02  ", 282_020_000),
        ("１２３．４５", 123_450_000),  # full-width digits and point from a Chinese IME
        ("123。45", 123_450_000),  # the IME turns the period key into 。
        ("1,234.56", 1_234_560_000),
        ("1，234.56", 1_234_560_000),  # full-width comma as thousands separator
        ("282.02万元", 282_020_000),
        ("282.02 万", 282_020_000),
        ("¥282.02", 282_020_000),
        ("￥282.02万元", 282_020_000),
        ("-5", -5_000_000),
        ("－5", -5_000_000),
        ("0", 0),
        (".5", 500_000),
        ("9900元", 990_000),  # 元: converted to 万元, exact in 分
        ("1,234.56元", 123_456),
        ("0.123456", 123_456),  # 万元 with six decimals is still a whole number of 分
        ("0.0000005", 1),  # below the 分: rounded half up
        ("0.0000004", 0),
        ("0.005元", 1),  # half a 分 rounds up (四舍五入), never to even
    ],
)
def test_parse_accepts_what_clerks_type(typed: str, fen: int) -> None:
    assert parse_money(typed) == Money(fen)


@pytest.mark.parametrize(
    "typed",
    ["9876543210234.81", "1,000,000,000,000", "-99999999999", "2" * 40, "9" * 200 + ".5元"],
)
def test_absurd_amounts_are_refused_before_they_reach_storage(typed: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_money(typed)
    assert "金额过大" in caught.value.message


@given(st.text(alphabet="0123456789.,-¥万元 ", max_size=80))
def test_parsing_never_fails_with_anything_but_a_parse_error(typed: str) -> None:
    try:
        money = parse_money(typed)
    except ParseError:
        return
    assert money is None or abs(money.fen) <= MAX_FEN


def test_the_largest_plausible_amount_is_accepted() -> None:
    assert parse_money("9999999999.999999") == Money(MAX_FEN)
    assert parse_money("99999999999999.99元") == Money(MAX_FEN)


@pytest.mark.parametrize("typed", ["", "   ", "\u3000"])
def test_blank_means_not_filled_in(typed: str) -> None:
    assert parse_money(typed) is None


@pytest.mark.parametrize(
    "typed",
    ["12a", "1.2.3", "12,34", "1,2345", "万元", "abc", "1e5", "NaN", "Infinity", "--5", "5-"],
)
def test_parse_rejects_anything_else_with_a_chinese_message(typed: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_money(typed)
    assert "不是金额" in caught.value.message
    assert typed.strip()[:5] in caught.value.message


def test_format_is_wan_with_two_decimals_rounded_half_up() -> None:
    assert Money.from_wan("282.02").format() == "282.02"
    assert Money(0).format() == "0.00"
    assert Money(5_000).format() == "0.01"  # 0.005 万元 → 0.01 (half up)
    assert Money(4_999).format() == "0.00"
    assert Money(-5_100_000).format() == "-5.10"
    assert Money.from_wan("15").format_brief() == "15"
    assert Money.from_wan("0.99").format_brief() == "0.99"


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.from_wan(0.1)  # type: ignore[arg-type]


def test_sums_are_exact_where_floats_are_not() -> None:
    parts = [Money.from_wan("0.1"), Money.from_wan("0.2")]
    assert total(parts) == Money.from_wan("0.3")
    assert 0.1 + 0.2 != 0.3  # the reason floats are banned from the money path


amounts_in_fen = st.integers(min_value=-MAX_FEN, max_value=MAX_FEN)


@given(amounts_in_fen)
def test_exact_text_round_trips_every_amount(fen: int) -> None:
    money = Money(fen)
    assert parse_money(money.exact_text()) == money
    assert Money.from_wan(money.exact_text()) == money


@given(st.integers(min_value=-(10**12 - 1), max_value=10**12 - 1))
def test_two_decimal_amounts_round_trip_through_format(hundredths_of_wan: int) -> None:
    money = Money(hundredths_of_wan * (FEN_PER_WAN // 100))
    assert parse_money(money.format()) == money
    assert parse_money(money.format() + "万元") == money


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_yuan_and_wan_agree(yuan: Decimal) -> None:
    assert parse_money(f"{yuan}元") == Money.from_yuan(yuan)
    assert Money.from_yuan(yuan).wan == yuan / 10_000
