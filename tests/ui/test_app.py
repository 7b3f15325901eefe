"""Start-up pieces: translations, fonts, the lock, the crash handler, self-test, screenshots."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo
from PySide6.QtWidgets import QApplication, QLineEdit

from kexie_desktop.services.workspace import Workspace
from kexie_desktop.ui import app as app_module
from kexie_desktop.ui.main_window import pages


def test_qt_dialogs_are_translated() -> None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_zh_CN.qm").exists()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QPlatformTheme", "&Yes").startswith("是")


def test_the_bundled_font_is_registered() -> None:
    chosen = app_module.install_fonts(QApplication.instance())  # type: ignore[arg-type]
    assert chosen in app_module.UI_FAMILIES
    fonts = Path(app_module.resource_dir()) / "fonts" / app_module.UI_FONT_FILE
    if fonts.exists():
        from PySide6.QtGui import QFontDatabase

        assert app_module.UI_FONT_FAMILY in QFontDatabase.families()


def test_a_second_window_on_the_same_file_is_read_only(make_window, db_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    lock, reason = app_module.acquire_lock(db_path)
    assert reason == ""
    _second_lock, second_reason = app_module.acquire_lock(db_path)
    assert second_reason
    window = make_window(read_only_reason=second_reason)
    assert window.banner.isVisible()
    assert "只读" in window.windowTitle()
    field = window.findChild(QLineEdit, "header.contact")
    assert field is not None
    assert field.isReadOnly()
    lock.unlock()
    assert app_module.acquire_lock(db_path)[1] == ""


def test_an_unexpected_error_is_logged_saved_and_shown(
    make_window, caplog: pytest.LogCaptureFixture, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.session.set_field("header.contact", "赵六")
    assert window.session.editor.has_unsaved
    shown: list[str] = []
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_type, exc, tb = sys.exc_info()
    assert exc_type is not None
    assert exc is not None
    with caplog.at_level(logging.CRITICAL):
        app_module.handle_exception(window, exc_type, exc, tb, show=lambda d, _w: shown.append(d))
    assert not window.session.editor.has_unsaved
    assert "RuntimeError: boom" in shown[0]
    assert any(r.exc_info for r in caplog.records)


def test_screenshot_saves_one_png_per_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = argparse.Namespace(
        db=tmp_path / "r.sqlite",
        report=None,
        demo=False,
        self_test=False,
        screenshot=tmp_path / "shots",
    )
    assert app_module.run(args) == 0
    # The report the window starts on (a fresh file: one of the built-in examples).
    workspace = Workspace.open(args.db)
    try:
        shown = app_module.initial_report(workspace, app_module.temporary_settings(), None)
        schema = workspace.load(shown).schema
    finally:
        workspace.close()
    expected = [f"{n:02d}-{section.key}.png" for n, section in enumerate(pages(schema), start=1)]
    assert len(expected) > 1
    assert sorted(p.name for p in (tmp_path / "shots").glob("*.png")) == expected


def test_self_test_passes_on_the_source(caplog: pytest.LogCaptureFixture) -> None:
    """What the packaging smoke test runs frozen: every form with an editor for every field
    (the scoring table's in its cells), the checks, the PDF and its preview."""
    caplog.set_level(logging.INFO, logger="kexie_desktop.ui.selftest")
    args = argparse.Namespace(db=None, report=None, demo=False, self_test=True, screenshot=None)
    assert app_module.run(args) == 0, caplog.text
    assert "自检通过" in caplog.text


def test_self_test_fails_clearly_without_the_exporter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kexie_desktop.services.exporting", None)
    args = argparse.Namespace(db=None, report=None, demo=False, self_test=True, screenshot=None)
    assert app_module.run(args) == 1


def test_ending_the_session_saves_what_was_typed(make_window, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from kexie_desktop.ui.app import save_on_session_end

    window = make_window()
    save_on_session_end(QApplication.instance(), window)
    window.session.editor.set_field("header.contact", "赵六")  # typed, not yet written
    assert window.session.editor.has_unsaved
    QApplication.instance().aboutToQuit.emit()
    assert not window.session.editor.has_unsaved
    report_id = window.session.editor.report_id
    assert window.workspace.load(report_id).text("header.contact") == "赵六"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_sigterm_closes_the_window_cleanly(tmp_path: Path) -> None:
    database = tmp_path / "reports.kexie.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KEXIE_DATA_DIR": str(tmp_path)}
    app = subprocess.Popen([sys.executable, "-m", "kexie_desktop", "--db", str(database)], env=env)
    lock = Path(f"{database}.lock")
    log = tmp_path / "logs" / "kexie-desktop.log"
    deadline = time.monotonic() + 60

    def shown() -> bool:  # the frame is shown first; the data file is opened after it
        return log.exists() and "report open" in log.read_text(encoding="utf-8")

    while not shown() and time.monotonic() < deadline and app.poll() is None:
        time.sleep(0.1)
    assert shown(), "the window did not start"
    assert lock.exists()
    app.send_signal(signal.SIGTERM)
    assert app.wait(timeout=30) == 0  # quit through Qt, not killed by the signal
    assert not lock.exists()  # the lock was released: the next start is not read-only


def test_the_about_box_names_the_version_and_where_the_data_is(
    make_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from kexie_desktop import __version__

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window = make_window()
    window.commands.about_action.trigger()
    assert f"版本 {__version__}" in shown[0]
    assert str(db_path) in shown[0]
    assert "kexie-desktop.log" in shown[0]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_sigterm_ends_the_program_even_with_a_message_box_open(tmp_path: Path) -> None:
    """An unknown --report opens a warning box before the window; SIGTERM must still end it."""
    database = tmp_path / "reports.kexie.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KEXIE_DATA_DIR": str(tmp_path)}
    app = subprocess.Popen(
        [sys.executable, "-m", "kexie_desktop", "--db", str(database), "--report", "没有这份"],
        env=env,
    )
    log = tmp_path / "logs" / "kexie-desktop.log"
    deadline = time.monotonic() + 60
    while not database.exists() and time.monotonic() < deadline and app.poll() is None:
        time.sleep(0.1)
    time.sleep(2)  # the warning box is up, its own event loop running
    assert app.poll() is None
    app.send_signal(signal.SIGTERM)
    try:
        assert app.wait(timeout=30) == 0
    finally:
        app.kill()
    assert "closing QMessageBox to end the session" in log.read_text(encoding="utf-8")


def test_a_damaged_data_file_is_restored_from_the_newest_backup_when_the_clerk_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from kexie_desktop.services.backups import daily_backup

    database = tmp_path / "reports.kexie.sqlite"
    Workspace.open(database).close()
    assert daily_backup(database, dt.date(2026, 12, 1)) is not None
    data = bytearray(database.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    database.write_bytes(bytes(data))
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "critical", lambda *_args: pytest.fail("refused to start"))
    args = argparse.Namespace(
        db=database, report=None, demo=False, self_test=False, screenshot=tmp_path / "shots"
    )
    assert app_module.run(args) == 0
    assert "已损坏" in asked[0]
    assert "2026年12月01日" in asked[0]
    workspace = Workspace.open(database)
    try:
        assert len(workspace.list_reports()) == 2
    finally:
        workspace.close()
    kept = [path.name for path in (tmp_path / "backups").iterdir()]
    assert any("before-restore" in name for name in kept)  # the damaged file, kept
