"""Dialogs: choose a report, start a new one, and the crash report."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kexie_desktop import APP_DISPLAY_NAME, __version__
from kexie_desktop.core.template import Template
from kexie_desktop.core.textinput import ParseError
from kexie_desktop.core.values import Kind, parse
from kexie_desktop.logs import log_file
from kexie_desktop.storage import ReportSummary

_ID = Qt.ItemDataRole.UserRole


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def summary_text(summary: ReportSummary) -> str:
    updated = summary.updated_at.replace("T", " ")[:16]
    return f"{summary.display_name}　（{summary.status.label}，最后修改 {updated}）"


class ReportChooser(QDialog):
    """Pick one of the reports in the data file."""

    def __init__(self, reports: list[ReportSummary], current: int | None, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle("打开报告")
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择要打开的报告："))
        self.list = QListWidget()
        self.list.setObjectName("report-list")
        for summary in reports:
            item = QListWidgetItem(summary_text(summary))
            item.setData(_ID, summary.id)
            self.list.addItem(item)
            if summary.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        layout.addWidget(_buttons(self, "打开"))

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(_ID)) if item is not None else None


@dataclass(frozen=True)
class NewReport:
    previous: int | None  # start from this report, or blank when None
    template_id: str = ""  # the blank report's template
    unit: str = ""
    year: int | None = None


class NewReportDialog(QDialog):
    """A blank report, or next year's report started from an earlier one."""

    def __init__(
        self,
        reports: list[ReportSummary],
        current: int | None,
        templates: list[Template],
        default_template: str,
        parent: QWidget | None,
    ):
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self.resize(560, 300)
        layout = QVBoxLayout(self)
        self.from_previous = QRadioButton(
            "以往年报告为基础（沿用文字、职能、机构和受助单位，清空数字）"
        )
        self.from_previous.setObjectName("new-from-previous")
        self.blank = QRadioButton("空白报告")
        self.blank.setObjectName("new-blank")
        group = QButtonGroup(self)
        group.addButton(self.from_previous)
        group.addButton(self.blank)
        self.previous = QComboBox()
        self.previous.setObjectName("new-previous")
        for summary in reports:
            self.previous.addItem(summary_text(summary), summary.id)
            if summary.id == current:
                self.previous.setCurrentIndex(self.previous.count() - 1)
        form = QFormLayout()
        self.template = QComboBox()
        self.template.setObjectName("new-template")
        for template in templates:
            self.template.addItem(template.name, template.id)
            self.template.setItemData(
                self.template.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole
            )
            if template.id == default_template:
                self.template.setCurrentIndex(self.template.count() - 1)
        self.unit = QLineEdit()
        self.unit.setObjectName("new-unit")
        self.unit.setPlaceholderText("如：郴州市科学技术协会")
        self.year = QLineEdit()
        self.year.setObjectName("new-year")
        self.year.setPlaceholderText("如：2022")
        form.addRow("报告模板", self.template)
        form.addRow("单位名称", self.unit)
        form.addRow("报告年度", self.year)
        self.error = QLabel()
        self.error.setProperty("role", "message-error")
        layout.addWidget(self.from_previous)
        layout.addWidget(self.previous)
        layout.addWidget(self.blank)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "新建"))
        self.from_previous.toggled.connect(self._toggled)
        (self.from_previous if reports else self.blank).setChecked(True)
        self.from_previous.setEnabled(bool(reports))
        self._toggled()

    def _toggled(self) -> None:
        carry = self.from_previous.isChecked()
        self.previous.setEnabled(carry)
        self.template.setEnabled(not carry)
        self.unit.setEnabled(not carry)
        self.year.setEnabled(not carry)

    def accept(self) -> None:
        if self.blank.isChecked():
            try:
                parse(Kind.YEAR, self.year.text())
            except ParseError as exc:
                self.error.setText(f"{exc.message}也可以留空以后再填。")
                return
        super().accept()

    def choice(self) -> NewReport:
        if self.from_previous.isChecked():
            return NewReport(previous=int(self.previous.currentData()))
        year = parse(Kind.YEAR, self.year.text())
        return NewReport(
            None,
            str(self.template.currentData()),
            self.unit.text().strip(),
            year if isinstance(year, int) else None,
        )


class CrashDialog(QDialog):
    """An unexpected error: say so plainly, offer the details for the IT person."""

    def __init__(self, details: str, log_file: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("程序出错")
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        text = QLabel(
            "程序遇到了一个意外错误。已填写的内容已经保存。\n"
            "可以继续使用；如果问题反复出现，请把下面的详细信息复制给技术支持人员。\n"
            f"日志文件：{log_file}"
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        self.details = QPlainTextEdit(details)
        self.details.setObjectName("crash-details")
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        box = QDialogButtonBox()
        copy = QPushButton("复制详细信息")
        copy.setObjectName("crash-copy")
        copy.setAutoDefault(False)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        box.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = box.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        box.rejected.connect(self.reject)
        layout.addWidget(box)


def about_text(database: Path) -> str:
    """What the About box says: the version (the one the installer and the files carry) and
    where the data and the log are, which is what support asks for first."""
    return (
        f"<h3>{APP_DISPLAY_NAME}</h3>"
        f"<p>版本 {__version__}</p>"
        "<p>填写部门整体支出绩效自评报告，实时审核数字，导出符合 GB/T 9704 公文格式的 PDF。"
        "所有数据只保存在本机，不联网。</p>"
        f"<p>数据文件：{html.escape(str(database))}<br>"
        f"日志文件：{html.escape(log_file())}</p>"
    )


def show_about(parent: QWidget, database: Path) -> None:
    QMessageBox.about(parent, f"关于{APP_DISPLAY_NAME}", about_text(database))


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A yes/no question; True for 是."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, yes | no, yes if default_yes else no) == yes


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Size ``widget`` to ``width`` × ``height``, or to 90 % of the screen where that is less
    (1366×768 at 150 % leaves 911×512 logical pixels)."""
    available = widget.screen().availableGeometry()
    widget.resize(
        min(width, int(available.width() * 0.9)), min(height, int(available.height() * 0.9))
    )


def keys_text(actions: list[QAction]) -> str:
    """Every command with a key, as a two-column list (the menu bar has them all)."""
    rows = []
    for action in actions:
        keys = action.shortcuts()
        if not keys:
            continue
        shown = " 或 ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        name = re.sub(r"\(&.\)|…", "", action.text())
        rows.append(f"<tr><td>{html.escape(name)}</td><td>{html.escape(shown)}</td></tr>")
    return (
        "<table cellspacing='6'>" + "".join(rows) + "</table>"
        "<p>回车或 Tab：下一栏；Shift+Tab：上一栏；长文字里 Ctrl+回车：另起一行。<br>"
        "表格里：Tab 向右，回车向下，Ctrl+回车在下方加一行，右键或 Shift+F10 打开行菜单。<br>"
        "Alt 或 F10：打开菜单。</p>"
    )


def show_keys(parent: QWidget, actions: list[QAction]) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("快捷键一览")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(keys_text(actions))
    box.exec()
