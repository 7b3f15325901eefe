"""封面信息: who reports, for which year, on which date."""

from kexie_desktop.core.schema.model import Field, Section
from kexie_desktop.core.values import Kind

TITLE_SUFFIX = "本级整体支出绩效自评报告"

HEADER = Section(
    key="header",
    number="",
    title="封面信息",
    help="报告标题、单位名称、报告年度和报告日期，打印在报告首页和落款处。",
    items=(
        Field("header.unit", "单位名称", Kind.TEXT, "填写单位全称，如：郴州市科学技术协会。", True),
        Field("header.year", "报告年度", Kind.YEAR, "自评的预算年度，如：2021。", True, "年度"),
        Field(
            "header.date",
            "报告日期",
            Kind.DATE,
            "落款日期，如：2022年4月25日；打印时不补零。",
            True,
        ),
        Field(
            "header.title",
            "报告标题",
            Kind.TEXT,
            f"留空时自动生成为“年度 + 单位名称 + {TITLE_SUFFIX}”。",
        ),
        Field("header.budget_code", "预算编码", Kind.TEXT, "部门预算编码（选填）。"),
        Field("header.contact", "联系人", Kind.TEXT, "填报联系人姓名（选填）。"),
        Field("header.phone", "联系电话", Kind.TEXT, "联系人电话（选填）。"),
    ),
)
