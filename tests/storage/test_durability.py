"""A kill at any moment loses at most the edit in flight; a full disk loses nothing saved."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.storage import ReportRepository, StorageError, StorageErrorKind, open_database

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kexie_desktop.core.money import Money
    from kexie_desktop.core.report import Report
    from kexie_desktop.services.templates import installed_templates
    from kexie_desktop.storage import ReportRepository, open_database

    templates = installed_templates()
    repo = ReportRepository(open_database(Path(sys.argv[1])), templates)
    report_id = repo.insert(Report(templates.latest("hunan-dept-selfeval")))
    n = 0
    while True:
        n += 1
        repo.set_value(report_id, "basic.total", Money(n))
        repo.set_value(report_id, "problems.text", "第%d次修改" % n)
        print(n, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writer_loses_at_most_the_edit_in_flight(
    tmp_path: Path, templates: TemplateLibrary
) -> None:
    db_path = tmp_path / "killed.sqlite"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    confirmed = 0
    for line in writer.stdout:
        confirmed = int(line)
        if confirmed >= 40:
            break
    writer.kill()  # SIGKILL: no chance to clean up
    writer.wait()
    repo = ReportRepository(open_database(db_path), templates)
    (summary,) = repo.list_reports()
    assert summary.template_id == "hunan-dept-selfeval"
    report = repo.load(summary.id)
    repo.close()
    saved = report.money("basic.total")
    assert saved is not None
    assert saved.fen >= confirmed
    # The two edits of one round are separate transactions: the text is this round's or the last.
    assert report.text("problems.text") in (f"第{saved.fen}次修改", f"第{saved.fen - 1}次修改")


def test_full_disk_is_a_plain_retryable_error_and_keeps_what_was_saved(
    tmp_path: Path, templates: TemplateLibrary, blank: Report
) -> None:
    db_path = tmp_path / "full.sqlite"
    db = open_database(db_path)
    repo = ReportRepository(db, templates)
    report_id = repo.insert(blank)
    repo.set_value(report_id, "basic.total", Money.from_wan("282.02"))
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 1}")  # the "disk" is now full
    with pytest.raises(StorageError) as caught:
        repo.set_value(report_id, "problems.text", "很长的文字" * 20_000)
    assert caught.value.kind is StorageErrorKind.DISK_FULL
    assert caught.value.retryable
    assert "磁盘空间已满" in caught.value.message
    db.execute("PRAGMA max_page_count = 1073741823")  # space freed: the same write now works
    repo.set_value(report_id, "problems.text", "很长的文字" * 20_000)
    loaded = repo.load(report_id)
    assert loaded.money("basic.total") == Money.from_wan("282.02")
    assert len(loaded.text("problems.text")) == 100_000
    repo.close()


def test_a_file_locked_by_another_program_is_a_plain_retryable_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, templates: TemplateLibrary, blank: Report
) -> None:
    import sqlite3

    from kexie_desktop.storage import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)  # wait less than the real 3 s
    db_path = tmp_path / "locked.sqlite"
    repo = ReportRepository(open_database(db_path), templates)
    report_id = repo.insert(blank)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StorageError) as caught:
            repo.set_value(report_id, "basic.total", Money.from_wan("1"))
        assert caught.value.kind is StorageErrorKind.LOCKED
        assert caught.value.retryable
        assert "占用" in caught.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    repo.set_value(report_id, "basic.total", Money.from_wan("1"))  # released: works again
    assert repo.load(report_id).money("basic.total") == Money.from_wan("1")
    repo.close()


def test_a_write_waits_for_a_lock_released_within_the_busy_timeout(
    tmp_path: Path, templates: TemplateLibrary, blank: Report
) -> None:
    """The write begins IMMEDIATE: it waits for the lock instead of failing at once, even
    when its connection has read the file since the other program began writing."""
    import sqlite3
    import threading

    db_path = tmp_path / "busy.sqlite"
    repo = ReportRepository(open_database(db_path), templates)
    report_id = repo.insert(blank)
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE reports SET updated_at = 'x' WHERE id = ?", [report_id])
    released = threading.Event()

    def release() -> None:
        released.wait(5)
        other.execute("COMMIT")

    worker = threading.Thread(target=release)
    worker.start()
    try:
        repo.load(report_id)  # a read while the other program writes
        threading.Timer(0.5, released.set).start()
        repo.set_value(report_id, "basic.total", Money.from_wan("7"))  # waits, then writes
    finally:
        released.set()
        worker.join()
        other.close()
    assert repo.load(report_id).money("basic.total") == Money.from_wan("7")
    repo.close()


def test_a_backup_taken_while_the_file_is_open_keeps_its_write_ahead_log_safe(
    tmp_path: Path, templates: TemplateLibrary, blank: Report
) -> None:
    """Closing any other descriptor of an open SQLite file drops its POSIX locks; another
    program then takes itself for the last user and deletes the write-ahead log the window
    still writes to. A backup (and every check before it) must never open the file that way."""
    import subprocess
    import sys

    from kexie_desktop.storage import write_backup

    db_path = tmp_path / "open.sqlite"
    repo = ReportRepository(open_database(db_path), templates)
    report_id = repo.insert(blank)
    write_backup(db_path, tmp_path / "copy.sqlite")  # while this process has the file open
    other = "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('select count(*) from reports').fetchall()"
    subprocess.run([sys.executable, "-c", other, str(db_path)], check=True, timeout=60)
    assert Path(f"{db_path}-wal").exists()
    repo.set_value(report_id, "basic.total", Money.from_wan("7"))
    read_back = (
        "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("
        "\"select money_fen from field_values where key = 'basic.total'\").fetchall())"
    )
    seen = subprocess.run(
        [sys.executable, "-c", read_back, str(db_path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        seen.stdout.strip() == "[(7000000,)]"
    )  # visible to another program: not written into a deleted log
    repo.close()
