"""Line breaking and pagination, on made-up glyph widths (no PDF needed)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kexie_desktop.export import styles
from kexie_desktop.export.fonts import FontFile, LoadedFont
from kexie_desktop.export.layout import (
    NO_LINE_END,
    NO_LINE_START,
    Glyph,
    Item,
    Line,
    break_lines,
    clean,
    clusters,
    paginate,
)

SIZE = 10.0
FONT = LoadedFont("fake", FontFile(__file__), {}, {})
PUNCTUATION = "，。、；：？！”）》「“（《,.;:!?()… "


def glyphs(text: str) -> list[Glyph]:
    return [Glyph(c, FONT, SIZE / 2 if c.isascii() else SIZE) for c in text]


def texts(text: str, width: float, indent: float = 0.0) -> list[str]:
    return ["".join(g.char for g in row) for row in break_lines(glyphs(text), width, indent)]


def test_closing_punctuation_takes_the_previous_character_along() -> None:
    # five characters a line: "。" would start line two, so "五" goes down with it
    assert texts("一二三四五。六七", 50) == ["一二三四", "五。六七"]
    assert texts("一二三四五”。六", 50) == ["一二三四", "五”。六"]


def test_opening_punctuation_never_ends_a_line() -> None:
    assert texts("一二三四“五", 50) == ["一二三四", "“五"]
    assert texts("一二三（四", 40) == ["一二三", "（四"]


def test_numbers_and_words_are_not_cut() -> None:
    assert texts("支出282.02万元", 45) == ["支出", "282.02万", "元"]
    assert texts("abc defgh", 25) == ["abc ", "defgh"]


def test_a_word_longer_than_the_line_is_cut() -> None:
    assert texts("x" * 25, 50) == ["x" * 10, "x" * 10, "x" * 5]


def test_ellipsis_and_dash_pairs_stay_together() -> None:
    assert texts("一二三四……", 50) == ["一二三", "四……"]
    assert texts("一二三四五——", 60) == ["一二三四五", "——"]


def test_first_line_indent() -> None:
    assert texts("一二三四五六七", 50, indent=20) == ["一二三", "四五六七"]


def test_control_characters_are_dropped_tabs_become_spaces() -> None:
    assert clean("a\tb\x00c\x1bd\u200be") == "a bcd\u200be"


@given(
    st.text(alphabet=st.sampled_from("一二三四五六七八九十" + PUNCTUATION + "ab12"), max_size=120)
)
@example(text="1“ ““《《1")  # a space after an opening quote is no place to break
def test_breaking_keeps_every_character_and_the_rules(text: str) -> None:
    width, indent = 80.0, 20.0
    rows = break_lines(glyphs(text), width, indent)
    assert "".join(g.char for row in rows for g in row) == text
    # Only a cluster wider than a whole line may be cut against the rules.
    cut = any(sum(g.width for g in c) > width - indent for c in clusters(glyphs(text)))
    for number, row in enumerate(rows):
        visible = "".join(g.char for g in row).rstrip(" ")
        used = sum(g.width for g in row[: len(visible)])
        assert used <= width - (indent if number == 0 else 0) + 0.01
        if cut or not visible:
            continue
        if number > 0:
            assert visible[0] not in NO_LINE_START, rows
        if number < len(rows) - 1:
            assert visible[-1] not in NO_LINE_END, rows


def _item(keep: bool = False, height: float = styles.LINE_PITCH) -> Item:
    line = Line((), 0.0, 10.0, styles.SIZE_3HAO)
    return Item(height, [line], keep_with_next=keep)


def test_a_page_holds_22_grid_lines() -> None:
    pages = paginate([_item() for _ in range(45)])
    assert [len(page) for page in pages] == [22, 22, 1]


def test_a_heading_is_never_the_last_line_of_a_page() -> None:
    items = [_item() for _ in range(21)] + [_item(keep=True), _item(), _item()]
    pages = paginate(items)
    assert [len(page) for page in pages] == [21, 3]
    assert pages[1][0].item is items[21]


def test_blank_lines_do_not_start_a_page() -> None:
    items = [*[_item() for _ in range(22)], Item(styles.LINE_PITCH), _item()]
    pages = paginate(items)
    assert [len(page) for page in pages] == [22, 1]


def test_table_rows_repeat_the_header_on_a_new_page() -> None:
    header = _item(keep=True, height=24.0)
    rows = [_item(height=24.0) for _ in range(40)]
    for row in rows:
        row.header = header
    pages = paginate([header, *rows])
    assert len(pages) == 2
    assert pages[1][0].item is header
    assert pages[1][1].item is not header


def test_a_line_after_a_table_row_returns_to_the_grid() -> None:
    pages = paginate([_item(height=24.0), _item()])
    second = pages[0][1]
    assert styles.TEXT_TOP - second.top == pytest.approx(styles.LINE_PITCH)
