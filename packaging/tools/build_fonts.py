#!/usr/bin/env python3
"""Build the bundled fallback Chinese fonts shipped in ``resources/fonts/``.

On Windows the app uses the system fonts (simfang / simkai / simhei / simsun).
Everywhere else it falls back to the fonts built here from free fonts packaged
by Debian.  ReportLab only embeds TrueType (``glyf``) outlines, so CFF-based
OpenType fonts (Noto CJK) are converted to quadratic TrueType outlines.

Assignment (see ``FONT_SPECS``; the reasons are in ``CHOICES``):

=====================================  ========================  ==============================
output file                            roles                     source (Debian package)
=====================================  ========================  ==============================
KexieFallbackFang-Regular.ttf          fangsong                  FandolFang Regular
                                                                 (texlive-lang-chinese)
KexieFallbackSong-Regular.ttf          song, fallback of every   Noto Serif CJK SC Regular
                                       role, Qt UI fallback      (fonts-noto-cjk)
KexieFallbackSong-Black.ttf            title (小标宋)            Noto Serif CJK SC Black
                                                                 (fonts-noto-cjk-extra)
KexieFallbackKai-Regular.ttf           kai                       FandolKai Regular
                                                                 (texlive-lang-chinese)
KexieFallbackHei-Regular.ttf           hei, Qt UI                Noto Sans CJK SC Regular
                                                                 (fonts-noto-cjk)
=====================================  ========================  ==============================

The packages marked ``downloaded`` (texlive-lang-chinese, fonts-noto-cjk-extra)
are fetched with ``apt-get download`` and unpacked into a temporary folder:
they are large and only a few of their files are needed.  The Fang and Kai
faces lack a few symbols (⑪-⑳, 〒 ...), taken from Noto Serif CJK SC.

Each font has a hanzi coverage (``FontSpec.coverage``):

- ``gbk``: all GBK-encodable CJK ideographs (20,923).  Only
  KexieFallbackSong-Regular.ttf has it: it is the body font and the coverage
  guarantee of the bundled SET.
- ``gb2312``: the 6,763 GB2312 hanzi only (Fang, title, Kai, Hei), to keep the
  bundle small.  A hanzi such a font lacks is drawn from Song-Regular by the
  per-character fallback of ``kexie_desktop.export.fonts`` (and Qt's family
  fallback in the UI).

Every font also has the same non-hanzi set: ASCII, full-width forms, CJK
punctuation U+3000-303F, common symbols used in Chinese documents, plus,
where the source has them, all other GBK-encodable non-hanzi characters.
Hinting and glyph names (``post`` format 3) are dropped, and the fonts are
renamed ("Kexie Fallback ...") because modified versions should not use the
upstream names ("Noto" is a Google trademark; the GPL-3 Fandol fonts reserve
no name but are renamed alike) and so that they never clash with installed
copies of the originals.  Coverage, outline
format and metrics are verified after building; ReportLab is used to load each
font when it is importable.

Requirements::

    apt-get install fonts-noto-cjk     # the others are downloaded (apt-get download)
    pip install fonttools          # reportlab optional, for the extra check

Usage::

    python packaging/tools/build_fonts.py [--out resources/fonts] [--jobs N]

The build is deterministic: the same source files and fontTools version give
byte-identical outputs (timestamps are taken from the source fonts).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import logging
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fontTools  # type: ignore[import-untyped]
from fontTools.pens.cu2quPen import Cu2QuPen  # type: ignore[import-untyped]
from fontTools.pens.transformPen import TransformPen  # type: ignore[import-untyped]
from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]
from fontTools.subset import Options, Subsetter  # type: ignore[import-untyped]
from fontTools.ttLib import TTCollection, TTFont, newTable  # type: ignore[import-untyped]

try:  # optional: only used for the extra "ReportLab can load it" check
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
except ImportError:  # pragma: no cover
    RLTTFont = None

log = logging.getLogger("build_fonts")

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "resources" / "fonts"
DEFAULT_FONT_ROOT = Path("/usr/share/fonts")
DEFAULT_DOC_ROOT = Path("/usr/share/doc")

#: Family-name prefix of the built fonts.
FAMILY_PREFIX = "Kexie Fallback"

#: Maximum cubic->quadratic approximation error, in font units (UPM 1000).
DEFAULT_MAX_ERR = 1.0

#: Soft size budget for the whole output directory, in bytes.
SIZE_BUDGET = 28_000_000

#: OpenType layout features kept.  ``locl`` is deliberately dropped: in Noto
#: CJK it would pull in the JP/KR/TC/HK glyph variants of every ideograph and
#: double the size; the fonts are used for Simplified Chinese only.
LAYOUT_FEATURES = ["kern", "vert", "vrt2", "vkrn", "halt", "palt", "vhal", "vpal"]

#: Code points that are legitimately blank (spaces).
BLANK_OK = frozenset({0x0020, 0x00A0, 0x3000, 0x303F})

HANZI_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))


# --------------------------------------------------------------------------
# Coverage sets
# --------------------------------------------------------------------------


def _encodable(cp: int, codec: str) -> bool:
    try:
        chr(cp).encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def gbk_hanzi() -> frozenset[int]:
    """All CJK ideographs (URO, Ext-A, compatibility) encodable in GBK."""
    return frozenset(
        cp for lo, hi in HANZI_RANGES for cp in range(lo, hi + 1) if _encodable(cp, "gbk")
    )


def gb2312_hanzi() -> frozenset[int]:
    """The 6,763 GB2312 hanzi: CJK ideographs encodable in GB2312."""
    return frozenset(cp for cp in gbk_hanzi() if _encodable(cp, "gb2312"))


#: Hanzi coverage names -> hanzi sets.
COVERAGES = {"gbk": gbk_hanzi, "gb2312": gb2312_hanzi}


def symbol_codepoints() -> frozenset[int]:
    """The non-hanzi code points every bundled font must map to a real glyph."""
    cps: set[int] = set()
    cps.update(range(0x20, 0x7F))  # ASCII
    cps.update(range(0xFF01, 0xFF5F))  # full-width forms
    cps.update(range(0x3000, 0x3040))  # CJK symbols and punctuation
    cps.update(range(0x2460, 0x2474))  # ① .. ⑳
    cps.update(range(0x2160, 0x216C))  # Ⅰ .. Ⅻ
    cps.update(ord(c) for c in "—“”‘’…·×≠≤≥¥%℃№")
    return frozenset(cps)


def required_codepoints(coverage: str = "gbk") -> frozenset[int]:
    """Code points a font of ``coverage`` must map to a real glyph."""
    return COVERAGES[coverage]() | symbol_codepoints()


def _is_hanzi(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in HANZI_RANGES)


def optional_codepoints() -> frozenset[int]:
    """Kept when the source has them: every other GBK-encodable non-hanzi BMP
    character (Greek, Cyrillic, pinyin, box drawing, ㈠.., ※, →, ...) and Latin-1."""
    cps = {
        cp
        for cp in range(0x20, 0x10000)
        if not 0xD800 <= cp < 0xF900 and not _is_hanzi(cp) and _encodable(cp, "gbk")
    }
    cps.update(range(0xA0, 0x100))
    return frozenset(cps)


# --------------------------------------------------------------------------
# Specifications
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Licence:
    """A licence file written beside the fonts, and where its text comes from."""

    filename: str
    short_name: str  # as shown in the README table
    package: str  # the Debian package whose files hold the text
    stanza: str = ""  # "License: <stanza>" paragraph of the package's debian/copyright ...
    text_file: str = ""  # ... or this file of the package (may be gzipped)
    note: str = ""  # what the licence asks of whoever ships the fonts


@dataclass(frozen=True)
class SourceFace:
    """One face of a Debian font file."""

    package: str
    relpath: str  # relative to the font root, or to the unpacked package when downloaded
    family: str  # name ID 1, used to pick the face out of a .ttc
    style: str  # name ID 2
    licence: Licence
    downloaded: bool = False  # fetched with apt-get download at build time, not installed


@dataclass(frozen=True)
class FontSpec:
    filename: str
    roles: tuple[str, ...]
    family: str
    style: str
    source: SourceFace
    donor: SourceFace | None = None  # fills required code points the source lacks
    coverage: str = "gbk"  # hanzi coverage: a key of COVERAGES


NOTO_LICENCE = Licence("LICENSE-NotoCJK-OFL.txt", "OFL-1.1", "fonts-noto-cjk", stanza="SIL-1.1")
FANDOL_LICENCE = Licence(
    "LICENSE-Fandol-GPL3-font-exception.txt",
    "GPL-3 with font exception",
    "texlive-lang-chinese",
    text_file="usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz",
    note=(
        "GPL-3 section 6: whoever ships the program must also offer the Corresponding\n"
        "Source of these fonts: the unmodified Fandol OpenType files are in the Debian\n"
        "binary package named above (source package texlive-lang), and the changes\n"
        "are made by packaging/tools/build_fonts.py of this program's source.\n"
        "The font exception at the end of the licence (a document that embeds the\n"
        "font is not thereby covered by the GPL) is extended to these modified fonts."
    ),
)
FANDOL_DIR = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"

NOTO_SERIF_REGULAR = SourceFace(
    "fonts-noto-cjk",
    "opentype/noto/NotoSerifCJK-Regular.ttc",
    "Noto Serif CJK SC",
    "Regular",
    NOTO_LICENCE,
)
NOTO_SERIF_BLACK = SourceFace(
    "fonts-noto-cjk-extra",
    "usr/share/fonts/opentype/noto/NotoSerifCJK-Black.ttc",
    "Noto Serif CJK SC Black",
    "Regular",
    NOTO_LICENCE,
    downloaded=True,
)
NOTO_SANS_REGULAR = SourceFace(
    "fonts-noto-cjk",
    "opentype/noto/NotoSansCJK-Regular.ttc",
    "Noto Sans CJK SC",
    "Regular",
    NOTO_LICENCE,
)
FANDOL_FANG = SourceFace(
    "texlive-lang-chinese",
    f"{FANDOL_DIR}/FandolFang-Regular.otf",
    "FandolFang R",
    "Regular",
    FANDOL_LICENCE,
    downloaded=True,
)
FANDOL_KAI = SourceFace(
    "texlive-lang-chinese",
    f"{FANDOL_DIR}/FandolKai-Regular.otf",
    "FandolKai",
    "Regular",
    FANDOL_LICENCE,
    downloaded=True,
)

FONT_SPECS: tuple[FontSpec, ...] = (
    FontSpec(
        "KexieFallbackFang-Regular.ttf",
        ("fangsong",),
        f"{FAMILY_PREFIX} Fang",
        "Regular",
        FANDOL_FANG,
        donor=NOTO_SERIF_REGULAR,
        coverage="gb2312",
    ),
    FontSpec(
        "KexieFallbackSong-Regular.ttf",
        ("song", "fallback", "ui-fallback"),
        f"{FAMILY_PREFIX} Song",
        "Regular",
        NOTO_SERIF_REGULAR,
    ),
    FontSpec(
        "KexieFallbackSong-Black.ttf",
        ("title",),
        f"{FAMILY_PREFIX} Song",
        "Black",
        NOTO_SERIF_BLACK,
        coverage="gb2312",
    ),
    FontSpec(
        "KexieFallbackKai-Regular.ttf",
        ("kai",),
        f"{FAMILY_PREFIX} Kai",
        "Regular",
        FANDOL_KAI,
        donor=NOTO_SERIF_REGULAR,
        coverage="gb2312",
    ),
    FontSpec(
        "KexieFallbackHei-Regular.ttf",
        ("hei", "ui"),
        f"{FAMILY_PREFIX} Hei",
        "Regular",
        NOTO_SANS_REGULAR,
        coverage="gb2312",
    ),
)


@dataclass(frozen=True)
class BuildConfig:
    out_dir: Path
    font_root: Path
    max_err: float
    unpacked: dict[str, Path] = field(default_factory=dict)  # downloaded package -> its root

    def path_of(self, face: SourceFace) -> Path:
        root = self.unpacked[face.package] if face.downloaded else self.font_root
        return root / face.relpath


@dataclass
class BuildResult:
    spec: FontSpec
    path: Path
    size: int
    sha256: str
    num_glyphs: int
    cmap_size: int
    gbk_hanzi_covered: int
    gbk_hanzi_total: int
    gb2312_hanzi_covered: int
    required_total: int
    donor_glyphs: list[int] = field(default_factory=list)
    source_version: str = ""
    units_per_em: int = 0
    metrics: str = ""
    cmap: frozenset[int] = frozenset()  # mapped code points


# --------------------------------------------------------------------------
# Font operations
# --------------------------------------------------------------------------


def _name(font: TTFont, name_id: int) -> str:
    value = font["name"].getDebugName(name_id)
    return "" if value is None else str(value)


def load_face(path: Path, family: str, style: str) -> TTFont:
    """Open the face ``family``/``style`` of ``path`` (a .ttf/.otf or .ttc)."""
    if path.suffix.lower() in {".ttc", ".otc"}:
        collection = TTCollection(str(path), lazy=True)
        for number, face in enumerate(collection.fonts):
            if _name(face, 1) == family and _name(face, 2) == style:
                return TTFont(str(path), fontNumber=number, recalcTimestamp=False)
        raise LookupError(f"{path}: no face {family!r} {style!r}")
    font = TTFont(str(path), recalcTimestamp=False)
    if (_name(font, 1), _name(font, 2)) != (family, style):
        raise LookupError(f"{path}: is {_name(font, 1)!r} {_name(font, 2)!r}, not {family!r}")
    return font


def subset_font(font: TTFont, unicodes: Iterable[int], features: Sequence[str]) -> None:
    options = Options()
    options.hinting = False
    options.notdef_outline = True
    options.glyph_names = False  # post format 3: glyph names are not needed
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.layout_features = list(features)
    options.recalc_timestamp = False
    subsetter = Subsetter(options=options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)


def _quadratic_glyph(glyph_set: Any, name: str, max_err: float, scale: float) -> Any:
    """Draw glyph ``name`` as a TrueType glyph (cubic curves -> quadratic)."""
    tt_pen = TTGlyphPen(None)
    pen: Any = Cu2QuPen(tt_pen, max_err, reverse_direction=True)
    if scale != 1.0:
        pen = TransformPen(pen, (scale, 0, 0, scale, 0, 0))
    glyph_set[name].draw(pen)
    return tt_pen.glyph(dropImpliedOnCurves=True)


def cff_to_glyf(font: TTFont, max_err: float) -> None:
    """Replace the CFF table by quadratic glyf/loca (fontTools otf2ttf recipe)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {name: _quadratic_glyph(glyph_set, name, max_err, 1.0) for name in glyph_order}

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["head"].glyphDataFormat = 0

    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        glyph.recalcBounds(glyf)
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)

    drop_glyph_names(font)
    font.sfntVersion = "\x00\x01\x00\x00"


