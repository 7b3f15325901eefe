"""Balanced line breaking between whole words, for titles and the signature.

A title's lines are centred, and GB/T 9704 (7.3.1) asks them to keep each word whole and be
"排列对称，长短适宜": the fewest lines, and among those the break whose widest line is the
narrowest, so the lines come out about equal (a greedy break would fill the first line and
leave a stub). Only widths are handled here; the typesetter measures the words.
"""

from __future__ import annotations

from collections.abc import Sequence

_EPSILON = 0.01


def balanced_breaks(
    widths: Sequence[float], trimmed: Sequence[float], width: float, first_indent: float = 0.0
) -> list[int] | None:
    """The index of the first word of each line, or None when a word is wider than a line.

    ``widths`` are the words' widths; ``trimmed`` the same without trailing spaces (what a
    word takes at the end of a line).
    """
    count = len(widths)
    # best[end]: (lines, widest line, first word of the last line) for words[:end]
    best: list[tuple[int, float, int] | None] = [None] * (count + 1)
    best[0] = (0, 0.0, 0)
    for end in range(1, count + 1):
        for start in range(end):
            before = best[start]
            room = width - (first_indent if start == 0 else 0.0)
            used = sum(widths[start : end - 1]) + trimmed[end - 1]
            if before is None or used > room + _EPSILON:
                continue
            candidate = (before[0] + 1, max(before[1], used), start)
            current = best[end]
            if current is None or candidate[:2] < current[:2]:
                best[end] = candidate
    if best[count] is None:
        return None
    starts: list[int] = []
    end = count
    while end > 0:
        found = best[end]
        assert found is not None  # every step back lands on a reachable prefix
        starts.append(found[2])
        end = found[2]
    return starts[::-1] or [0]
