"""Reading template files: the shipped ones load, a bad one is refused with messages that name
the place, and no text at all makes the loader fail in any other way."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.core.template import Template, TemplateError, load_template
from kexie_desktop.core.template.loader import printed_references
from kexie_desktop.core.template.model import SentenceBlock
from kexie_desktop.core.template.sentences import Reference
from kexie_desktop.resources import resource_dir
from template_texts import cover

TEMPLATES = resource_dir() / "templates"
HUNAN = (TEMPLATES / "hunan-dept-selfeval.toml").read_text(encoding="utf-8")
COUNTY = (TEMPLATES / "county-dept-evaluation.toml").read_text(encoding="utf-8")

SMALL = (
    """
id = "small"
version = 1
name = "小模板"
title = "{{ head.year }}年度{{ head.unit }}报告"

"""
    + cover()
    + """
[[sections]]
key = "money"
number = "一、"
title = "收支"

[[sections.items]]
key = "money.total"
label = "合计"
kind = "money"

[[sections.items]]
key = "money.part"
label = "部分"
kind = "money"

[[sections.print]]
sentence = "合计{{ money.total }}。"

[[relations]]
rule = "money.sum"
kind = "sum"
total = "money.total"
parts = ["money.part"]
"""
)


def _problems(text: str) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        load_template(text, "test.toml")
    assert caught.value.message.startswith("模板“test.toml”有误")
    return caught.value.problems


def test_the_shipped_templates_load(templates: object) -> None:
    hunan = load_template(HUNAN)
    county = load_template(COUNTY)
    assert (hunan.id, county.id) == ("hunan-dept-selfeval", "county-dept-evaluation")
    assert [s.number for s in hunan.schema.sections if s.printed][-1] == "十、"
    assert [s.title for s in county.schema.sections if s.printed] == [
        "基本情况",
        "存在的问题",
        "改进措施",
        "其他需要说明的情况",
    ]


def test_a_small_template_loads_and_unprinted_items_get_a_generic_block() -> None:
    template = load_template(SMALL)
    blocks = template.blocks("money")
    # money.part is named by no print block: a generic "部分：…" block is appended for it.
    assert len(blocks) == 2
    generic = blocks[1]
    assert isinstance(generic, SentenceBlock)
    assert "部分：" in generic.sentence.source
    assert Reference("money.part") in printed_references(template)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("version = 1", "version = 0"), "版本号应为不小于 1 的整数"),
        (('kind = "money"', 'kind = "currency"', 1), "类型“currency”无效"),
        (('parts = ["money.part"]', 'parts = ["money.nothing"]'), "“money.nothing”不存在"),
        (
            ('sentence = "合计{{ money.total }}。"', 'sentence = "合计{{ money.totl }}。"'),
            "“money.totl”不是本模板的字段或表格",
        ),
        (
            ('sentence = "合计{{ money.total }}。"', 'sentence = "合计{{ money.total }。"'),
            "语法错误",
        ),
        (
            ('sentence = "合计{{ money.total }}。"', 'sentence = "{{ money.total|nosuchfilter }}"'),
            "nosuchfilter",
        ),
        (("printed = false", 'printed = false\ncolour = "red"'), "不认识的设置“colour”"),
        (('key = "money.part"', 'key = "money.total"'), "键重复"),
        (('date = "head.date"', 'date = "head.unit"'), "应为 date 类型"),
        (('kind = "sum"', 'kind = "product"'), "关系类型“product”无效"),
        (("[[relations]]", '[[relations]]\nseverity = "fatal"'), "“severity”应为 error 或 warning"),
    ],
)
def test_a_mistake_is_refused_with_a_message_naming_it(
    change: tuple[str, ...], expected: str
) -> None:
    old, new, *count = change
    assert old in SMALL
    text = SMALL.replace(old, new, *count)
    problems = _problems(text)
    assert any(expected in problem for problem in problems), problems


def test_a_problem_names_the_line_it_is_on() -> None:
    text = SMALL.replace('parts = ["money.part"]', 'parts = ["money.nothing"]')
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "money.nothing" in t)
    assert any(f"第 {line} 行" in p for p in _problems(text))


def test_a_toml_syntax_error_names_its_line() -> None:
    text = SMALL.replace('name = "小模板"', 'name = "小模板')
    (problem,) = _problems(text)
    assert "TOML 格式错误（第 4 行" in problem


def test_several_mistakes_are_all_listed() -> None:
    text = SMALL.replace('kind = "year"', 'kind = "yaer"').replace(
        'parts = ["money.part"]', 'parts = ["money.nothing"]'
    )
    problems = _problems(text)
    assert len(problems) >= 2


def test_a_sentence_that_fails_when_run_is_found_at_load_time() -> None:
    text = SMALL.replace('"合计{{ money.total }}。"', '"{{ money.total|cn|cn|int / 0 }}"')
    assert any("无法生成" in p for p in _problems(text))


def test_a_key_that_begins_another_is_refused() -> None:
    text = SMALL.replace('key = "money.part"', 'key = "money"')
    assert any("同时是其他键的开头" in p for p in _problems(text))


@pytest.mark.parametrize(
    "sentence",
    [
        "{{ money.total.__class__.__mro__ }}",
        "{% set x = money.total %}{{ x.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
    ],
)
def test_sentences_cannot_reach_into_python(sentence: str) -> None:
    text = SMALL.replace('"合计{{ money.total }}。"', f"'{sentence}'")
    with pytest.raises(TemplateError):
        load_template(text)


# -- fuzzing: any text is a template or a TemplateError -------------------------------------------

_LINES = HUNAN.splitlines()


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(_LINES) - 1),
            st.sampled_from(["delete", "duplicate", "garble", "swap"]),
            st.text(max_size=8),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_mangled_template_is_refused_with_a_message_or_loads(
    edits: list[tuple[int, str, str]],
) -> None:
    lines = list(_LINES)
    for position, action, noise in edits:
        index = position % len(lines)
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "garble":
            cut = len(lines[index]) // 2
            lines[index] = lines[index][:cut] + noise + lines[index][cut:]
        else:
            other = (index + 7) % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
        if not lines:
            lines = ["x"]
    problems: list[str] = ["(loaded)"]
    try:
        template = load_template("\n".join(lines))
    except TemplateError as exc:
        problems = exc.problems
    else:
        assert isinstance(template, Template)
    assert problems
    assert all(isinstance(p, str) and p for p in problems)


@given(st.text(max_size=300))
def test_arbitrary_text_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(TemplateError):
        load_template(text)


def test_template_files_in_the_data_folder_are_installed_too(
    private_data_dir: Path,
) -> None:
    from kexie_desktop.services.templates import installed_templates

    folder = private_data_dir / "templates"
    folder.mkdir(parents=True)
    (folder / "small.toml").write_text(SMALL, encoding="utf-8")
    (folder / "broken.toml").write_text("id = ", encoding="utf-8")
    installed_templates.cache_clear()
    try:
        library = installed_templates()
        assert "small" in library
        assert library.default_id == "hunan-dept-selfeval"
    finally:
        installed_templates.cache_clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = " + "[" * 5000 + "]" * 5000, "嵌套层次过深"),
        ("version = " + "9" * 5000, "位数过多"),
        ("\ufeff" + SMALL, ""),  # a byte-order mark is fine
    ],
)
def test_pathological_files_are_refused_plainly(text: str, expected: str) -> None:
    if not expected:
        assert load_template(text).id == "small"
        return
    assert any(expected in problem for problem in _problems(text))