def drop_glyph_names(font: TTFont) -> None:
    """Write a ``post`` table of format 3 (no glyph names): saves ~10 bytes a glyph."""
    post = font["post"]
    post.formatType = 3.0
    for attr in ("extraNames", "mapping", "glyphOrder"):
        if hasattr(post, attr):
            delattr(post, attr)


def fill_from_donor(
    font: TTFont, donor: TTFont, wanted: Iterable[int], max_err: float
) -> list[int]:
    """Copy the glyphs of ``wanted`` code points from ``donor`` into ``font``.

    ``font`` must have glyf outlines; the donor may be CFF or TrueType and is
    scaled to the target's unitsPerEm.  Returns the code points filled.
    """
    wanted = sorted(wanted)
    subset_font(donor, wanted, [])
    donor_cmap = donor.getBestCmap()
    donor_glyphs = donor.getGlyphSet()
    scale = font["head"].unitsPerEm / donor["head"].unitsPerEm
    glyf, hmtx = font["glyf"], font["hmtx"]
    vmtx = font["vmtx"] if "vmtx" in font and "vmtx" in donor else None
    glyph_order = list(font.getGlyphOrder())
    existing = set(glyph_order)
    filled: list[int] = []
    for cp in wanted:
        donor_name = donor_cmap.get(cp)
        if donor_name is None:
            continue
        name = f"uni{cp:04X}"
        while name in existing:
            name += ".donor"
        existing.add(name)
        glyph = _quadratic_glyph(donor_glyphs, donor_name, max_err, scale)
        glyph.recalcBounds(glyf)
        glyph_order.append(name)
        glyf.glyphs[name] = glyph
        advance = round(donor["hmtx"][donor_name][0] * scale)
        hmtx[name] = (advance, getattr(glyph, "xMin", 0))
        if vmtx is not None:
            v_advance, tsb = donor["vmtx"][donor_name]
            vmtx[name] = (round(v_advance * scale), round(tsb * scale))
        for table in font["cmap"].tables:
            if table.isUnicode() and (cp <= 0xFFFF or table.format in (12, 13)):
                table.cmap[cp] = name
        filled.append(cp)
    font.setGlyphOrder(glyph_order)
    glyf.glyphOrder = glyph_order
    if font["post"].formatType == 2.0:
        font["post"].glyphOrder = glyph_order
    return filled


