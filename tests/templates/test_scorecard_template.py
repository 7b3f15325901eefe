"""The 自评表 in a template file ([scorecard], docs/templates.md): a tree whose points add up at
every level loads; any other is refused by the loader and by ``template-check`` with a message
naming the indicator and the figures; no mangled tree makes the reader fail in another way."""

from __future__ import annotations

import copy
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_run import run
from kexie_desktop.core.scorecard import BoundFormula, RatioFormula, Scorecard
from kexie_desktop.core.template import Template, TemplateError, load_template
from kexie_desktop.core.values import Kind
from kexie_desktop.resources import resource_dir
from template_texts import cover

COUNTY_FILE = resource_dir() / "templates" / "county-dept-evaluation.toml"

OUTLINE = (
    """
id = "mini-card"
version = 1
name = "小自评表模板"
title = "{{ head.year }}年度{{ head.unit }}报告"
"""
    + cover()
    + """
[[sections]]
key = "money"
number = "一、"
title = "收支"

[[sections.items]]
key = "money.spent"
label = "全年执行数"
kind = "money"

[[sections.items]]
key = "money.rate"
label = "预算执行率"
kind = "percent"

[[sections.items]]
key = "money.staff"
label = "实有人数"
kind = "count"

[[sections.items]]
key = "money.note"
label = "说明"
kind = "text"

[[sections]]
key = "scores"
number = "附件"
title = "自评表"
printed = false

[[sections.items]]
key = "scores.budget"
label = "全年预算数"
kind = "money"
"""
)


def leaf(key: str, points: object, **more: object) -> dict[str, object]:
    return {
        "key": key,
        "name": f"指标{key}",
        "points": points,
        "criterion": "按完成情况计分。",
    } | more


def node(key: str, points: object, *children: dict[str, object]) -> dict[str, object]:
    return {"key": key, "name": f"指标{key}", "points": points, "children": list(children)}


def good_card() -> dict[str, Any]:
    """A 100-point tree: 60 (three levels, a ratio leaf) + 40 (two levels, a yes/no leaf)."""
    ratio = {
        "kind": "ratio",
        "label": "预算执行率",
        "numerator": ["money.spent"],
        "denominator": "scores.budget",
        "stated": "money.rate",
    }
    bound = {
        "kind": "at_most",
        "label": "支出控制",
        "value": ["money.spent"],
        "bound": "scores.budget",
    }
    return {
        "section": "scores",
        "title": "部门整体支出绩效自评表",
        "source": "示例分配",
        "grades": [
            {"name": "优", "minimum": "90"},
            {"name": "良", "minimum": "80"},
            {"name": "中", "minimum": "60"},
            {"name": "差", "minimum": "0"},
        ],
        "chart": [{"label": "整体支出", "budget": "scores.budget", "spent": ["money.spent"]}],
        "indicators": [
            node(
                "process",
                "60",
                node("execution", "35.5", leaf("rate", "20.5", formula=ratio), leaf("timely", 15)),
                node("manage", "24.5", leaf("rules", "24.5")),
            ),
            node("effect", 40, leaf("control", "10", formula=bound), leaf("benefit", "30")),
        ],
    }


