"""Copying a data file: SQLite's online backup (consistent while the file is open, write-ahead
log included) into a partial file beside the target, checked, synced and renamed, so that a
copy that exists is a whole copy. Used for backups, restores and the copy before a migration."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from kexie_desktop.storage.errors import StorageError, StorageErrorKind, classify


def copy_database(source: Path, target: Path, *, put_in_place: bool = True) -> Path:
    """Copy ``source`` to ``target`` (or, with ``put_in_place`` false, to the partial file
    beside it, whose path is returned for the caller to rename)."""
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
    if put_in_place:
        os.replace(partial, target)
        sync_folder(target.parent)
    return partial


def _sync_file(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows cannot open a folder for this)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    with contextlib.suppress(OSError):
        os.fsync(descriptor)
    os.close(descriptor)
