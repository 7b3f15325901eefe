"""Automatic and manual backups of the data file, and restoring one.

At start-up, once a day, the window copies the data file into the ``backups`` folder beside
it; the last 7 daily copies are kept, and beyond them the newest copy of each of the 4 weeks
before. A copy is named after its day (``reports.kexie-2026-12-03.sqlite``), so the folder
stays small and readable to the person looking for yesterday's file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kexie_desktop.core.errors import UserError
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.storage import (
    BACKUP_FOLDER,
    ReportRepository,
    open_database,
    restore_backup,
    write_backup,
)

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_WEEKLY = 4


class BackupError(UserError):
    """A backup or restore that cannot be done now; ``message`` is Chinese."""


@dataclass(frozen=True)
class Backup:
    path: Path
    day: dt.date
    size: int


def backups_folder(data_file: Path) -> Path:
    return data_file.parent / BACKUP_FOLDER


def _daily_name(data_file: Path, day: dt.date) -> str:
    return f"{data_file.stem}-{day.isoformat()}.sqlite"


def daily_backups(data_file: Path) -> list[Backup]:
    """The daily copies of ``data_file``, newest first."""
    pattern = re.compile(rf"^{re.escape(data_file.stem)}-(\d{{4}}-\d{{2}}-\d{{2}})\.sqlite$")
    found = []
    folder = backups_folder(data_file)
    for path in folder.glob("*.sqlite") if folder.is_dir() else []:
        match = pattern.match(path.name)
        if match:
            try:
                day = dt.date.fromisoformat(match.group(1))
            except ValueError:
                continue
            found.append(Backup(path, day, path.stat().st_size))
    return sorted(found, key=lambda backup: backup.day, reverse=True)


def daily_backup(data_file: Path, today: dt.date) -> Path | None:
    """Today's copy of ``data_file``, made if there is none yet; old copies are pruned.
    Returns the new copy's path, or None when today's copy exists already."""
    target = backups_folder(data_file) / _daily_name(data_file, today)
    if target.exists():
        return None
    target.parent.mkdir(exist_ok=True)
    write_backup(data_file, target)
    prune(data_file)
    return target


def prune(data_file: Path) -> list[Path]:
    """Delete the daily copies beyond the last 7 days' and the 4 weeks' before; returns
    what was deleted."""
    backups = daily_backups(data_file)
    keep = {backup.path for backup in backups[:KEEP_DAILY]}
    weeks_kept: list[tuple[int, int]] = []
    for backup in backups[KEEP_DAILY:]:
        week = backup.day.isocalendar()[:2]
        if week not in weeks_kept and len(weeks_kept) < KEEP_WEEKLY:
            weeks_kept.append(week)
            keep.add(backup.path)
    deleted = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def is_in_use(data_file: Path) -> bool:
    """Whether a window has ``data_file`` open (it holds the lock file beside it)."""
    lock = Path(f"{data_file}.lock")
    if not lock.exists():
        return False
    try:
        owner = int(lock.read_text(encoding="utf-8", errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return True  # unreadable: held open by its owner (Windows), or being written
    if os.name != "posix":
        return True
    try:
        os.kill(owner, 0)
    except ProcessLookupError:
        return False  # the window that held it is gone
    except PermissionError:
        return True
    return True


def restore(data_file: Path, backup: Path, now: dt.datetime, *, mine: bool = False) -> Path:
    """Replace ``data_file`` by ``backup``; the current file is kept in the backups folder
    first. Returns the path of that safety copy. ``mine``: the caller holds the file's lock
    (the window, having closed the file) and has checked nobody else uses it."""
    if not mine and is_in_use(data_file):
        raise BackupError("数据文件正在窗口中打开。请先关闭窗口，再从备份恢复。")
    if backup.resolve() == data_file.resolve():
        raise BackupError("不能用数据文件本身恢复它自己，请选择一个备份文件。")
    folder = backups_folder(data_file)
    folder.mkdir(exist_ok=True)
    safety = folder / f"{data_file.stem}-before-restore-{now:%Y%m%d-%H%M%S}.sqlite"
    restore_backup(backup, data_file, safety)
    return safety


@dataclass(frozen=True)
class BackupContents:
    """What a backup file holds, shown before it replaces the data file."""

    modified: dt.datetime
    reports: list[str]  # display names


def contents(backup: Path, scratch: Path) -> BackupContents:
    """Read ``backup`` through a copy in the folder ``scratch`` (it may be of an older version,
    which opening migrates: the backup itself is never changed)."""
    copy = scratch / "backup-preview.sqlite"
    write_backup(backup, copy)
    repository = ReportRepository(open_database(copy), installed_templates())
    try:
        names = [summary.display_name for summary in repository.list_reports()]
    finally:
        repository.close()
    return BackupContents(dt.datetime.fromtimestamp(backup.stat().st_mtime), names)


def last_backup(data_file: Path) -> dt.datetime | None:
    """When the newest copy in the backups folder was written."""
    folder = backups_folder(data_file)
    times = [path.stat().st_mtime for path in folder.glob("*.sqlite")] if folder.is_dir() else []
    return dt.datetime.fromtimestamp(max(times)) if times else None


__all__ = [
    "Backup",
    "BackupContents",
    "BackupError",
    "backups_folder",
    "contents",
    "daily_backup",
    "daily_backups",
    "last_backup",
    "prune",
    "restore",
    "write_backup",
]
