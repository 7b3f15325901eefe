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
from dataclasses import dataclass, field
from pathlib import Path

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.findings import Finding
from kexie_desktop.core.report import Report
from kexie_desktop.export.options import PageNumberPlacement, PdfOptions

log = logging.getLogger(__name__)

# Characters Windows does not allow in file names, and control characters.
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_PDF_MODE = 0o644
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}


class ExportError(UserError):
    """The PDF could not be written; ``message`` is a Chinese sentence for the clerk."""


@dataclass
class ExportResult:
    path: Path
    pages: int
    warnings: list[Finding] = field(default_factory=list)


def default_pdf_name(report: Report) -> str:
    """The suggested file name: the report title, made safe for Windows, plus ".pdf"."""
    name = _ILLEGAL.sub("_", report.title).strip().rstrip(". ")
    name = name[:150] or "整体支出绩效自评报告"
    if name.upper() in _RESERVED:
        name = f"_{name}"
    return f"{name}.pdf"


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
    if target.is_dir():
        raise ExportError(f"“{target}”是一个文件夹，请另选一个 PDF 文件名。")
    if not folder.is_dir():
        raise ExportError(f"保存位置“{folder}”不存在，请另选一个文件夹。")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"无法访问文件“{target.name}”（{exc.strerror}），请另选位置。") from exc
    if not mode & stat.S_IWUSR:
        raise ExportError(
            f"文件“{target.name}”是只读的，不能覆盖。请另存为其他文件名，"
            "或在文件属性中取消“只读”后重试。"
        )


def _write_replacing(target: Path, data: bytes) -> None:
    folder = target.parent
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=folder)
    except PermissionError as exc:
        raise ExportError(
            f"没有权限在文件夹“{folder}”中保存文件。请另选一个文件夹，例如“文档”或桌面。"
        ) from exc
    except OSError as exc:
        raise ExportError(f"无法在文件夹“{folder}”中保存文件（{exc.strerror}）。") from exc
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
            f"写入“{target.name}”时出错（{exc.strerror}），原有文件未被改动。请检查磁盘空间后重试。"
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


__all__ = [
    "ExportError",
    "ExportResult",
    "PageNumberPlacement",
    "PdfOptions",
    "default_pdf_name",
    "export_pdf",
]
