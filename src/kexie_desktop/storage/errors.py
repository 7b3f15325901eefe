"""Turning SQLite failures into errors the clerk can act on.

Expected failures (disk full, file locked or read-only, not our file, written by a newer
version) become a ``StorageError`` with a plain Chinese message; anything else is a bug and
propagates unchanged, to be logged with its traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum

from kexie_desktop.core.errors import UserError

# Primary result codes from sqlite3.h; extended codes carry the primary one in the low byte.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class StorageErrorKind(Enum):
    NOT_A_DATABASE = "not_a_database"
    CORRUPT = "corrupt"
    NEWER_VERSION = "newer_version"
    LOCKED = "locked"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    CANNOT_OPEN = "cannot_open"
    IO = "io"
    NOT_FOUND = "not_found"
    UNKNOWN_TEMPLATE = "unknown_template"
    INTERNAL = "internal"  # a bug while saving: logged, the edit kept for retry


class StorageError(UserError):
    """A storage failure the user can do something about; ``message`` is Chinese."""

    def __init__(self, kind: StorageErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind

    @property
    def retryable(self) -> bool:
        """Whether trying the same write again later may succeed (space freed, lock released)."""
        return self.kind in (
            StorageErrorKind.LOCKED,
            StorageErrorKind.DISK_FULL,
            StorageErrorKind.READ_ONLY,
            StorageErrorKind.IO,
        )


_MESSAGES = {
    StorageErrorKind.LOCKED: "数据文件正被其他程序占用，暂时无法保存。已填写的内容仍在窗口中，稍后会自动重试。",
    StorageErrorKind.READ_ONLY: "数据文件是只读的，无法保存。请检查文件属性或所在文件夹的权限。",
    StorageErrorKind.DISK_FULL: "磁盘空间已满，无法保存。请清理磁盘后重试，已填写的内容不会丢失。",
    StorageErrorKind.CORRUPT: "数据文件已损坏，无法打开。请从备份或导出的报告文件恢复。",
    StorageErrorKind.NOT_A_DATABASE: "这个文件不是本软件的数据文件。",
    StorageErrorKind.CANNOT_OPEN: "无法打开数据文件，请检查路径和文件夹权限。",
    StorageErrorKind.IO: "读写数据文件时发生磁盘错误，请检查磁盘或网络驱动器后重试。",
}


def classify(error: sqlite3.Error) -> StorageError | None:
    """The user-facing error for an SQLite failure, or ``None`` if it is a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    kind: StorageErrorKind | None = None
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        kind = StorageErrorKind.LOCKED
    elif primary == _SQLITE_READONLY or "readonly" in text:
        kind = StorageErrorKind.READ_ONLY
    elif primary == _SQLITE_FULL or "disk is full" in text:
        kind = StorageErrorKind.DISK_FULL
    elif primary == _SQLITE_NOTADB or "not a database" in text:
        kind = StorageErrorKind.NOT_A_DATABASE
    elif primary == _SQLITE_CORRUPT or "malformed" in text:
        kind = StorageErrorKind.CORRUPT
    elif primary == _SQLITE_CANTOPEN or "unable to open" in text:
        kind = StorageErrorKind.CANNOT_OPEN
    elif primary == _SQLITE_IOERR or "disk i/o" in text:
        kind = StorageErrorKind.IO
    return None if kind is None else StorageError(kind, _MESSAGES[kind])


@contextmanager
def user_errors() -> Iterator[None]:
    """Re-raise expected SQLite failures as ``StorageError``; let bugs through."""
    try:
        yield
    except sqlite3.Error as exc:
        error = classify(exc)
        if error is None:
            raise
        raise error from exc
