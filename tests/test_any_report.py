"""Arbitrary reports, generated from the schema of any installed template, survive every path
a report takes: the checks, the on-screen totals, the printed sentences, storage, the hand-over
file and the PDF."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from kexie_desktop.core import handover
from kexie_desktop.core.checks import check_report
from kexie_desktop.core.checks.relations import evaluate
from kexie_desktop.core.findings import Severity
from kexie_desktop.core.report import Report
from kexie_desktop.core.template.render import Paragraph, PrintedTable, preview, section_content
from kexie_desktop.core.totals import computed_totals
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.storage import ReportRepository, open_database
from report_strategies import reports

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ids_stripped(report: Report) -> Report:
    report.id = None
    return report


@FAST
@given(reports())
def test_checks_totals_and_sentences_never_crash(report: Report) -> None:
    schema = report.schema
    sections = {section.key for section in schema.all_sections()}
    findings = check_report(report)
    for finding in findings:
        assert finding.message
        assert finding.section in sections
    # The totals on screen come from the same evaluation as the findings: a figure shown as
    # disagreeing has an error or warning about it, unless a part is still blank.
    evaluations = evaluate(report)
    keys = {finding.key for finding in findings}
    for evaluation in evaluations:
        if evaluation.complete and not evaluation.agrees:
            finding = evaluation.finding()
            assert finding.key in keys
            assert finding.severity in (Severity.ERROR, Severity.WARNING)
    shown = computed_totals(evaluate(report))
    assert set(shown) == {evaluation.path for evaluation in evaluations}
    for evaluation in shown.values():
        assert evaluation.parts_label
        assert evaluation.computed_text
    for section in schema.all_sections():
        for content in section_content(report, section.key):
            assert isinstance(content, Paragraph | PrintedTable)
            if isinstance(content, Paragraph):
                assert content.text.strip()
                assert "\n" not in content.text
        text = preview(report, section.key)
        assert text is None or isinstance(text, str)


@FAST
@given(reports())
def test_the_hand_over_file_keeps_every_report_exactly(report: Report) -> None:
    assert handover.loads(handover.dumps(report), installed_templates()) == report


@FAST
@given(reports())
def test_storage_keeps_every_report_exactly(report: Report) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repository = ReportRepository(
            open_database(Path(folder) / "any.sqlite"), installed_templates()
        )
        try:
            report_id = repository.insert(report)
            loaded = repository.load(report_id)
        finally:
            repository.close()
    assert ids_stripped(loaded) == ids_stripped(report)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_any_report_exports_to_a_pdf(report: Report) -> None:
    from kexie_desktop.services.exporting import export_pdf

    with tempfile.TemporaryDirectory() as folder:
        result = export_pdf(report, Path(folder) / "any.pdf")
        assert result.pages >= 1
        assert result.path.read_bytes().startswith(b"%PDF-")
