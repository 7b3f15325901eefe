"""Export the sample once per test module and read the PDF back with pdfplumber."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from kexie_desktop.core.report import Report
from kexie_desktop.export import styles
from kexie_desktop.export.scorecard_table import ATTACHMENT_MARK
from kexie_desktop.services.exporting import ExportResult, export_pdf
from kexie_desktop.services.workspace import load_sample

TOLERANCE = 0.5  # pt


@dataclass
class Page:
    number: int
    width: float
    height: float
    chars: list[dict[str, Any]]

    @property
    def furniture(self) -> list[dict[str, Any]]:
        """Characters below the text block: the page number."""
        bottom = self.height - styles.MARGIN_BOTTOM
        return [c for c in self.chars if c["size"] <= 50 and c["top"] >= bottom - TOLERANCE]

    @property
    def body(self) -> list[dict[str, Any]]:
        """Characters of the text block, in drawing (reading) order."""
        bottom = self.height - styles.MARGIN_BOTTOM
        return [c for c in self.chars if c["size"] <= 50 and c["top"] < bottom - TOLERANCE]

    def lines(self) -> list[list[dict[str, Any]]]:
        """The text block's characters grouped by line (same baseline), left to right."""
        rows: dict[float, list[dict[str, Any]]] = {}
        for char in self.body:
            rows.setdefault(round(char["bottom"], 1), []).append(char)
        return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]


@dataclass
class ReadBack:
    path: Path
    pages: list[Page] = field(default_factory=list)  # the report's own pages
    # The pages after it: the scoring table (自评表) as its attachment and the chart page.
    appendix: list[Page] = field(default_factory=list)
    result: ExportResult | None = None

    @property
    def text(self) -> str:
        """All text of the text blocks, without white space: what a reader reads."""
        return "".join(c["text"] for page in self.pages for c in page.body if c["text"].strip())

    @property
    def appendix_text(self) -> str:
        """The text of the pages after the report (attachment, chart), without white space."""
        return "".join(c["text"] for page in self.appendix for c in page.body if c["text"].strip())

    def font_of(self, text: str) -> set[str]:
        """Font names (without subset prefix) of the characters of the first match of text."""
        flat = [c for page in self.pages for c in page.body if c["text"].strip()]
        joined = "".join(c["text"] for c in flat)
        start = joined.index(text)
        return {c["fontname"].split("+", 1)[-1] for c in flat[start : start + len(text)]}


def starts_attachment(page: Page) -> bool:
    """The page opens an attachment: "附件" in 黑体 3号 as its first, heading-sized text."""
    head = [c for c in page.body if c["text"].strip()][:3]
    return (
        "".join(c["text"] for c in head[:2]) == ATTACHMENT_MARK
        and all("Hei" in c["fontname"] and c["size"] == pytest.approx(15.75) for c in head[:2])
        and (len(head) < 3 or head[2]["size"] != pytest.approx(15.75))
    )


def read_back(path: Path) -> ReadBack:
    result = ReadBack(path)
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            read = Page(number, float(page.width), float(page.height), page.chars)
            if result.appendix or starts_attachment(read):
                result.appendix.append(read)
            else:
                result.pages.append(read)
    return result


def export_and_read(report: Report, path: Path, **kwargs: Any) -> ReadBack:
    export = export_pdf(report, path, **kwargs)
    readback = read_back(path)
    readback.result = export
    return readback


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> ReadBack:
    """The built-in sample (a draft with errors) exported once for the module."""
    path = tmp_path_factory.mktemp("sample") / "sample.pdf"
    return export_and_read(load_sample(), path)


@pytest.fixture
def export_read() -> Callable[..., ReadBack]:
    return export_and_read