_RENAMED_IDS = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25)
_RIBBI_STYLES = frozenset({"Regular", "Bold", "Italic", "Bold Italic"})


def rename(font: TTFont, spec: FontSpec, description: str, extra_copyright: str) -> None:
    """Give the font its own family name (upstream names are not reused)."""
    name_table = font["name"]
    has_mac = any(rec.platformID == 1 for rec in name_table.names)
    name_table.names = [rec for rec in name_table.names if rec.nameID not in _RENAMED_IDS]
    ps_name = f"{spec.family.replace(' ', '')}-{spec.style}"
    full_name = spec.family if spec.style == "Regular" else f"{spec.family} {spec.style}"
    revision = f"{font['head'].fontRevision:.3f}"
    records: dict[int, str] = {
        1: spec.family,
        2: spec.style,
        3: f"{revision};KEXIE;{ps_name}",
        4: full_name,
        6: ps_name,
        10: description,
    }
    if spec.style not in _RIBBI_STYLES:  # e.g. Black: its own legacy family, grouped by 16/17
        records |= {1: full_name, 2: "Regular", 16: spec.family, 17: spec.style}
    if extra_copyright:
        records[0] = f"{_name(font, 0)}\n{extra_copyright}"
    for name_id, text in records.items():
        name_table.removeNames(nameID=name_id)
        name_table.setName(text, name_id, 3, 1, 0x409)
        if has_mac:
            name_table.setName(text, name_id, 1, 0, 0)


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