def toml_value(value: object) -> str:
    """Any Python value as an inline TOML value (tables inline, on one line)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)  # inf, -inf and 1e+20 are TOML
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    raise TypeError(value)


def template_text(card: dict[str, Any]) -> str:
    lines = ["[scorecard]"] + [f"{key} = {toml_value(value)}" for key, value in card.items()]
    return OUTLINE + "\n" + "\n".join(lines) + "\n"


def problems(card: dict[str, Any]) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        load_template(template_text(card), "test.toml")
    return caught.value.problems


def points_add_up(card: Scorecard) -> bool:
    return card.points == 100 and all(
        sum((child.points for child in node.children), Decimal(0)) == node.points
        for _, node in card.walk()
        if node.children
    )


# -- what loads --------------------------------------------------------------------------------


def test_a_tree_whose_points_add_up_loads_with_its_generated_fields() -> None:
    template = load_template(template_text(good_card()))
    card = template.scorecard
    assert card is not None
    assert points_add_up(card)
    assert [(level, n.key) for level, n in card.walk()] == [
        (1, "process"),
        (2, "execution"),
        (3, "rate"),
        (3, "timely"),
        (2, "manage"),
        (3, "rules"),
        (1, "effect"),
        (2, "control"),
        (2, "benefit"),
    ]
    assert card.grade(Decimal("89.99")).name == "良"
    rate = next(n for n in card.leaves() if n.key == "rate")
    assert rate.points == Decimal("20.5")
    assert isinstance(rate.formula, RatioFormula)
    assert [term.key for term in rate.formula.numerator] == ["money.spent"]
    assert rate.formula == RatioFormula(
        "预算执行率", rate.formula.numerator, "scores.budget", "money.rate", Decimal(100)
    )
    assert isinstance(next(n for n in card.leaves() if n.key == "control").formula, BoundFormula)
    schema = template.schema
    # A score for each leaf without a formula, a reason for every leaf; none carried over.
    scores = [f.key for f in schema.section("scores").items if f.key.endswith(".score")]
    assert scores == ["scores.timely.score", "scores.rules.score", "scores.benefit.score"]
    reasons = [f.key for f in schema.section("scores").items if f.key.endswith(".reason")]
    assert len(reasons) == 5
    score = schema.field("scores.timely.score")
    assert (score.kind, score.unit, score.required, score.carry) == (Kind.SCORE, "分", True, False)
    assert score.help == "按完成情况计分。"  # the criterion, shown beside the field
    assert not schema.field("scores.rate.reason").carry


@pytest.mark.parametrize("name", ["hunan-dept-selfeval.toml", "county-dept-evaluation.toml"])
def test_each_shipped_template_has_a_full_tree_that_adds_up(name: str) -> None:
    template = load_template((resource_dir() / "templates" / name).read_text(encoding="utf-8"))
    card = template.scorecard
    assert card is not None
    assert points_add_up(card)
    assert [g.name for g in card.grades] == ["优", "良", "中", "差"]
    assert [g.minimum for g in card.grades] == [90, 80, 60, 0]
    assert {level for level, _ in card.walk()} == {1, 2, 3}
    assert all(level == 3 for level, n in card.walk() if n.is_leaf)
    assert all(n.criterion for n in card.leaves())
    assert "以本级财政部门当年通知为准" in card.source
    assert any(n.formula for n in card.leaves())
    assert not template.schema.section(card.section).printed


def test_the_county_tree_follows_the_2013_framework() -> None:
    template = load_template(COUNTY_FILE.read_text(encoding="utf-8"))
    card = template.scorecard
    assert card is not None
    assert [(n.name, n.points) for n in card.indicators] == [
        ("投入", Decimal(20)),
        ("过程", Decimal(30)),
        ("产出", Decimal(25)),
        ("效果", Decimal(25)),
    ]
    assert "财预〔2013〕53号" in card.source
    formulas = {n.key: n.formula for n in card.leaves() if n.formula is not None}
    assert set(formulas) == {"execution_rate", "carryover_change", "public_control"}
    execution = formulas["execution_rate"]
    assert isinstance(execution, RatioFormula)
    assert (execution.denominator, execution.stated) == ("analysis.budget", "analysis.rate")


# -- what is refused ---------------------------------------------------------------------------


def _indicator(card: dict[str, Any], *path: int) -> dict[str, Any]:
    found: dict[str, Any] = card["indicators"][path[0]]
    for index in path[1:]:
        found = found["children"][index]
    return found


def test_second_level_points_that_do_not_add_up_are_refused_naming_the_indicator() -> None:
    card = good_card()
    _indicator(card, 0, 0, 1)["points"] = 14  # 20.5 + 14 under 35.5; 过程 still 35.5 + 24.5
    (problem,) = problems(card)
    assert problem.startswith("指标“execution”（第 ")  # and the line it is on
    assert problem.endswith("：“指标execution”的下级指标分值合计 34.5 分，与其分值 35.5 分不符")


def test_third_level_and_first_level_mistakes_are_all_listed() -> None:
    card = good_card()
    _indicator(card, 0, 1, 0)["points"] = "20"  # 管理 24.5 ≠ 20
    _indicator(card, 1)["points"] = 35  # 效果 35 ≠ 10 + 30, and 60 + 35 ≠ 100
    found = problems(card)
    assert any("“指标manage”的下级指标分值合计 20 分，与其分值 24.5 分不符" in p for p in found)
    assert any("“指标effect”的下级指标分值合计 40 分，与其分值 35 分不符" in p for p in found)
    assert "scorecard.indicators：一级指标分值合计 95 分，应为 100 分" in found
    assert len(found) == 3


def test_first_level_points_that_add_up_among_themselves_but_not_to_100_are_refused() -> None:
    card = good_card()
    card["indicators"].append(leaf("extra", 5))
    assert problems(card) == ["scorecard.indicators：一级指标分值合计 105 分，应为 100 分"]


def test_a_key_used_twice_is_refused() -> None:
    card = good_card()
    _indicator(card, 1, 1)["key"] = "timely"
    assert any("指标键“timely”重复" in p for p in problems(card))


def test_a_fourth_level_is_refused() -> None:
    card = good_card()
    _indicator(card, 0, 1, 0).update(children=[leaf("deep", "24.5")])
    assert any(
        "指标最多 3 级（一级、二级、三级指标）" in p and "rules" in p for p in problems(card)
    )


def test_a_leaf_without_a_criterion_is_refused() -> None:
    card = good_card()
    del _indicator(card, 1, 1)["criterion"]
    assert any(
        p.startswith("指标“benefit”") and "末级指标应写明评分标准（criterion）" in p
        for p in problems(card)
    )


@pytest.mark.parametrize(
    ("place", "key", "expected"),
    [
        ("denominator", "scores.budgte", "“denominator”所指的字段“scores.budgte”不存在"),
        ("denominator", "money.staff", "“denominator”所指的字段“money.staff”应为 money 类型"),
        ("numerator", ["money.note"], "“numerator”所指的字段“money.note”应为 money 类型"),
        ("numerator", ["-money.nothing"], "“numerator”所指的字段“money.nothing”不存在"),
        ("stated", "money.spent", "“stated”所指的字段“money.spent”应为 percent 类型"),
    ],
)
def test_a_formula_over_a_missing_or_non_money_field_is_refused(
    place: str, key: object, expected: str
) -> None:
    card = good_card()
    _indicator(card, 0, 0, 0)["formula"][place] = key
    assert any(expected in p for p in problems(card))


def test_a_bound_over_a_non_money_field_is_refused() -> None:
    card = good_card()
    _indicator(card, 1, 0)["formula"]["bound"] = "money.rate"
    assert any("“bound”所指的字段“money.rate”应为 money 类型" in p for p in problems(card))


@pytest.mark.parametrize(
    "grades",
    [
        [
            {"name": "良", "minimum": "80"},
            {"name": "优", "minimum": "90"},
            {"name": "差", "minimum": "0"},
        ],
        [
            {"name": "优", "minimum": "90"},
            {"name": "良", "minimum": "90"},
            {"name": "差", "minimum": "0"},
        ],
    ],
    ids=["ascending", "same minimum twice"],
)
def test_grades_out_of_order_are_refused(grades: list[dict[str, str]]) -> None:
    card = good_card()
    card["grades"] = grades
    assert problems(card) == ["scorecard：等级应从高到低排列，下限逐级降低"]


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        (
            [{"name": "优", "minimum": "90"}, {"name": "良", "minimum": "80"}],
            "最低一级的下限应为 0",
        ),
        ([], "缺少等级（[[scorecard.grades]]，如 优 90、良 80、中 60、差 0）"),
        ([{"name": " ", "minimum": "0"}], "等级名称不能为空"),
        ([{"name": "优", "minimum": 90.0}], "“minimum”应为写成文字的数"),
    ],
)
def test_incomplete_grades_are_refused(grades: list[dict[str, object]], expected: str) -> None:
    card = good_card()
    card["grades"] = grades
    assert any(expected in p for p in problems(card))


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ("0", "分值应为大于 0、不超过 100、最多两位小数的数，而不是“0”"),
        ("-5", "分值应为大于 0、不超过 100、最多两位小数的数，而不是“-5”"),
        ("2.125", "分值应为大于 0、不超过 100、最多两位小数的数，而不是“2.125”"),
        ("100.01", "分值应为大于 0、不超过 100、最多两位小数的数，而不是“100.01”"),
        (2.5, "“points”应为写成文字的数"),
        ("两分", "“points”“两分”不是数"),
        ("Infinity", "“points”“Infinity”不是数"),
    ],
)
def test_points_that_are_not_a_positive_number_of_hundredths_are_refused(
    points: object, expected: str
) -> None:
    card = good_card()
    _indicator(card, 1, 1)["points"] = points
    assert any(expected in p for p in problems(card))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.update(section="money"), "应设 printed = false"),
        (lambda c: c.update(section="nowhere"), "“section”所指的部分“nowhere”不存在"),
        (lambda c: c.update(indicators=[]), "自评表至少要有一个一级指标"),
        (lambda c: _indicator(c, 1, 1).update(key="Benefit"), "指标键只能由小写英文字母"),
        (lambda c: _indicator(c, 1, 1).update(name=" "), "指标名称不能为空"),
        (lambda c: _indicator(c, 1, 0)["formula"].update(kind="sum"), "公式类型“sum”无效"),
        (
            lambda c: _indicator(c, 0, 0, 0)["formula"].update(full_at="0"),
            "满分比率“full_at”应为大于 0、不超过 100、最多两位小数的数，而不是“0”",
        ),
        (lambda c: _indicator(c, 1).update(formula={}), "只有末级指标可以设公式"),
        (lambda c: _indicator(c, 1, 1).update(weight=3), "不认识的设置“weight”"),
        (lambda c: c.update(colour="red"), "不认识的设置“colour”"),
        (lambda c: c["chart"][0].update(budget="money.rate"), "应为 money 类型"),
    ],
)
def test_other_mistakes_are_refused_with_their_message(change: Any, expected: str) -> None:
    card = good_card()
    change(card)
    assert any(expected in p for p in problems(card)), problems(card)


def test_a_field_key_in_the_scorecard_namespace_is_refused() -> None:
    text = template_text(good_card()).replace('key = "money.note"', 'key = "scorecard.note"')
    with pytest.raises(TemplateError) as caught:
        load_template(text)
    assert any("不能以“scorecard”开头" in p for p in caught.value.problems)


def test_a_sentence_quoting_the_result_needs_a_scorecard() -> None:
    text = OUTLINE + '\n[[sections.print]]\nsentence = "自评得分{{ scorecard.total }}。"\n'
    with pytest.raises(TemplateError) as caught:
        load_template(text)
    assert caught.value.problems == [
        "模板：句式用到了“scorecard”（自评表得分），但模板没有 [scorecard]"
    ]
    wrong = template_text(good_card()).replace(
        'kind = "text"\n\n[[sections]]\nkey = "scores"',
        'kind = "text"\n\n[[sections.print]]\nsentence = "{{ scorecard.score }}"\n\n'
        '[[sections]]\nkey = "scores"',
    )
    with pytest.raises(TemplateError) as caught:
        load_template(wrong)
    assert any(
        "自评表结果只能写 scorecard.total、scorecard.grade、scorecard.points" in p
        for p in caught.value.problems
    )


# -- template-check, in a subprocess -----------------------------------------------------------


def test_template_check_refuses_a_county_tree_that_does_not_add_up(tmp_path: Path) -> None:
    text = COUNTY_FILE.read_text(encoding="utf-8")
    # 预算调整率 2 → 3: 预算执行 adds up to 19 against its 18, and 过程 stays 30.
    before = 'name = "预算调整率"\npoints = 2\n'
    assert before in text
    bad = tmp_path / "县级模板.toml"
    bad.write_text(text.replace(before, 'name = "预算调整率"\npoints = 3\n'), encoding="utf-8")
    result = run("template-check", str(bad), data_dir=tmp_path / "data")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "模板“县级模板.toml”有误："
    assert len(lines) == 2
    assert lines[1].startswith("- 指标“execution”（第 ")
    assert lines[1].endswith("：“预算执行”的下级指标分值合计 19 分，与其分值 18 分不符")


def test_template_check_reports_the_tree_of_a_good_file(tmp_path: Path) -> None:
    result = run("template-check", str(COUNTY_FILE), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[1] == (
        "自评表“部门整体支出绩效自评表”：4 个一级指标，27 个末级指标（3 个按公式计分），"
        "共 100 分，各级分值相加一致。"
    )


# -- fuzzing the reader ------------------------------------------------------------------------

scalars = (
    st.booleans()
    | st.integers(min_value=-(10**6), max_value=10**6)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(
        ["0", "0.5", "100", "-1", "1e2", "12.345", "NaN", "", "9E+999999", "1E-999999"]
    )
    | st.sampled_from(
        ["scores.budget", "money.rate", "money.note", "money.spent", "-money.spent", "ratio"]
    )
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=6)
)
any_value = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["key", "name", "points", "kind", "x"]), inner, max_size=3
        )
    ),
    max_leaves=6,
)
FIELDS = [
    "key",
    "name",
    "points",
    "criterion",
    "children",
    "formula",
    "minimum",
    "kind",
    "numerator",
    "denominator",
    "stated",
    "bound",
    "value",
    "full_at",
    "label",
]


def _places(data: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The path of every dict in ``data``."""
    found: list[tuple[object, ...]] = []
    if isinstance(data, dict):
        found.append(path)
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


