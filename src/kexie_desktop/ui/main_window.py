"""The main window: sections on the left, the chosen section's form on the right, every finding
of the report underneath; saving is automatic."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop import APP_DISPLAY_NAME
from kexie_desktop.ui import later, placement, preview_toggle, style
from kexie_desktop.ui.commands import Commands
from kexie_desktop.ui.help_panel import HelpPanel
from kexie_desktop.ui.navigator import Navigator

# The window is shown before the data file is opened (ui/app.py). What it needs only once a
# report is open (the storage, the checks, the templates, the forms) is imported there, so the
# frame is on screen sooner.
if TYPE_CHECKING:
    from kexie_desktop.core.findings import Finding
    from kexie_desktop.core.report import Report
    from kexie_desktop.core.schema import ReportSchema, Section
    from kexie_desktop.services.workspace import Workspace
    from kexie_desktop.ui.export_worker import Exported, ExportThread
    from kexie_desktop.ui.findings_panel import FindingsPanel
    from kexie_desktop.ui.print_preview import PrintPreview
    from kexie_desktop.ui.section_form import SectionForm
    from kexie_desktop.ui.session import Session
    from kexie_desktop.ui.settings import Settings

log = logging.getLogger(__name__)


def pages(schema: ReportSchema) -> list[Section]:
    """The sections that get a form: those with fields or tables of their own."""
    return [section for section in schema.all_sections() if section.items]


class MainWindow(QMainWindow):
    workspace: Workspace  # set at once, or by attach() once the data file is open

    def __init__(
        self,
        workspace: Workspace | None,
        settings: Settings,
        read_only_reason: str = "",
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.read_only_reason = read_only_reason
        self.open_url = open_url
        self.session: Session | None = None
        self.forms: dict[str, SectionForm] = {}
        self._findings: FindingsPanel | None = None  # built by attach(), see findings_panel
        self.export_thread: ExportThread | None = None
        self.setObjectName("main-window")
        self.setStyleSheet(style.STYLE_SHEET)
        self._build()
        # An explicit minimum keeps the layout from resizing the window's limits whenever a
        # label changes; it fits 1366×768 at 150 % (911×512 logical, less the taskbar).
        self.setMinimumSize(720, 420)
        placement.place(self, settings.geometry)
        if workspace is None:
            self.statusBar().showMessage("正在打开数据文件……")
            self.menuBar().setEnabled(False)
            self.centralWidget().setEnabled(False)  # type: ignore[union-attr]
        else:
            self.attach(workspace, read_only_reason)

    def attach(self, workspace: Workspace, read_only_reason: str = "") -> None:
        """Work on ``workspace`` (the window may be shown before the file is open)."""
        self.workspace = workspace
        self.read_only_reason = read_only_reason
        self.findings_panel  # noqa: B018 - built now, under the form
        self.menuBar().setEnabled(True)
        self.centralWidget().setEnabled(True)  # type: ignore[union-attr]
        self.statusBar().clearMessage()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.navigator = Navigator()
        self.navigator.setMinimumWidth(180)
        self.navigator.section_chosen.connect(self.show_section)
        self.help_panel = HelpPanel()
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.navigator)
        left.addWidget(self.help_panel)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        self.stack = QStackedWidget()
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.right.addWidget(top)
        self.right.setStretchFactor(0, 1)
        self.right.setCollapsible(0, False)
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(left)
        self.body.addWidget(self.right)
        self.body.setStretchFactor(1, 1)
        self.preview: PrintPreview | None = None  # built when first asked for (Ctrl+P)
        self.body.setCollapsible(1, False)
        self._dragged: set[QSplitter] = set()  # the clerk's own sizes are kept
        for splitter in (left, self.right, self.body):
            splitter.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            splitter.splitterMoved.connect(lambda *_, s=splitter: self._dragged.add(s))
        self.setCentralWidget(self.body)
        self.saved_label = QLabel("尚未修改")
        self.saved_label.setObjectName("saved-label")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.commands = Commands(self)
        QApplication.instance().focusChanged.connect(self._focus_moved)  # type: ignore[union-attr]

    @property
    def findings_panel(self) -> FindingsPanel:
        """The findings under the form, built on first use: its code pulls in the editors and
        the checks, which the frame shown before the data file is open does not need."""
        if self._findings is None:
            from kexie_desktop.ui.findings_panel import FindingsPanel

            panel = FindingsPanel(lambda: self.session)
            panel.jump.connect(self.jump_to_finding)
            panel.fixed.connect(self._fixed)
            panel.explanation.left.connect(self._left_field)
            self.right.addWidget(panel)
            panel.setVisible(self.commands.findings_action.isChecked())  # F8 before it was built
            self._findings = panel
        return self._findings

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_toolbar()
        self._fit_panes()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_panes)  # once the layout has given the panes sizes

    def _fit_toolbar(self) -> None:
        """On a short screen (1366×768 at 150 % leaves ~450 logical pixels) the toolbar's row
        goes to the form; every command stays in the menu bar and on its key."""
        self.commands.toolbar.setVisible(self.height() >= 560)

    def _fit_panes(self) -> None:
        """Share the width and height by what each pane needs: the section list as wide as
        its headings need up to a quarter of the window; the findings sized to their content,
        up to a third of the height; the form the rest."""
        width = self.body.width()
        left = max(180, min(340, width // 4))
        if self.body not in self._dragged:
            self.body.setSizes([left, width - left])
        height = self.right.height()
        panel = self._findings
        if panel is not None and panel.isVisible() and self.right not in self._dragged:
            wanted = min(panel.preferred_height(), height * 3 // 10)
            self.right.setSizes([height - wanted, wanted])

    # -- reports ---------------------------------------------------------------------------

    def open_report(self, report_id: int) -> None:
        """Show the report ``report_id`` (saving the one open now first)."""
        from kexie_desktop.services.editing import ReportEditor
        from kexie_desktop.ui.session import Session

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
        # The height shared out again for this report's findings (and, the first time, for a
        # panel the frame was sized without: the splitter gave it half the height, and at
        # 1366×768 × 1.5 the form kept four lines).
        QTimer.singleShot(0, self._fit_panes)

    def _previous(self, report: Report) -> Report | None:
        from kexie_desktop.storage import StorageError

        if report.based_on is None:
            return None
        try:
            return self.workspace.load(report.based_on)
        except StorageError:
            return None  # last year's report was deleted since

    # -- showing ---------------------------------------------------------------------------

    def current_form(self) -> SectionForm | None:
        widget = self.stack.currentWidget()
        if widget is None:
            return None  # no report open yet: the forms' code is not loaded either
        from kexie_desktop.ui.section_form import SectionForm

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
        if self.session is None or not section.items:
            return
        self._left_field()
        form = self.form(key)
        self.stack.setCurrentWidget(form)
        form.show_state(self.session.state(), force=True)
        self.navigator.select(key)
        self._chain_focus(form)
        self.help_panel.follow(None, section)

    def form(self, key: str) -> SectionForm:
        """The form of section ``key``, built on its first visit (building all of them
        would cost start-up time for forms the clerk may not open)."""
        from kexie_desktop.ui.section_form import SectionForm

        form = self.forms.get(key)
        if form is None:
            assert self.session is not None
            form = SectionForm(self.session.report.schema.section(key), self.session)
            for table in form.tables.values():  # what a paste wrote, or why it was refused
                table.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            if form.scores is not None:  # the help follows the scoring table's current row
                form.scores.view.reveal.connect(
                    lambda: self._focus_moved(None, QApplication.focusWidget())
                )
            self.forms[key] = form
            self.stack.addWidget(form)
        return form

    def _chain_focus(self, form: SectionForm) -> None:
        """Tab goes: section list → the form's fields in order → the findings → back."""
        chain = [self.navigator, *form.focus_chain(), *self.findings_panel.focus_chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def step_section(self, step: int) -> None:
        """Ctrl+PgDn / Ctrl+PgUp: the next or previous form, focus on its first field."""
        if self.session is None:
            return
        keys = [section.key for section in pages(self.session.report.schema)]
        current = self.navigator.current_key()
        index = keys.index(current) + step if current in keys else 0
        if 0 <= index < len(keys):
            self.show_section(keys[index])
            chain = self.form(keys[index]).focus_chain()
            if chain:
                chain[0].setFocus(Qt.FocusReason.TabFocusReason)
                if isinstance(chain[0], QLineEdit | QPlainTextEdit):
                    chain[0].selectAll()  # typing replaces the value, as after Tab

    def focus_navigator(self) -> None:
        self.navigator.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step_finding(self, step: int) -> None:
        """F4 / Shift+F4: the next or previous open problem, selected in the list and shown
        at its place."""
        finding = self.findings_panel.step(step)
        if finding is not None:
            self.jump_to_finding(finding)

    def toggle_findings(self) -> None:
        shown = self.commands.findings_action.isChecked()
        self.findings_panel.setVisible(shown)
        if shown:
            self._fit_panes()

    def toggle_preview(self) -> None:
        preview_toggle.toggle(self)

    def toggle_help(self) -> None:
        self.help_panel.setVisible(self.commands.help_action.isChecked())
        self._focus_moved(None, QApplication.focusWidget())

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.session is None:
            return  # nothing to explain before a report is open
        if self.help_panel.isVisible() and new is not None and self.isAncestorOf(new):
            form = self.current_form()
            self.help_panel.follow(new, form.section if form is not None else None)

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
        preview_toggle.update(self)

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
        self.commands.undo_action.setEnabled(editor.can_undo)
        self.commands.redo_action.setEnabled(editor.can_redo)
        self.commands.final_action.setText("重新打开(&F)" if editor.is_final else "定稿(&F)")
        self.commands.final_action.setIconText("重新打开" if editor.is_final else "定稿")
        self.commands.final_action.setEnabled(not self.read_only_reason)
        if not session.retrying:
            if self.read_only_reason:
                self._banner(self.read_only_reason, "banner-info")
            elif editor.is_final:
                self._banner("这份报告已定稿，只能查看。如需修改，请点“重新打开”。", "banner-info")
            elif report.is_sample:
                from kexie_desktop.ui.reports import sample_notice

                self._banner(sample_notice(report), "banner-info")
            else:
                self.banner.hide()

    def _banner(self, text: str, role: str) -> None:
        self.banner.setText(text)
        style.set_prop(self.banner, "role", role)
        self.banner.show()

    def jump_to_finding(self, finding: Finding) -> None:
        from kexie_desktop.ui.jumps import select_span

        if finding.fields:
            self.jump_to_path(finding.fields[0])
            if finding.spans:
                select_span(QApplication.focusWidget(), finding.spans[0])
        else:
            self.navigator.select(finding.section)

    def _fixed(self, path: str) -> None:
        self.statusBar().showMessage(
            "已改正（可撤销）。" if path else "这段文字已经改过，请看更新后的审核结果。", 8000
        )

    def jump_to_path(self, path: str, force: bool = False) -> None:
        if self.session is None:
            return
        from kexie_desktop.core.report import schema_key

        schema = self.session.report.schema
        key = schema_key(path)
        if not (schema.has_field(key) or schema.has_table(key)):
            return
        section_key = schema.section_of(key).key
        if self.current_form() is not self.forms.get(section_key):
            self.navigator.select(section_key)
        form = self.form(section_key)
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
        later.export_pdf(self)

    def export_pdf_to(self) -> None:
        later.export_pdf_to(self)

    def on_exported(self, result: Exported) -> None:
        later.exported(self, result)

    def on_export_failed(self, message: str) -> None:
        later.export_failed(self, message)

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
        if self.preview is not None:
            self.preview.stop()
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        event.accept()
