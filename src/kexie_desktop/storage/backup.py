"""Copies of the whole data file: written with SQLite's online backup (consistent while the
window has the file open), checked, and put in place in one step, so that a copy that exists
is a whole copy, and a restore leaves either the old or the new file, never a broken one."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from pathlib import Path

from kexie_desktop.storage.copying import copy_database, sync_folder
from kexie_desktop.storage.database import inspect_existing
from kexie_desktop.storage.errors import StorageError, classify

log = logging.getLogger(__name__)


def write_backup(source: Path, target: Path) -> None:
    """A consistent, checked copy of the data file ``source`` at ``target`` (replaced whole).

    A source that is damaged or not ours is refused before anything is written, so a bad
    file never overwrites a good backup."""
    inspect_existing(source)
    copy_database(source, target)
    log.info("backed up %s to %s", source, target)


def restore_backup(backup: Path, target: Path, safety_copy: Path | None) -> None:
    """Put the backup ``backup`` in place of the data file ``target``. The current file is
    first copied to ``safety_copy``. Nobody may have ``target`` open (the caller checks)."""
    inspect_existing(backup, require_ours=True)  # an empty file would restore nothing
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
                copy_database(target, safety_copy)  # inspected just above
            _fold_write_ahead_log(target)
    partial = copy_database(backup, target, put_in_place=False)
    # The target's write-ahead log is empty now (folded in above); a stale one must not be
    # applied to the restored file.
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(partial, target)
    sync_folder(target.parent)
    log.info("restored %s from %s", target, backup)


def _fold_write_ahead_log(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise classify(exc) or exc from exc
    finally:
        connection.close()
