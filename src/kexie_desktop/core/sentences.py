"""The standard sentences the report prints around its figures.

Figures that appear inside sentences ("我单位2021年基本支出282.02万元") are never typed twice:
they are written here from the structured data, in the wording of the published reports, and
the clerk writes only the narrative around them. The PDF prints these sentences and the window
shows them under each block of figures as a preview.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Row
from kexie_desktop.core.schema import NONE_TEXT, SCHEMA, Section
from kexie_desktop.core.textinput import says_none
from kexie_desktop.core.values import format_percent

MISSING = "（未填）"
Sentence = Callable[[Report], str]
_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (enough for list numbering)."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return text + (_DIGITS[ones] if ones else "")


def amount(value: Money | None) -> str:
    """An amount as written in a sentence: "282.02万元", "15万元"; a zero amount as "0元"."""
    if value is None:
        return MISSING
    if value.fen == 0:
        return "0元"
    return f"{value.format_brief()}万元"


def _count(value: int | None, unit: str = "名") -> str:
    return MISSING if value is None else f"{value}{unit}"


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _close(text: str) -> str:
    """End a clerk's phrase with a full stop unless it already ends with punctuation."""
    text = text.strip()
    return text if not text or text[-1] in "。！？.!?；;，," else text + "。"


def _year(report: Report) -> str:
    return MISSING if report.year is None else str(report.year)


def duties(report: Report) -> str:
    """ "一是…；二是…；…。" from the list of duties."""
    items = [_text(row.cells.get("text")).rstrip("。；;") for row in report.rows("basics.duties")]
    items = [item for item in items if item]
    if not items:
        return ""
    return "；".join(f"{chinese_number(i)}是{item}" for i, item in enumerate(items, start=1)) + "。"


def staff(report: Report) -> str:
    categories = report.rows("basics.staff_categories")
    quotas = "，".join(
        f"{_text(row.cells.get('category'))}编制{_count(_int(row, 'quota'))}" for row in categories
    )
    actual = "，".join(
        f"{_text(row.cells.get('category'))}人员{_count(_int(row, 'actual'))}" for row in categories
    )
    changes = "".join(
        f"{_text(row.cells.get('month'))}{_text(row.cells.get('event'))}，"
        for row in report.rows("basics.staff_changes")
    )
    retired = f"退休人员{_count(report.count('basics.retired'))}"
    standing = "，".join(part for part in (actual, retired) if part)
    text = report.text("basics.staff_intro").strip()
    if quotas:
        text += f"{quotas}。"
    text += f"{changes}截止至{_year(report)}年末，我单位实有{standing}。"
    return _append(text, report.text("basics.staff_note"))


def basic_spending(report: Report) -> str:
    usage = _text(report.get("basic.usage")).rstrip("。")
    text = f"我单位{_year(report)}年基本支出{amount(report.money('basic.total'))}"
    text += f"，主要用于{usage}。" if usage else "。"
    text += (
        f"其中，人员经费为{amount(report.money('basic.personnel'))}，"
        f"公用经费为{amount(report.money('basic.public'))}，"
        f"公务接待费为{amount(report.money('basic.reception'))}，"
        f"公务出国出境为{amount(report.money('basic.abroad'))}，"
        f"公车运行维护费为{amount(report.money('basic.vehicle'))}。"
    )
    return _append(text, report.text("basic.note"))


def project_spending(report: Report) -> str:
    label = report.text("project.own_level_label").strip()
    usage = _text(report.get("project.usage")).rstrip("。")
    text = (
        f"我单位{_year(report)}年项目支出{amount(report.money('project.total'))}。"
        f"其中，{label}本级支出{amount(report.money('project.own_level'))}，"
        f"其中当年财政拨款{amount(report.money('project.current_year'))}、"
        f"上年财政拨款结转资金{amount(report.money('project.carried_over'))}，"
        f"其他资金{amount(report.money('project.other'))}。"
    )
    return text + (f"主要用于{usage}。" if usage else "")


def transfers(report: Report) -> str:
    """ "转移支付100万元，包含4个基层科普行动计划建设，即…15万元、…，共60万元；…。"."""
    total = report.money("transfer.total")
    groups = report.rows("transfer.groups")
    if not groups and (total is None or total.fen == 0):
        return ""
    described = [_group(row) for row in groups]
    text = f"转移支付{amount(total)}"
    return text + (f"，包含{'；'.join(described)}。" if described else "。")


def _group(row: Row) -> str:
    stated = row.cells.get("stated_count")
    count = f"{stated}个" if isinstance(stated, int) else ""
    items = "、".join(
        f"{_text(item.cells.get('recipient'))}{amount(_money(item, 'amount'))}"
        for item in row.rows("items")
    )
    listed = f"，即{items}" if items else ""
    return f"{count}{_text(row.cells.get('name'))}{listed}，共{amount(_money(row, 'subtotal'))}"


def other_budget(report: Report, section: Section) -> str:
    """The text printed under 三、四、五: the clerk's text, or "无。" when there is none."""
    text = report.text(f"{section.key}.text").strip()
    return NONE_TEXT if says_none(text) else text


def usage_rate(report: Report) -> str:
    rate = report.percent("performance.usage_rate")
    return f"资金使用率达{MISSING if rate is None else format_percent(rate)}%。"


def funds(report: Report) -> str:
    """资金绩效完成情况: the narrative, then the usage-rate sentence, then the reason if low."""
    text = report.text("performance.funds").strip() + usage_rate(report)
    return _append(text, report.text("performance.low_rate_reason"))


def closing_text(report: Report, key: str) -> str:
    """七 to 十: the clerk's text; an optional section left blank prints "无。"."""
    return report.text(key).strip() or NONE_TEXT


def _append(text: str, note: str) -> str:
    note = note.strip()
    return f"{text}{_close(note)}" if note else text


def _int(row: Row, key: str) -> int | None:
    value = row.cells.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _money(row: Row, key: str) -> Money | None:
    value = row.cells.get(key)
    return value if isinstance(value, Money) else None


# The standard sentence the PDF prints for the figures of a section, shown under its form.
_SECTION_SENTENCES: dict[str, Sentence] = {
    "basics.duties": duties,
    "basics.staff": staff,
    "general.basic": basic_spending,
    "general.project": lambda r: project_spending(r) + transfers(r),
    "performance": funds,
    **{
        section.key: partial(other_budget, section=section)
        for section in SCHEMA.sections
        if section.key in ("fund", "capital", "insurance")
    },
}


def for_section(section_key: str, report: Report) -> str | None:
    """The sentence printed for the section's figures, or None if it prints none."""
    sentence = _SECTION_SENTENCES.get(section_key)
    return None if sentence is None else sentence(report)
