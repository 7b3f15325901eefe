"""The sample's printed text is kept as a golden file: a change to it is made on purpose.

The report's body and its attachment (the scoring table, 自评表 issue) have a golden file each:
the body's text did not change when the attachment was added after it.

The last deliberate change (templates issue): the transfer sentence says “共奖补40万元” as the
published report does, and the project sentence shows how 本级支出 and 转移支付 make up
项目支出. To accept a deliberate change, regenerate the file with ``story_lines`` and review
the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from golden_text import story_lines
from kexie_desktop.export import styles
from kexie_desktop.export.scorecard_table import ATTACHMENT_MARK, scorecard_table
from kexie_desktop.resources import SAMPLE_REPORTS
from kexie_desktop.services.exporting import export_pdf
from kexie_desktop.services.workspace import load_sample

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    pytest.param(SAMPLE_REPORTS[0], "hunan-sample.txt", id="hunan-dept-selfeval"),
    pytest.param(SAMPLE_REPORTS[1], "county-example.txt", id="county-dept-evaluation"),
]
ATTACHMENT_CASES = [
    pytest.param(SAMPLE_REPORTS[0], "hunan-sample-attachment.txt", id="hunan-dept-selfeval"),
    pytest.param(SAMPLE_REPORTS[1], "county-example-attachment.txt", id="county-dept-evaluation"),
]


def _golden(name: str) -> list[str]:
    return (GOLDEN / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("sample_name", "golden_name"), CASES)
def test_the_built_in_examples_print_their_golden_text(sample_name: Path, golden_name: str) -> None:
    assert story_lines(load_sample(name=sample_name)) == _golden(golden_name)


@pytest.mark.parametrize(("sample_name", "golden_name"), CASES)
def test_the_pdf_holds_exactly_the_golden_text(
    sample_name: Path, golden_name: str, tmp_path: Path
) -> None:
    """Read back from the PDF: the text block's characters (no watermark, no page numbers)."""
    report = load_sample(name=sample_name)
    export_pdf(report, tmp_path / "report.pdf")
    drawn = "".join("".join(page) for page in _drawn_pages(tmp_path / "report.pdf"))
    table = scorecard_table(report)
    if table is not None:  # the attachment follows the report: compared below
        drawn = drawn[: drawn.index(ATTACHMENT_MARK + table.title)]
    lines = _golden(golden_name)
    # A table's header row is repeated at the top of each page it continues on.
    headers = {line for line in lines if line.startswith("序号 | ")}

    def squeeze(text: str) -> str:
        for header in headers:
            text = text.replace(header.replace(" | ", ""), "")
        return re.sub(r"\s", "", text)

    assert squeeze(drawn) == squeeze("".join(line.replace(" | ", "") for line in lines))


def test_the_sample_keeps_the_published_transfer_wording() -> None:
    text = "\n".join(_golden("hunan-sample.txt"))
    assert "共奖补40万元" in text
    assert "我单位2021年项目支出234.81万元（本级支出234.81万元，转移支付100万元）。" in text


def _drawn_pages(path: Path) -> list[list[str]]:
    """The text block's characters of each page (no watermark, no page numbers)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            bottom = page.height - styles.MARGIN_BOTTOM
            chars = [c for c in page.chars if c["size"] <= 50 and c["top"] < bottom]
            pages.append([c["text"] for c in chars if c["text"].strip()])
    return pages


@pytest.mark.parametrize(("sample_name", "golden_name"), ATTACHMENT_CASES)
def test_the_attachment_prints_its_golden_table(sample_name: Path, golden_name: str) -> None:
    table = scorecard_table(load_sample(name=sample_name))
    assert table is not None
    assert table.lines() == _golden(golden_name)


@pytest.mark.parametrize(("sample_name", "golden_name"), ATTACHMENT_CASES)
def test_the_pdf_prints_every_row_of_the_attachment_in_order(
    sample_name: Path, golden_name: str, tmp_path: Path
) -> None:
    """Row by row, the cells of each row one after the other; the upper levels' names are
    merged cells, printed once where they start on a page, so they are left out here."""
    report = load_sample(name=sample_name)
    export_pdf(report, tmp_path / "report.pdf")
    table = scorecard_table(report)
    assert table is not None
    drawn = "".join("".join(page) for page in _drawn_pages(tmp_path / "report.pdf"))
    drawn = re.sub(r"\s", "", drawn[drawn.index(ATTACHMENT_MARK + table.title) :])
    at = 0
    for row in table.rows:
        cells = "".join(cell.text for cell in row.cells if not cell.merge)
        found = drawn.find(re.sub(r"\s", "", cells), at)
        assert found >= 0, cells
        at = found
    assert _golden(golden_name)[0] == ATTACHMENT_MARK