def _at(data: Any, path: tuple[object, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


mutations = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10**6),
        st.sampled_from(["set", "delete", "copy_child", "points"]),
        st.sampled_from(FIELDS),
        any_value,
        st.decimals(min_value=-5, max_value=120, places=2, allow_nan=False),
    ),
    min_size=1,
    max_size=5,
)


def _mutated(edits: list[tuple[int, str, str, object, Decimal]]) -> dict[str, Any]:
    card = good_card()
    for position, action, field, value, points in edits:
        places = _places(card)
        target = _at(card, places[position % len(places)])
        if action == "set":
            target[field] = copy.deepcopy(value)
        elif action == "delete":
            target.pop(field, None)
        elif action == "copy_child" and isinstance(target.get("children"), list):
            if target["children"]:
                target["children"].append(copy.deepcopy(target["children"][0]))
        elif action == "points" and "points" in target:
            target["points"] = str(points)
    return card


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_a_mutated_tree_is_refused_with_messages_or_adds_up(
    edits: list[tuple[int, str, str, object, Decimal]],
) -> None:
    problems: list[str] = []
    try:
        template = load_template(template_text(_mutated(edits)), "fuzz.toml")
    except TemplateError as exc:
        problems = exc.problems or ["(none)"]
    if problems:  # refused: each mistake said in a line of its own, none empty or endless
        assert all(isinstance(p, str) and p and len(p) < 2000 for p in problems)
        return
    assert isinstance(template, Template)
    loaded = template.scorecard
    assert loaded is not None
    assert points_add_up(loaded)
    keys = [n.key for _, n in loaded.walk()]
    assert len(keys) == len(set(keys))
    assert all(level <= 3 for level, _ in loaded.walk())
    assert all(n.criterion for n in loaded.leaves())


