"""Whole-report actions of the main window: open another, create, delete, finalise, and
exchange a report with another PC as a hand-over file."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from kexie_desktop.core.report import Report
from kexie_desktop.services.editing import EditError
from kexie_desktop.services.workspace import WorkspaceError
from kexie_desktop.storage import StorageError
from kexie_desktop.ui.dialogs import NewReportDialog, ReportChooser

if TYPE_CHECKING:
    from kexie_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
_Yes, _No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _current_id(window: MainWindow) -> int | None:
    return window.session.editor.report_id if window.session is not None else None


def _fail(window: MainWindow, title: str, exc: StorageError | WorkspaceError | EditError) -> None:
    QMessageBox.warning(window, title, exc.message)


def _modal(dialog: QDialog, window: MainWindow) -> bool:
    """Run ``dialog``; True when accepted. The window is made active again afterwards: the
    report it opens is rebuilt under the keyboard, and without a window manager (or after
    some of them) the keys would otherwise go nowhere until the clerk clicks."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    window.activateWindow()
    return accepted


def open_other(window: MainWindow) -> None:
    dialog = ReportChooser(window.workspace.list_reports(), _current_id(window), window)
    if not _modal(dialog, window):
        return
    chosen = dialog.chosen()
    if chosen is not None and chosen != _current_id(window):
        try:
            window.open_report(chosen)
        except StorageError as exc:
            _fail(window, "无法打开报告", exc)


def create(window: MainWindow) -> None:
    if window.read_only_reason:
        QMessageBox.information(window, "新建报告", window.read_only_reason)
        return
    templates = window.workspace.templates
    dialog = NewReportDialog(
        window.workspace.list_reports(),
        _current_id(window),
        templates.newest(),
        window.settings.last_template or templates.default_id,
        window,
    )
    if not _modal(dialog, window):
        return
    choice = dialog.choice()
    if window.session is not None:
        window.session.save_now()
    try:
        if choice.previous is not None:
            report_id = window.workspace.create_from_previous(choice.previous)
        else:
            template = templates.latest(choice.template_id)
            report_id = window.workspace.create_blank(template, choice.unit, choice.year)
            window.settings.last_template = template.id
        window.open_report(report_id)
    except StorageError as exc:
        _fail(window, "无法新建报告", exc)
        return
    if window.session is not None:  # the cover fields first; Tab goes into them
        window.navigator.select(window.session.report.schema.sections[0].key)
        window.navigator.setFocus()
    window.statusBar().showMessage(
        "已新建报告。数字已清空，上年的数字显示在各数字栏右侧供对照。", 10000
    )


def delete_current(window: MainWindow) -> None:
    report_id = _current_id(window)
    if report_id is None or window.session is None:
        return
    if window.read_only_reason:
        QMessageBox.information(window, "删除报告", window.read_only_reason)
        return
    name = window.session.report.display_name
    answer = QMessageBox.question(
        window,
        "删除报告",
        f"确实要删除“{name}”吗？\n删除后无法恢复。建议先导出 PDF 或交换文件留底。",
        _Yes | _No,
        _No,
    )
    if answer != _Yes:
        return
    window.session.save_now()
    try:
        window.workspace.delete(report_id)
        remaining = window.workspace.list_reports()
        next_id = remaining[0].id if remaining else window.workspace.create_blank()
        window.session = None
        window.open_report(next_id)
    except StorageError as exc:
        _fail(window, "无法删除报告", exc)
        return
    window.statusBar().showMessage(f"已删除“{name}”。", 8000)


def toggle_final(window: MainWindow) -> None:
    session = window.session
    if session is None:
        return
    editor = session.editor
    try:
        if editor.is_final:
            answer = QMessageBox.question(
                window,
                "重新打开",
                "重新打开后可以再修改这份报告，定稿状态会取消。继续吗？",
                _Yes | _No,
            )
            if answer != _Yes:
                return
            editor.reopen()
        else:
            blocking = editor.blocking()
            if blocking:
                window.findings_panel.show_missing.setChecked(True)
                lines = "\n".join(f"· {f.message}" for f in blocking[:8])
                more = f"\n……等共 {len(blocking)} 项" if len(blocking) > 8 else ""
                QMessageBox.warning(
                    window,
                    "还不能定稿",
                    "定稿前须改正所有错误，并对每条提示写明说明：\n\n" + lines + more,
                )
                return
            answer = QMessageBox.question(
                window,
                "定稿",
                "定稿后报告只能查看，不能修改（可以再“重新打开”）。现在定稿吗？",
                _Yes | _No,
            )
            if answer != _Yes:
                return
            editor.finalise()
    except (EditError, StorageError) as exc:
        _fail(window, "无法更改报告状态", exc)
        return
    session.invalidate()
    window.statusBar().showMessage(f"报告已{'定稿' if editor.is_final else '重新打开'}。", 8000)


HANDOVER_FILTER = "报告交换文件 (*.json)"


def export_handover(window: MainWindow) -> None:
    """Save the open report as a hand-over file, e.g. to carry it to another PC."""
    session = window.session
    if session is None:
        return
    session.save_now()
    suggested = window.settings.export_folder / f"{session.report.title}.json"
    target, _ = QFileDialog.getSaveFileName(
        window, "导出报告交换文件", str(suggested), HANDOVER_FILTER
    )
    if not target:
        return
    try:
        window.workspace.export_json(session.editor.report_id, Path(target))
    except (WorkspaceError, StorageError) as exc:
        _fail(window, "无法导出交换文件", exc)
        return
    window.statusBar().showMessage(f"已导出交换文件：{target}")


def import_handover(window: MainWindow) -> None:
    """Add the report in a hand-over file as a new report and open it."""
    if window.read_only_reason:
        QMessageBox.information(window, "导入交换文件", window.read_only_reason)
        return
    source, _ = QFileDialog.getOpenFileName(
        window, "导入报告交换文件", str(window.settings.export_folder), HANDOVER_FILTER
    )
    if not source:
        return
    if window.session is not None:
        window.session.save_now()
    try:
        report_id = window.workspace.import_json(Path(source))
        window.open_report(report_id)
    except (WorkspaceError, StorageError) as exc:
        _fail(window, "无法导入交换文件", exc)
        return
    window.statusBar().showMessage(f"已导入：{Path(source).name}")


def sample_notice(report: Report) -> str:
    """The banner on a built-in example: it must never be mistaken for the clerk's own report."""
    name = report.display_name.removeprefix("【示例】")
    # True of every built-in example: the published report they follow printed no scores.
    scores = (
        f"{report.template.scorecard.title}的得分和预算数是示例数据，并非公开发布的内容；"
        if report.template.scorecard is not None
        else ""
    )
    return (
        f"【示例】这是内置的示例报告（{name}，{report.template.name}），供参考和练习；"
        "其中的数字可能对不上，正好看审核怎样提示；"
        f"{scores}填写本单位的报告，请点“新建报告”。"
    )
