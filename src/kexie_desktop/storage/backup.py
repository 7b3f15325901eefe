"""Copies of the whole data file: written with SQLite's online backup (consistent while the
window has the file open), checked, and put in place in one step, so that a copy that exists
is a whole copy, and a restore leaves either the old or the new file, never a broken one."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from kexie_desktop.storage.database import inspect_existing
from kexie_desktop.storage.errors import StorageError, StorageErrorKind, classify

log = logging.getLogger(__name__)


def write_backup(source: Path, target: Path) -> None:
    """A consistent, checked copy of the data file ``source`` at ``target`` (replaced whole).

    A source that is damaged or not ours is refused before anything is written, so a bad
    file never overwrites a good backup."""
    inspect_existing(source)
    _copy(source, target)
    log.info("backed up %s to %s", source, target)


def restore_backup(backup: Path, target: Path, safety_copy: Path | None) -> None:
    """Put the backup ``backup`` in place of the data file ``target``. The current file is
    first copied to ``safety_copy``. Nobody may have ``target`` open (the caller checks)."""
    inspect_existing(backup)
    if target.exists() and target.stat().st_size > 0:
        try:
            inspect_existing(target)
        except StorageError:
            # A damaged (or foreign) file is kept byte for byte, for whoever wants to look.
            if safety_copy is not None:
                for suffix in ("", "-wal"):
                    if Path(f"{target}{suffix}").exists():
                        shutil.copyfile(f"{target}{suffix}", f"{safety_copy}{suffix}")
        else:
            if safety_copy is not None:
                write_backup(target, safety_copy)
            _fold_write_ahead_log(target)
    partial = _copy(backup, target, replace=False)
    # The target's write-ahead log is empty now (folded in above); a stale one must not be
    # applied to the restored file.
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(partial, target)
    _sync_folder(target.parent)
    log.info("restored %s from %s", target, backup)


def _copy(source: Path, target: Path, *, replace: bool = True) -> Path:
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(partial)
            try:
                reader.backup(copy)
                # One self-contained file (no -wal beside it), e.g. for a USB stick.
                copy.execute("PRAGMA journal_mode = DELETE")
                verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        finally:
            reader.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise classify(exc) or exc from exc
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise StorageError(StorageErrorKind.CORRUPT, "备份副本未能通过完整性检查，未保存。")
    _sync_file(partial)
    if replace:
        os.replace(partial, target)
        _sync_folder(target.parent)
    return partial


def _fold_write_ahead_log(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise classify(exc) or exc from exc
    finally:
        connection.close()


def _sync_file(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows cannot open a folder for this)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    with contextlib.suppress(OSError):
        os.fsync(descriptor)
    os.close(descriptor)
