"""The public render function: a report in, the bytes of its PDF out."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from kexie_desktop import APP_NAME, __version__
from kexie_desktop.core.checks import check_report
from kexie_desktop.core.findings import Finding, Severity
from kexie_desktop.core.report import Report, Status
from kexie_desktop.export import styles
from kexie_desktop.export.appendix import appended_pages
from kexie_desktop.export.document import build_story
from kexie_desktop.export.fonts import FontsUnavailableError, font_set
from kexie_desktop.export.layout import Line, MissingGlyphs, Placed, Typesetter, paginate
from kexie_desktop.export.options import PdfOptions
from kexie_desktop.export.page import draw_line, draw_page_number, draw_watermark
from kexie_desktop.export.styles import FontRole

log = logging.getLogger(__name__)

MISSING_GLYPH_RULE = "export.missing_glyph"

__all__ = ["MISSING_GLYPH_RULE", "FontsUnavailableError", "RenderedPdf", "is_draft", "render_pdf"]


@dataclass
class RenderedPdf:
    data: bytes
    pages: int
    draft: bool
    warnings: list[Finding] = field(default_factory=list)


def is_draft(report: Report, findings: list[Finding]) -> bool:
    """A report prints as a draft until it is final and free of errors."""
    return report.status is Status.DRAFT or any(f.severity is Severity.ERROR for f in findings)


def render_pdf(report: Report, options: PdfOptions | None = None) -> RenderedPdf:
    """Lay out and draw ``report``; raises ``FontsUnavailableError`` when no font can be used."""
    options = options or PdfOptions()
    fonts = font_set(options.font_dirs)
    # Checked against the fonts this PDF is set in: a character none of them has is an error,
    # so a report that would print a gap prints as a draft, whatever its status.
    findings = check_report(
        report, printable=lambda char: fonts.font_for(char, FontRole.FANGSONG) is not None
    )
    draft = is_draft(report, findings)
    setter = Typesetter(fonts)
    pages = paginate(setter.items(build_story(report, findings)))

    buffer = io.BytesIO()
    body_font = fonts.primary[FontRole.FANGSONG].name
    canvas = Canvas(
        buffer,
        pagesize=(styles.PAGE_WIDTH, styles.PAGE_HEIGHT),
        pageCompression=1,
        initialFontName=body_font,  # or ReportLab starts every page in Helvetica
        initialFontSize=styles.SIZE_3HAO,
        initialLeading=styles.LINE_PITCH,
        lang="zh-CN",
    )
    canvas.setTitle(report.title)
    canvas.setAuthor(report.unit)
    canvas.setSubject(report.template.name)
    canvas.setCreator(f"{APP_NAME} {__version__}")
    placement = options.page_numbers
    # The report's own pages, then its attachment (the scoring table) and chart page, if any.
    drawers: list[Callable[[Any, int], None]] = [partial(_draw_body, page=page) for page in pages]
    drawers += [
        partial(framed.render, placement=placement) for framed in appended_pages(report, setter)
    ]
    for number, draw in enumerate(drawers, start=1):
        if draft:
            draw_watermark(canvas, setter)
        draw(canvas, number)
        draw_page_number(canvas, setter, number, placement)
        canvas.showPage()
    canvas.save()
    warnings = missing_glyph_findings(setter.missing)
    for warning in warnings:
        log.warning("%s", warning.message)
    return RenderedPdf(buffer.getvalue(), len(drawers), draft, warnings)


def _draw_body(canvas: Any, number: int, page: list[Placed]) -> None:
    rules: list[tuple[float, float, float, float]] = []
    for placed in page:
        top = placed.top
        for line in placed.item.lines:
            x = styles.MARGIN_LEFT + line.x
            baseline = top - line.baseline
            draw_line(canvas, Line(line.runs, x, baseline, line.size, line.char_space, line.width))
        for rule in placed.item.rules:
            left = styles.MARGIN_LEFT
            rules.append((left + rule.x0, top - rule.y0, left + rule.x1, top - rule.y1))
    if rules:
        canvas.setLineWidth(styles.TABLE_RULE)
        canvas.lines(rules)


def missing_glyph_findings(missing: MissingGlyphs) -> list[Finding]:
    findings = []
    for where, chars in missing.places.items():
        listed = "、".join(f"“{char}”（U+{ord(char):04X}）" for char in chars)
        findings.append(
            Finding(
                rule=MISSING_GLYPH_RULE,
                severity=Severity.WARNING,
                section=where.section,
                fields=where.fields,
                message=(
                    f"“{where.label}”中的字符 {listed} 在可用的字体中都没有，"
                    "PDF 中会显示为空白或方框。请改用常用字，或安装含有这些字符的字体。"
                ),
                subject=where.section,
            )
        )
    return findings
