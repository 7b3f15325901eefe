"""Whole reports in a workspace: blank reports in a chosen template, reports whose template is
not installed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.storage import StorageError, StorageErrorKind


@pytest.fixture
def workspace(tmp_path: Path, templates: TemplateLibrary) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "r.kexie.sqlite", templates)
    yield ws
    ws.close()


def test_the_workspace_uses_the_templates_it_was_opened_with(
    workspace: Workspace, templates: TemplateLibrary
) -> None:
    assert workspace.templates is templates
    # A new file starts with the built-in sample, in the default template.
    hunan_samples = [
        s for s in workspace.list_reports() if s.is_sample and s.template_id == templates.default_id
    ]
    assert [s.display_name for s in hunan_samples] == ["【示例】2021年度 郴州市科学技术协会"]
    assert all(workspace.can_open(summary) for summary in workspace.list_reports())


def test_a_blank_report_is_in_the_template_given(
    workspace: Workspace, templates: TemplateLibrary
) -> None:
    for template in templates.newest():
        report_id = workspace.create_blank(template, unit="  某县农业农村局 ", year=2023)
        summary = next(s for s in workspace.list_reports() if s.id == report_id)
        assert (summary.template_id, summary.template_version) == (template.id, template.version)
        assert (summary.unit, summary.year, summary.is_sample) == ("某县农业农村局", 2023, False)
        report = workspace.load(report_id)
        assert report.template is template
        assert report.values == {template.roles.unit: "某县农业农村局", template.roles.year: 2023}
    default_id = workspace.create_blank()
    assert workspace.load(default_id).template is templates.default
    assert workspace.load(default_id).values == {}


def test_a_report_in_a_template_not_installed_cannot_be_opened(
    workspace: Workspace, tmp_path: Path
) -> None:
    report_id = workspace.create_blank(unit="某单位", year=2022)
    with sqlite3.connect(tmp_path / "r.kexie.sqlite") as raw:
        raw.execute("UPDATE reports SET template_id = 'no-such-template' WHERE id = ?", [report_id])
    raw.close()
    summary = next(s for s in workspace.list_reports() if s.id == report_id)
    assert not workspace.can_open(summary)
    with pytest.raises(StorageError) as caught:
        workspace.load(report_id)
    assert caught.value.kind is StorageErrorKind.UNKNOWN_TEMPLATE
    assert "no-such-template" in caught.value.message
    others = [s for s in workspace.list_reports() if s.id != report_id]
    assert others
    assert all(workspace.can_open(s) for s in others)  # only that report is refused
