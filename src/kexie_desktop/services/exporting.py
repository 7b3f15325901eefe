"""Exporting a report as a PDF laid out like an official document; no Qt, no ReportLab here.

The PDF is drawn in memory first, then written to a temporary file next to the target and
moved over it in one step, so a failure never leaves half a PDF and never destroys the
previous one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.findings import Finding
from kexie_desktop.core.oserrors import describe
from kexie_desktop.core.report import Report
from kexie_desktop.export.options import PageNumberPlacement, PdfOptions

log = logging.getLogger(__name__)

# Characters Windows does not allow in file names, and control characters.
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_PDF_MODE = 0o644
# File systems limit a name to 255 bytes (UTF-8: 3 per hanzi); leave room for ".pdf" and for
# the numbered copies a PDF viewer or the clerk may make ("…(2).pdf").
_NAME_BYTES = 180
# Temporary files of an export in progress: short, so any PDF name fits; recognised as ours
# and removed when an earlier export was killed before it could clean up.
_TEMP_PREFIX = ".kexie-export-"
_STALE_AFTER_S = 3600
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}


class ExportError(UserError):
    """The PDF could not be written; ``message`` is a Chinese sentence for the clerk."""


@dataclass
class ExportResult:
    path: Path
    pages: int
    warnings: list[Finding] = field(default_factory=list)


def default_pdf_name(report: Report) -> str:
    """The suggested file name: the report title, made safe for Windows and short enough for
    any file system, plus ".pdf"."""
    name = _ILLEGAL.sub("_", report.title).strip().rstrip(". ")
    name = _cut_to_bytes(name, _NAME_BYTES).rstrip(". ") or report.template.name
    if name.upper() in _RESERVED:
        name = f"_{name}"
    return f"{name}.pdf"


def _cut_to_bytes(text: str, limit: int) -> str:
    """``text`` cut at a character boundary to at most ``limit`` bytes of UTF-8."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def export_pdf(report: Report, target: Path, *, options: PdfOptions | None = None) -> ExportResult:
    """Write ``report`` as a PDF to ``target``; raises ``ExportError`` with a Chinese message."""
    from kexie_desktop.export.render import FontsUnavailableError, render_pdf

    target = Path(target)
    _check_target(target)
    try:
        rendered = render_pdf(report, options)
    except FontsUnavailableError as exc:
        raise ExportError(exc.message) from exc
    _write_replacing(target, rendered.data)
    log.info("exported %d pages to %s", rendered.pages, target)
    return ExportResult(target.absolute(), rendered.pages, rendered.warnings)


def _check_target(target: Path) -> None:
    folder = target.parent
    if "\x00" in str(target):
        raise ExportError("文件名中有空字符（\\0），请另取一个文件名。")
    if len(target.name.encode("utf-8")) > 255:
        raise ExportError(f"文件名“{target.name[:20]}…”过长，请取一个短一些的文件名。")
    if target.is_dir():
        raise ExportError(f"“{target}”是一个文件夹，请另选一个 PDF 文件名。")
    if not folder.is_dir():
        raise ExportError(f"保存位置“{folder}”不存在，请另选一个文件夹。")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"无法访问文件“{target.name}”（{describe(exc)}），请另选位置。") from exc
    if not mode & stat.S_IWUSR:
        raise ExportError(
            f"文件“{target.name}”是只读的，不能覆盖。请另存为其他文件名，"
            "或在文件属性中取消“只读”后重试。"
        )


def _write_replacing(target: Path, data: bytes) -> None:
    folder = target.parent
    _remove_stale_temporaries(folder)
    try:
        handle, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=folder)
    except PermissionError as exc:
        raise ExportError(
            f"没有权限在文件夹“{folder}”中保存文件。请另选一个文件夹，例如“文档”或桌面。"
        ) from exc
    except OSError as exc:
        raise ExportError(f"无法在文件夹“{folder}”中保存文件（{describe(exc)}）。") from exc
    temporary = Path(name)
    try:
        os.chmod(temporary, _PDF_MODE)  # mkstemp makes the file private to its owner
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except PermissionError as exc:
        raise ExportError(
            f"无法写入“{target.name}”：文件可能正在被其他程序（如 PDF 阅读器或 WPS）打开，"
            "或没有写入权限。请关闭该文件后重试，或另存为其他文件名。"
        ) from exc
    except OSError as exc:
        raise ExportError(
            f"写入“{target.name}”时出错（{describe(exc)}），原有文件未被改动。请检查磁盘空间后重试。"
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files an export left when it was killed (an hour old: not one running now)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for stale in folder.glob(f"{_TEMP_PREFIX}*.tmp"):
            with contextlib.suppress(OSError):
                if now - stale.stat().st_mtime > _STALE_AFTER_S:
                    stale.unlink()
                    log.info("removed %s, left by an export that did not finish", stale)


__all__ = [
    "ExportError",
    "ExportResult",
    "PageNumberPlacement",
    "PdfOptions",
    "default_pdf_name",
    "export_pdf",
]
