from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.core.money import Money
from kexie_desktop.core.textinput import ParseError
from kexie_desktop.core.values import Invalid, Kind, display, from_json, parse, read, to_json


@pytest.mark.parametrize(
    ("kind", "typed", "value"),
    [
        (Kind.COUNT, "10", 10),
        (Kind.COUNT, "１８个", 18),
        (Kind.COUNT, " 9 名", 9),
        (Kind.PERCENT, "95", Decimal("95.00")),
        (Kind.PERCENT, "９５％", Decimal("95.00")),
        (Kind.PERCENT, "10.1%", Decimal("10.10")),
        (Kind.DATE, "2022-04-25", dt.date(2022, 4, 25)),
        (Kind.DATE, "2022年4月25日", dt.date(2022, 4, 25)),
        (Kind.DATE, "２０２２／４／２５", dt.date(2022, 4, 25)),
        (Kind.DATE, "20220425", dt.date(2022, 4, 25)),
        (Kind.YEAR, "2021", 2021),
        (Kind.YEAR, "2021年度", 2021),
        (Kind.TEXT, "  无。", "  无。"),
        (Kind.TEXT, "   ", None),
    ],
)
def test_parse(kind: Kind, typed: str, value: object) -> None:
    assert parse(kind, typed) == value


@pytest.mark.parametrize(
    ("kind", "typed", "words"),
    [
        (Kind.COUNT, "1.5", "整数"),
        (Kind.COUNT, "-1", "整数"),
        (Kind.PERCENT, "九十五", "百分比"),
        (Kind.DATE, "2022-02-30", "日期"),
        (Kind.DATE, "明天", "日期"),
        (Kind.YEAR, "21", "年度"),
        (Kind.YEAR, "3021", "年度"),
        (Kind.COUNT, "99999999999999999999999", "过大"),
        (Kind.PERCENT, "99999999999999999999999", "百分比"),
    ],
)
def test_unreadable_input_is_kept_with_a_message(kind: Kind, typed: str, words: str) -> None:
    with pytest.raises(ParseError):
        parse(kind, typed)
    value = read(kind, typed)
    assert isinstance(value, Invalid)
    assert value.raw == typed
    assert words in value.message
    assert display(kind, value) == typed  # what the clerk typed is shown again


def test_display_shows_dates_as_official_documents_do() -> None:
    assert display(Kind.DATE, dt.date(2022, 4, 5)) == "2022年4月5日"
    assert display(Kind.PERCENT, Decimal("95.00")) == "95"
    assert display(Kind.PERCENT, Decimal("10.10")) == "10.1"


@given(st.sampled_from(list(Kind)), st.text(max_size=60))
def test_any_text_in_any_field_is_read_or_kept_never_a_crash(kind: Kind, typed: str) -> None:
    value = read(kind, typed)
    if isinstance(value, Invalid):
        assert value.raw == typed
        assert value.message
        assert display(kind, value) == typed
    else:
        # What an editor shows for a value reads back as the same value.
        assert read(kind, display(kind, value)) == value


@given(st.sampled_from(list(Kind)), st.text(max_size=60))
def test_a_hand_over_file_gives_back_what_was_typed(kind: Kind, typed: str) -> None:
    """Files and typing share one codec: what is written is read back as the same value,
    an unreadable entry included (kept as the clerk's text)."""
    value = read(kind, typed)
    if value is None:
        return
    assert from_json(kind, to_json(kind, value)) == value


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        (Kind.PERCENT, "95.555", Decimal("95.56")),
        (Kind.MONEY, "１２３．４５万元", Money.from_wan("123.45")),
        (Kind.DATE, "2022-04-25", dt.date(2022, 4, 25)),
        (Kind.YEAR, 2021, 2021),
        (Kind.COUNT, 14, 14),
        (Kind.MONEY, {"unreadable": "12a"}, Invalid("12a", read(Kind.MONEY, "12a").message)),
    ],
)
def test_a_file_value_is_read_as_typing_reads_it(kind: Kind, raw: object, value: object) -> None:
    assert from_json(kind, raw) == value


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        (Kind.MONEY, 282.02),  # a JSON number: a binary float, refused
        (Kind.PERCENT, 95),
        (Kind.COUNT, "14"),
        (Kind.COUNT, True),
        (Kind.YEAR, 5),
        (Kind.DATE, 20220425),
        (Kind.TEXT, 5),
    ],
)
def test_a_file_value_of_the_wrong_type_is_refused(kind: Kind, raw: object) -> None:
    with pytest.raises(ParseError):
        from_json(kind, raw)


@pytest.mark.parametrize("kind", [Kind.MONEY, Kind.COUNT, Kind.PERCENT, Kind.YEAR, Kind.DATE])
@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("1²3", "不是普通数字"),  # NFKC would read 123
        ("①", "不是普通数字"),  # NFKC would read 1
        ("٢٠٢١", "不是普通数字"),  # Arabic-Indic digits
        ("12 34", "中间有空格"),  # not 1234
        ("20\u300021", "中间有空格"),
    ],
)
def test_digits_that_only_look_like_figures_are_refused(kind: Kind, text: str, why: str) -> None:
    value = read(kind, text)
    assert isinstance(value, Invalid)
    assert why in value.message
    assert value.raw == text


@given(st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=6))
def test_only_ascii_and_full_width_digits_make_a_count(text: str) -> None:
    value = read(Kind.COUNT, text)
    plain = all("0" <= ch <= "9" or "０" <= ch <= "９" for ch in text)
    assert isinstance(value, int) == plain
