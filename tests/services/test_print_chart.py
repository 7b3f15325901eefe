"""The chart page is a per-report choice: stored with the report, kept in hand-over files and
versions, carried into next year's report, refused on a final report, and an older data file
gains it switched on."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kexie_desktop.core import handover
from kexie_desktop.core.carry_over import next_year_report
from kexie_desktop.core.report import Report, Status
from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.services.edit_steps import EditError
from kexie_desktop.services.editing import ReportEditor
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.storage import ReportRepository, open_database
from kexie_desktop.storage.migrations import MIGRATIONS


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "r.kexie.sqlite")
    yield ws
    ws.close()


def test_the_choice_is_stored_and_read_back(workspace: Workspace, sample: Report) -> None:
    report_id = workspace.repository.insert(sample)
    assert workspace.load(report_id).print_chart is True
    editor = ReportEditor(workspace.repository, workspace.load(report_id))
    editor.set_print_chart(False)
    assert editor.report.print_chart is False
    assert workspace.load(report_id).print_chart is False
    editor.set_print_chart(True)
    assert workspace.load(report_id).print_chart is True


def test_a_final_report_keeps_its_choice(workspace: Workspace, sample: Report) -> None:
    sample.status = Status.FINAL
    report_id = workspace.repository.insert(sample)
    editor = ReportEditor(workspace.repository, workspace.load(report_id))
    with pytest.raises(EditError):
        editor.set_print_chart(False)
    assert workspace.load(report_id).print_chart is True


def test_hand_over_files_keep_the_choice(sample: Report, templates: TemplateLibrary) -> None:
    on = json.loads(handover.dumps(sample))
    assert "print_chart" not in on["report"]  # files of reports without the choice unchanged
    sample.print_chart = False
    text = handover.dumps(sample)
    assert json.loads(text)["report"]["print_chart"] is False
    assert handover.loads(text, templates).print_chart is False


@pytest.mark.parametrize("raw", ["false", "0", "null", '"no"', "[]"])
def test_a_choice_that_is_not_true_or_false_is_refused(
    sample: Report, templates: TemplateLibrary, raw: str
) -> None:
    document = json.loads(handover.dumps(sample))
    document["report"]["print_chart"] = json.loads(raw)
    text = json.dumps(document, ensure_ascii=False)
    if raw == "false":
        assert handover.loads(text, templates).print_chart is False
        return
    with pytest.raises(handover.HandoverError, match="print_chart"):
        handover.loads(text, templates)


def test_next_years_report_keeps_the_choice(sample: Report) -> None:
    sample.print_chart = False
    assert next_year_report(sample).print_chart is False


def test_an_older_data_file_gains_the_choice_switched_on(
    tmp_path: Path, templates: TemplateLibrary, sample: Report
) -> None:
    path = tmp_path / "old.kexie.sqlite"
    repository = ReportRepository(open_database(path), templates)
    report_id = repository.insert(sample)
    repository.close()
    # Take the file back to before the chart choice existed: drop the column, version 3.
    raw = sqlite3.connect(path)
    raw.execute("ALTER TABLE reports DROP COLUMN print_chart")
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    raw.commit()
    raw.close()
    repository = ReportRepository(open_database(path), templates)
    try:
        assert repository.load(report_id).print_chart is True
        repository.set_print_chart(report_id, False)
        assert repository.load(report_id).print_chart is False
    finally:
        repository.close()
