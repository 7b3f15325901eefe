"""Opening the report file: checks before touching it, connection settings, migrations."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from kexie_desktop.core.oserrors import describe
from kexie_desktop.storage.copying import copy_database
from kexie_desktop.storage.errors import StorageError, StorageErrorKind, classify, user_errors
from kexie_desktop.storage.migrations import MIGRATIONS

log = logging.getLogger(__name__)

# PRAGMA application_id marks the file as ours ("KXIE"), so another program's SQLite file
# is recognised and left alone.
APPLICATION_ID = 0x4B584945
CURRENT_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_MS = 3000


def open_database(path: Path) -> Database:
    """Open (creating if needed) the report file at ``path``, migrated to the current version.

    A file that is not a kexie database, is damaged, or was written by a newer version raises
    ``StorageError`` and is not modified.
    """
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        inspect_existing(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    with user_errors():
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    # Imported here, not at the top: the window shows before any file is opened, and
    # sqlite-utils costs ~0.1 s to import.
    from sqlite_utils import Database

    db = Database(connection)
    try:
        with user_errors():
            _configure(db)
            _back_up_before_migrating(connection, path)
            _migrate(db)
    except BaseException:
        connection.close()
        raise
    return db


def inspect_existing(path: Path, *, require_ours: bool = False) -> None:
    """Refuse a file that is not ours, is damaged or is too new — before writing a byte.
    An empty file passes (it becomes a new data file) unless ``require_ours``: a backup to
    restore must be a data file of this program.

    Only SQLite opens the file here, never a plain open(): this is also called on the data
    file while this process has it open (a backup), and closing any other descriptor of it
    would drop SQLite's POSIX locks, letting another program delete the write-ahead log in use.
    """
    not_ours = StorageError(StorageErrorKind.NOT_A_DATABASE, f"“{path.name}”不是本软件的数据文件。")
    try:
        if not path.is_file():
            raise FileNotFoundError(errno.ENOENT, "not a file", str(path))
        if not os.access(path, os.R_OK):
            raise PermissionError(errno.EACCES, "not readable", str(path))
    except OSError as exc:
        raise StorageError(
            StorageErrorKind.CANNOT_OPEN, f"无法读取数据文件：{describe(exc)}"
        ) from exc
    # Without a left-over WAL, "immutable" reads the file without creating -wal/-shm files next
    # to it; with one (after a crash), the read-only open must see the committed pages in it.
    has_wal = Path(f"{path}-wal").exists()
    query = "mode=ro" if has_wal else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
    except sqlite3.Error as exc:
        raise classify(exc) or exc from exc
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        has_tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        integrity = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        error = classify(exc) or exc
        raise (
            not_ours if getattr(error, "kind", None) is StorageErrorKind.NOT_A_DATABASE else error
        ) from exc
    finally:
        connection.close()
    if integrity != "ok":
        raise StorageError(
            StorageErrorKind.CORRUPT,
            f"数据文件“{path.name}”已损坏，无法打开。请从导出的报告文件恢复。",
        )
    if application_id != APPLICATION_ID and (has_tables or require_ours):
        raise StorageError(StorageErrorKind.NOT_A_DATABASE, f"“{path.name}”不是本软件的数据文件。")
    if version > CURRENT_VERSION:
        raise StorageError(
            StorageErrorKind.NEWER_VERSION,
            f"数据文件“{path.name}”由更新版本的软件创建（数据版本 {version}），请先升级本软件。",
        )


def _configure(db: Database) -> None:
    with db.ensure_autocommit_on():
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL: a crash or kill never leaves a half-written page; FULL: a committed edit
        # survives a power cut too. The cost (one fsync per edit) is far below typing speed.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")


BACKUP_FOLDER = "backups"


def _back_up_before_migrating(connection: sqlite3.Connection, path: Path) -> Path | None:
    """A checked copy of a file with reports in it, taken before a migration changes it.
    Returns the copy's path."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == 0 or version >= CURRENT_VERSION:
        return None
    folder = path.parent / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.v{version}-{stamp}.sqlite"
    copy_database(path, target)
    log.info("backed up %s to %s before migrating from version %d", path, target, version)
    return target


def _migrate(db: Database) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number in range(version, CURRENT_VERSION):
        log.info("migrating database to version %d", number + 1)
        with db.atomic():
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {number + 1}")
