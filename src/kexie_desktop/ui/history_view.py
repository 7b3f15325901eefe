"""“历史版本” — the versions of the open report, each compared with the report as it is now
(changed figures, and changed words marked character by character), restoring a whole version
or one item of it; and the comparison with last year's report."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop.core.compare import Comparison, Run, YearOnYear, against_last_year, compare
from kexie_desktop.core.errors import UserError
from kexie_desktop.core.report import Report, schema_key
from kexie_desktop.services.history import VersionReason, reason_label
from kexie_desktop.ui.dialogs import fit_to_screen

if TYPE_CHECKING:
    from kexie_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
_VERSION = Qt.ItemDataRole.UserRole
_REMOVED = "color:#a1001c;background:#fde2e4;text-decoration:line-through"
_ADDED = "color:#00612a;background:#ddf4e4;text-decoration:underline"


def keep(window: MainWindow) -> None:
    """保存版本…: keep the report as it is now, with the clerk's note."""
    session = window.session
    if session is None:
        return
    note, accepted = QInputDialog.getText(
        window, "保存版本", "给这个版本写一句说明（可不填），如：交财政局前的稿子"
    )
    if not accepted:
        return
    try:
        session.editor.keep_version(VersionReason.MANUAL, note.strip())
    except UserError as exc:
        QMessageBox.warning(window, "无法保存版本", exc.message)
        return
    window.statusBar().showMessage("已保存当前版本，可在“历史版本”中查看和恢复。", 8000)


def show(window: MainWindow) -> None:
    if window.session is not None:
        window.session.save_now()
        HistoryDialog(window).exec()


# -- rendering ---------------------------------------------------------------------------------


def _run_html(run: Run) -> str:
    text = html.escape(run.text).replace("\n", "<br>")
    if run.kind == "removed":
        return f'<span style="{_REMOVED}">{text}</span>'
    if run.kind == "added":
        return f'<span style="{_ADDED}">{text}</span>'
    return text


def comparison_html(comparison: Comparison) -> str:
    """The version (old) against the report now (new): what changed since that version."""
    if comparison.unchanged:
        return "<p>这个版本与现在的报告完全相同。</p>"
    parts = [
        f'<p>与这个版本相比，现在的报告：<span style="{_REMOVED}">删去的文字</span>、'
        f'<span style="{_ADDED}">新写的文字</span>。</p>'
    ]
    if comparison.figures:
        rows = "".join(
            f"<tr><td>{html.escape(f.label)}</td><td align=right>{html.escape(f.old_text) or '未填'}</td>"
            f"<td align=right>{html.escape(f.new_text) or '未填'}</td>"
            f"<td align=right>{html.escape(f.difference)}</td></tr>"
            for f in comparison.figures
        )
        parts.append(
            "<h4>数字</h4><table border=1 cellspacing=0 cellpadding=3>"
            "<tr><th>位置</th><th>这个版本</th><th>现在</th><th>变化</th></tr>"
            f"{rows}</table>"
        )
    if comparison.rows:
        items = "".join(
            f"<li>{'现在多了' if r.kind == 'added' else '现在少了'}："
            f"{html.escape(f'{r.within} · {r.label}' if r.within else r.label)}</li>"
            for r in comparison.rows
        )
        parts.append(f"<h4>表格行</h4><ul>{items}</ul>")
    for change in comparison.texts:
        # Side by side: the version with what was taken out, now with what was written in.
        then = "".join(_run_html(run) for run in change.runs if run.kind != "added")
        now = "".join(_run_html(run) for run in change.runs if run.kind != "removed")
        parts.append(
            f"<h4>{html.escape(change.label)}</h4>"
            "<table width=100% border=1 cellspacing=0 cellpadding=4>"
            "<tr><th width=50%>这个版本</th><th width=50%>现在</th></tr>"
            f"<tr><td valign=top>{then}</td><td valign=top>{now}</td></tr></table>"
        )
    return "".join(parts)


def year_html(year: YearOnYear) -> str:
    parts = ["<h4>与上年完全相同的段落</h4>"]
    if year.unchanged:
        parts.append(
            "<p>审核人员常问：“是不是照抄了去年？”下面这些段落与上年报告一字不差：</p><ul>"
            + "".join(
                f"<li><b>{html.escape(p.label)}</b>：{html.escape(p.text)}</li>"
                for p in year.unchanged
            )
            + "</ul>"
        )
    else:
        parts.append("<p>没有与上年一字不差的段落。</p>")
    figures = [f for f in year.figures if f.last_text or f.this_text]
    if figures:
        rows = "".join(
            f"<tr><td>{html.escape(f.label)}</td><td align=right>{html.escape(f.last_text) or '未填'}</td>"
            f"<td align=right>{html.escape(f.this_text) or '未填'}</td>"
            f"<td align=right>{html.escape(f.change)}</td><td align=right>{html.escape(f.change_rate)}</td></tr>"
            for f in figures
        )
        parts.append(
            "<h4>金额（万元）与上年比较</h4><table border=1 cellspacing=0 cellpadding=3>"
            "<tr><th>项目</th><th>上年</th><th>本年</th><th>增减</th><th>增减幅度</th></tr>"
            f"{rows}</table>"
        )
    return "".join(parts)


