"""The outline of the built-in sample, as loaded from resources/templates/hunan-dept-selfeval.toml:
the published headings, every item labelled and explained, unique keys, and relations, rules,
roles and print blocks that name fields of the right kind."""

from __future__ import annotations

from collections import Counter

import pytest

from kexie_desktop.core.report import Report
from kexie_desktop.core.schema import (
    ColumnBoundRelation,
    ColumnSumRelation,
    Field,
    ListCountRelation,
    RatioRelation,
    ReportSchema,
    RowCountRelation,
    RowSumRelation,
    SumRelation,
    Table,
)
from kexie_desktop.core.template import Template, TemplateLibrary
from kexie_desktop.core.template.loader import printed_references
from kexie_desktop.core.template.model import (
    NoneTextRule,
    ReasonBelowRule,
    RowsBlock,
    SentenceBlock,
    TableBlock,
    YearBeforeDateRule,
)
from kexie_desktop.core.template.sentences import Reference, table_path
from kexie_desktop.core.values import Kind


@pytest.fixture
def schema(hunan: Template) -> ReportSchema:
    return hunan.schema


def _levels(table: Table) -> list[Table]:
    return [table, *(level for child in table.children for level in _levels(child))]


def _all_columns(schema: ReportSchema) -> list[tuple[Table, Field]]:
    return [
        (level, column)
        for table in schema.tables()
        for level in _levels(table)
        for column in level.columns
    ]


def test_the_sample_is_written_in_the_default_template(
    templates: TemplateLibrary, hunan: Template, sample: Report, blank: Report
) -> None:
    assert templates.default is hunan
    assert hunan.id == "hunan-dept-selfeval"
    assert hunan.version >= 1
    assert sample.template is hunan
    assert sample.schema is hunan.schema
    assert blank.schema is hunan.schema


def test_sections_follow_the_published_outline(schema: ReportSchema) -> None:
    assert schema.sections[0].key == "header"
    assert not schema.sections[0].printed
    # The scoring table (自评表) is a section of its own, printed as an attachment.
    assert schema.sections[-1].key == "scores"
    assert not schema.sections[-1].printed
    headings = [section.heading for section in schema.sections[1:-1]]
    assert headings == [
        "一、部门基本情况",
        "二、一般公共预算支出情况",
        "三、政府性基金预算支出情况",
        "四、国有资本经营预算支出情况",
        "五、社会保险基金预算支出情况",
        "六、部门整体支出绩效情况",
        "七、存在的问题及原因分析",
        "八、下一步改进措施",
        "九、部门整体支出绩效自评结果拟应用和公开情况",
        "十、其他需要说明的情况",
    ]
    assert [s.heading for s in schema.section("basics").subsections] == [
        "（一）主要职能",
        "（二）机构情况，包括当年变动情况及原因",
        "（三）人员情况，包括当年变动情况及原因",
    ]
    assert [s.heading for s in schema.section("general").subsections] == [
        "（一）基本支出情况",
        "（二）项目支出情况",
    ]
    assert all(section.printed for section in schema.sections[1:-1])


def test_keys_are_unique(schema: ReportSchema, hunan: Template) -> None:
    sections = Counter(section.key for section in schema.all_sections())
    assert [key for key, n in sections.items() if n > 1] == []
    items = Counter(item.key for section in schema.all_sections() for item in section.items)
    assert [key for key, n in items.items() if n > 1] == []
    for table in schema.tables():
        for level in _levels(table):
            names = [column.key for column in level.columns] + [c.key for c in level.children]
            assert len(names) == len(set(names)), level.key
    rules = Counter(
        [relation.rule for relation in schema.relations] + [rule.rule for rule in hunan.rules]
    )
    assert [rule for rule, n in rules.items() if n > 1] == []
    # A sentence reaches basic.total as basic → total: no key is the beginning of another.
    keys = {field.key for field in schema.fields()} | {table.key for table in schema.tables()}
    assert [k for k in keys if any(other.startswith(f"{k}.") for other in keys)] == []