class VerificationError(RuntimeError):
    pass


def vertical_metrics(font: TTFont) -> tuple[int, ...]:
    hhea, os2 = font["hhea"], font["OS/2"]
    return (
        hhea.ascent, hhea.descent, hhea.lineGap,
        os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap,
        os2.usWinAscent, os2.usWinDescent,
    )  # fmt: skip


def verify(
    path: Path, expected_upm: int, expected_metrics: tuple[int, ...], required: frozenset[int]
) -> tuple[int, str]:
    """Check outline format, coverage and metrics.  Returns (glyphs, metrics)."""
    font = TTFont(str(path))
    problems: list[str] = []
    if "glyf" not in font or "CFF " in font or font.sfntVersion != "\x00\x01\x00\x00":
        problems.append("not a TrueType-outline font")
    if font["post"].formatType != 3.0:
        problems.append(f"post table format {font['post'].formatType}, not 3")
    upm = font["head"].unitsPerEm
    if upm != expected_upm:
        problems.append(f"unitsPerEm {upm} != source {expected_upm}")

    cmap = font.getBestCmap()
    missing = sorted(required - cmap.keys())
    if missing:
        problems.append(
            f"{len(missing)} required code points missing: "
            + " ".join(f"U+{cp:04X}" for cp in missing[:30])
        )
    glyf = font["glyf"]
    blank = [
        cp
        for cp in sorted(required & cmap.keys())
        if cp not in BLANK_OK and glyf[cmap[cp]].numberOfContours == 0
    ]
    if blank:
        problems.append("blank glyphs for " + " ".join(f"U+{cp:04X}" for cp in blank[:30]))

    hhea, os2 = font["hhea"], font["OS/2"]
    checks = {
        "hhea.ascent > 0": hhea.ascent > 0,
        "hhea.descent < 0": hhea.descent < 0,
        "hhea line height in [0.9, 2] em": 0.9 * upm <= hhea.ascent - hhea.descent <= 2 * upm,
        "OS/2 typo ascender > 0 > descender": os2.sTypoAscender > 0 > os2.sTypoDescender,
        "OS/2 win ascent/descent > 0": os2.usWinAscent > 0 and os2.usWinDescent > 0,
        "vertical metrics unchanged from source": vertical_metrics(font) == expected_metrics,
    }
    problems += [f"metrics: {label} fails" for label, ok in checks.items() if not ok]
    if problems:
        raise VerificationError(f"{path.name}: " + "; ".join(problems))

    if RLTTFont is None:
        log.warning("reportlab not importable; skipping ReportLab load check")
    else:
        rl_font = RLTTFont(path.stem, str(path))
        rl_missing = [cp for cp in required if cp not in rl_font.face.charToGlyph]
        if rl_missing:
            raise VerificationError(f"{path.name}: ReportLab sees {len(rl_missing)} missing")
        log.info(
            "%s: ReportLab loads it (ascent %s, descent %s)",
            path.name,
            rl_font.face.ascent,
            rl_font.face.descent,
        )

    metrics = (
        f"hhea {hhea.ascent}/{hhea.descent}, "
        f"typo {os2.sTypoAscender}/{os2.sTypoDescender}, "
        f"win {os2.usWinAscent}/{os2.usWinDescent}"
    )
    return font["maxp"].numGlyphs, metrics


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def installed_version(package: str) -> str:
    try:
        proc = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            check=True,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return proc.stdout.strip() or "unknown"


