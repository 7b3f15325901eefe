"""一、部门基本情况: duties, organisation and staff."""

from kexie_desktop.core.schema.model import ColumnBoundRelation, Field, Section, Table
from kexie_desktop.core.values import Kind

DUTIES = Section(
    key="basics.duties",
    number="（一）",
    title="主要职能",
    help="逐条填写本单位主要职能，打印时自动编为“一是……；二是……”。",
    items=(
        Table(
            "basics.duties",
            "主要职能",
            "职能",
            (Field("text", "职能内容", Kind.PARAGRAPH, "一条职能，不必写“一是”。", True),),
            "每行一条职能，按顺序编号。",
            required=True,
        ),
    ),
)

ORGANIZATION = Section(
    key="basics.organization",
    number="（二）",
    title="机构情况",
    printed_title="机构情况，包括当年变动情况及原因",
    help="内设机构、下属单位，以及当年的变动情况及原因。",
    items=(
        Field(
            "basics.organization",
            "机构情况",
            Kind.PARAGRAPH,
            "写明内设机构、下属单位及当年变动情况和原因。",
            True,
        ),
    ),
)

STAFF = Section(
    key="basics.staff",
    number="（三）",
    title="人员情况",
    printed_title="人员情况，包括当年变动情况及原因",
    help="编制数、实有人数按类别填写，打印时自动生成标准表述。",
    items=(
        Field(
            "basics.staff_intro",
            "开头说明",
            Kind.PARAGRAPH,
            "人员情况段落的开头，如：市科协机关是财政拨款参公单位，",
        ),
        Table(
            "basics.staff_categories",
            "编制与实有人数",
            "人员类别",
            (
                Field("category", "人员类别", Kind.TEXT, "如：参公、工勤、行政、事业。", True),
                Field("quota", "编制数", Kind.COUNT, "该类别核定编制数。", True, "名"),
                Field("actual", "年末实有人数", Kind.COUNT, "该类别年末实有人数。", True, "名"),
            ),
            "每个人员类别一行。",
            required=True,
        ),
        Field("basics.retired", "退休人员", Kind.COUNT, "年末退休人员人数。", True, "名"),
        Table(
            "basics.staff_changes",
            "当年人员变动",
            "变动",
            (
                Field("month", "时间", Kind.TEXT, "变动发生的年月，如：2021年9月。", True),
                Field(
                    "event",
                    "变动情况",
                    Kind.TEXT,
                    "如：通过湖南省考招录一名新进参公编制人员",
                    True,
                ),
            ),
            "当年每一次人员变动一行；没有变动可不填。",
        ),
        Field(
            "basics.staff_note", "补充说明", Kind.PARAGRAPH, "接在标准表述之后的补充说明（选填）。"
        ),
    ),
)

BASICS = Section(
    key="basics",
    number="一、",
    title="部门基本情况",
    help="主要职能、机构情况和人员情况。",
    subsections=(DUTIES, ORGANIZATION, STAFF),
)

STAFF_RELATIONS = (
    ColumnBoundRelation("staff.actual_within_quota", "basics.staff_categories", "actual", "quota"),
)
