"""六 to 十: performance, problems, improvements, disclosure and other remarks."""

from kexie_desktop.core.schema.model import Field, Section, Table
from kexie_desktop.core.values import Kind

PERFORMANCE = Section(
    key="performance",
    number="六、",
    title="部门整体支出绩效情况",
    help="开头一段、若干条分项绩效（带小标题），以及资金绩效完成情况和资金使用率。",
    items=(
        Field("performance.opening", "开头段落", Kind.PARAGRAPH, "总体绩效情况的开头一段。", True),
        Table(
            "performance.items",
            "分项绩效",
            "分项",
            (
                Field(
                    "heading",
                    "小标题",
                    Kind.TEXT,
                    "如：坚持党建引领，科协系统自身建设有新作为",
                    True,
                ),
                Field("text", "内容", Kind.PARAGRAPH, "该分项的具体绩效。", True),
            ),
            "每个分项一行，打印为“（一）小标题”加正文。",
        ),
        Field(
            "performance.funds",
            "资金绩效完成情况",
            Kind.PARAGRAPH,
            "资金绩效完成情况的叙述；资金使用率的标准表述会自动接在其后。",
            True,
        ),
        Field(
            "performance.usage_rate",
            "资金使用率",
            Kind.PERCENT,
            "项目资金使用率，0–100。",
            True,
            "%",
        ),
        Field(
            "performance.low_rate_reason",
            "资金使用率偏低的原因",
            Kind.PARAGRAPH,
            "资金使用率低于 90% 时须说明原因。",
        ),
    ),
)


def _text_section(key: str, number: str, title: str, help_text: str, required: bool) -> Section:
    return Section(
        key=key,
        number=number,
        title=title,
        help=help_text,
        items=(Field(f"{key}.text", title, Kind.PARAGRAPH, help_text, required),),
    )


PROBLEMS = _text_section(
    "problems", "七、", "存在的问题及原因分析", "写明存在的主要问题及其原因。", True
)
IMPROVEMENTS = _text_section(
    "improvements", "八、", "下一步改进措施", "针对上述问题的具体改进措施。", True
)
DISCLOSURE = _text_section(
    "disclosure",
    "九、",
    "部门整体支出绩效自评结果拟应用和公开情况",
    "自评结果如何应用、在何处公开，如：按期在门户网站公开。",
    True,
)
OTHER = _text_section(
    "other", "十、", "其他需要说明的情况", "没有需要说明的情况可留空，打印为“无。”", False
)
CLOSING_SECTIONS = (PROBLEMS, IMPROVEMENTS, DISCLOSURE, OTHER)
