"""Versions of a report: kept automatically at the moments that matter and on demand, read
back, and restored whole or one item at a time, undoably."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.services.editing import ReportEditor
from kexie_desktop.services.history import (
    PERIODIC_SECONDS,
    History,
    VersionReason,
    from_snapshot,
    snapshot,
)
from kexie_desktop.services.workspace import Workspace


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "r.kexie.sqlite")
    yield ws
    ws.close()


def _open(workspace: Workspace, clock: Clock) -> ReportEditor:
    """A working session on the 郴州 sample."""
    report = workspace.load(workspace.resolve("2021"))
    editor = ReportEditor(workspace.repository, report)
    editor.history = History(workspace.repository, report, clock)
    return editor


def _reasons(editor: ReportEditor) -> list[str]:
    return [v.reason for v in editor.history.versions()]


def test_each_working_session_keeps_the_report_as_it_was_found(workspace: Workspace) -> None:
    clock = Clock()
    editor = _open(workspace, clock)
    editor.flush()
    assert _reasons(editor) == []  # opening and saving nothing keeps nothing
    editor.set_field("problems.text", "第一天改的文字")
    editor.set_field("basic.total", "300")
    editor.flush()
    editor.set_field("other.text", "同一次编辑")
    editor.flush()
    (first,) = editor.history.versions()
    assert first.reason == "session"
    found = editor.history.load(first.id)
    assert found.text("problems.text").startswith("一年来")  # as it was before the session
    assert found.money("basic.total") == Money.from_wan("282.02")
    assert first.machine
    assert first.user_name
    # The next day, a new session: again the state found at its start.
    editor = _open(workspace, clock)
    editor.set_field("problems.text", "第二天改的文字")
    editor.flush()
    newest = editor.history.versions()[0]
    assert editor.history.load(newest.id).text("problems.text") == "第一天改的文字"
    assert _reasons(editor) == ["session", "session"]


def test_continuous_editing_keeps_a_version_every_few_minutes(workspace: Workspace) -> None:
    clock = Clock()
    editor = _open(workspace, clock)
    for minute in range(35):
        clock.now += 60
        editor.set_field("problems.text", f"第 {minute} 分钟的文字")
        editor.seal()
        editor.flush()
    reasons = _reasons(editor)
    assert reasons.count("session") == 1
    assert reasons.count("periodic") == 35 * 60 // PERIODIC_SECONDS


def test_a_version_on_demand_with_a_note_and_at_every_final(workspace: Workspace) -> None:
    editor = _open(workspace, Clock())
    editor.keep_version(VersionReason.MANUAL, "交财政局前")
    editor.set_field("basic.total", "269.75")
    editor.set_field("project.own_level", "134.81")
    editor.set_cell("basics.staff_changes[chg1].month", "2021年3月")  # the sample's "20213月"
    editor.explain("text.unpaired:performance.funds", "照录原文。")
    editor.explain("transfer.group_count:grp2", "另有 6 个项目次年拨付。")
    editor.finalise()
    versions = editor.history.versions()
    assert [v.reason for v in versions] == ["final", "session", "manual"]
    assert versions[2].note == "交财政局前"
    assert editor.history.load(versions[0].id).money("basic.total") == Money.from_wan("269.75")


def test_a_whole_version_is_restored_undoably_and_kept(workspace: Workspace) -> None:
    editor = _open(workspace, Clock())
    editor.set_field("problems.text", "被同事覆盖的文字")
    editor.remove_row("transfer.groups", "grp2")
    editor.flush()
    (found,) = editor.history.versions()
    assert editor.restore(editor.history.load(found.id))
    assert editor.report.text("problems.text").startswith("一年来")
    assert [row.id for row in editor.report.rows("transfer.groups")] == ["grp1", "grp2"]
    stored = workspace.load(editor.report_id)
    assert stored.values == editor.report.values
    assert stored.tables["transfer.groups"] == editor.report.tables["transfer.groups"]
    assert _reasons(editor)[:2] == ["restored", "before_restore"]
    editor.undo()  # the restore is one undoable edit
    assert editor.report.text("problems.text") == "被同事覆盖的文字"
    assert [row.id for row in editor.report.rows("transfer.groups")] == ["grp1"]


def test_one_field_or_one_table_alone_can_be_restored(workspace: Workspace) -> None:
    editor = _open(workspace, Clock())
    editor.set_field("problems.text", "新写的问题")
    editor.set_field("basic.total", "1")
    editor.flush()
    old = editor.history.load(editor.history.versions()[0].id)
    assert editor.restore(old, "basic.total")
    assert editor.report.money("basic.total") == Money.from_wan("282.02")
    assert editor.report.text("problems.text") == "新写的问题"  # untouched
    assert not editor.restore(old, "basic.total")  # nothing differs any more


def test_a_snapshot_is_the_whole_report_and_small(
    sample: Report, templates: TemplateLibrary
) -> None:
    data = snapshot(sample)
    again = from_snapshot(data, templates)
    assert again.values == sample.values
    assert again.tables == sample.tables
    assert len(data) < 20_000
