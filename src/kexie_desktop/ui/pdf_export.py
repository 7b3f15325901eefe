"""One-click PDF: flush the edits, export a snapshot of the report in a worker thread into
the last used folder, open the result; the window stays responsive meanwhile."""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kexie_desktop.services.edit_steps import EditError
from kexie_desktop.services.history import VersionReason
from kexie_desktop.ui.export_worker import Exported, ExportThread

if TYPE_CHECKING:
    from kexie_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def start(window: MainWindow) -> None:
    session = window.session
    if session is None:
        return
    if window.export_thread is not None and window.export_thread.isRunning():
        window.statusBar().showMessage("正在导出 PDF，请稍候…")
        return
    if not window.settings.export_folder.is_dir():
        # No earlier folder and no Documents folder on this PC: ask where, as 导出到 does,
        # rather than fail with "保存位置不存在".
        choose_folder_and_start(window)
        return
    session.editor.seal()
    session.save_now()  # the snapshot below holds the edits even if this failed
    thread = ExportThread(
        copy.deepcopy(session.report),
        window.settings.export_folder,
        single_sided=window.commands.single_sided_action.isChecked(),
    )
    # Bound methods of the window (a QObject in the GUI thread), so the results are queued
    # to the GUI thread rather than run in the worker.
    thread.succeeded.connect(window.on_exported)
    thread.failed.connect(window.on_export_failed)
    window.export_thread = thread
    window.commands.export_action.setEnabled(False)
    window.statusBar().showMessage("正在导出 PDF…")
    thread.start()


def choose_folder_and_start(window: MainWindow) -> None:
    folder = QFileDialog.getExistingDirectory(
        window, "选择保存 PDF 的文件夹", str(window.settings.export_folder)
    )
    if folder:
        window.settings.export_folder = Path(folder)
        start(window)


def remember_single_sided(window: MainWindow) -> None:
    window.settings.single_sided = window.commands.single_sided_action.isChecked()


def _done(window: MainWindow) -> None:
    window.commands.export_action.setEnabled(True)
    if window.export_thread is not None:
        window.export_thread.wait()
        window.export_thread.deleteLater()
        window.export_thread = None


def exported(window: MainWindow, result: Exported) -> None:
    _done(window)
    _keep_exported_version(window, str(result.path))
    window.settings.export_folder = result.path.parent
    notes = f"，{len(result.warnings)} 条提醒" if result.warnings else ""
    for warning in result.warnings:
        log.warning("export: %s", warning.message)
    window.statusBar().showMessage(f"已导出 PDF（{result.pages} 页{notes}）：{result.path}")
    window.open_url(QUrl.fromLocalFile(str(result.path)))
    if result.warnings:
        # E.g. a character no font has: the clerk must see it before printing.
        QMessageBox.warning(
            window,
            "PDF 已导出，请注意",
            "\n\n".join(warning.message for warning in result.warnings),
        )


def _keep_exported_version(window: MainWindow, where: str) -> None:
    """What was exported is kept as a version (not from a read-only window: it writes nothing)."""
    session = window.session
    if session is None or session.editor.read_only_reason:
        return
    try:
        session.editor.keep_version(VersionReason.EXPORT, where)
    except EditError as exc:  # the PDF is written; the version is only missing
        log.warning("the exported version was not kept: %s", exc.message)


def failed(window: MainWindow, message: str) -> None:
    _done(window)
    window.statusBar().showMessage("导出 PDF 失败")
    QMessageBox.warning(window, "导出 PDF 失败", message)