def test_every_item_is_in_a_section_and_found_by_its_key(schema: ReportSchema) -> None:
    for section in schema.all_sections():
        for item in section.items:
            assert schema.section_of(item.key) is section
            if isinstance(item, Field):
                assert schema.field(item.key) is item
            else:
                assert schema.table(item.key) is item
    declared = sum(len(section.items) for section in schema.all_sections())
    assert declared == len(list(schema.fields())) + len(list(schema.tables()))


def test_every_field_and_column_is_labelled_and_explained(schema: ReportSchema) -> None:
    columns = [column for _, column in _all_columns(schema)]
    fields = [*schema.fields(), *columns]
    assert len(fields) > 40
    for field in fields:
        assert field.label, field.key
        assert field.help, field.key
        assert field.key
        assert all(ord(ch) < 128 for ch in field.key), field.key  # keys are stable ASCII
        if field.kind is Kind.MONEY:
            assert field.unit == "万元", field.key
        if field.kind is Kind.PERCENT:
            assert field.unit == "%", field.key
        if field.kind is Kind.COUNT:
            assert field.unit in ("名", "个"), field.key
        # Nothing in this outline is a change on last year: every figure is at least 0.
        assert not field.signed, field.key
    for table in schema.tables():
        for level in _levels(table):
            assert level.label, level.key
            assert level.row_label, level.key
            assert level.help, level.key
            assert level.columns, level.key
    for section in schema.all_sections():
        assert section.title, section.key
        assert section.help, section.key


def test_relations_name_real_fields_of_the_right_kind(schema: ReportSchema) -> None:
    assert schema.relations
    for relation in schema.relations:
        if isinstance(relation, SumRelation):
            assert relation.parts
            for key in (relation.total, *(term.key for term in relation.parts)):
                assert schema.field(key).kind is Kind.MONEY, relation.rule
        elif isinstance(relation, RowSumRelation):
            table = schema.table(relation.table)
            assert table.column(relation.total).kind is Kind.MONEY
            assert table.child(relation.child).column(relation.column).kind is Kind.MONEY
        elif isinstance(relation, ColumnSumRelation):
            assert schema.field(relation.total).kind is Kind.MONEY
            assert schema.table(relation.table).column(relation.column).kind is Kind.MONEY
        elif isinstance(relation, RowCountRelation):
            table = schema.table(relation.table)
            assert table.column(relation.stated).kind is Kind.COUNT
            table.child(relation.child)
        elif isinstance(relation, ListCountRelation):
            assert schema.field(relation.stated).kind is Kind.COUNT
            schema.table(relation.table)
        elif isinstance(relation, RatioRelation):
            assert schema.field(relation.stated).kind is Kind.PERCENT
            for term in relation.numerator:
                assert schema.field(term.key).kind is Kind.MONEY
            assert schema.field(relation.denominator).kind is Kind.MONEY
        else:
            assert isinstance(relation, ColumnBoundRelation)
            table = schema.table(relation.table)
            assert table.column(relation.value).kind is Kind.COUNT
            assert table.column(relation.bound).kind is Kind.COUNT


def test_the_checks_of_the_outline(schema: ReportSchema, hunan: Template) -> None:
    """The arithmetic and rules the template declares (rules replaced hard-coded checks)."""
    assert [relation.rule for relation in schema.relations] == [
        "staff.actual_within_quota",
        "basic.sum",
        "basic.three_public",
        "project.sources",
        "project.own_level",
        "project.split",
        "transfer.group_sum",
        "transfer.total_sum",
        "transfer.group_count",
    ]
    split = next(r for r in schema.relations if r.rule == "project.split")
    assert isinstance(split, SumRelation)
    assert split.total == "project.total"
    assert [(t.key, t.negative) for t in split.parts] == [
        ("project.own_level", False),
        ("transfer.total", False),
    ]
    assert [rule.rule for rule in hunan.rules] == [
        "fund.none_text",
        "capital.none_text",
        "insurance.none_text",
        "performance.low_usage_rate",
        "header.year_after_date",
    ]


