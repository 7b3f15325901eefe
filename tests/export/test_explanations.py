"""Explained warnings are printed after the signature; unexplained ones are not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.findings import Severity
from kexie_desktop.export.document import EXPLANATIONS_HEADING
from kexie_desktop.services.workspace import load_sample


def test_an_explained_warning_is_printed_with_its_explanation(
    tmp_path: Path, export_read: Any
) -> None:
    report = load_sample()
    (warning,) = [f for f in check_report(report) if f.rule == "transfer.group_count"]
    assert warning.severity is Severity.WARNING
    report.explanations[warning.key] = "其余 6 个学会项目\n经费由下年度拨付。"
    pdf = export_read(report, tmp_path / "explained.pdf")
    text = pdf.text
    assert EXPLANATIONS_HEADING in text
    after = text[text.index(EXPLANATIONS_HEADING) :]
    assert "市级学会服务能力提升计划建设”写明18个" in after
    assert "说明：其余6个学会项目经费由下年度拨付。" in after  # line break joined, spaces gone
    assert text.index("2022年4月25日") < text.index(EXPLANATIONS_HEADING)  # after the signature


def test_without_explanations_there_is_no_appendix(sample_pdf: Any) -> None:
    assert EXPLANATIONS_HEADING not in sample_pdf.text
