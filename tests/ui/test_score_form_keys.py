"""The move arithmetic of the scoring table: Tab visits every editable cell once, in order,
and then leaves, in either direction; Enter keeps to its column and skips the rows where that
column is locked (a computed score, a subtotal)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.ui.score_form import Cell, step
from kexie_desktop.ui.table_keys import TableKey

# Editable cells of a table of up to 12 rows and the two editable columns (3 score, 4 reason).
cells = st.sets(st.tuples(st.integers(0, 11), st.sampled_from([3, 4])), max_size=24).map(sorted)


def walk(editable: list[Cell], key: TableKey, start: Cell) -> list[Cell]:
    visited = [start]
    while (following := step(visited[-1], key, editable, None)) is not None:
        visited.append(following)
        assert len(visited) <= len(editable), "a walk that never leaves the table"
    return visited


@given(cells)
def test_tab_visits_each_editable_cell_once_then_leaves(editable: list[Cell]) -> None:
    if not editable:
        assert step((-1, -1), TableKey.NEXT, editable, None) is None
        return
    assert walk(editable, TableKey.NEXT, editable[0]) == editable
    assert walk(editable, TableKey.PREVIOUS, editable[-1]) == editable[::-1]
    assert step((-1, -1), TableKey.NEXT, editable, None) == editable[0]  # from no cell


@given(cells, st.data())
def test_enter_goes_to_the_next_editable_cell_of_the_anchor_column(
    editable: list[Cell], data: st.DataObject
) -> None:
    if not editable:
        return
    start = data.draw(st.sampled_from(editable))
    anchor = data.draw(st.sampled_from([None, 3, 4]))
    column = start[1] if anchor is None else anchor
    below = [c for c in editable if c[1] == column and c[0] > start[0]]
    above = [c for c in editable if c[1] == column and c[0] < start[0]]
    assert step(start, TableKey.DOWN, editable, anchor) == (below[0] if below else None)
    assert step(start, TableKey.UP, editable, anchor) == (above[-1] if above else None)
