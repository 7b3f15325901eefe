"""Every command of the main window, in one place: the menu bar (文件/编辑/报告/帮助, each with
an Alt accelerator), the keys, and the short toolbar of the most frequent ones.

The menu bar holds every command, so the keyboard reaches all of them (Alt, F10, or the
shortcut); the toolbar is only a mouse shortcut and takes no focus."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from kexie_desktop.ui import later

if TYPE_CHECKING:
    from kexie_desktop.ui.main_window import MainWindow

Keys = QKeySequence | QKeySequence.StandardKey | str | list[str] | None
_KEY = QKeySequence.StandardKey


def _keys(keys: Keys) -> list[QKeySequence]:
    if keys is None:
        return []
    if isinstance(keys, list):
        return [QKeySequence(key) for key in keys]
    if isinstance(keys, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(keys)
    return [QKeySequence(keys)]


def make_action(
    window: MainWindow, text: str, slot: Callable[[], object], keys: Keys = None, tip: str = ""
) -> QAction:
    """An action of the window; its first key is shown in the menu and in the tooltip."""
    action = QAction(text, window)
    # The toolbar shows the plain name: no accelerator "(&N)", no "…".
    action.setIconText(re.sub(r"\(&.\)|…", "", text))
    action.triggered.connect(lambda _checked=False: slot())
    bindings = _keys(keys)
    if bindings:
        action.setShortcuts(bindings)
        shown = bindings[0].toString(QKeySequence.SequenceFormat.NativeText)
        tip = f"{tip or text.rstrip('…')}（{shown}）"
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.addAction(action)
    return action


class Commands:
    """The window's actions, its menu bar and toolbar."""

    def __init__(self, window: MainWindow) -> None:
        w = window
        act = make_action
        # 文件
        self.new_action = act(w, "新建报告(&N)…", lambda: later.create(w), _KEY.New)
        self.open_action = act(w, "打开报告(&O)…", lambda: later.open_other(w), _KEY.Open)
        self.import_action = act(
            w,
            "导入交换文件(&I)…",
            lambda: later.import_handover(w),
            "Ctrl+I",
            "导入报告交换文件（.json），例如从另一台电脑带来的报告",
        )
        self.export_json_action = act(
            w,
            "导出交换文件(&J)…",
            lambda: later.export_handover(w),
            "Ctrl+Shift+J",
            "把当前报告存为交换文件（.json），可在另一台电脑导入",
        )
        self.export_action = act(
            w, "导出 PDF(&E)", w.export_pdf, "Ctrl+E", "导出公文格式的 PDF 并打开"
        )
        self.export_to_action = act(
            w, "导出 PDF 到(&T)…", w.export_pdf_to, "Ctrl+Shift+E", "选择文件夹，导出 PDF"
        )
        self.single_sided_action = act(
            w,
            "单面打印(&1)",
            lambda: later.remember_single_sided(w),
            tip="勾选：页码居中，适合单面打印；不勾选：单页页码在右、双页在左，适合双面打印",
        )
        self.single_sided_action.setCheckable(True)
        self.single_sided_action.setChecked(w.settings.single_sided)
        self.save_action = act(
            w, "立即保存(&S)", w.save_now, _KEY.Save, "立即保存（平时会自动保存）"
        )
        self.keep_version_action = act(
            w,
            "保存版本(&V)…",
            lambda: later.keep(w),
            "Ctrl+Shift+S",
            "保存当前版本，并写一句说明",
        )
        self.history_action = act(
            w,
            "历史版本(&H)…",
            lambda: later.show(w),
            "Ctrl+H",
            "查看、比较和恢复以前的版本",
        )
        self.data_file_action = act(
            w,
            "数据文件与备份(&D)…",
            lambda: later.data_file(w),
            "Ctrl+Shift+D",
            "数据文件在哪里、自动备份、备份到 U 盘、从备份恢复",
        )
        self.delete_action = act(
            w, "删除报告(&R)…", lambda: later.delete_current(w), "Ctrl+Shift+Del"
        )
        self.quit_action = act(w, "退出(&X)", w.close, "Ctrl+Q", "保存并退出")
        # 编辑
        self.undo_action = act(w, "撤销(&U)", w.undo, _KEY.Undo)
        self.redo_action = act(w, "重做(&R)", w.redo, ["Ctrl+Y", "Ctrl+Shift+Z"])
        self.next_section_action = act(
            w, "下一节(&N)", lambda: w.step_section(1), "Ctrl+PgDown", "转到下一节"
        )
        self.previous_section_action = act(
            w, "上一节(&P)", lambda: w.step_section(-1), "Ctrl+PgUp", "转到上一节"
        )
        self.sections_action = act(
            w, "转到目录(&L)", w.focus_navigator, "Ctrl+L", "转到左侧的章节目录"
        )
        self.next_finding_action = act(
            w, "下一个问题(&F)", lambda: w.step_finding(1), "F4", "转到下一个错误、提示或未填项"
        )
        self.previous_finding_action = act(
            w, "上一个问题(&B)", lambda: w.step_finding(-1), "Shift+F4", "转到上一个问题"
        )
        # 报告
        self.final_action = act(
            w, "定稿(&F)", lambda: later.toggle_final(w), "Ctrl+Shift+F", "定稿或重新打开报告"
        )
        self.findings_action = act(
            w, "审核结果(&A)", w.toggle_findings, "F8", "显示或隐藏窗口下方的审核结果"
        )
        self.findings_action.setCheckable(True)
        self.findings_action.setChecked(True)
        self.preview_action = act(
            w, "打印预览(&P)", w.toggle_preview, "Ctrl+P", "在表单旁显示将要导出的 PDF 页面"
        )
        self.preview_action.setCheckable(True)
        # 帮助
        self.help_action = act(
            w, "填报说明(&H)", w.toggle_help, "F1", "显示或隐藏当前栏目的填报说明"
        )
        self.help_action.setCheckable(True)
        self.help_action.setChecked(True)
        self.keys_action = act(w, "快捷键一览(&K)", lambda: later.show_keys(w))
        self.about_action = act(w, "关于(&A)", lambda: later.show_about(w))

        self._menus(w)
        self._toolbar(w)

    def _menus(self, w: MainWindow) -> None:
        menus = (
            (
                "文件(&F)",
                [
                    self.new_action,
                    self.open_action,
                    None,
                    self.import_action,
                    self.export_json_action,
                    None,
                    self.export_action,
                    self.export_to_action,
                    self.single_sided_action,
                    None,
                    self.save_action,
                    self.keep_version_action,
                    self.history_action,
                    self.data_file_action,
                    None,
                    self.delete_action,
                    None,
                    self.quit_action,
                ],
            ),
            (
                "编辑(&E)",
                [
                    self.undo_action,
                    self.redo_action,
                    None,
                    self.next_section_action,
                    self.previous_section_action,
                    self.sections_action,
                    None,
                    self.next_finding_action,
                    self.previous_finding_action,
                ],
            ),
            ("报告(&R)", [self.final_action, None, self.findings_action, self.preview_action]),
            ("帮助(&H)", [self.help_action, self.keys_action, None, self.about_action]),
        )
        for title, actions in menus:
            menu = QMenu(title, w)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
            w.menuBar().addMenu(menu)

    def _toolbar(self, w: MainWindow) -> None:
        toolbar = QToolBar("工具栏")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        toolbar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for group in (
            (self.new_action, self.open_action),
            (self.undo_action, self.redo_action),
            (self.final_action, self.export_action, self.preview_action),
            (self.history_action,),
        ):
            for action in group:
                toolbar.addAction(action)
            toolbar.addSeparator()
        w.addToolBar(toolbar)
        self.toolbar = toolbar
