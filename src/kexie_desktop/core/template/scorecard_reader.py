"""Reading a template's ``[scorecard]`` (docs/templates.md, 自评表): the indicator tree, its
points, criteria and formulas, and the grades.

Refused, with the place named: points that do not add up at any level (each indicator's
children against it, the first-level indicators against 100), keys used twice, a tree deeper
than three levels, a leaf without a criterion, a formula over a field that does not exist or
is not an amount, grades out of order. The leaves' score and reason fields are generated into
the scorecard's section, so the rest of the program sees ordinary fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kexie_desktop.core.schema import Field, ReportSchema, Section
from kexie_desktop.core.scorecard.evaluate import points_text
from kexie_desktop.core.scorecard.model import (
    BoundFormula,
    ChartFigure,
    Formula,
    Grade,
    Indicator,
    RatioFormula,
    Scorecard,
)
from kexie_desktop.core.textinput import shorten
from kexie_desktop.core.values import Kind

if TYPE_CHECKING:
    from kexie_desktop.core.template.loader import _Reader

FULL_MARKS = Decimal(100)
MAX_LEVELS = 3
_KEY = re.compile(r"[a-z][a-z0-9_]*")


def read_scorecard(reader: _Reader, raw: object, schema: ReportSchema) -> Scorecard:
    where = "scorecard"
    data = reader.table_of(raw, where)
    reader.only(data, {"section", "title", "source", "indicators", "grades", "chart"}, where)
    section_key = reader.text(data, "section", where)
    try:
        section = schema.section(section_key)
    except KeyError:
        raise reader.fail(where, f"“section”所指的部分“{section_key}”不存在", section_key) from None
    if section.printed:
        raise reader.fail(
            where, f"自评表所在部分“{section_key}”应设 printed = false（自评表作为附件打印）"
        )
    indicators = tuple(
        reader.each(
            reader.tables(data, "indicators", where),
            f"{where}.indicators",
            lambda item, place: _indicator(reader, item, place, schema, 1),
        )
    )
    if not indicators:
        raise reader.fail(where, "自评表至少要有一个一级指标")
    card = Scorecard(
        section=section_key,
        title=reader.text(data, "title", where),
        indicators=indicators,
        grades=_grades(reader, data, where),
        source=reader.text(data, "source", where, ""),
        chart_figures=tuple(
            reader.each(
                reader.tables(data, "chart", where),
                f"{where}.chart",
                lambda item, place: _chart_figure(reader, item, place, schema),
            )
        ),
    )
    _check_points(reader, card)
    _check_keys(reader, card)
    return card


def generated_fields(card: Scorecard) -> tuple[Field, ...]:
    """The fields the clerk fills in: a score for each leaf without a formula, a reason for
    every leaf. Neither is carried into next year's report (the tree and criteria are)."""
    fields: list[Field] = []
    for leaf in card.leaves():
        if leaf.formula is None:
            fields.append(
                Field(
                    card.score_key(leaf),
                    f"{leaf.name}得分",
                    Kind.SCORE,
                    leaf.criterion,
                    required=True,
                    unit="分",
                    carry=False,
                )
            )
        fields.append(
            Field(
                card.reason_key(leaf),
                f"{leaf.name}扣分原因",
                Kind.PARAGRAPH,
                "得分低于分值时写明扣分原因。",
                carry=False,
            )
        )
    return tuple(fields)


def with_scorecard_fields(sections: list[Section], card: Scorecard) -> list[Section]:
    def extended(section: Section) -> Section:
        items = section.items
        if section.key == card.section:
            items = (*items, *generated_fields(card))
        return replace(
            section, items=items, subsections=tuple(extended(s) for s in section.subsections)
        )

    return [extended(section) for section in sections]


# -- the tree ----------------------------------------------------------------------------------


def _indicator(
    reader: _Reader, data: Mapping[str, Any], where: str, schema: ReportSchema, level: int
) -> Indicator:
    reader.only(data, {"key", "name", "points", "criterion", "children", "formula"}, where)
    key = reader.text(data, "key", where)
    where = f"指标“{key}”"
    if not _KEY.fullmatch(key):
        raise reader.fail(where, "指标键只能由小写英文字母、数字和“_”组成，以字母开头", key)
    name = reader.text(data, "name", where).strip()
    if not name:
        raise reader.fail(where, "指标名称不能为空", key)
    points = _points(reader, data, where)
    raw_children = reader.tables(data, "children", where)
    if raw_children and level >= MAX_LEVELS:
        raise reader.fail(where, f"指标最多 {MAX_LEVELS} 级（一级、二级、三级指标）", key)
    children = tuple(
        reader.each(
            raw_children,
            f"{where}.children",
            lambda item, place: _indicator(reader, item, place, schema, level + 1),
        )
    )
    criterion = reader.text(data, "criterion", where, "").strip()
    formula = None
    if "formula" in data:
        if children:
            raise reader.fail(where, "只有末级指标可以设公式", key)
        formula = _formula(
            reader, reader.table_of(data["formula"], f"{where}.formula"), where, schema
        )
    if not children and not criterion:
        raise reader.fail(where, "末级指标应写明评分标准（criterion）", key)
    return Indicator(key, name, points, criterion, children, formula)


