"""Checking a report: pure functions from a ``Report`` to a list of ``Finding``."""

from __future__ import annotations

from kexie_desktop.core.checks.consistency import check_consistency
from kexie_desktop.core.checks.entries import check_entries
from kexie_desktop.core.checks.relations import Evaluation, check_relations, evaluate
from kexie_desktop.core.checks.scores import check_scores
from kexie_desktop.core.checks.text import Printable, check_text
from kexie_desktop.core.findings import Finding
from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import ScoreSheet, score_sheet


def check_report(
    report: Report,
    evaluations: list[Evaluation] | None = None,
    *,
    printable: Printable | None = None,
    scores: ScoreSheet | None = None,
) -> list[Finding]:
    """Every finding of ``report``, errors first, each carrying the clerk's explanation if any.

    ``evaluations``: the relations already evaluated (``evaluate(report)``), when the caller
    also shows them as on-screen totals, so they are computed once per change.
    ``printable``: whether some available font has a character (``services.printable``
    builds it from the fonts); without it, characters are not checked against the fonts.
    ``scores``: the scoring table already evaluated (``score_sheet(report)``), likewise."""
    findings = [
        *check_entries(report),
        *check_relations(evaluate(report) if evaluations is None else evaluations),
        *check_consistency(report),
        *check_scores(report, score_sheet(report) if scores is None else scores),
        *check_text(report, printable),
    ]
    findings = [
        finding.explained(report.explanations[finding.key])
        if finding.key in report.explanations
        else finding
        for finding in findings
    ]
    order = {section.key: index for index, section in enumerate(report.schema.all_sections())}
    findings.sort(key=lambda f: (f.severity.rank, order.get(f.section, len(order))))
    return findings


__all__ = ["Printable", "check_report"]