@pytest.mark.parametrize("points", ["9E+999999", "1E+999999", "1E+30"])
def test_absurdly_large_points_are_refused_plainly(points: str) -> None:
    """Once found by hand: such points overflowed the decimal sum (decimal.Overflow, not a
    TemplateError) or printed a million-digit message."""
    card = good_card()
    _indicator(card, 1, 1)["points"] = points
    _indicator(card, 1, 0)["points"] = points
    found = problems(card)
    assert all(len(p) < 200 for p in found)
    assert (
        sum(f"分值应为大于 0、不超过 100、最多两位小数的数，而不是“{points}”" in p for p in found)
        == 2
    )


@pytest.mark.parametrize(
    "minimum", ["150", "100.01", "1E+30", "-1", "89.995"], ids=lambda m: f"minimum {m}"
)
def test_a_grade_minimum_outside_0_to_100_is_refused(minimum: str) -> None:
    """Once found by hand: 150 loaded (an unreachable grade), and 1E+30 loaded and then made
    the outlook ("再得 … 分即为优") raise decimal.InvalidOperation."""
    card = good_card()
    card["grades"] = [{"name": "优", "minimum": minimum}, {"name": "差", "minimum": "0"}]
    assert problems(card) == [
        f"scorecard.grades[1]：等级下限应为不小于 0、不超过 100、最多两位小数的数，而不是“{minimum}”"
    ]
