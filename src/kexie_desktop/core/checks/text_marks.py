"""Punctuation in Chinese text: half-width marks that should be full-width, and quotes or
brackets that do not pair up. Pure functions on one string; offsets count code points.

A half-width mark , ; : ? ! ( ) is taken for a slip when a Chinese character (or a full-width
mark) stands next to it, spaces aside. Marks between digits (1,234 / 10:30), in Latin text
("Hello, world") and in web addresses are left alone. A pair of round brackets is turned
as a whole, and a mark next to a mark that is turned is turned too, so that correcting every
slip never leaves a new one behind ("a,（中）" would otherwise keep its comma).
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_SPACES = " \t\u3000"
# Web and mail addresses: their ':' '?' '!' are part of the address. The last character is
# never a mark, so "见www.a.cn:" still has its colon turned.
_ADDRESS = re.compile(
    r"(?:https?://|ftp://|www\.|[A-Za-z0-9._%+-]+@)[A-Za-z0-9\-._~/?#@!$&'*+=%:]*"
    r"[A-Za-z0-9\-_~/#@$&'*+=%]"
)
# Quotes and brackets that must pair up in a paragraph: opening → closing.
PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "〔": "〕"}
_CLOSING = {closing: opening for opening, closing in PAIRS.items()}


def is_chinese(char: str) -> bool:
    """A Chinese character, or a mark set in Chinese text (full-width forms, “”, —, …)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x20000 <= code <= 0x3FFFF  # extensions B and later (supplementary planes)
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0x3001 <= code <= 0x303F  # CJK punctuation: 、。《》【】〔〕
        or 0xFF01 <= code <= 0xFF60  # full-width forms: ，；：（）
        or char in "\u2014\u2018\u2019\u201c\u201d\u2026"  # — ‘ ’ “ ” …
    )


def half_width_marks(text: str) -> list[int]:
    """The offsets of half-width marks that should be full-width, in order."""
    if not any(mark in text for mark in FULL_WIDTH):
        return []
    protected = {i for match in _ADDRESS.finditer(text) for i in range(*match.span())}
    marks = {i for i, char in enumerate(text) if char in FULL_WIDTH and i not in protected}
    graph = _Neighbours(text, marks)
    turned: set[int] = set()
    queue = deque(i for i, char in enumerate(text) if is_chinese(char))
    seen = set(queue)
    while queue:
        for other in graph.linked(queue.popleft()):
            if other not in seen:
                seen.add(other)
                turned.add(other)
                queue.append(other)
    return sorted(turned)


class _Neighbours:
    """Which marks a full-width character (or a turned mark) at an offset pulls along: the
    visible characters either side, the other bracket of its pair, the pair around it."""

    def __init__(self, text: str, marks: set[int]) -> None:
        self.marks = marks
        self.previous = _visible_before(text)
        self.next = _visible_after(text)
        self.partner: dict[int, int] = {}
        unmatched: list[int] = []
        for i in sorted(i for i in marks if text[i] in "()"):
            if text[i] == "(":
                unmatched.append(i)
            elif unmatched:
                opening = unmatched.pop()
                self.partner[opening], self.partner[i] = i, opening
        # The innermost pair of round brackets around each offset (by its opening bracket).
        self.around: list[int] = []
        inside: list[int] = []
        for i in range(len(text)):
            if i in self.partner and self.partner[i] < i:
                inside.pop()
            self.around.append(inside[-1] if inside else -1)
            if i in self.partner and self.partner[i] > i:
                inside.append(i)

    def linked(self, i: int) -> list[int]:
        found = [self.previous[i], self.next[i], self.partner.get(i, -1)]
        opening = self.around[i]
        if opening >= 0:
            found += [opening, self.partner[opening]]
        return [j for j in found if j in self.marks]


def _visible_before(text: str) -> list[int]:
    result, last = [], -1
    for i, char in enumerate(text):
        result.append(last)
        if char not in _SPACES:
            last = i
    return result


def _visible_after(text: str) -> list[int]:
    result, last = [0] * len(text), -1
    for i in range(len(text) - 1, -1, -1):
        result[i] = last
        if text[i] not in _SPACES:
            last = i
    return result


def to_full_width(text: str, offsets: list[int]) -> str:
    """``text`` with the marks at ``offsets`` made full-width, and the spaces beside them
    dropped (a full-width mark carries its own space)."""
    chosen = set(offsets)
    drop: set[int] = set()
    for i in chosen:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(text) and text[j] in " \t":
                drop.add(j)
                j += step
    return "".join(
        FULL_WIDTH[char] if i in chosen else char for i, char in enumerate(text) if i not in drop
    )


@dataclass(frozen=True, slots=True)
class Unpaired:
    """A quote or bracket at ``offset`` that has no partner in its paragraph."""

    offset: int
    mark: str

    @property
    def partner(self) -> str:
        return PAIRS.get(self.mark) or _CLOSING[self.mark]

    @property
    def is_opening(self) -> bool:
        return self.mark in PAIRS


def unpaired_marks(text: str) -> list[Unpaired]:
    """Quotes and brackets without a partner, paragraph by paragraph (a line is a paragraph:
    a quotation never runs on into the next)."""
    found: list[Unpaired] = []
    start = 0
    for line in text.split("\n"):
        found += _unpaired_in(line, start)
        start += len(line) + 1
    return sorted(found, key=lambda unpaired: unpaired.offset)


def _unpaired_in(line: str, start: int) -> list[Unpaired]:
    found: list[Unpaired] = []
    opened: list[int] = []
    for i, char in enumerate(line):
        if char in PAIRS:
            opened.append(i)
        elif char in _CLOSING:
            if opened and line[opened[-1]] == _CLOSING[char]:
                opened.pop()
            else:
                found.append(Unpaired(start + i, char))
    return found + [Unpaired(start + i, line[i]) for i in opened]
