"""Whatever the clerk typed prints as typed: no markup, line breaks kept, no silent blanks."""

from __future__ import annotations

from typing import Any

import pytest

from kexie_desktop.core.findings import Severity
from kexie_desktop.export.fonts import font_set
from kexie_desktop.export.render import MISSING_GLYPH_RULE
from kexie_desktop.export.styles import FontRole
from kexie_desktop.services.workspace import load_sample

MARKUP = [
    "a<b>粗体</b>&amp;c",
    "<font color=red>红字</font>",
    '<img src="x.png" width=10/>',
    "[[[ 方括号 ]]]",
    "A & B < C > D",
    "<para>段落</para><br/>",
]


@pytest.fixture(scope="module")
def typed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from kexie_desktop.services.exporting import export_pdf

    report = load_sample()
    report.values["problems.text"] = "\n".join(MARKUP)
    report.values["improvements.text"] = "第一段。\r\n\r\n  第二段，前面有空格。\n\t第三段。"
    report.values["other.text"] = "生僻字𠀀和表情😀。"
    path = tmp_path_factory.mktemp("typed") / "typed.pdf"
    result = export_pdf(report, path)
    from pdfplumber import open as open_pdf

    with open_pdf(path) as pdf:
        pages = [page.chars for page in pdf.pages]
    return result, pages


def _lines(pages: list[list[dict[str, Any]]]) -> list[tuple[float, str]]:
    """(x of the first character, text) of every 3号 line, in order."""
    lines: list[tuple[float, str]] = []
    for chars in pages:
        rows: dict[float, list[dict[str, Any]]] = {}
        for char in chars:
            if 15 < char["size"] < 17:
                rows.setdefault(round(char["bottom"], 1), []).append(char)
        for _, row in sorted(rows.items()):
            row.sort(key=lambda c: c["x0"])
            lines.append((row[0]["x0"], "".join(c["text"] for c in row)))
    return lines


@pytest.mark.parametrize("typed", MARKUP)
def test_markup_prints_literally_on_its_own_line(typed_pdf: Any, typed: str) -> None:
    _, pages = typed_pdf
    texts = [text for _, text in _lines(pages)]
    assert typed in texts


def test_line_breaks_make_indented_paragraphs(typed_pdf: Any) -> None:
    _, pages = typed_pdf
    lines = _lines(pages)
    texts = [text for _, text in lines]
    start = texts.index("第一段。")
    assert texts[start : start + 3] == ["第一段。", "第二段，前面有空格。", "第三段。"]
    indents = {round(x, 1) for x, _ in lines[start : start + 3]}
    assert len(indents) == 1  # each starts a paragraph, two characters in
    assert indents == {round(72 / 25.4 * 28 + 2 * 15.75, 1)}


def test_characters_no_font_has_are_reported(typed_pdf: Any) -> None:
    result, _ = typed_pdf
    [warning] = [w for w in result.warnings if w.rule == MISSING_GLYPH_RULE]
    assert warning.severity is Severity.WARNING
    assert "𠀀" in warning.message
    assert "😀" in warning.message
    assert "十、其他需要说明的情况" in warning.message
    assert warning.section == "other"
    assert "other.text" in warning.fields


def test_the_sample_has_no_missing_characters(sample_pdf: Any) -> None:
    assert sample_pdf.result.warnings == []


def test_a_character_missing_from_the_role_font_comes_from_another_font(
    tmp_path: Any, export_read: Any
) -> None:
    fonts = font_set()
    kai, song = fonts.primary[FontRole.KAI], fonts.primary[FontRole.SONG]
    lacking = [c for c in map(chr, song.cmap) if not kai.covers(c) and c.isprintable()]
    assert lacking, "the Kai font lacks nothing the Song font has"
    char = next(c for c in lacking if not c.isspace())
    report = load_sample()
    report.rows("performance.items")[0].cells["heading"] = f"标题{char}字"
    pdf = export_read(report, tmp_path / "fallback.pdf")
    assert pdf.result.warnings == []
    drawn = [c for page in pdf.pages for c in page.body if c["text"] == char]
    assert drawn
    assert drawn[0]["fontname"].endswith(song.file.path.stem)


def test_a_long_unit_name_is_printed_whole_above_the_date(tmp_path: Any, export_read: Any) -> None:
    report = load_sample()
    unit = "某某省某某市某某县人民政府发展和改革委员会直属事业单位价格认证中心"
    report.values["header.unit"] = unit
    pdf = export_read(report, tmp_path / "unit.pdf")
    assert pdf.text.endswith(f"{unit}2022年4月25日")
