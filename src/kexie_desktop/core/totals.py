"""Totals shown beside the figures a clerk types: for every figure a relation states, what its
parts come to — read from the same evaluation as the findings, so screen and check agree."""

from __future__ import annotations

from kexie_desktop.core.checks.relations import Evaluation


def computed_totals(evaluations: list[Evaluation]) -> dict[str, Evaluation]:
    """By the stated figure's field path: the evaluation (``evaluate(report)``) of the relation
    that states it (when several state it, the first that disagrees, else the first)."""
    shown: dict[str, Evaluation] = {}
    for evaluation in evaluations:
        current = shown.get(evaluation.path)
        if current is None or (current.agrees and not evaluation.agrees):
            shown[evaluation.path] = evaluation
    return shown
