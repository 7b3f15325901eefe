"""Scores of the 自评表 (Kind.SCORE) as the clerk types them, with a Chinese input method on:
read exactly to the hundredth, or refused with a Chinese message — never rounded (rounding
89.995 would turn 良 into 优) and never lost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.core.textinput import ParseError
from kexie_desktop.core.values import (
    MAX_SCORE,
    Invalid,
    Kind,
    display,
    from_json,
    parse,
    read,
    to_json,
)

REFUSAL = "不是得分。请填写不小于 0、最多两位小数的数，例如 4.5。"


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("4.5", "4.5"),
        ("4.5分", "4.5"),
        ("４．５", "4.5"),  # full-width digits and point
        ("４．５分", "4.5"),
        (" 4.5 分 ", "4.5"),
        ("10", "10"),
        ("0", "0"),
        ("0.01", "0.01"),
        ("89.99", "89.99"),
        ("00.5", "0.5"),
        ("1000", "1000"),
    ],
)
def test_a_score_is_read_exactly(typed: str, score: str) -> None:
    value = parse(Kind.SCORE, typed)
    assert value == Decimal(score)
    assert isinstance(value, Decimal)
    assert value.as_tuple().exponent == -2  # stored and compared in hundredths
    assert display(Kind.SCORE, value) == score


@pytest.mark.parametrize("blank", ["", "   ", "分", "　"])
def test_a_blank_score_is_no_score(blank: str) -> None:
    assert parse(Kind.SCORE, blank) is None


@pytest.mark.parametrize(
    "typed",
    [
        "-1",
        "-0.5",
        "4.555",
        "89.995",
        "abc",
        "1e3",
        "1E3",
        "+4",
        "4.",
        ".5",
        "4.5%",
        "4.5万元",
        "四分",
    ],
)
def test_anything_else_is_refused_with_a_chinese_message(typed: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(Kind.SCORE, typed)
    assert caught.value.message == f"“{typed}”{REFUSAL}"


@pytest.mark.parametrize("typed", ["4，5", "1,000"])
def test_a_comma_is_not_taken_for_a_decimal_point_or_thousands(typed: str) -> None:
    """Money accepts thousands separators; a score never needs one, and "4，5" must not
    become 45."""
    with pytest.raises(ParseError):
        parse(Kind.SCORE, typed)


def test_a_score_beyond_any_table_is_a_slip_of_the_keys() -> None:
    assert parse(Kind.SCORE, str(MAX_SCORE)) == MAX_SCORE
    with pytest.raises(ParseError) as caught:
        parse(Kind.SCORE, "1001")
    assert caught.value.message == "“1001”不是合理的得分，请核对。"


def test_what_cannot_be_read_is_kept_as_typed() -> None:
    value = read(Kind.SCORE, "4.555")
    assert value == Invalid("4.555", f"“4.555”{REFUSAL}")
    assert display(Kind.SCORE, value) == "4.555"
    assert to_json(Kind.SCORE, value) == {"unreadable": "4.555"}


def test_a_hand_over_file_gives_scores_as_text_never_as_json_numbers() -> None:
    assert to_json(Kind.SCORE, Decimal("4.50")) == "4.5"
    assert from_json(Kind.SCORE, "4.5") == Decimal("4.5")
    with pytest.raises(ParseError) as caught:
        from_json(Kind.SCORE, 4.5)
    assert caught.value.message == '应为写成文字的数，如 "95"，实为 4.5。'
    assert from_json(Kind.SCORE, {"unreadable": "4.555"}) == Invalid("4.555", f"“4.555”{REFUSAL}")


hundredths = st.integers(min_value=0, max_value=int(MAX_SCORE * 100)).map(
    lambda n: Decimal(n).scaleb(-2)
)


@given(hundredths)
def test_what_is_shown_reads_back_as_the_same_score(score: Decimal) -> None:
    shown = display(Kind.SCORE, score)
    assert parse(Kind.SCORE, shown) == score
    assert parse(Kind.SCORE, f"{shown}分") == score
    assert from_json(Kind.SCORE, to_json(Kind.SCORE, score)) == score


_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@given(hundredths)
def test_full_width_typing_reads_as_half_width(score: Decimal) -> None:
    shown = display(Kind.SCORE, score)
    assert parse(Kind.SCORE, shown.translate(_FULL_WIDTH)) == score


@given(st.text(max_size=12))
def test_any_text_is_a_score_or_refused_never_lost(text: str) -> None:
    value = read(Kind.SCORE, text)
    if isinstance(value, Invalid):
        assert value.message
        assert display(Kind.SCORE, value) == value.raw
    elif value is not None:
        assert isinstance(value, Decimal)
        assert Decimal(0) <= value <= MAX_SCORE
        assert value == value.quantize(Decimal("0.01"))
        assert parse(Kind.SCORE, display(Kind.SCORE, value)) == value


@pytest.mark.parametrize(
    ("raw", "shown"),
    [(None, "null"), (True, "true"), ({"a": [1]}, '{"a": [1]}'), ([1, 2], "[1, 2]")],
)
def test_a_value_of_the_wrong_type_is_quoted_as_the_file_wrote_it(raw: object, shown: str) -> None:
    with pytest.raises(ParseError) as caught:
        from_json(Kind.SCORE, raw)
    assert caught.value.message == f'应为写成文字的数，如 "95"，实为 {shown}。'