def _deb_field(deb: Path, name: str) -> str:
    proc = subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], check=True, capture_output=True, text=True
    )
    return proc.stdout.strip()


def fetch_packages(packages: Iterable[str], deb_dir: Path, unpack_dir: Path) -> dict[str, Path]:
    """Unpack each Debian package (``dpkg-deb -x``) into ``unpack_dir/<package>``.

    The .deb is taken from ``deb_dir`` when it is there, else fetched into it with
    ``apt-get download`` (the package is not installed).  Returns package -> unpacked root.
    """
    roots: dict[str, Path] = {}
    for package in sorted(set(packages)):
        debs = sorted(deb_dir.glob(f"{package}_*.deb"))
        if not debs:
            log.info("downloading %s", package)
            subprocess.run(["apt-get", "download", package], cwd=deb_dir, check=True)
            debs = sorted(deb_dir.glob(f"{package}_*.deb"))
        root = unpack_dir / package
        root.mkdir(parents=True, exist_ok=True)
        subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(root)], check=True)
        (root / "DEBIAN-VERSION").write_text(_deb_field(debs[-1], "Version"), encoding="utf-8")
        roots[package] = root
    return roots


def package_version(package: str, config: BuildConfig) -> str:
    if package in config.unpacked:
        return (config.unpacked[package] / "DEBIAN-VERSION").read_text(encoding="utf-8")
    return installed_version(package)


def build_one(spec: FontSpec, config: BuildConfig) -> BuildResult:
    src = spec.source
    src_path = config.path_of(src)
    log.info("%s: loading %s (%s %s)", spec.filename, src_path, src.family, src.style)
    font = load_face(src_path, src.family, src.style)
    upm = font["head"].unitsPerEm
    src_metrics = vertical_metrics(font)
    src_version = _name(font, 5)
    required = required_codepoints(spec.coverage)

    subset_font(font, required | optional_codepoints(), LAYOUT_FEATURES)
    log.info("%s: subset to %d glyphs", spec.filename, len(font.getGlyphOrder()))

    converted = "CFF " in font
    if converted:
        log.info("%s: converting CFF to TrueType (max_err=%s)", spec.filename, config.max_err)
        cff_to_glyf(font, config.max_err)
    drop_glyph_names(font)

    filled: list[int] = []
    extra_copyright = ""
    if spec.donor is not None:
        missing = required - font.getBestCmap().keys()
        if missing:
            donor = load_face(config.path_of(spec.donor), spec.donor.family, spec.donor.style)
            extra_copyright = f"Some glyphs from {spec.donor.family}: {_name(donor, 0)}"
            filled = fill_from_donor(font, donor, missing, config.max_err)
            log.info(
                "%s: %d glyphs taken from %s: %s",
                spec.filename,
                len(filled),
                spec.donor.family,
                "".join(chr(cp) for cp in filled),
            )

    hanzi_set = "GBK" if spec.coverage == "gbk" else "GB2312"
    steps = [f"subset to {hanzi_set} hanzi and symbols", "hinting removed", "glyph names removed"]
    if converted:
        steps.append("CFF outlines converted to TrueType")
    if filled:
        steps.append(f"{len(filled)} glyphs added from {spec.donor.family if spec.donor else ''}")
    description = (
        f"Modified version of {src.family} {src.style} ({src_version}, Debian package "
        f"{src.package}): {', '.join(steps)}; renamed. "
        "Built by packaging/tools/build_fonts.py."
    )
    rename(font, spec, description, extra_copyright)

    config.out_dir.mkdir(parents=True, exist_ok=True)
    out_path = config.out_dir / spec.filename
    tmp_path = out_path.with_suffix(".tmp")
    font.save(str(tmp_path), reorderTables=True)
    os.replace(tmp_path, out_path)

    num_glyphs, metrics = verify(out_path, upm, src_metrics, required)
    cmap = TTFont(str(out_path), lazy=True).getBestCmap()
    hanzi = gbk_hanzi()
    data = out_path.read_bytes()
    log.info("%s: done, %.2f MB", spec.filename, len(data) / 1e6)
    return BuildResult(
        spec=spec,
        path=out_path,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        num_glyphs=num_glyphs,
        cmap_size=len(cmap),
        gbk_hanzi_covered=len(hanzi & cmap.keys()),
        gbk_hanzi_total=len(hanzi),
        gb2312_hanzi_covered=len(gb2312_hanzi() & cmap.keys()),
        required_total=len(required),
        donor_glyphs=filled,
        source_version=src_version,
        units_per_em=upm,
        metrics=metrics,
        cmap=frozenset(cmap),
    )


# --------------------------------------------------------------------------
# Licences and README
# --------------------------------------------------------------------------