def test_rules_name_real_fields_of_the_right_kind(schema: ReportSchema, hunan: Template) -> None:
    for rule in hunan.rules:
        if isinstance(rule, NoneTextRule):
            assert schema.field(rule.amount).kind is Kind.MONEY
            assert schema.field(rule.text).kind in (Kind.TEXT, Kind.PARAGRAPH)
            # The amount and its text belong to the same section (三、四、五).
            assert schema.section_of(rule.amount) is schema.section_of(rule.text)
            assert rule.none == "无。"
        elif isinstance(rule, ReasonBelowRule):
            assert schema.field(rule.value).kind in (Kind.MONEY, Kind.COUNT, Kind.PERCENT)
            assert schema.field(rule.reason).kind in (Kind.TEXT, Kind.PARAGRAPH)
        else:
            assert isinstance(rule, YearBeforeDateRule)


def test_roles_name_the_header_fields(schema: ReportSchema, hunan: Template) -> None:
    roles = hunan.roles
    assert schema.field(roles.unit).kind is Kind.TEXT
    assert schema.field(roles.year).kind is Kind.YEAR
    assert schema.field(roles.date).kind is Kind.DATE
    assert schema.field(roles.title).kind is Kind.TEXT
    for key in (roles.unit, roles.year, roles.date, roles.title):
        assert schema.section_of(key).key == "header"


def test_print_blocks_name_real_sections_tables_and_columns(
    schema: ReportSchema, hunan: Template
) -> None:
    sections = {section.key for section in schema.all_sections()}
    assert set(hunan.printing) <= sections
    for section_key, blocks in hunan.printing.items():
        assert schema.section(section_key).printed or not blocks, section_key
        for block in blocks:
            if isinstance(block, RowsBlock):
                schema.table(block.table)
            elif isinstance(block, TableBlock):
                levels = _levels(schema.table(block.table))
                for column in block.columns:
                    assert len(column.cells) <= len(levels)
                    for level, cell in zip(levels, column.cells, strict=False):
                        assert not cell or level.column(cell)
                if block.total_field:
                    assert schema.field(block.total_field).kind is Kind.MONEY
            else:
                assert isinstance(block, SentenceBlock)


def test_every_item_is_printed_by_the_template_itself(
    schema: ReportSchema, hunan: Template
) -> None:
    """Each field and column reaches the PDF through a block the template wrote, none
    through the generic "名称：值" block the loader appends for a forgotten item."""
    printed = printed_references(hunan)
    for field in schema.fields():
        assert Reference(field.key) in printed, field.key
    for level, column in _all_columns(schema):
        assert Reference(table_path(schema, level), column.key) in printed, column.key
    generic = [
        (key, block.sentence.source)
        for key, blocks in hunan.printing.items()
        for block in blocks
        if isinstance(block, SentenceBlock)
        and block.sentence.source.startswith("{% if ")
        and " is filled %}" in block.sentence.source.split("\n")[0]
        and "：{{" in block.sentence.source
    ]
    assert generic == []


def test_required_texts_of_the_domain_are_required(schema: ReportSchema) -> None:
    for key in ("basics.organization", "problems.text", "improvements.text", "disclosure.text"):
        assert schema.field(key).required
    for key in ("header.unit", "header.year", "header.date", "basic.total", "project.total"):
        assert schema.field(key).required
    assert schema.table("basics.duties").required
    assert not schema.field("other.text").required
    for section in ("fund", "capital", "insurance"):
        assert not schema.field(f"{section}.amount").required
        assert not schema.field(f"{section}.text").required


def test_figures_of_one_year_are_not_carried_to_the_next(schema: ReportSchema) -> None:
    assert schema.field("header.date").carry is False
    assert schema.field("header.title").carry is False
    assert schema.table("basics.staff_changes").carry is False
    assert schema.table("basics.duties").carry
    assert schema.table("transfer.groups").carry
