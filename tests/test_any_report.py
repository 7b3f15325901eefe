"""Arbitrary reports, generated from the schema, survive every path a report takes: the
checks, storage, the hand-over file and the PDF."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from kexie_desktop.core import handover, sentences
from kexie_desktop.core.checks import check_report
from kexie_desktop.core.report import Report
from kexie_desktop.core.schema import SCHEMA
from kexie_desktop.core.totals import computed_totals
from kexie_desktop.storage import ReportRepository, open_database
from report_strategies import reports

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ids_stripped(report: Report) -> Report:
    report.id = None
    return report


@FAST
@given(reports())
def test_checks_totals_and_sentences_never_crash(report: Report) -> None:
    for finding in check_report(report):
        assert finding.message
        assert finding.section in {section.key for section in SCHEMA.all_sections()}
    computed_totals(report)
    for section in SCHEMA.all_sections():
        sentences.for_section(section.key, report)


@FAST
@given(reports())
def test_the_hand_over_file_keeps_every_report_exactly(report: Report) -> None:
    assert handover.loads(handover.dumps(report)) == report


@FAST
@given(reports())
def test_storage_keeps_every_report_exactly(report: Report) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repository = ReportRepository(open_database(Path(folder) / "any.sqlite"))
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
