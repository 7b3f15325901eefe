"""The move arithmetic behind the table keys: Tab visits every cell once and then leaves, in
either direction, whatever the table's shape; Enter keeps to its column."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.ui.table_keys import TableKey, step

shapes = st.tuples(
    st.integers(0, 6),  # rows
    st.lists(st.integers(0, 5), min_size=1, max_size=6, unique=True).map(sorted),  # editable
)


def walk(rows: int, editable: list[int], key: TableKey, start: tuple[int, int]) -> list:  # type: ignore[type-arg]
    cells = [start]
    while (following := step(cells[-1], key, rows, editable, None)) is not None:
        cells.append(following)
        assert len(cells) <= rows * len(editable), "a walk that never leaves the table"
    return cells


@given(shapes)
def test_tab_visits_each_cell_once_then_leaves(shape: tuple[int, list[int]]) -> None:
    rows, editable = shape
    if rows == 0:
        assert step((0, 0), TableKey.NEXT, rows, editable, None) is None
        return
    everything = [(r, c) for r in range(rows) for c in editable]
    assert walk(rows, editable, TableKey.NEXT, everything[0]) == everything
    assert walk(rows, editable, TableKey.PREVIOUS, everything[-1]) == everything[::-1]


@given(shapes, st.data(), st.one_of(st.none(), st.integers(0, 5)))
def test_enter_goes_down_to_the_anchor_or_stays_in_the_column(
    shape: tuple[int, list[int]], data: st.DataObject, anchor: int | None
) -> None:
    rows, editable = shape
    if rows == 0:
        return
    row = data.draw(st.integers(0, rows - 1))
    column = editable[-1]
    target = column if anchor is None else anchor
    below = step((row, column), TableKey.DOWN, rows, editable, anchor)
    assert below == ((row + 1, target) if row + 1 < rows else None)  # the last row: out
    above = step((row, column), TableKey.UP, rows, editable, anchor)
    assert above == ((row - 1, target) if row > 0 else None)
