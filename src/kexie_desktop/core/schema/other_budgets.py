"""三、四、五: the three other budgets, usually with no spending at all ("无。")."""

from kexie_desktop.core.schema.model import Field, Section
from kexie_desktop.core.values import Kind

NONE_TEXT = "无。"


def _budget_section(key: str, number: str, title: str) -> Section:
    return Section(
        key=key,
        number=number,
        title=title,
        help=f"{title}金额为 0 时打印“{NONE_TEXT}”；有支出时须说明支出情况。",
        items=(
            Field(
                f"{key}.amount", "支出金额", Kind.MONEY, "全年支出决算数，没有填 0。", False, "万元"
            ),
            Field(
                f"{key}.text",
                "支出情况说明",
                Kind.PARAGRAPH,
                f"有支出时说明用途和绩效；没有支出可留空或填“{NONE_TEXT}”。",
            ),
        ),
    )


FUND = _budget_section("fund", "三、", "政府性基金预算支出情况")
CAPITAL = _budget_section("capital", "四、", "国有资本经营预算支出情况")
INSURANCE = _budget_section("insurance", "五、", "社会保险基金预算支出情况")
OTHER_BUDGETS = (FUND, CAPITAL, INSURANCE)
