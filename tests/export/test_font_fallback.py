"""The bundled 仿宋, title, 楷体 and 黑体 fonts carry the GB2312 hanzi only; the bundled Song
face carries every GBK hanzi, and a character the role's font lacks is drawn from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kexie_desktop.export import fonts as fonts_module
from kexie_desktop.export.fonts import FontSet, bundled_font_dir, font_set
from kexie_desktop.export.render import MISSING_GLYPH_RULE
from kexie_desktop.export.styles import FontRole
from kexie_desktop.services.workspace import load_sample

SONG_REGULAR = "KexieFallbackSong-Regular"
HANZI_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))


def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def gbk_hanzi() -> set[str]:
    return {
        chr(cp) for lo, hi in HANZI_RANGES for cp in range(lo, hi + 1) if _encodable(chr(cp), "gbk")
    }


# Characters of names that GBK has and GB2312 lacks: 朱镕基, 陶喆, 堃.
RARE = "镕喆堃"


@pytest.fixture(scope="module")
def bundled() -> FontSet:
    """The bundled fonts only, as on a PC without the Windows fonts."""
    fonts = font_set(())
    for font in fonts.primary.values():
        assert font.file.path.parent == bundled_font_dir()
    return fonts


def test_the_rare_characters_are_gbk_but_not_gb2312() -> None:
    for char in RARE:
        assert _encodable(char, "gbk")
        assert not _encodable(char, "gb2312")


def test_the_bundled_set_covers_every_gbk_hanzi_through_the_song_face(bundled: FontSet) -> None:
    song = bundled.primary[FontRole.SONG]
    assert song.file.path.stem == SONG_REGULAR
    hanzi = gbk_hanzi()
    assert len(hanzi) == 20923
    assert [c for c in hanzi if not song.covers(c)] == []
    for role in FontRole:
        assert all(bundled.font_for(c, role) is not None for c in hanzi), role


@pytest.mark.parametrize("role", [FontRole.FANGSONG, FontRole.TITLE, FontRole.KAI, FontRole.HEI])
def test_the_heading_fonts_lack_the_rare_characters_and_fall_back_to_song(
    bundled: FontSet, role: FontRole
) -> None:
    font = bundled.primary[role]
    assert all(font.covers(c) for c in "一二三四五六七八九十（）、，。")
    for char in RARE:
        assert not font.covers(char)
        fallback = bundled.font_for(char, role)
        assert fallback is not None
        assert fallback.file.path.stem == SONG_REGULAR


@pytest.fixture(scope="module")
def rare_pdf(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from kexie_desktop.services.exporting import export_pdf

    report = load_sample()
    report.values["header.title"] = f"关于{RARE[0]}{RARE[1]}项目的绩效自评报告"
    report.rows("performance.items")[0].cells["heading"] = f"{RARE[2]}{RARE[0]}项目"
    path: Path = tmp_path_factory.mktemp("rare") / "rare.pdf"
    with pytest.MonkeyPatch.context() as patch:  # the bundled fonts, even on Windows
        patch.setattr(fonts_module, "windows_font_dirs", tuple)
        result = export_pdf(report, path)
    from pdfplumber import open as open_pdf

    with open_pdf(path) as pdf:
        chars = [char for page in pdf.pages for char in page.chars]
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    return result, chars, text


def _drawn(chars: list[dict[str, Any]], char: str, size: float) -> list[dict[str, Any]]:
    return [c for c in chars if c["text"] == char and c["size"] == pytest.approx(size, abs=0.01)]


def test_no_character_is_reported_missing(rare_pdf: Any) -> None:
    result, _, _ = rare_pdf
    assert [w for w in result.warnings if w.rule == MISSING_GLYPH_RULE] == []


def test_the_text_of_the_pdf_has_the_rare_characters(rare_pdf: Any) -> None:
    _, _, text = rare_pdf
    compact = "".join(text.split())
    assert f"关于{RARE[0]}{RARE[1]}项目的绩效自评报告" in compact
    assert f"{RARE[2]}{RARE[0]}项目" in compact


def test_a_rare_character_of_the_title_is_drawn_in_song(rare_pdf: Any) -> None:
    _, chars, _ = rare_pdf
    title = [c for c in chars if c["size"] == pytest.approx(22, abs=0.01)]
    fonts = {c["text"]: c["fontname"].split("+", 1)[-1] for c in title}
    assert fonts[RARE[0]] == SONG_REGULAR
    assert fonts[RARE[1]] == SONG_REGULAR
    assert fonts["关"] == "KexieFallbackSong-Black"


def test_a_rare_character_of_a_kai_heading_is_drawn_in_song(rare_pdf: Any) -> None:
    _, chars, _ = rare_pdf
    [heading_char] = _drawn(chars, RARE[2], 15.75)
    assert heading_char["fontname"].split("+", 1)[-1] == SONG_REGULAR
    # the rest of the heading stays in 楷体
    row = [
        c
        for c in chars
        if c["page_number"] == heading_char["page_number"]
        and c["bottom"] == pytest.approx(heading_char["bottom"], abs=0.1)
    ]
    fonts = {c["text"]: c["fontname"].split("+", 1)[-1] for c in row}
    assert fonts["项"] == "KexieFallbackKai-Regular"
