"""The body prints in a true 仿宋: the bundled FandolFang-derived face (or simfang when Windows has
it), embedded, renamed, with its GPL-3 + font-exception licence beside it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from reportlab.pdfbase.ttfonts import TTFontFile

from kexie_desktop.export import fonts
from kexie_desktop.export.styles import FontRole

FANG = "KexieFallbackFang-Regular"
LICENCE = "LICENSE-Fandol-GPL3-font-exception.txt"


def test_pdffonts_lists_an_embedded_fang_face(sample_pdf: Any) -> None:
    listing = subprocess.run(
        ["pdffonts", str(sample_pdf.path)], check=True, capture_output=True, text=True
    ).stdout
    fang = [line for line in listing.splitlines() if "Fang" in line]
    assert fang
    assert all(line.split()[-5] == "yes" for line in fang)  # the "emb" column


def test_the_body_and_third_level_headings_are_set_in_fang(sample_pdf: Any) -> None:
    assert sample_pdf.font_of("我单位2021年基本支出") == {FANG}
    assert sample_pdf.font_of("一是开展学术交流") == {FANG}


def test_the_bundled_fang_is_renamed_and_its_licence_keeps_the_font_exception() -> None:
    folder = fonts.bundled_font_dir()
    face = TTFontFile(str(folder / f"{FANG}.ttf"))
    names = [n.decode() if isinstance(n, bytes) else n for n in (face.name, face.familyName)]
    assert names == [FANG, "Kexie Fallback Fang"]  # PostScript name (as the PDF shows it), family
    assert "Fandol" not in "".join(names)
    licence = (folder / LICENCE).read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence
    assert "Version 3" in licence
    assert "As a special exception, if you create a document which uses this font" in licence
    assert f"{FANG}.ttf" in licence.split("\n\n", 1)[0]  # the header names the font


def test_no_opentype_original_is_shipped() -> None:
    shipped = [p.suffix.lower() for p in fonts.bundled_font_dir().iterdir()]
    assert ".otf" not in shipped
    assert ".ttc" not in shipped


def test_simfang_comes_first_when_windows_has_it(tmp_path: Path) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    stand_in = fonts.bundled_font_dir() / "KexieFallbackHei-Regular.ttf"
    try:  # any TrueType file named simfang.ttf (Windows file names are case-insensitive)
        os.symlink(stand_in, windows / "SIMFANG.TTF")
    except OSError:
        shutil.copyfile(stand_in, windows / "SIMFANG.TTF")
    found = fonts.font_set((windows,))
    assert found.primary[FontRole.FANGSONG].file.path == windows / "SIMFANG.TTF"
    bundled = fonts.font_set(())
    assert bundled.primary[FontRole.FANGSONG].file.path.stem == FANG


def test_a_gbk_hanzi_outside_gb2312_falls_back_from_fang_to_song() -> None:
    bundled = fonts.font_set(())
    fang = bundled.primary[FontRole.FANGSONG]
    assert fang.covers("郴")  # GB2312
    assert not fang.covers("镕")  # GBK only
    fallback = bundled.font_for("镕", FontRole.FANGSONG)
    assert fallback is not None
    assert fallback.file.path.stem == "KexieFallbackSong-Regular"
