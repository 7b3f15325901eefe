"""Finding, registering and checking the fonts of the PDF.

Each role (仿宋, 楷体, 黑体, 宋体, 小标宋) has a short ordered list of candidate files: the Windows
fonts first (system folder, then the per-user folder), then the free fonts bundled in
``resources/fonts``. Every registered font is cached for the life of the process, so a second
export does not parse the 10–20 MB files again. A character the role's font lacks is taken
from the next font that has it; a character no font has is reported, never silently blank.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from kexie_desktop.core.errors import UserError
from kexie_desktop.export.styles import FontRole
from kexie_desktop.resources import resource_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    filename: str
    subfont: int = 0  # index inside a .ttc collection


# Windows fonts, looked up by file name (case-insensitive) in the Windows font folders.
SYSTEM_CANDIDATES: dict[FontRole, tuple[Candidate, ...]] = {
    FontRole.FANGSONG: (Candidate("simfang.ttf"), Candidate("FangSong_GB2312.ttf")),
    FontRole.KAI: (Candidate("simkai.ttf"), Candidate("KaiTi_GB2312.ttf")),
    FontRole.HEI: (Candidate("simhei.ttf"),),
    FontRole.SONG: (Candidate("simsun.ttc", 0), Candidate("simsun.ttf")),
    FontRole.TITLE: (
        Candidate("FZXBSJW.TTF"),
        Candidate("方正小标宋简体.ttf"),
        Candidate("方正小标宋_GBK.ttf"),
        Candidate("FZXBSK.TTF"),
    ),
}

# The free fonts shipped with the program (see resources/fonts/README.md).
BUNDLED_CANDIDATES: dict[FontRole, tuple[Candidate, ...]] = {
    FontRole.FANGSONG: (Candidate("KexieFallbackFang-Regular.ttf"),),
    FontRole.KAI: (Candidate("KexieFallbackKai-Regular.ttf"),),
    FontRole.HEI: (Candidate("KexieFallbackHei-Regular.ttf"),),
    FontRole.SONG: (Candidate("KexieFallbackSong-Regular.ttf"),),
    FontRole.TITLE: (Candidate("KexieFallbackSong-Black.ttf"),),
}

# The order in which other fonts are tried for a character the role's font lacks. The bundled
# Song face comes first: it has every GBK hanzi, the bundled 仿宋/楷体/黑体/title fonts only GB2312.
FALLBACK_ORDER = (FontRole.SONG, FontRole.FANGSONG, FontRole.HEI, FontRole.KAI, FontRole.TITLE)


class FontsUnavailableError(UserError):
    """No usable font for a role; ``message`` is Chinese."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont: int = 0


@dataclass(frozen=True, eq=False)
class LoadedFont:
    """A registered font: its ReportLab name, character map and advance widths."""

    name: str
    file: FontFile
    cmap: dict[int, int] = field(repr=False)
    widths: dict[int, int] = field(repr=False)  # 1/1000 em
    default_width: int = 1000

    def covers(self, char: str) -> bool:
        return ord(char) in self.cmap

    def advance(self, char: str, size: float) -> float:
        return self.widths.get(ord(char), self.default_width) * size / 1000


def windows_font_dirs() -> tuple[Path, ...]:
    """%WINDIR%\\Fonts and %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts (fonts installed for one user)."""
    dirs: list[Path] = []
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return tuple(dirs)


def bundled_font_dir() -> Path:
    return resource_dir() / "fonts"


def _index(folder: Path) -> dict[str, Path]:
    """File names of a folder, lower-cased (Windows file names are case-insensitive)."""
    try:
        return {entry.name.lower(): Path(entry.path) for entry in os.scandir(folder)}
    except OSError:
        return {}


def _find(candidates: Sequence[Candidate], folders: Iterable[Path]) -> list[FontFile]:
    indexes = [_index(folder) for folder in folders]
    found: list[FontFile] = []
    for candidate in candidates:
        for index in indexes:
            path = index.get(candidate.filename.lower())
            if path is not None and path.is_file():
                found.append(FontFile(path, candidate.subfont))
    return found


