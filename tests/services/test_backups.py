"""Backups of the whole data file: daily copies kept within bounds, a damaged file never
overwriting a good copy, restoring with the current file kept first, and neither a backup nor a
restore killed half-way ever leaving a broken file."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_run import run
from kexie_desktop.core.money import Money
from kexie_desktop.services.backups import (
    BackupError,
    backups_folder,
    daily_backup,
    daily_backups,
    restore,
)
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.storage import StorageError, StorageErrorKind, write_backup

DAY = dt.date(2026, 12, 3)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "reports.kexie.sqlite"
    Workspace.open(path).close()
    return path


def _report_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(connection.execute("SELECT count(*) FROM reports").fetchone()[0])


def test_one_backup_a_day_and_the_folder_stays_bounded(data_file: Path) -> None:
    made = [daily_backup(data_file, DAY + dt.timedelta(days=n)) for n in range(60)]
    assert all(path is not None for path in made)
    assert daily_backup(data_file, DAY + dt.timedelta(days=59)) is None  # the same day again
    kept = daily_backups(data_file)
    days = [backup.day for backup in kept]
    newest = DAY + dt.timedelta(days=59)
    assert days[:7] == [newest - dt.timedelta(days=n) for n in range(7)]  # the last 7 days
    weekly = days[7:]
    assert len(weekly) == 4  # and one for each of the 4 weeks before
    assert len({day.isocalendar()[:2] for day in weekly}) == 4
    size = sum(backup.size for backup in kept)
    print(f"backups after 60 daily starts: {len(kept)} files, {size // 1024} KiB")
    assert all(_report_count(backup.path) == 2 for backup in kept)


def test_a_damaged_data_file_never_overwrites_a_good_backup(
    data_file: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.sqlite"
    write_backup(data_file, good)
    before = good.read_bytes()
    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(data_file.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of garbage
    damaged.write_bytes(bytes(data))
    with pytest.raises(StorageError) as caught:
        write_backup(damaged, good)
    assert caught.value.kind is StorageErrorKind.CORRUPT
    assert good.read_bytes() == before
    assert not list(tmp_path.glob(".*.partial"))


def test_restore_keeps_the_current_file_first(data_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    write_backup(data_file, copy)
    workspace = Workspace.open(data_file)
    report_id = workspace.create_blank()
    workspace.repository.set_value(report_id, "basic.total", Money.from_wan("9"))
    workspace.close()
    assert _report_count(data_file) == 3
    safety = restore(data_file, copy, dt.datetime(2026, 12, 3, 9, 30))
    assert _report_count(data_file) == 2
    assert _report_count(safety) == 3  # what was there before the restore
    assert safety.parent == backups_folder(data_file)
    workspace = Workspace.open(data_file)
    try:
        assert len(workspace.list_reports()) == 2
    finally:
        workspace.close()


def test_restore_is_refused_while_a_window_has_the_file(data_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    write_backup(data_file, copy)
    Path(f"{data_file}.lock").write_text(f"{os.getpid()}\nkexie-desktop\nhost\n", encoding="utf-8")
    with pytest.raises(BackupError, match="请先关闭窗口"):
        restore(data_file, copy, dt.datetime(2026, 12, 3))
    Path(f"{data_file}.lock").write_text("999999999\nkexie-desktop\nhost\n", encoding="utf-8")
    restore(data_file, copy, dt.datetime(2026, 12, 3))  # a lock left by a crashed window


def test_restore_refuses_a_file_that_is_not_ours(data_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE x (y)")
    before = data_file.read_bytes()
    with pytest.raises(StorageError) as caught:
        restore(data_file, other, dt.datetime(2026, 12, 3))
    assert caught.value.kind is StorageErrorKind.NOT_A_DATABASE
    assert data_file.read_bytes() == before


def _kill_at_random(args: list[str], seconds: float, env: dict[str, str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "kexie_desktop", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_killed_backups_and_restores_leave_old_or_new_never_broken(
    data_file: Path, tmp_path: Path
) -> None:
    """Kills at random moments while copying between a small file (2 reports) and a large one
    (22 reports, 40 MB of text, so that a copy takes long enough to be cut): every file is
    whole afterwards and holds either what it held before or the new content."""
    chances = random.Random(12)
    env = {**os.environ, "KEXIE_DATA_DIR": str(tmp_path / "appdata")}
    small = tmp_path / "small.sqlite"
    write_backup(data_file, small)
    large = tmp_path / "large.sqlite"
    write_backup(data_file, large)
    workspace = Workspace.open(large)
    for _ in range(20):
        report_id = workspace.create_from_previous(workspace.resolve("2021"))
        workspace.repository.set_value(report_id, "problems.text", "很长的说明。" * 350_000)
    workspace.close()
    target = tmp_path / "usb" / "copy.sqlite"
    target.parent.mkdir()
    write_backup(small, target)
    outcomes: dict[str, list[bool]] = {"backup": [], "restore": []}
    for attempt in range(10):
        source = large if attempt % 2 == 0 else small
        wanted = 22 if source == large else 2
        before = _report_count(target)
        _kill_at_random(
            ["backup", "--db", str(source), "-o", str(target)], chances.uniform(0.25, 1.2), env
        )
        after = _report_count(target)
        assert after in (before, wanted)
        outcomes["backup"].append(after == wanted)
        before = _report_count(data_file)
        _kill_at_random(
            ["restore", str(source), "--db", str(data_file)], chances.uniform(0.25, 1.2), env
        )
        after = _report_count(data_file)
        assert after in (before, wanted)
        outcomes["restore"].append(after == wanted)
    print(f"completed before the kill (backup, restore): {outcomes}")


def test_backup_and_restore_from_the_command_line(
    data_file: Path, tmp_path: Path, private_data_dir: Path
) -> None:
    copy = tmp_path / "U盘" / "备份.sqlite"
    copy.parent.mkdir()
    made = run("backup", "--db", str(data_file), "-o", str(copy), data_dir=private_data_dir)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"已备份：{copy}")
    restored = run("restore", str(copy), "--db", str(data_file), data_dir=private_data_dir)
    assert restored.returncode == 0, restored.stderr
    assert "恢复前的文件已另存为" in restored.stdout
    refused = run(
        "restore", str(tmp_path / "无.sqlite"), "--db", str(data_file), data_dir=private_data_dir
    )
    assert refused.returncode == 2
    assert "不存在" in refused.stderr


def test_an_empty_file_is_not_a_backup(data_file: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    before = data_file.read_bytes()
    with pytest.raises(StorageError) as caught:
        restore(data_file, empty, dt.datetime(2026, 12, 3))
    assert caught.value.kind is StorageErrorKind.NOT_A_DATABASE
    assert data_file.read_bytes() == before
