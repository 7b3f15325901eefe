"""The main window: sections on the left, the chosen section's form on the right, every finding
of the report underneath; saving is automatic."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop import APP_DISPLAY_NAME
from kexie_desktop.core.findings import Finding
from kexie_desktop.core.report import Report, schema_key
from kexie_desktop.core.schema import ReportSchema, Section
from kexie_desktop.services.editing import ReportEditor
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.storage import StorageError
from kexie_desktop.ui import dialogs, history_view, pdf_export, reports, style
from kexie_desktop.ui.data_file import DataFileDialog
from kexie_desktop.ui.export_worker import Exported, ExportThread
from kexie_desktop.ui.findings_panel import FindingsPanel
from kexie_desktop.ui.navigator import Navigator
from kexie_desktop.ui.reports import sample_notice
from kexie_desktop.ui.section_form import SectionForm
from kexie_desktop.ui.session import Session
from kexie_desktop.ui.settings import Settings

log = logging.getLogger(__name__)


def pages(schema: ReportSchema) -> list[Section]:
    """The sections that get a form: those with fields or tables of their own."""
    return [section for section in schema.all_sections() if section.items]


class MainWindow(QMainWindow):
    def __init__(
        self,
        workspace: Workspace,
        settings: Settings,
        read_only_reason: str = "",
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.read_only_reason = read_only_reason
        self.open_url = open_url
        self.session: Session | None = None
        self.forms: dict[str, SectionForm] = {}
        self.export_thread: ExportThread | None = None
        self.setObjectName("main-window")
        self.setStyleSheet(style.STYLE_SHEET)
        self._build()
        # An explicit minimum keeps the layout from resizing the window's limits whenever a
        # label changes (and fits a 1024×768 screen).
        self.setMinimumSize(960, 640)
        geometry = settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.navigator = Navigator()
        self.navigator.setMinimumWidth(300)
        self.navigator.section_chosen.connect(self.show_section)
        self.stack = QStackedWidget()
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.findings_panel = FindingsPanel(lambda: self.session)
        self.findings_panel.jump.connect(self.jump_to_finding)
        self.findings_panel.explanation.left.connect(self._left_field)
        right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        right.addWidget(top)
        right.addWidget(self.findings_panel)
        right.setSizes([680, 170])
        right.setStretchFactor(0, 3)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigator)
        splitter.addWidget(right)
        splitter.setSizes([370, 910])  # wide enough for the longest heading (九、…公开情况)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.saved_label = QLabel("尚未修改")
        self.saved_label.setObjectName("saved-label")
        self.statusBar().addPermanentWidget(self.saved_label)
        self._actions()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        keys: QKeySequence | QKeySequence.StandardKey | list[QKeySequence] | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if isinstance(keys, list):
            action.setShortcuts(keys)
        elif keys is not None:
            action.setShortcut(keys)
        self.addAction(action)
        return action

    def _actions(self) -> None:
        key = QKeySequence.StandardKey
        self.open_action = self._action("打开报告…", lambda: reports.open_other(self), key.Open)
        self.new_action = self._action("新建报告…", lambda: reports.create(self), key.New)
        self.delete_action = self._action("删除报告…", lambda: reports.delete_current(self))
        self.import_action = self._action("导入…", lambda: reports.import_handover(self))
        self.import_action.setToolTip("导入报告交换文件（.json），例如从另一台电脑带来的报告")
        self.export_json_action = self._action(
            "导出交换文件…", lambda: reports.export_handover(self)
        )
        self.export_json_action.setToolTip("把当前报告存为交换文件（.json），可在另一台电脑导入")
        self.save_action = self._action("立即保存", self.save_now, key.Save)
        self.undo_action = self._action("撤销", self.undo, [QKeySequence(key.Undo)])
        self.redo_action = self._action(
            "重做", self.redo, [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        )
        self.final_action = self._action("定稿", lambda: reports.toggle_final(self))
        self.export_action = self._action("导出 PDF", self.export_pdf, QKeySequence("Ctrl+E"))
        self.export_to_action = self._action("导出到…", self.export_pdf_to)
        self.export_action.setToolTip("导出公文格式的 PDF 并打开（Ctrl+E）")
        self.single_sided_action = self._action(
            "单面打印", lambda: pdf_export.remember_single_sided(self)
        )
        self.single_sided_action.setCheckable(True)
        self.single_sided_action.setChecked(self.settings.single_sided)
        self.single_sided_action.setToolTip(
            "勾选：页码居中，适合单面打印；不勾选：单页页码在右、双页在左，适合双面打印"
        )
        toolbar = QToolBar("工具栏")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.open_action,
            self.new_action,
            self.delete_action,
            self.import_action,
            self.export_json_action,
        ):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.save_action, self.undo_action, self.redo_action):
            toolbar.addAction(action)
        self.about_action = self._action(
            "关于", lambda: dialogs.show_about(self, self.workspace.path)
        )
        toolbar.addSeparator()
        for action in (
            self.final_action,
            self.export_action,
            self.export_to_action,
            self.single_sided_action,
        ):
            toolbar.addAction(action)
        # The toolbar takes no focus: each of these has a key of its own (no menu bar yet).
        self.keep_version_action = self._action(
            "保存版本…", lambda: history_view.keep(self), QKeySequence("Ctrl+Shift+S")
        )
        self.keep_version_action.setToolTip("保存当前版本，并写一句说明（Ctrl+Shift+S）")
        self.history_action = self._action(
            "历史版本…", lambda: history_view.show(self), QKeySequence("Ctrl+H")
        )
        self.history_action.setToolTip("查看、比较和恢复以前的版本（Ctrl+H）")
        self.data_file_action = self._action(
            "数据文件…", lambda: DataFileDialog(self).exec(), QKeySequence("Ctrl+Shift+D")
        )
        self.data_file_action.setToolTip(
            "数据文件在哪里、自动备份、备份到 U 盘、从备份恢复（Ctrl+Shift+D）"
        )
        toolbar.addSeparator()
        for action in (self.keep_version_action, self.history_action, self.data_file_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.about_action)
        self.addToolBar(toolbar)

    # -- reports ---------------------------------------------------------------------------

    def open_report(self, report_id: int) -> None:
        """Show the report ``report_id`` (saving the one open now first)."""
        if self.session is not None:
            self.session.save_now()
        report = self.workspace.load(report_id)
        editor = ReportEditor(self.workspace.repository, report, bool(self.read_only_reason))
        if self.read_only_reason:
            editor.read_only_reason = self.read_only_reason
        session = Session(editor, self._previous(report))
        session.changed.connect(self._changed)
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        session.refused.connect(lambda message: self.statusBar().showMessage(message, 8000))
        old_forms = list(self.forms.values())
        self.session = session
        self.forms = {}
        previous_sections = self.navigator.sections
        self.navigator.show_outline(report.schema)
        for section in pages(report.schema):
            form = SectionForm(section, session)
            self.forms[section.key] = form
            self.stack.addWidget(form)
        for form in old_forms:
            self.stack.removeWidget(form)
            form.deleteLater()
        self.settings.set_last_report(self.workspace.path, report_id)
        self.saved_label.setText("已打开")
        current = self.navigator.current_key()
        if report.schema.sections != previous_sections or current not in self.forms:
            current = pages(report.schema)[0].key
        self._changed("")
        self.navigator.select(current)
        self.show_section(current)

    def _previous(self, report: Report) -> Report | None:
        if report.based_on is None:
            return None
        try:
            return self.workspace.load(report.based_on)
        except StorageError:
            return None  # last year's report was deleted since

    # -- showing ---------------------------------------------------------------------------

    def current_form(self) -> SectionForm | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, SectionForm) else None

    def show_section(self, key: str) -> None:
        if self.session is None:
            return
        schema = self.session.report.schema
        if key not in {section.key for section in schema.all_sections()}:
            return
        section = schema.section(key)
        if not section.items and section.subsections:
            self.navigator.select(section.subsections[0].key)
            return
        if self.session is None or key not in self.forms:
            return
        self._left_field()
        form = self.forms[key]
        self.stack.setCurrentWidget(form)
        form.show_state(self.session.state(), force=True)
        self.navigator.select(key)

    def _changed(self, focus: str) -> None:
        session = self.session
        if session is None:
            return
        state = session.state()
        self.navigator.show_findings(state.findings)
        self.findings_panel.show_state(state)
        form = self.current_form()
        if focus and focus != "-":
            self.jump_to_path(focus, force=True)
        elif form is not None:
            form.show_state(state, force=bool(focus))
        self._update_chrome()

    def _update_chrome(self) -> None:
        session = self.session
        if session is None:
            return
        report = session.report
        editor = session.editor
        suffix = "，只读" if self.read_only_reason else ""
        self.setWindowTitle(
            f"{report.display_name}（{report.status.label}{suffix}） — {APP_DISPLAY_NAME}"
        )
        self.undo_action.setEnabled(editor.can_undo)
        self.redo_action.setEnabled(editor.can_redo)
        self.final_action.setText("重新打开" if editor.is_final else "定稿")
        self.final_action.setEnabled(not self.read_only_reason)
        if not session.retrying:
            if self.read_only_reason:
                self._banner(self.read_only_reason, "banner-info")
            elif editor.is_final:
                self._banner("这份报告已定稿，只能查看。如需修改，请点“重新打开”。", "banner-info")
            elif report.is_sample:
                self._banner(sample_notice(report), "banner-info")
            else:
                self.banner.hide()

    def _banner(self, text: str, role: str) -> None:
        self.banner.setText(text)
        style.set_prop(self.banner, "role", role)
        self.banner.show()

    def jump_to_finding(self, finding: Finding) -> None:
        if finding.fields:
            self.jump_to_path(finding.fields[0])
        else:
            self.navigator.select(finding.section)

    def jump_to_path(self, path: str, force: bool = False) -> None:
        if self.session is None:
            return
        schema = self.session.report.schema
        key = schema_key(path)
        if not (schema.has_field(key) or schema.has_table(key)):
            return
        section_key = schema.section_of(key).key
        if self.current_form() is not self.forms.get(section_key):
            self.navigator.select(section_key)
        form = self.forms[section_key]
        if force and self.session is not None:
            form.show_state(self.session.state(), force=True)
        form.focus_path(path)

    # -- editing ---------------------------------------------------------------------------

    def _left_field(self) -> None:
        if self.session is not None:
            self.session.left_field()

    def save_now(self) -> None:
        if self.session is not None:
            self.session.editor.seal()
            self.session.save_now()

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    def _saved(self, when: str) -> None:
        self.saved_label.setText(f"已自动保存 {when}")
        style.set_prop(self.saved_label, "role", "hint")
        self._update_chrome()

    def _save_failed(self, message: str) -> None:
        self.saved_label.setText("保存失败，正在重试")
        style.set_prop(self.saved_label, "role", "message-error")
        self._banner(message, "banner")

    # -- export (ui/pdf_export.py) ---------------------------------------------------------

    def export_pdf(self) -> None:
        pdf_export.start(self)

    def export_pdf_to(self) -> None:
        pdf_export.choose_folder_and_start(self)

    def on_exported(self, result: Exported) -> None:
        pdf_export.exported(self, result)

    def on_export_failed(self, message: str) -> None:
        pdf_export.failed(self, message)

    # -- closing ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.session is not None and not self.session.save_now():
            answer = QMessageBox.question(
                self,
                "尚未保存",
                "有修改还没能写入数据文件（原因见窗口上方的提示）。现在关闭，这些修改会丢失。\n"
                "确实要关闭吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self.export_thread is not None:
            self.export_thread.wait()
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        event.accept()