def _points(reader: _Reader, data: Mapping[str, Any], where: str) -> Decimal:
    return _bounded(reader, data, "points", where, low_included=False, name="分值")


def _bounded(
    reader: _Reader,
    data: Mapping[str, Any],
    key: str,
    where: str,
    *,
    low_included: bool,
    name: str,
) -> Decimal:
    """A number of points from 0 (or above 0) to the full 100, at most two decimals; bounded
    so that no sum of them can overflow and no message quotes a thousand digits."""
    value = reader.decimal(data, key, where)
    exponent = value.as_tuple().exponent
    low_ok = value >= 0 if low_included else value > 0
    if not low_ok or value > FULL_MARKS or (isinstance(exponent, int) and exponent < -2):
        lowest = "不小于 0" if low_included else "大于 0"
        raise reader.fail(
            where,
            f"{name}应为{lowest}、不超过 {points_text(FULL_MARKS)}、最多两位小数的数，"
            f"而不是“{shorten(str(data[key]))}”",
        )
    return value


def _formula(reader: _Reader, data: Mapping[str, Any], where: str, schema: ReportSchema) -> Formula:
    kind = reader.text(data, "kind", where)
    label = reader.text(data, "label", where)
    if kind == "ratio":
        reader.only(data, {"kind", "label", "numerator", "denominator", "stated", "full_at"}, where)
        full_at = (
            _bounded(reader, data, "full_at", where, low_included=False, name="满分比率“full_at”")
            if "full_at" in data
            else Decimal(100)
        )
        stated = (
            reader.field_key(data, "stated", where, schema, (Kind.PERCENT,))
            if "stated" in data
            else ""
        )
        return RatioFormula(
            label,
            reader.terms(data, "numerator", where, schema, Kind.MONEY),
            reader.field_key(data, "denominator", where, schema, (Kind.MONEY,)),
            stated,
            full_at,
        )
    if kind == "at_most":
        reader.only(data, {"kind", "label", "value", "bound"}, where)
        return BoundFormula(
            label,
            reader.terms(data, "value", where, schema, Kind.MONEY),
            reader.field_key(data, "bound", where, schema, (Kind.MONEY,)),
        )
    raise reader.fail(where, f"公式类型“{kind}”无效，应为 ratio 或 at_most", kind)


def _check_points(reader: _Reader, card: Scorecard) -> None:
    """Points add up at every level: an indicator's children to its points, and the
    first-level indicators to 100."""
    for _, node in card.walk():
        if node.children:
            given = sum((child.points for child in node.children), Decimal(0))
            if given != node.points:
                reader.fail(
                    f"指标“{node.key}”",
                    f"“{node.name}”的下级指标分值合计 {points_text(given)} 分，"
                    f"与其分值 {points_text(node.points)} 分不符",
                    node.key,
                )
    if card.points != FULL_MARKS:
        reader.fail(
            "scorecard.indicators",
            f"一级指标分值合计 {points_text(card.points)} 分，应为 {points_text(FULL_MARKS)} 分",
        )


def _check_keys(reader: _Reader, card: Scorecard) -> None:
    seen: set[str] = set()
    for _, node in card.walk():
        if node.key in seen:
            reader.fail(f"指标“{node.key}”", f"指标键“{node.key}”重复", node.key)
        seen.add(node.key)


def _grades(reader: _Reader, data: Mapping[str, Any], where: str) -> tuple[Grade, ...]:
    grades = []
    for index, item in enumerate(reader.tables(data, "grades", where), 1):
        place = f"{where}.grades[{index}]"
        reader.only(item, {"name", "minimum"}, place)
        name = reader.text(item, "name", place).strip()
        if not name:
            raise reader.fail(place, "等级名称不能为空")
        minimum = _bounded(reader, item, "minimum", place, low_included=True, name="等级下限")
        grades.append(Grade(name, minimum))
    if not grades:
        raise reader.fail(where, "缺少等级（[[scorecard.grades]]，如 优 90、良 80、中 60、差 0）")
    minimums = [grade.minimum for grade in grades]
    if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
        raise reader.fail(where, "等级应从高到低排列，下限逐级降低")
    if minimums[-1] != 0:
        raise reader.fail(where, "最低一级的下限应为 0")
    return tuple(grades)


def _chart_figure(
    reader: _Reader, data: Mapping[str, Any], where: str, schema: ReportSchema
) -> ChartFigure:
    reader.only(data, {"label", "budget", "spent"}, where)
    return ChartFigure(
        reader.text(data, "label", where),
        reader.field_key(data, "budget", where, schema, (Kind.MONEY,)),
        reader.terms(data, "spent", where, schema, Kind.MONEY),
    )
