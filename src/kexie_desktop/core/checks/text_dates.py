"""Dates and years in Chinese text: dates that are not dates ("20213月", "2022年13月"), dates
written the computer's way ("2022-4-25") where a 公文 writes 2022年4月25日, and last year's
year left in text copied from last year's report. Pure functions on one string.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from kexie_desktop.core.checks.text_marks import is_chinese

# "20213月": a year and a month run together, 年 left out.
_YEAR_MONTH_RUN = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([0-9]{1,2})月")
# "2022-4-25", "2022/4/25", "2022.4.25".
_NUMERIC = re.compile(r"(?<![0-9.])((?:19|20)[0-9]{2})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
# "2022年13月", "2022年2月30日".
_WRITTEN = re.compile(r"(?<![0-9])([0-9]{4})年([0-9]{1,2})月(?:([0-9]{1,2})日)?")
# "4月31日" without a year (February may have 29 days).
_MONTH_DAY = re.compile(r"(?<![0-9年])([0-9]{1,2})月([0-9]{1,2})日")
_LEAP_YEAR = 2000


@dataclass(frozen=True, slots=True)
class DateSlip:
    start: int
    end: int
    advice: str  # why it is not a date, and how to write it, in Chinese


def date_slips(text: str) -> list[DateSlip]:
    """Places in ``text`` where a date is mistyped or written the computer's way."""
    slips = [*_run_together(text), *_written_wrong(text)]
    if any(is_chinese(char) for char in text):  # a lone "2022-4-25" may be a code or a name
        slips += _numeric(text)
    by_start = {slip.start: slip for slip in slips}
    return [by_start[start] for start in sorted(by_start)]


def _run_together(text: str) -> list[DateSlip]:
    slips = []
    for match in _YEAR_MONTH_RUN.finditer(text):
        year, month = match.group(1), int(match.group(2))
        advice = (
            f"年和月之间缺少“年”字，是否应为“{year}年{month}月”？"
            if 1 <= month <= 12
            else "不是有效的年月。"
        )
        slips.append(DateSlip(match.start(), match.end(), advice))
    return slips


def _numeric(text: str) -> list[DateSlip]:
    slips = []
    for match in _NUMERIC.finditer(text):
        year, month, day = (int(match.group(i)) for i in (1, 3, 4))
        advice = (
            f"公文中的日期应写作“{year}年{month}月{day}日”。"
            if _is_date(year, month, day)
            else "不是有效日期。"
        )
        slips.append(DateSlip(match.start(), match.end(), advice))
    return slips


def _written_wrong(text: str) -> list[DateSlip]:
    """Dates written in words that do not exist: 2022年13月, 2022年2月30日, 4月31日."""
    slips = []
    for match in _WRITTEN.finditer(text):
        year, month, day = match.group(1, 2, 3)
        if not _is_date(int(year), int(month), int(day) if day else 1):
            slips.append(DateSlip(match.start(), match.end(), _no_such(int(month))))
    for match in _MONTH_DAY.finditer(text):
        month, day = match.group(1, 2)
        if not _is_date(_LEAP_YEAR, int(month), int(day)):
            slips.append(DateSlip(match.start(), match.end(), _no_such(int(month))))
    return slips


def _is_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _no_such(month: int) -> str:
    return "月份应在 1 到 12 之间。" if not 1 <= month <= 12 else "这个月没有这一天。"


# -- last year's year ------------------------------------------------------------------------
# In a report for year Y, "Y-1年" is taken for text copied from last year's report and not
# brought up to date ("2021年度郴州市科协…" in the 2022 report), except where last year is named
# on purpose: compared with ("较2021年", "比2021年", "与2021年相比", "2021年同期"), carried from
# ("2021年结转", "截至2021年末"), or the start or end of a span ("自2021年起", "2021年至今",
# "2020年至2021年"). "上年", "去年" never contain the figure and are never flagged.
_BEFORE = ("较", "比", "与", "同", "和", "对比", "相比", "自", "从", "截至", "截止", "至", "到")
_WINDOW = 8  # characters either side looked at: more than any word above, spaces included
_AFTER = (
    "同期",
    "同比",
    "相比",
    "比",
    "结转",
    "结余",
    "末",
    "底",
    "以来",
    "起",
    "至",
    "到",
    "—",
    "-",
    "~",
    "～",
    "基础上",
    "的基础上",
)


def previous_year_mentions(text: str, year: int) -> list[tuple[int, int]]:
    """Where ``text`` names the year before ``year`` ("2021年", "2021年度") as if it were the
    report's own year: (start, end) of each, "年" included."""
    pattern = re.compile(rf"(?<![0-9]){year - 1}年(度)?")
    found = []
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - _WINDOW) : match.start()].rstrip(" \u3000")
        after = text[match.end() : match.end() + _WINDOW].lstrip(" \u3000")
        if before.endswith(_BEFORE) or after.startswith(_AFTER):
            continue
        found.append(match.span())
    return found
