"""The history view and the data-file dialog, driven through their widgets offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from kexie_desktop.services.backups import daily_backups
from kexie_desktop.ui.data_file import DataFileDialog, back_up_to, restore_from
from kexie_desktop.ui.history_view import HistoryDialog

SHOTS = os.environ.get("KEXIE_SHOTS")  # a folder: save pictures of the dialogs there


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


def test_a_colleague_s_overwrite_is_seen_word_by_word_and_undone(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    session = window.session
    session.set_field("problems.text", "一年来，郴州市科学技术协会各项工作取得了很大成绩。")
    session.set_field("basic.total", "300")
    assert session.save_now()
    dialog = HistoryDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.versions.topLevelItemCount() == 1
    assert dialog.versions.topLevelItem(0).text(1) == "开始编辑前"
    html = dialog.view.toHtml()
    assert "282.02" in html
    assert "300.00" in html
    assert "line-through" in html  # the words the colleague removed, struck through
    labels = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert labels == ["基本支出", "存在的问题及原因分析"]
    _shot(dialog, "history-compare")
    dialog.items.setCurrentRow(1)
    dialog.restore_one.click()
    assert session.report.text("problems.text").startswith("一年来，郴州市科学技术协会各项工作虽然")
    assert session.report.money("basic.total").format() == "300.00"  # only the chosen item
    reasons = [dialog.versions.topLevelItem(i).text(1) for i in range(3)]
    assert reasons == ["恢复旧版本之后", "恢复旧版本之前", "开始编辑前"]
    window.undo()
    assert session.report.text("problems.text").startswith("一年来，郴州市科学技术协会各项工作取得")


def test_the_last_year_tab_shows_copied_paragraphs(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    new_id = window.workspace.create_from_previous(window.session.editor.report_id)
    window.open_report(new_id)
    dialog = HistoryDialog(window)
    qtbot.addWidget(dialog)
    html = dialog.year_view.toHtml()
    assert "一字不差" in html
    assert "市科协机关是财政拨款参公单位" in html
    dialog.tabs.setCurrentIndex(1)
    _shot(dialog, "history-last-year")


def test_the_data_file_dialog_says_where_and_backs_up_and_restores(
    qtbot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    dialog = DataFileDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert str(window.workspace.path) in text
    assert "共 2 份报告" in text
    _shot(dialog, "data-file")
    usb = tmp_path / "U盘" / "备份.sqlite"
    usb.parent.mkdir()
    assert back_up_to(dialog, window, usb)
    window.session.set_field("other.text", "备份之后写的")
    new_id = window.workspace.create_blank()
    assert len(window.workspace.list_reports()) == 3
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    assert restore_from(dialog, window, usb)
    assert len(window.workspace.list_reports()) == 2
    assert all(summary.id != new_id for summary in window.workspace.list_reports())
    assert window.session is not None  # reopened on a report of the restored file
    kept = [p.name for p in (window.workspace.path.parent / "backups").iterdir()]
    assert any("before-restore" in name for name in kept)
    assert daily_backups(window.workspace.path) == []  # the safety copy is not a daily one
