"""The window driven like a clerk would: typing, checks, autosave, undo, tables, reports."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Status
from kexie_desktop.storage import StorageError, StorageErrorKind
from kexie_desktop.ui import reports
from kexie_desktop.ui.dialogs import NewReportDialog
from kexie_desktop.ui.editors import ParagraphEdit
from kexie_desktop.ui.main_window import MainWindow
from kexie_desktop.ui.reports import sample_notice
from kexie_desktop.ui.table_editor import RowsView


def editor(window: MainWindow, key: str) -> QLineEdit:
    widget = window.findChild(QLineEdit, key)
    assert widget is not None, key
    return widget


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like the clerk: ASCII key by key; Chinese as the input method commits it."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def retype(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def summary(window: MainWindow) -> str:
    label = window.findChild(QLabel, "findings-summary")
    assert label is not None
    return label.text()


def mend_wording(window: MainWindow) -> None:
    """The sample's two slips of wording that are warnings ("20213月", a quote closed twice),
    mended as the clerk would."""
    session = window.session
    session.set_cell("basics.staff_changes[chg1].month", "2021年3月")
    funds = session.report.text("performance.funds")
    session.set_field("performance.funds", funds.replace("郴州行动”深入", "郴州行动深入"))
    session.left_field()


def test_typing_a_figure_updates_the_findings_live(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # The sample's two errors: 基本支出 ≠ its parts (二（一）), 项目支出 ≠ its parts (二（二）).
    assert "2 个错误" in summary(window)
    assert window.navigator.state_of("general.basic") == "error"
    assert window.navigator.state_of("general.project") == "error"
    window.navigator.select("general.basic")
    total = editor(window, "basic.total")
    assert total.property("severity") == "error"
    info = window.forms["general.basic"].fields["basic.total"].info
    assert "人员经费 + 公用经费 = 269.75，相差 12.27" in info.text()
    retype(qtbot, total, "269.75")
    assert "1 个错误" in summary(window)
    assert total.property("severity") == ""
    assert "人员经费 + 公用经费 = 269.75" in info.text()
    assert "相差" not in info.text()
    assert window.navigator.state_of("general.basic") == "done"
    assert window.navigator.state_of("general.project") == "error"
    sentence = window.findChild(QLabel, "sentence:general.basic")
    assert sentence is not None
    assert "基本支出269.75万元" in sentence.text()


def test_unreadable_money_stays_in_the_field_with_a_message(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigator.select("general.basic")
    field = editor(window, "basic.vehicle")
    retype(qtbot, field, "一点七五")
    window.navigator.select("header")  # leave and come back: the text is still there
    window.navigator.select("general.basic")
    assert field.text() == "一点七五"
    row = window.forms["general.basic"].fields["basic.vehicle"]
    assert row.message.isVisible()
    assert "不是金额" in row.message.text()
    assert field.property("severity") == "error"


def test_an_absurdly_large_amount_is_kept_as_typed_and_saved(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # Once crashed the save: 9876543210234.81 万元 in 分 does not fit SQLite's INTEGER.
    window.navigator.select("general.project")
    field = editor(window, "project.total")
    retype(qtbot, field, "9876543210234.81")
    window.commands.save_action.trigger()
    assert not window.session.editor.has_unsaved
    assert field.text() == "9876543210234.81"
    row = window.forms["general.project"].fields["project.total"]
    assert "金额过大" not in row.message.text()  # not while the clerk is still typing
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert "金额过大" in row.message.text()
    saved = window.workspace.load(window.session.editor.report_id).get("project.total")
    assert getattr(saved, "raw", None) == "9876543210234.81"


def test_autosave_survives_a_restart(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    retype(qtbot, editor(first, "header.contact"), "张三")
    # no save button, no leaving the field: the debounce writes it
    qtbot.waitUntil(lambda: not first.session.editor.has_unsaved, timeout=3000)
    assert "已自动保存" in first.saved_label.text()
    first.close()
    second = make_window()
    assert editor(second, "header.contact").text() == "张三"


def test_enter_moves_to_the_next_field(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    unit = editor(window, "header.unit")
    unit.setFocus()
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor(window, "header.year")


def test_undo_and_redo_work_across_fields(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigator.select("general.basic")
    total = editor(window, "basic.total")
    personnel = editor(window, "basic.personnel")
    retype(qtbot, total, "300")
    retype(qtbot, personnel, "250")
    qtbot.keyClick(personnel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert personnel.text() == "238.02"
    assert total.text() == "300.00" or total.text() == "300"
    qtbot.keyClick(personnel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert total.text() == "282.02"
    assert window.session.report.money("basic.total") == Money.from_wan("282.02")
    qtbot.keyClick(total, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.session.report.money("basic.total") == Money.from_wan("300")


def test_pasting_rows_from_a_spreadsheet(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigator.select("basics.staff")
    view = window.findChild(RowsView, "basics.staff_changes")
    assert view is not None
    before = view.model().rowCount()
    view.setFocus()
    view.setCurrentIndex(view.model().index(before - 1, 0))
    QGuiApplication.clipboard().setText("2021年10月\t调入一名\n2021年11月\t退休一名\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert view.model().rowCount() == before + 1
    assert view.model().index(before, 1).data() == "退休一名"
    rows = window.session.report.rows("basics.staff_changes")
    assert rows[before - 1].cells["month"] == "2021年10月"


def test_adding_nested_rows_clears_the_count_warning(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigator.select("general.project")
    groups = window.forms["general.project"].tables["transfer.groups"]
    group_id = window.session.report.rows("transfer.groups")[1].id
    assert groups.select_row(group_id)
    items = groups.children_[0]
    assert items.view.objectName() == "transfer.groups.items"
    assert items.model.rowCount() == 12
    for _ in range(6):
        qtbot.mouseClick(items.buttons["add"], Qt.MouseButton.LeftButton)
    assert items.model.rowCount() == 18
    mend_wording(window)
    assert "0 个提示" in summary(window)


def test_double_clicking_a_finding_focuses_the_field(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigator.select("other")
    item = window.findings_panel.list.item(0)
    assert item is not None
    window.findings_panel.list.itemDoubleClicked.emit(item)
    assert window.navigator.current_key() == "general.basic"
    assert QApplication.focusWidget() is editor(window, "basic.total")


def test_finalising_needs_no_errors_and_explained_warnings(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.commands.final_action.trigger()
    assert warned
    assert window.session.report.status is Status.DRAFT
    window.navigator.select("general.basic")
    retype(qtbot, editor(window, "basic.total"), "269.75")
    window.commands.final_action.trigger()
    assert window.session.report.status is Status.DRAFT  # 项目支出 is still wrong
    window.navigator.select("general.project")
    retype(qtbot, editor(window, "project.own_level"), "134.81")  # 234.81 = 134.81 + 100
    assert "0 个错误" in summary(window)
    mend_wording(window)
    window.navigator.select("general.basic")
    window.commands.final_action.trigger()
    assert window.session.report.status is Status.DRAFT  # the warning is not explained yet
    panel = window.findings_panel
    panel.list.setCurrentRow(0)
    explanation = window.findChild(ParagraphEdit, "explanation")
    assert explanation is not None
    assert explanation.isVisible()
    explanation.setFocus()
    type_text(qtbot, explanation, "另 6 个学会由省科协直接拨付")
    assert "1 个已说明" in summary(window)
    window.commands.final_action.trigger()
    assert window.session.report.status is Status.FINAL
    assert "定稿" in window.windowTitle()
    assert editor(window, "basic.total").isReadOnly()
    retype(qtbot, editor(window, "basic.total"), "1")
    assert window.session.report.money("basic.total") == Money.from_wan("269.75")
    window.commands.final_action.trigger()  # 重新打开
    assert window.session.report.status is Status.DRAFT
    assert not editor(window, "basic.total").isReadOnly()


def test_new_report_from_last_years(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(NewReportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    old_id = window.session.editor.report_id
    reports.create(window)
    report = window.session.report
    assert report.id != old_id
    assert report.based_on == old_id
    assert report.year == 2022
    assert editor(window, "header.unit").text() == "郴州市科学技术协会"
    # The keyboard is in the new report at once: the section list focused, Tab going on into
    # the cover fields. (That the window is made active again after the dialog shows only on
    # a real X server without a window manager: driven there with xdotool.)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.navigator)
    window.navigator.select("general.basic")
    total = editor(window, "basic.total")
    assert total.text() == ""
    info = window.forms["general.basic"].fields["basic.total"].info.text()
    assert "上年：282.02" in info
    assert "2022年度" in window.windowTitle()
    # Recipients were carried over without their amounts; last year's is in the tooltip.
    window.navigator.select("general.project")
    groups = window.forms["general.project"].tables["transfer.groups"]
    assert groups.select_row("grp2")
    items = groups.children_[0]
    amount = items.model.index(0, 1)  # 市老科协, 金额
    assert items.model.data(amount) == ""
    assert "上年：5.00" in items.model.data(amount, Qt.ItemDataRole.ToolTipRole)


def test_deleting_a_report_asks_first(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    first = window.session.editor.report_id
    window.workspace.create_blank(unit="某单位", year=2022)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    reports.delete_current(window)
    assert any(r.id == first for r in window.workspace.list_reports())
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    reports.delete_current(window)
    assert all(r.id != first for r in window.workspace.list_reports())
    assert window.session.editor.report_id != first


def test_a_failing_disk_is_shown_and_retried(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    repository = window.session.editor.repository
    original = repository.set_value
    failures = [StorageError(StorageErrorKind.DISK_FULL, "磁盘空间已满，无法保存。")]

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        if failures:
            raise failures.pop()
        original(*args, **kwargs)

    monkeypatch.setattr(repository, "set_value", flaky)
    monkeypatch.setattr("kexie_desktop.ui.session.RETRY_MS", 50)
    window.session._retry.setInterval(50)
    field = editor(window, "header.contact")
    retype(qtbot, field, "李四")
    window.commands.save_action.trigger()
    assert window.banner.isVisible()
    assert "磁盘空间已满" in window.banner.text()
    assert field.text() == "李四"
    qtbot.waitUntil(lambda: not window.session.editor.has_unsaved, timeout=3000)
    assert window.workspace.load(window.session.editor.report_id).text("header.contact") == "李四"
    # The error banner is gone; on the sample the 示例 notice takes its place again.
    assert "磁盘空间已满" not in window.banner.text()
    assert window.banner.text() == sample_notice(window.session.report)
    assert "郴州市科学技术协会" in window.banner.text()


def test_export_flushes_edits_and_opens_the_pdf(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened
) -> None:  # type: ignore[no-untyped-def]
    exported: list[tuple[str, Path]] = []

    class ExportError(Exception):
        message = "x"

    def export_pdf(report, target, *, options=None):  # type: ignore[no-untyped-def]
        exported.append((report.text("header.contact"), target))
        target.write_bytes(b"%PDF-1.4 fake")
        return types.SimpleNamespace(path=target, pages=3, warnings=[])

    fake = types.ModuleType("kexie_desktop.services.exporting")
    fake.ExportError = ExportError  # type: ignore[attr-defined]
    fake.export_pdf = export_pdf  # type: ignore[attr-defined]
    fake.default_pdf_name = lambda report: f"{report.title}.pdf"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kexie_desktop.services.exporting", fake)
    window.settings.export_folder = tmp_path
    field = editor(window, "header.contact")
    retype(qtbot, field, "王五")
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened.urls), timeout=5000)
    contact, target = exported[0]
    assert contact == "王五"
    assert target.name == "2021年度郴州市科学技术协会本级整体支出绩效自评报告.pdf"
    assert opened.urls[0].toLocalFile() == str(target)
    assert not window.session.editor.has_unsaved
    assert "3 页" in window.statusBar().currentMessage()


def test_export_asks_where_when_there_is_no_folder_to_save_in(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened
) -> None:  # type: ignore[no-untyped-def]
    """A PC without a Documents folder and no PDF exported before: Ctrl+E asks where."""
    folders = [tmp_path / "无此文件夹"]
    monkeypatch.setattr(
        type(window.settings),
        "export_folder",
        property(lambda _self: folders[-1], lambda _self, folder: folders.append(folder)),
    )
    chosen = tmp_path / "导出"
    chosen.mkdir()
    asked: list[str] = []

    def choose(_parent, caption, _start):  # type: ignore[no-untyped-def]
        asked.append(caption)
        return str(chosen)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    refused: list[str] = []  # "保存位置…不存在" would come as a message box
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: refused.append(a[2]))
    window.commands.export_action.trigger()
    qtbot.waitUntil(lambda: bool(opened.urls or refused), timeout=20000)
    assert refused == []
    assert asked == ["选择保存 PDF 的文件夹"]
    assert Path(opened.urls[0].toLocalFile()).parent == chosen


def test_export_failure_is_shown_plainly(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    class ExportError(Exception):
        def __init__(self, message: str) -> None:
            super().__init__(message)
            self.message = message

    def export_pdf(report, target, *, options=None):  # type: ignore[no-untyped-def]
        raise ExportError("文件正被其他程序打开，无法覆盖。")

    fake = types.ModuleType("kexie_desktop.services.exporting")
    fake.ExportError = ExportError  # type: ignore[attr-defined]
    fake.export_pdf = export_pdf  # type: ignore[attr-defined]
    fake.default_pdf_name = lambda report: "a.pdf"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kexie_desktop.services.exporting", fake)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    window.settings.export_folder = tmp_path
    window.commands.export_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["文件正被其他程序打开，无法覆盖。"]
    assert window.commands.export_action.isEnabled()


def test_the_sample_is_labelled_in_the_window_and_own_reports_are_not(
    qtbot, window: MainWindow, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    banner = window.findChild(QLabel, "banner")
    assert banner is not None
    assert banner.isVisible()
    assert banner.text().startswith("【示例】")
    assert window.windowTitle().startswith("【示例】")
    own = window.workspace.create_blank(unit="郴州市科学技术协会", year=2022)
    window.open_report(own)
    assert not banner.isVisible()
    assert "示例" not in window.windowTitle()


def test_single_sided_printing_is_remembered_and_used(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened
) -> None:  # type: ignore[no-untyped-def]
    import kexie_desktop.services.exporting as real

    used: list[object] = []

    def export_pdf(report, target, *, options=None):  # type: ignore[no-untyped-def]
        used.append(options.page_numbers if options is not None else None)
        target.write_bytes(b"%PDF-1.4 fake")
        return types.SimpleNamespace(path=target, pages=1, warnings=[])

    monkeypatch.setattr(real, "export_pdf", export_pdf)
    window.settings.export_folder = tmp_path
    assert not window.commands.single_sided_action.isChecked()
    window.commands.single_sided_action.trigger()
    assert window.settings.single_sided
    window.commands.export_action.trigger()
    qtbot.waitUntil(lambda: bool(opened.urls), timeout=5000)
    assert used == [real.PageNumberPlacement.CENTRED]


def test_a_report_travels_to_another_pc_as_a_hand_over_file(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from kexie_desktop.services.workspace import Workspace

    carried = tmp_path / "带走的报告.json"
    retype(qtbot, editor(window, "header.contact"), "王五")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(carried), ""))
    window.commands.export_json_action.trigger()
    assert carried.exists()

    # On the other PC: an empty database, the file imported and opened.
    other = Workspace.open(tmp_path / "other.sqlite")
    try:
        other_window = MainWindow(other, window.settings)
        qtbot.addWidget(other_window)
        other_window.open_report(other.resolve(None))
        before = other.list_reports()
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(carried), ""))
        other_window.commands.import_action.trigger()
        report = other_window.session.report
        assert report.text("header.contact") == "王五"
        assert report.money("basic.total") == Money.from_wan("282.02")
        after = other.list_reports()
        assert len(after) == len(before) + 1
        assert report.id not in {summary.id for summary in before}
        assert report.template.id == "hunan-dept-selfeval"  # the file names its template
        other_window.close()
    finally:
        other.close()


def test_a_bad_hand_over_file_is_refused_plainly(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    bad = tmp_path / "坏文件.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(bad), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    before = len(window.workspace.list_reports())
    window.commands.import_action.trigger()
    assert shown
    assert "坏文件.json" in shown[0]
    assert "不是本软件导出的报告文件" in shown[0]
    assert len(window.workspace.list_reports()) == before
