"""二、一般公共预算支出情况: basic and project spending, transfer payments."""

from kexie_desktop.core.schema.model import (
    ColumnSumRelation,
    Comparison,
    Field,
    RowCountRelation,
    RowSumRelation,
    Section,
    SumRelation,
    Table,
)
from kexie_desktop.core.values import Kind

WAN = "万元"

BASIC = Section(
    key="general.basic",
    number="（一）",
    title="基本支出情况",
    help="基本支出及其中的人员经费、公用经费和“三公”经费，打印时自动生成标准表述。",
    items=(
        Field("basic.total", "基本支出", Kind.MONEY, "全年基本支出决算数。", True, WAN),
        Field(
            "basic.usage",
            "主要用途",
            Kind.PARAGRAPH,
            "接在“基本支出××万元，主要用于”之后，如：工资统发、社会保险缴费等。",
            True,
        ),
        Field("basic.personnel", "人员经费", Kind.MONEY, "基本支出中的人员经费。", True, WAN),
        Field("basic.public", "公用经费", Kind.MONEY, "基本支出中的公用经费。", True, WAN),
        Field(
            "basic.reception",
            "公务接待费",
            Kind.MONEY,
            "公用经费中的公务接待费（经济分类 30217）。",
            True,
            WAN,
        ),
        Field(
            "basic.abroad",
            "公务出国出境费",
            Kind.MONEY,
            "公用经费中的因公出国（境）费（经济分类 30212），没有填 0。",
            True,
            WAN,
        ),
        Field(
            "basic.vehicle",
            "公车运行维护费",
            Kind.MONEY,
            "公用经费中的公务用车运行维护费（经济分类 30231）。",
            True,
            WAN,
        ),
        Field("basic.note", "补充说明", Kind.PARAGRAPH, "接在标准表述之后的补充说明（选填）。"),
    ),
)

TRANSFER_ITEMS = Table(
    "items",
    "受助单位",
    "受助单位",
    (
        Field("recipient", "单位名称", Kind.TEXT, "接受转移支付的单位。", True),
        Field("amount", "金额", Kind.MONEY, "拨付给该单位的金额。", True, WAN),
    ),
    "该项目下每个受助单位一行。",
)

PROJECT = Section(
    key="general.project",
    number="（二）",
    title="项目支出情况",
    help="项目支出、本级支出、资金来源和转移支付，打印时自动生成标准表述。",
    items=(
        Field("project.total", "项目支出", Kind.MONEY, "全年项目支出决算数。", True, WAN),
        Field(
            "project.own_level_label",
            "本级支出主体",
            Kind.TEXT,
            "写在“本级支出”之前，如：市科协机关；可不填。",
        ),
        Field("project.own_level", "本级支出", Kind.MONEY, "项目支出中的本级支出。", True, WAN),
        Field(
            "project.current_year",
            "当年财政拨款",
            Kind.MONEY,
            "项目支出资金来源之一：当年财政拨款。",
            True,
            WAN,
        ),
        Field(
            "project.carried_over",
            "上年财政拨款结转",
            Kind.MONEY,
            "项目支出资金来源之一：上年财政拨款结转资金。",
            True,
            WAN,
        ),
        Field(
            "project.other",
            "其他资金",
            Kind.MONEY,
            "项目支出资金来源之一：其他资金，没有填 0。",
            True,
            WAN,
        ),
        Field(
            "project.usage",
            "主要用途",
            Kind.PARAGRAPH,
            "接在“主要用于”之后，写明项目支出的主要用途。",
            True,
        ),
        Field("transfer.total", "转移支付", Kind.MONEY, "全年转移支付合计，没有填 0。", True, WAN),
        Table(
            "transfer.groups",
            "转移支付项目",
            "转移支付项目",
            (
                Field("name", "项目名称", Kind.TEXT, "如：基层科普行动计划建设。", True),
                Field("stated_count", "项目个数", Kind.COUNT, "文中所写的项目个数。", True, "个"),
                Field("subtotal", "小计", Kind.MONEY, "该项目转移支付金额合计。", True, WAN),
            ),
            "每类转移支付项目一行，在其下列出受助单位和金额。",
            children=(TRANSFER_ITEMS,),
        ),
    ),
)

GENERAL_BUDGET = Section(
    key="general",
    number="二、",
    title="一般公共预算支出情况",
    help="基本支出和项目支出。",
    subsections=(BASIC, PROJECT),
)

GENERAL_BUDGET_RELATIONS = (
    SumRelation("basic.sum", "basic.total", ("basic.personnel", "basic.public")),
    SumRelation(
        "basic.three_public",
        "basic.public",
        ("basic.reception", "basic.abroad", "basic.vehicle"),
        Comparison.AT_LEAST,
    ),
    SumRelation(
        "project.sources",
        "project.total",
        ("project.current_year", "project.carried_over", "project.other"),
    ),
    SumRelation("project.own_level", "project.total", ("project.own_level",), Comparison.AT_LEAST),
    RowSumRelation("transfer.group_sum", "transfer.groups", "subtotal", "items", "amount"),
    ColumnSumRelation("transfer.total_sum", "transfer.total", "transfer.groups", "subtotal"),
    RowCountRelation("transfer.group_count", "transfer.groups", "stated_count", "items"),
)
