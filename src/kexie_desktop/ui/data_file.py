"""“数据文件” — where the clerk's data is, and its backups: the file's place, size, reports
and last backup, a button to open its folder, 备份到… (e.g. a USB stick) and 从备份恢复…."""

from __future__ import annotations

import datetime as dt
import html
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop.core.errors import UserError
from kexie_desktop.services.backups import backups_folder, contents, last_backup, restore
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.storage import write_backup
from kexie_desktop.ui.dialogs import confirm, fit_to_screen

if TYPE_CHECKING:
    from kexie_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
_FILTER = "数据文件或备份 (*.sqlite);;所有文件 (*)"


def _size(path: Path) -> str:
    size = path.stat().st_size if path.exists() else 0
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def describe(workspace: Workspace) -> str:
    path = workspace.path
    backup = last_backup(path)
    when = f"{backup:%Y-%m-%d %H:%M}" if backup else "还没有"
    return (
        f"<p><b>数据文件：</b>{html.escape(str(path))}</p>"
        f"<p>大小 {_size(path)}，共 {len(workspace.list_reports())} 份报告。"
        "填写的内容都保存在这个文件里，每次修改都立即写入。</p>"
        f"<p><b>自动备份：</b>{html.escape(str(backups_folder(path)))}<br>"
        f"最近一次备份：{when}。每天第一次打开本软件时自动备份，保留最近 7 天和之前 4 周各一份。</p>"
    )


class DataFileDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("数据文件与备份")
        self.setObjectName("data-file-dialog")
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setObjectName("data-file-text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self._button(buttons, "打开所在文件夹(&O)", self._open_folder)
        self._button(buttons, "备份到(&B)…", self._back_up)
        self.restore_ = self._button(buttons, "从备份恢复(&R)…", self._restore)
        self.restore_.setEnabled(not window.read_only_reason)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 300)
        self.refresh()

    def _button(self, box: QDialogButtonBox, text: str, slot: object) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        self.text.setText(describe(self.window_.workspace))

    def _open_folder(self) -> None:
        self.window_.open_url(QUrl.fromLocalFile(str(self.window_.workspace.path.parent)))

    def _back_up(self) -> None:
        stamp = dt.date.today().isoformat()
        suggested = str(Path.home() / f"报告数据备份-{stamp}.sqlite")
        target, _ = QFileDialog.getSaveFileName(self, "备份到", suggested, _FILTER)
        if target:
            back_up_to(self, self.window_, Path(target))
            self.refresh()

    def _restore(self) -> None:
        folder = backups_folder(self.window_.workspace.path)
        source, _ = QFileDialog.getOpenFileName(self, "选择备份文件", str(folder), _FILTER)
        if source:
            restore_from(self, self.window_, Path(source))
            self.refresh()


def back_up_to(parent: QWidget, window: MainWindow, target: Path) -> bool:
    if window.session is not None:
        window.session.save_now()
    try:
        if target.resolve() == window.workspace.path.resolve():
            raise UserError("备份文件不能是数据文件本身，请另选一个文件名。")
        write_backup(window.workspace.path, target)
    except (UserError, OSError) as exc:
        message = exc.message if isinstance(exc, UserError) else str(exc)
        QMessageBox.warning(parent, "备份失败", message)
        return False
    window.statusBar().showMessage(f"已备份到 {target}", 10000)
    return True


def restore_from(parent: QWidget, window: MainWindow, source: Path) -> bool:
    """Show what the backup holds, confirm, then put it in place and reopen."""
    try:
        with tempfile.TemporaryDirectory(prefix="kexie-restore-") as scratch:
            held = contents(source, Path(scratch))
    except UserError as exc:
        QMessageBox.warning(parent, "无法使用这个备份", exc.message)
        return False
    names = "\n".join(f"· {name}" for name in held.reports) or "（没有报告）"
    if not confirm(
        parent,
        "从备份恢复",
        f"备份文件：{source}\n保存于 {held.modified:%Y-%m-%d %H:%M}，其中有 {len(held.reports)} 份报告：\n"
        f"{names}\n\n恢复后，数据文件中的内容将换成这个备份；当前的数据文件会先另存到 backups 文件夹，"
        "需要时仍可找回。确定恢复吗？",
    ):
        return False
    workspace = window.workspace
    if window.session is not None and not window.session.save_now():
        QMessageBox.warning(parent, "无法恢复", "当前的修改还没能保存，请先处理保存问题再恢复。")
        return False
    path, templates = workspace.path, workspace.templates
    # Let go of the file; the forms stay until the reopened file's report replaces them.
    window.session = None
    workspace.close()
    try:
        safety = restore(path, source, dt.datetime.now(), mine=True)
    except UserError as exc:
        QMessageBox.warning(parent, "恢复失败", f"{exc.message}\n数据文件没有改动。")
        safety = None
    window.workspace = Workspace.open(path, templates)
    window.open_report(window.workspace.resolve(None))
    if safety is not None:
        window.statusBar().showMessage(f"已从备份恢复；恢复前的数据文件另存为 {safety}", 15000)
        log.info("restored %s from %s", path, source)
    return safety is not None