def changed_items(report: Report, comparison: Comparison) -> list[tuple[str, str]]:
    """The fields and tables that differ, as (key, label), each once, in report order."""
    keys: list[str] = []
    for path in [
        *(c.path for c in comparison.figures),
        *(c.path for c in comparison.texts),
        *(c.path for c in comparison.rows),
    ]:
        key = schema_key(path)
        if key not in keys:
            keys.append(key)
    schema = report.schema
    order = [*(f.key for f in schema.fields()), *(t.key for t in schema.tables())]
    keys.sort(key=lambda k: order.index(k) if k in order else len(order))
    return [
        (key, schema.field(key).label if schema.has_field(key) else schema.table(key).label)
        for key in keys
    ]


# -- the dialog --------------------------------------------------------------------------------


class HistoryDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        assert window.session is not None
        self.window_ = window
        self.editor = window.session.editor
        self.setWindowTitle("历史版本")
        self.setObjectName("history-dialog")
        self.versions = QTreeWidget()
        self.versions.setObjectName("history-versions")
        self.versions.setHeaderLabels(["时间", "原因", "说明", "电脑 / 用户"])
        self.versions.setRootIsDecorated(False)
        self.versions.currentItemChanged.connect(lambda *_: self._compare())
        self.view = QTextBrowser()
        self.view.setObjectName("history-comparison")
        self.items = QListWidget()
        self.items.setObjectName("history-items")
        self.items.setMaximumHeight(110)
        self.restore_all = QPushButton("恢复整个版本(&A)")
        self.restore_all.setObjectName("history-restore-all")
        self.restore_all.clicked.connect(lambda: self._restore(None))
        self.restore_one = QPushButton("只恢复所选项(&S)")
        self.restore_one.setObjectName("history-restore-one")
        self.restore_one.clicked.connect(self._restore_selected)
        read_only = self.editor.is_read_only
        for button in (self.restore_all, self.restore_one):
            button.setEnabled(not read_only)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._compare_tab(), "与现在比较")
        self.year_view = QTextBrowser()
        self.year_view.setObjectName("history-last-year")
        self.tabs.addTab(self.year_view, "与上年报告比较")
        splitter = QSplitter()
        splitter.addWidget(self.versions)
        splitter.addWidget(self.tabs)
        splitter.setSizes([360, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 1000, 620)
        self._fill()
        self._show_last_year()
        if not self.versions.topLevelItemCount() and self.editor.report.based_on is not None:
            self.tabs.setCurrentIndex(1)  # nothing to go back to yet: last year is the question

    def _compare_tab(self) -> QWidget:
        compare_tab = QWidget()
        column = QVBoxLayout(compare_tab)
        column.addWidget(self.view, 1)
        column.addWidget(QLabel("有变化的项目（选一项后可只恢复这一项）："))
        column.addWidget(self.items)
        row = QHBoxLayout()
        row.addWidget(self.restore_one)
        row.addWidget(self.restore_all)
        row.addStretch(1)
        column.addLayout(row)
        return compare_tab

    def _fill(self) -> None:
        self.versions.clear()
        for version in self.editor.history.versions():
            who = " / ".join(part for part in (version.machine, version.user_name) if part)
            item = QTreeWidgetItem(
                [
                    version.created_at.replace("T", " "),
                    reason_label(version.reason),
                    version.note,
                    who,
                ]
            )
            item.setData(0, _VERSION, version.id)
            self.versions.addTopLevelItem(item)
        newest = self.versions.topLevelItem(0)
        if newest is not None:
            self.versions.setCurrentItem(newest)
        else:
            self.view.setHtml(
                "<p>还没有保存过版本。开始修改、定稿、导出 PDF 或点“保存版本…”时会自动保存。</p>"
            )
            self.items.clear()
        for column in range(3):
            self.versions.resizeColumnToContents(column)

    def _selected_version(self) -> Report | None:
        item = self.versions.currentItem()
        if item is None:
            return None
        return self.editor.history.load(int(item.data(0, _VERSION)))

    def _compare(self) -> None:
        version = self._selected_version()
        self.items.clear()
        if version is None:
            return
        comparison = compare(version, self.editor.report)
        self.view.setHtml(comparison_html(comparison))
        for key, label in changed_items(self.editor.report, comparison):
            entry = QListWidgetItem(label)
            entry.setData(_VERSION, key)
            self.items.addItem(entry)
        self.restore_all.setEnabled(not comparison.unchanged and not self.editor.is_read_only)

    def _restore_selected(self) -> None:
        chosen = self.items.selectedItems()
        if not chosen:
            QMessageBox.information(self, "只恢复所选项", "请先在“有变化的项目”中选一项。")
            return
        self._restore(str(chosen[0].data(_VERSION)))

    def _restore(self, key: str | None) -> None:
        version = self._selected_version()
        if version is None:
            return
        session = self.window_.session
        if session is None:
            return
        if session.restore(version, key):
            self.window_.statusBar().showMessage("已恢复。如恢复错了，按 Ctrl+Z 撤销。", 10000)
        self._fill()

    def _show_last_year(self) -> None:
        report = self.editor.report
        if report.based_on is None:
            self.year_view.setHtml(
                "<p>这份报告不是以上年报告为基础新建的，没有可比较的上年报告。</p>"
            )
            return
        try:
            last = self.window_.workspace.load(report.based_on)
        except UserError:
            self.year_view.setHtml("<p>上年报告已被删除，无法比较。</p>")
            return
        self.year_view.setHtml(year_html(against_last_year(last, report)))
