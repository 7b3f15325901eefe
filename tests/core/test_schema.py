from __future__ import annotations

from kexie_desktop.core.schema import (
    SCHEMA,
    ColumnBoundRelation,
    ColumnSumRelation,
    RowCountRelation,
    RowSumRelation,
    SumRelation,
)
from kexie_desktop.core.values import Kind


def test_sections_follow_the_published_outline() -> None:
    headings = [section.heading for section in SCHEMA.sections[1:]]
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
    assert [s.heading for s in SCHEMA.section("basics").subsections] == [
        "（一）主要职能",
        "（二）机构情况，包括当年变动情况及原因",
        "（三）人员情况，包括当年变动情况及原因",
    ]


def test_every_field_and_column_is_labelled_and_explained() -> None:
    columns = [column for table in SCHEMA.tables() for column in table.columns]
    children = [c for table in SCHEMA.tables() for child in table.children for c in child.columns]
    for field in [*SCHEMA.fields(), *columns, *children]:
        assert field.label, field.key
        assert field.help, field.key
        assert all(ord(ch) < 128 for ch in field.key), field.key  # keys are stable ASCII
        if field.kind is Kind.MONEY:
            assert field.unit == "万元", field.key


def test_relations_name_real_money_fields() -> None:
    for relation in SCHEMA.relations:
        if isinstance(relation, SumRelation):
            for key in (relation.total, *relation.parts):
                assert SCHEMA.field(key).kind is Kind.MONEY
        elif isinstance(relation, RowSumRelation):
            table = SCHEMA.table(relation.table)
            assert table.column(relation.total).kind is Kind.MONEY
            assert table.child(relation.child).column(relation.column).kind is Kind.MONEY
        elif isinstance(relation, ColumnSumRelation):
            assert SCHEMA.field(relation.total).kind is Kind.MONEY
            assert SCHEMA.table(relation.table).column(relation.column).kind is Kind.MONEY
        elif isinstance(relation, RowCountRelation):
            table = SCHEMA.table(relation.table)
            assert table.column(relation.stated).kind is Kind.COUNT
            table.child(relation.child)
        else:
            assert isinstance(relation, ColumnBoundRelation)
            table = SCHEMA.table(relation.table)
            assert table.column(relation.value).kind is Kind.COUNT
            assert table.column(relation.bound).kind is Kind.COUNT


def test_required_texts_of_the_domain_are_required() -> None:
    for key in ("basics.organization", "problems.text", "improvements.text", "disclosure.text"):
        assert SCHEMA.field(key).required
    assert SCHEMA.table("basics.duties").required
    assert not SCHEMA.field("other.text").required
