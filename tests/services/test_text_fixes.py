"""A text finding's correction applied to the open report as one undoable edit, and the fonts'
coverage as the checks see it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.checks.text import HALF_WIDTH, UNPRINTABLE
from kexie_desktop.core.findings import Finding, TextFix
from kexie_desktop.services.edit_steps import EditError
from kexie_desktop.services.editing import ReportEditor
from kexie_desktop.services.printable import font_printable
from kexie_desktop.services.text_fixes import apply_fix, current_text
from kexie_desktop.services.workspace import Workspace

TYPED = "一年来,各项工作取得了一些成绩(详见附表);主要不足:经费紧张。"
CORRECTED = "一年来，各项工作取得了一些成绩（详见附表）；主要不足：经费紧张。"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "r.kexie.sqlite")
    yield ws
    ws.close()


@pytest.fixture
def editor(workspace: Workspace) -> ReportEditor:
    sample = next(
        s.id
        for s in workspace.list_reports()
        if s.is_sample and s.template_id == "hunan-dept-selfeval"
    )
    return ReportEditor(workspace.repository, workspace.load(sample))


def half_width_at(editor: ReportEditor, path: str) -> Finding:
    (finding,) = [f for f in editor.findings() if f.rule == HALF_WIDTH and f.fields == (path,)]
    return finding


def test_the_fix_is_one_undoable_edit_of_its_own(
    editor: ReportEditor, workspace: Workspace
) -> None:
    before = editor.report.text("problems.text")
    editor.set_field("problems.text", TYPED)  # still typing: the field is not left yet
    finding = half_width_at(editor, "problems.text")
    assert finding.fix is not None
    assert apply_fix(editor, finding.fix)
    assert editor.report.text("problems.text") == CORRECTED
    assert not [f for f in editor.findings() if f.rule == HALF_WIDTH]
    editor.flush()
    assert workspace.load(editor.report_id).text("problems.text") == CORRECTED
    editor.undo()
    assert editor.report.text("problems.text") == TYPED  # the typing stays: a step of its own
    editor.undo()
    assert editor.report.text("problems.text") == before
    editor.redo()
    editor.redo()
    assert editor.report.text("problems.text") == CORRECTED


def test_a_fix_for_a_table_cell(editor: ReportEditor) -> None:
    path = "performance.items[perf2].heading"
    editor.set_cell(path, "坚持围绕中心,服务创新驱动发展有新突破")
    finding = half_width_at(editor, path)
    assert finding.fix is not None
    assert apply_fix(editor, finding.fix)
    assert current_text(editor.report, path) == "坚持围绕中心，服务创新驱动发展有新突破"


def test_a_fix_for_text_changed_since_the_check_changes_nothing(editor: ReportEditor) -> None:
    editor.set_field("problems.text", TYPED)
    finding = half_width_at(editor, "problems.text")
    assert finding.fix is not None
    editor.set_field("problems.text", TYPED + "另,")
    assert not apply_fix(editor, finding.fix)
    assert editor.report.text("problems.text") == TYPED + "另,"
    gone = TextFix("performance.items[nosuchrow].heading", "a,中", "a，中", "改为全角标点")
    assert current_text(editor.report, gone.path) is None
    assert not apply_fix(editor, gone)


def test_a_final_report_is_not_fixed(editor: ReportEditor) -> None:
    editor.set_field("problems.text", TYPED)
    finding = half_width_at(editor, "problems.text")
    assert finding.fix is not None
    editor.report.status = editor.report.status.FINAL
    with pytest.raises(EditError):
        apply_fix(editor, finding.fix)
    assert editor.report.text("problems.text") == TYPED


def test_the_fonts_say_which_characters_print(editor: ReportEditor) -> None:
    printable = font_printable()
    assert all(printable(char) for char in "郴州，。“”（）《》a1%")
    assert not printable("😀")
    assert not printable("\ue000")  # private use: no font of ours has it
    editor.set_field("problems.text", "问题😀。")
    (finding,) = [
        f for f in check_report(editor.report, printable=printable) if f.rule == UNPRINTABLE
    ]
    assert finding.fields == ("problems.text",)
    assert "U+1F600" in finding.message


def test_common_text_is_checked_without_loading_the_pdf_library() -> None:
    probe = (
        "import sys\n"
        "from kexie_desktop.core.checks import check_report\n"
        "from kexie_desktop.services.printable import font_printable\n"
        "from kexie_desktop.services.workspace import load_sample\n"
        "check_report(load_sample(), printable=font_printable())\n"
        "print('reportlab' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "False"
