"""Every word a template itself prints (headings, labels, table heads, the literal text of its
sentences, the scoring table's names and criteria), with where it comes from, so that
``template-check`` can refuse a character no font would print."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kexie_desktop.core.schema import Field
from kexie_desktop.core.template.model import PrintBlock, RowsBlock, SentenceBlock, Template


def printed_wording(template: Template) -> Iterator[tuple[str, str]]:
    """(where, text) for each piece of the template's own wording that reaches the PDF."""
    for part in template.title:
        yield "标题", part.wording
    if template.closing_note is not None:
        yield "closing_note", template.closing_note.wording
    schema = template.schema
    for section in schema.all_sections():
        where = f"部分“{section.key}”"
        yield where, section.heading
        for item in section.items:
            yield f"“{item.key}”的名称", item.label
            if not isinstance(item, Field):
                for level in item.levels():
                    yield from ((f"“{item.key}”的列", c.label) for c in level.columns)
        for block in template.blocks(section.key):
            yield from _block_wording(where, block)
    card = template.scorecard
    if card is not None:
        yield "自评表标题", card.title
        yield from (("自评表等级", grade.name) for grade in card.grades)
        yield from (("自评表图表", figure.label) for figure in card.chart_figures)
        for _, indicator in card.walk():
            where = f"指标“{indicator.key}”"
            yield f"{where}的名称", indicator.name
            yield f"{where}的评分标准", indicator.criterion
            if indicator.formula is not None:
                yield f"{where}的公式", indicator.formula.label


def _block_wording(where: str, block: PrintBlock) -> Iterator[tuple[str, str]]:
    if isinstance(block, SentenceBlock):
        yield f"{where}的句式", block.sentence.wording
        yield f"{where}的句式", block.none
    elif isinstance(block, RowsBlock):
        yield f"{where}的句式", block.heading.wording
        yield f"{where}的句式", block.body.wording
    else:
        yield f"{where}的表格", block.caption
        yield f"{where}的表格", block.unit
        yield f"{where}的表格", block.number_head
        yield from ((f"{where}的表格", column.head) for column in block.columns)


def unprintable_wording(template: Template, printable: Callable[[str], bool]) -> list[str]:
    """A problem for each character of the template's own wording that ``printable`` (which
    fonts can draw it) refuses: it would print as a blank gap in every report."""
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for where, text in printed_wording(template):
        for char in text:
            if char.isspace() or (where, char) in seen or printable(char):
                continue
            seen.add((where, char))
            problems.append(
                f"{where}中的“{char}”（U+{ord(char):04X}）没有字体能打印，会印成空白；"
                "请换成常用字符（如减号写作全角“－”）"
            )
    return problems
