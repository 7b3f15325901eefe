"""Drafts carry a 草稿 watermark on every page; a final report without errors prints clean."""

from __future__ import annotations

from typing import Any

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.findings import Severity
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Status
from kexie_desktop.services.workspace import load_sample


def _final_without_errors() -> Report:
    report = load_sample()
    # The published sample does not add up; make it, then finalise it.
    report.values["basic.total"] = Money.from_wan("269.75")
    report.values["project.own_level"] = Money.from_wan("134.81")  # + 转移支付 100 = 234.81
    report.status = Status.FINAL
    assert not [f for f in check_report(report) if f.severity is Severity.ERROR]
    return report


def test_a_draft_has_the_watermark_on_every_page(sample_pdf: Any) -> None:
    for page in sample_pdf.pages:
        assert "".join(c["text"] for c in page.watermark) == "草稿"


def test_the_watermark_is_light_and_diagonal(sample_pdf: Any) -> None:
    chars = sample_pdf.pages[0].watermark
    colour = chars[0]["non_stroking_color"]
    assert all(component > 0.5 for component in colour)  # light grey, not black
    assert chars[0]["top"] != chars[1]["top"]  # the two characters climb: diagonal
    assert chars[0]["x0"] != chars[1]["x0"]


def test_a_final_report_without_errors_prints_clean(tmp_path: Any, export_read: Any) -> None:
    pdf = export_read(_final_without_errors(), tmp_path / "final.pdf")
    assert all(not page.watermark for page in pdf.pages)
    assert "草稿" not in "".join(c["text"] for page in pdf.pages for c in page.chars)


def test_a_final_report_with_errors_still_prints_as_draft(tmp_path: Any, export_read: Any) -> None:
    report = load_sample()
    report.status = Status.FINAL  # marked final, but 基本支出 does not add up
    pdf = export_read(report, tmp_path / "errors.pdf")
    assert all(page.watermark for page in pdf.pages)


def test_a_draft_without_errors_still_prints_as_draft(tmp_path: Any, export_read: Any) -> None:
    report = _final_without_errors()
    report.status = Status.DRAFT
    pdf = export_read(report, tmp_path / "draft.pdf")
    assert all(page.watermark for page in pdf.pages)