def candidates_for(role: FontRole, system_dirs: Sequence[Path]) -> list[FontFile]:
    """The files for ``role``, best first: Windows fonts, then the bundled ones."""
    return _find(SYSTEM_CANDIDATES[role], system_dirs) + _find(
        BUNDLED_CANDIDATES[role], [bundled_font_dir()]
    )


_lock = threading.Lock()
_loaded: dict[FontFile, LoadedFont] = {}
_failed: set[FontFile] = set()
_font_sets: dict[tuple[Path, ...], FontSet] = {}


def _font_name(file: FontFile) -> str:
    stem = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in file.path.stem)
    return f"Kexie-{stem}-{file.subfont}-{len(_loaded)}"


def load(file: FontFile) -> LoadedFont | None:
    """Register ``file`` with ReportLab once per process; None when it cannot be used."""
    with _lock:
        if file in _loaded:
            return _loaded[file]
        if file in _failed:
            return None
        name = _font_name(file)
        try:
            font = TTFont(name, str(file.path), subfontIndex=file.subfont)
        except (TTFError, OSError, ValueError) as exc:
            # e.g. an OpenType/CFF file, which ReportLab cannot embed
            log.warning("cannot use font %s: %s", file.path, exc)
            _failed.add(file)
            return None
        pdfmetrics.registerFont(font)
        face = font.face
        loaded = LoadedFont(
            name=name,
            file=file,
            cmap=face.charToGlyph,
            widths=face.charWidths,
            default_width=int(face.defaultWidth),
        )
        _loaded[file] = loaded
        log.info("registered font %s from %s", name, file.path)
        return loaded


class FontSet:
    """The fonts of one export: one per role, and the fallbacks for missing characters."""

    def __init__(self, system_dirs: Sequence[Path]) -> None:
        self._candidates = {role: candidates_for(role, system_dirs) for role in FontRole}
        self.primary: dict[FontRole, LoadedFont] = {}
        for role in FontRole:
            font = self._first_loadable(self._candidates[role])
            if font is None:
                raise FontsUnavailableError(
                    "找不到可用的中文字体文件，无法导出 PDF。请重新安装本程序，"
                    f"或在 Windows 中安装{_ROLE_NAMES[role]}字体。"
                )
            self.primary[role] = font
        self._chains: dict[FontRole, list[FontFile]] = {}
        self._by_char: dict[tuple[FontRole, str], LoadedFont | None] = {}

    @staticmethod
    def _first_loadable(files: Sequence[FontFile]) -> LoadedFont | None:
        for file in files:
            font = load(file)
            if font is not None:
                return font
        return None

    def _chain(self, role: FontRole) -> list[FontFile]:
        """Every other candidate file, for characters the role's font lacks."""
        if role not in self._chains:
            files: list[FontFile] = list(self._candidates[role])
            for other in FALLBACK_ORDER:
                files.append(self.primary[other].file)
            for other in FALLBACK_ORDER:
                files.extend(self._candidates[other])
            seen = {self.primary[role].file}
            chain = []
            for file in files:
                if file not in seen:
                    seen.add(file)
                    chain.append(file)
            self._chains[role] = chain
        return self._chains[role]

    def font_for(self, char: str, role: FontRole) -> LoadedFont | None:
        """The font that draws ``char`` in ``role``; None when no font has it."""
        primary = self.primary[role]
        if ord(char) in primary.cmap:
            return primary
        key = (role, char)
        if key not in self._by_char:
            found = None
            for file in self._chain(role):
                font = load(file)  # fallbacks are registered only when a character needs them
                if font is not None and font.covers(char):
                    found = font
                    break
            self._by_char[key] = found
        return self._by_char[key]


_ROLE_NAMES = {
    FontRole.FANGSONG: "仿宋",
    FontRole.KAI: "楷体",
    FontRole.HEI: "黑体",
    FontRole.SONG: "宋体",
    FontRole.TITLE: "小标宋",
}


def font_set(system_dirs: Sequence[Path] | None = None) -> FontSet:
    """The fonts for ``system_dirs`` (default: the Windows font folders), cached."""
    dirs = tuple(windows_font_dirs() if system_dirs is None else system_dirs)
    cached = _font_sets.get(dirs)
    if cached is None:
        cached = FontSet(dirs)
        _font_sets[dirs] = cached
    return cached