def licence_stanza(copyright_file: Path, short_name: str) -> str:
    """Extract the standalone ``License: <short_name>`` text from debian/copyright."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    for start, line in enumerate(lines):
        if (
            line.strip() == f"License: {short_name}"
            and start + 1 < len(lines)
            and lines[start + 1].startswith(" ")
        ):
            body: list[str] = []
            for text in lines[start + 1 :]:
                if not text.startswith(" "):
                    break
                body.append("" if text.strip() == "." else text[1:])
            return "\n".join(body).strip("\n") + "\n"
    raise LookupError(f"{copyright_file}: no licence text for {short_name}")


def rfn_comment(copyright_file: Path) -> str:
    text = copyright_file.read_text(encoding="utf-8")
    match = re.search(r"With Reserved Font Names?[^\n]*(?:\n [^\n]+)*", text)
    return " ".join(match.group(0).split()) if match else ""


def licence_text(licence: Licence, config: BuildConfig, doc_root: Path) -> tuple[str, Path]:
    """The licence's text and the file it was read from."""
    if licence.text_file:
        path = config.unpacked[licence.package] / licence.text_file
        data = path.read_bytes()
        text = gzip.decompress(data) if path.suffix == ".gz" else data
        return text.decode("utf-8"), path
    copyright_file = doc_root / licence.package / "copyright"
    return licence_stanza(copyright_file, licence.stanza), copyright_file


def _faces_under(
    licence: Licence, results: Sequence[BuildResult]
) -> list[tuple[BuildResult, SourceFace]]:
    """(font, face) pairs of the faces under ``licence``: sources and donors that gave glyphs."""
    pairs = [(r, r.spec.source) for r in results if r.spec.source.licence == licence]
    pairs += [
        (r, r.spec.donor)
        for r in results
        if r.donor_glyphs and r.spec.donor and r.spec.donor.licence == licence
    ]
    return pairs


def write_licences(results: Sequence[BuildResult], config: BuildConfig, doc_root: Path) -> None:
    licences = {face.licence for r in results for face in (r.spec.source, r.spec.donor) if face}
    for licence in sorted(licences, key=lambda lic: lic.filename):
        pairs = _faces_under(licence, results)
        if not pairs:
            continue
        text, text_source = licence_text(licence, config, doc_root)
        files = list(dict.fromkeys(r.spec.filename for r, _ in pairs))
        packages = sorted({face.package for _, face in pairs})
        notices: list[str] = []
        for face in sorted({face for _, face in pairs}, key=lambda f: (f.family, f.style)):
            notice = _name(load_face(config.path_of(face), face.family, face.style), 0)
            if notice.replace("\r\n", "\n") not in notices:
                notices.append(notice.replace("\r\n", "\n"))
        header = [
            f"Fonts: {', '.join(files)}",
            "Derived from Debian package"
            + ("s " if len(packages) > 1 else " ")
            + ", ".join(f"{p} {package_version(p, config)}" for p in packages)
            + f" (licence text from {text_source.name} of {licence.package}).",
            "These are Modified Versions (subset, converted, renamed) distributed under",
            "the same licence.  Upstream copyright notices:",
            "",
            *notices,
        ]
        if not licence.text_file:
            rfn = rfn_comment(doc_root / licence.package / "copyright")
            if rfn:
                header += ["", f"Upstream note: {rfn}"]
        if licence.note:
            header += ["", licence.note]
        header += [
            f"{r.spec.filename} also contains {len(r.donor_glyphs)} glyphs from "
            f"{r.spec.donor.family} (see {r.spec.donor.licence.filename})."
            for r, face in pairs
            if face is r.spec.source
            and r.donor_glyphs
            and r.spec.donor
            and r.spec.donor.licence != licence
        ]
        (config.out_dir / licence.filename).write_text(
            "\n".join(header) + "\n\n" + text, encoding="utf-8"
        )
        log.info("wrote %s", licence.filename)


ROLE_TEXT = {
    "fangsong": "仿宋 body text",
    "song": "宋体 page numbers",
    "fallback": "hanzi the other fonts lack",
    "title": "小标宋 document title",
    "kai": "楷体 （一） headings",
    "hei": "黑体 一、 headings",
    "ui": "Qt UI font",
    "ui-fallback": "Qt UI fallback for hanzi the 黑体 lacks",
}

#: Why each face was chosen, for the README (judged on rendered heading lines).
CHOICES = """\
- **仿宋 (body)**: FandolFang is the only free 仿宋 face Debian packages
  (`texlive-lang-chinese`); before it the body printed in a Song face.
  It covers the GB2312 hanzi; a GBK hanzi outside them (e.g. 镕, 喆, 堃)
  prints in the Song face.
- **楷体 （一） headings: FandolKai, not LXGW WenKai.**  Rendered side by side
  ("（一）主要职能", "（二）机构情况", "1.基层科普行动计划（4个）"), FandolKai
  has the brush-written strokes and the proportions of the 楷体_GB2312 /
  simkai that official documents are set in; LXGW WenKai (from Klee One) is a
  rounded, even-stroked handwriting face that reads informal in a 公文.
  The price is size: 6.6 MB against 3.5 MB for LXGW WenKai (the Fandol
  outlines are traced, see Caveats).  To go back, point the Kai entry of
  `FONT_SPECS` at fonts-lxgw-wenkai again.
- **黑体 一、 headings: Noto Sans CJK SC, not FandolHei.**  The hanzi of the two
  are nearly alike at 三号, but FandolHei's full-width colon sits low and
  narrow ("单位: 万元") and its Latin digits are lighter than its hanzi;
  Noto Sans is also the Qt UI font, so keeping it costs nothing extra.
- **小标宋 title: Noto Serif CJK SC Black** (`fonts-noto-cjk-extra`), not
  Bold.  小标宋 is a heavy display Song; of the free faces Debian offers
  (Noto Serif CJK SC SemiBold/Bold/Black, FandolSong Bold) Black is the
  closest in colour.  FandolSong Bold is no heavier than Noto Serif Bold.
  No free face has 小标宋's narrow proportions.
"""


