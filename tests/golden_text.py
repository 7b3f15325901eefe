"""The printed text of a report, block by block, as kept in the golden files."""

from __future__ import annotations

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.report import Report
from kexie_desktop.export.document import ClosingBlock, TableBlock, TextBlock, build_story


def story_lines(report: Report) -> list[str]:
    """One line per paragraph or heading; a table row as its cells joined by " | "."""
    lines: list[str] = []
    for block in build_story(report, check_report(report)):
        if isinstance(block, TextBlock):
            lines.append(block.text)
        elif isinstance(block, TableBlock):
            lines.append(" | ".join(block.header.cells))
            lines.extend(" | ".join(row.cells) for row in block.rows)
        elif isinstance(block, ClosingBlock):
            lines += [block.unit, block.date]
    return lines
