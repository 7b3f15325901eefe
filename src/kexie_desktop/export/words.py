"""Where a unit name (and a title built on it) may break: after the words it is made of.

A Chinese unit name is a chain of names, each ending in a word that says what it is: places
("湖南省", "郴州市", "北湖区", "华塘镇", "燕泉街道"), then bodies ("科学技术协会", "财政局",
"科普教育基地管理中心", "居民委员会"). A title breaks sensibly between those names, never
inside one: "郴州市北湖区" / "科学技术协会", not "郴州市北湖区科学技" / "术协会". Without a
dictionary (no jieba), the ends are found by their last word, from the list below; a word is
not an end when it begins a longer word ("市场监督管理局": 市 before 场 ends nothing). A bare
州 is no end (郴州市, 杭州市): only 自治州 is. Latin
words and numbers are kept whole and may break at their spaces. Text with no known end is one
word, and the typesetter cuts it only when it is wider than a line.
"""

from __future__ import annotations

# Words that end a name, longest first so that "委员会" wins over "会".
NAME_ENDS = tuple(
    sorted(
        {
            # places
            "特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "盟", "县",
            "区", "旗", "镇", "乡", "街道", "社区", "村",
            # bodies
            "委员会", "办公室", "联合会", "研究会", "促进会", "协会", "学会", "商会", "中心",
            "公司", "集团", "基地", "学校", "大学", "学院", "中心医院", "医院", "党校", "事务所", "研究所",
            "研究院", "管理处", "服务站", "局", "厅", "委", "院", "所", "站", "馆", "队", "处",
            "室", "部", "科",
            # the year before the unit name in a title
            "年度",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip

# An end followed by these characters is the start of a longer word, not an end.
NOT_AN_END = frozenset(
    {
        "市场", "市政", "市民", "市容", "市级", "市直", "市属", "区域", "区级", "区直", "县级",
        "县域", "县直", "州级", "省级", "省直", "省属", "乡村", "乡镇", "镇级", "村级", "村民",
        "局属", "委员", "院士", "院校", "所属", "站点", "馆藏", "队伍", "处理", "室内", "部门",
        "部署", "科学", "科技", "科普", "科研", "科协", "市中",
    }
)  # fmt: skip


def name_words(text: str) -> tuple[str, ...]:
    """``text`` cut into the words a line may break between (joined, they give ``text``)."""
    words: list[str] = []
    start = 0
    index = 0
    while index < len(text):
        end = _end_at(text, index)
        if end:
            index += len(end)
            if index < len(text) and index - start > 1:  # never a one-character word: 市
                words.append(text[start:index])
                start = index
            continue
        if text[index] == " ":
            index += 1
            while index < len(text) and text[index] == " ":
                index += 1
            words.append(text[start:index])
            start = index
            continue
        index += 1
    words.append(text[start:])
    return tuple(word for word in words if word)


def _end_at(text: str, index: int) -> str:
    """The name end that starts at ``index`` and is not the start of a longer word."""
    for end in NAME_ENDS:
        if text.startswith(end, index):
            after = index + len(end)
            if any(text.startswith(word, after - 1) for word in _longer_words(end[-1])):
                return ""
            return end
    return ""


def _longer_words(char: str) -> tuple[str, ...]:
    return tuple(word for word in NOT_AN_END if word[0] == char)