def _licence_cell(licence: Licence) -> str:
    return f"{licence.short_name}, [{licence.filename}]({licence.filename})"


def write_readme(results: Sequence[BuildResult], config: BuildConfig) -> Path:
    total = sum(r.size for r in results)
    rows = []
    for r in results:
        src = r.spec.source
        donor = (
            f" + {len(r.donor_glyphs)} glyphs from {r.spec.donor.family}"
            if r.donor_glyphs and r.spec.donor
            else ""
        )
        rows.append(
            f"| `{r.spec.filename}` | {'; '.join(ROLE_TEXT[x] for x in r.spec.roles)} "
            f"| {src.family} {src.style}{donor} | `{src.package}` "
            f"{package_version(src.package, config)} ({r.source_version}) "
            f"| {_licence_cell(src.licence)} "
            f"| {r.spec.coverage.upper()} | {r.gbk_hanzi_covered:,} / {r.gbk_hanzi_total:,} "
            f"| {r.num_glyphs:,} / {r.cmap_size:,} | {r.size / 1e6:.2f} MB |"
        )
    table_header = (
        "| File | Role | Source face | Debian package (font version) | Licence "
        "| Hanzi coverage | GBK hanzi covered | Glyphs / mapped chars | Size |\n" + "|---" * 9 + "|"
    )
    full = [r for r in results if r.spec.coverage == "gbk"]
    reduced = [r for r in results if r.spec.coverage != "gbk"]
    full_names = " and ".join(f"`{r.spec.filename}`" for r in full)
    reduced_names = ", ".join(f"`{r.spec.filename}`" for r in reduced)
    gbk_total = results[0].gbk_hanzi_total
    gb2312_total = len(gb2312_hanzi())
    set_covered = len(gbk_hanzi() & set().union(*(r.cmap for r in results)))
    hashes = "\n".join(f"    {r.sha256}  {r.spec.filename}" for r in results)
    metrics = "\n".join(
        f"- `{r.spec.filename}`: UPM {r.units_per_em}, {r.metrics}" for r in results
    )
    families = ", ".join(dict.fromkeys(f"**{r.spec.family}** ({r.spec.style})" for r in results))
    installed = sorted(
        {
            s.package
            for r in results
            for s in (r.spec.source, r.spec.donor)
            if s and not s.downloaded
        }
    )
    downloaded = sorted(
        {s.package for r in results for s in (r.spec.source, r.spec.donor) if s and s.downloaded}
    )
    donor_notes = (
        "\n".join(
            f"  - `{r.spec.filename}`: {''.join(chr(cp) for cp in r.donor_glyphs)} "
            f"({', '.join(f'U+{cp:04X}' for cp in r.donor_glyphs)}) from "
            f"{r.spec.donor.family} {r.spec.donor.style}"
            for r in results
            if r.donor_glyphs and r.spec.donor
        )
        or "  - none"
    )
    text = f"""# Bundled fallback fonts

Generated by `packaging/tools/build_fonts.py` -- do not edit by hand; rebuild with

    apt-get install {" ".join(installed)}   # installed sources
    python packaging/tools/build_fonts.py --out resources/fonts

The script fetches {", ".join(f"`{p}`" for p in downloaded)} itself
(`apt-get download`, unpacked with `dpkg-deb -x` into a temporary folder;
`--deb-dir DIR` keeps the .deb files for the next run).  No original font
file is kept in the repository.

On Windows the app uses simfang / simkai / simhei / simsun (and 方正小标宋
when installed); these fonts are the fallback everywhere else.  All are
TrueType-outline (`glyf`) fonts, so ReportLab can embed them.

{table_header}
{chr(10).join(rows)}

Total: {total / 1e6:.2f} MB (budget {SIZE_BUDGET / 1e6:.0f} MB).

## Choice of faces

{CHOICES}
## Coverage

"GBK hanzi" = every code point in U+4E00-9FFF, U+3400-4DBF and U+F900-FAFF
that Python's `gbk` codec can encode ({gbk_total:,}; GBK's nominal 21,003
"hanzi" also count positions that Python maps to CJK radicals, PUA or other
blocks).  "GB2312 hanzi" = those that Python's `gb2312` codec can encode
({gb2312_total:,}).

- **GBK** coverage ({full_names}): all {gbk_total:,} GBK hanzi.  This is the
  coverage guarantee of the set.
- **GB2312** coverage ({reduced_names}): the {gb2312_total:,} GB2312 hanzi
  only, to keep the program small.

The bundled **set** covers every GBK hanzi ({set_covered:,} / {gbk_total:,})
through {full_names}: a character the 仿宋, title, 楷体 or 黑体 font lacks
(e.g. 镕, 喆, 堃) is drawn from it by the per-character fallback of the PDF
export (`kexie_desktop.export.fonts`, `FALLBACK_ORDER` starts with the Song
face), and the Qt UI lists "{FAMILY_PREFIX} Song" last among its families so
Qt falls back to it as well.  Such characters therefore print in the Song
face, not in the role's face.

Every font, whatever its hanzi coverage, also maps to real glyphs the same
non-hanzi set ({len(symbol_codepoints()):,} code points): ASCII, U+FF01-FF5E,
U+3000-303F, ①-⑳, Ⅰ-Ⅻ and — “” ‘’ … · × ≠ ≤ ≥ ¥ % ℃ №.  Other
GBK-encodable non-hanzi characters (Greek, Cyrillic, pinyin, box drawing,
㈠-㈩, ※, →, ...) are kept where the source font has them.

## Family names and licences

The fonts are renamed to {families}, so they never clash with installed
copies of the originals and do not use upstream names in Modified Versions
(OFL: "Noto" is a Google trademark; the Fandol fonts are GPL-3, which reserves
no name, but they are renamed the same way and say so).  Name ID 10
(description) records the origin of each file; the upstream copyright
(name ID 0) and version (5) are kept.

- Noto CJK: SIL Open Font License 1.1, text in `{NOTO_LICENCE.filename}`.
- Fandol: GPL-3 with the GPL font exception, text in
  `{FANDOL_LICENCE.filename}`.  The exception lets a PDF embed the
  font without the PDF becoming GPL; it is extended to the modified fonts.
  Shipping the program ships GPL-3 fonts: the offer of their Corresponding
  Source is met by naming the Debian package they come from and this script
  (see the licence file's header).

## Caveats

- 小标宋 uses Noto Serif CJK SC **Black**: as heavy as 小标宋, but wider.
- FandolFang / FandolKai (Fandol 0.3, 2015) lack ⑪-⑳ and some CJK
  symbols (〒 〜 〝 〞 ...); they are taken from Noto Serif CJK SC (below).
- The Fandol outlines are traced (about 60 curves a glyph): a GB2312 Fandol
  font is about twice the size of a GB2312 Noto one.
- The CFF fonts were converted to TrueType (cu2qu, max error
  {config.max_err} font units at UPM 1000); hinting was removed from all fonts,
  and so were the glyph names (`post` table format 3; PDF text extraction
  uses the `cmap`, which ReportLab writes as the ToUnicode map).
- The `locl` feature was dropped: the fonts only carry the Simplified Chinese
  glyph forms.
- Glyphs added from a donor font (missing in the source):
{donor_notes}

## Metrics (units per em preserved from the source)

{metrics}

## SHA-256

{hashes}

Built with fontTools {fontTools.version}.
"""
    path = config.out_dir / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def _init_worker(level: int) -> None:
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # fontTools.subset logs every retained glyph ID at INFO
    logging.getLogger("fontTools").setLevel(logging.WARNING if level > logging.DEBUG else level)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)"
    )
    parser.add_argument(
        "--font-root",
        type=Path,
        default=DEFAULT_FONT_ROOT,
        help="where the Debian font packages are installed",
    )
    parser.add_argument(
        "--doc-root",
        type=Path,
        default=DEFAULT_DOC_ROOT,
        help="where debian/copyright files are installed",
    )
    parser.add_argument(
        "--max-err",
        type=float,
        default=DEFAULT_MAX_ERR,
        help="cu2qu approximation error in font units",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(len(FONT_SPECS), os.cpu_count() or 1),
        help="parallel font builds",
    )
    parser.add_argument(
        "--deb-dir",
        type=Path,
        help="where the downloaded .deb files are kept (default: a temporary folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)

    level = logging.DEBUG if args.verbose else logging.INFO
    _init_worker(level)
    with tempfile.TemporaryDirectory(prefix="build_fonts-") as temp:
        deb_dir = args.deb_dir or Path(temp)
        deb_dir.mkdir(parents=True, exist_ok=True)
        sources = {s for spec in FONT_SPECS for s in (spec.source, spec.donor) if s}
        downloaded = {s.package for s in sources if s.downloaded}
        config = BuildConfig(
            out_dir=args.out.resolve(),
            font_root=args.font_root,
            max_err=args.max_err,
            unpacked=fetch_packages(downloaded, deb_dir.resolve(), Path(temp) / "unpacked"),
        )
        absent = sorted({s.package for s in sources if not config.path_of(s).is_file()})
        if absent:
            log.error("missing source fonts; install: apt-get install %s", " ".join(absent))
            return 2
        return build_all(config, args.jobs, level, args.doc_root)


def build_all(config: BuildConfig, jobs: int, level: int, doc_root: Path) -> int:
    """Build every font, then the licence files and the README; 0 when all went well."""

    with ProcessPoolExecutor(
        max_workers=max(1, jobs), initializer=_init_worker, initargs=(level,)
    ) as pool:
        futures = [pool.submit(build_one, spec, config) for spec in FONT_SPECS]
        try:
            results = [f.result() for f in futures]
        except VerificationError as exc:
            log.error("verification failed: %s", exc)
            return 1

    write_licences(results, config, doc_root)
    readme = write_readme(results, config)
    total = sum(r.size for r in results)
    if total > SIZE_BUDGET:
        log.warning("fonts total %.2f MB, over the %.0f MB budget", total / 1e6, SIZE_BUDGET / 1e6)

    print(f"{'file':32} {'roles':26} {'cover':6} {'GBK hanzi':>13} {'glyphs':>7} {'size':>9}")
    for r in results:
        print(
            f"{r.spec.filename:32} {','.join(r.spec.roles):26} {r.spec.coverage:6} "
            f"{r.gbk_hanzi_covered:>6}/{r.gbk_hanzi_total:<6} {r.num_glyphs:>7} "
            f"{r.size / 1e6:>6.2f} MB"
        )
    set_cmap: set[int] = set().union(*(r.cmap for r in results))
    set_missing = gbk_hanzi() - set_cmap
    if set_missing:
        log.error("the font set lacks %d GBK hanzi", len(set_missing))
        return 1
    print(f"total {total / 1e6:.2f} MB; README: {readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
