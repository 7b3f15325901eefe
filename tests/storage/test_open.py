"""Opening files that are not ours, damaged or too new: refused plainly, left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from kexie_desktop.storage import CURRENT_VERSION, StorageError, StorageErrorKind, open_database
from kexie_desktop.storage.database import APPLICATION_ID
from kexie_desktop.storage.errors import classify


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_and_marked_as_ours(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db = open_database(db_path)  # opening again migrates nothing and keeps working
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def _refused(path: Path, kind: StorageErrorKind) -> StorageError:
    before = digest(path)
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert caught.value.kind is kind
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()
    return caught.value


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("会议记录", encoding="utf-8")
    error = _refused(path, StorageErrorKind.NOT_A_DATABASE)
    assert "不是本软件的数据文件" in error.message


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE contacts (name TEXT)")
    _refused(path, StorageErrorKind.NOT_A_DATABASE)


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    raw.close()
    error = _refused(db_path, StorageErrorKind.NEWER_VERSION)
    assert "升级" in error.message


def test_a_damaged_database_is_refused_untouched(db_path: Path) -> None:
    db = open_database(db_path)
    db.execute("CREATE TABLE filler (x TEXT)")
    with db.atomic():
        for n in range(2000):
            db.execute("INSERT INTO filler VALUES (?)", [f"填充内容{n}" * 5])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page * 3 : page * 6] = b"\xff" * (page * 3)  # wipe three pages in the middle
    db_path.write_bytes(bytes(data))
    error = _refused(db_path, StorageErrorKind.CORRUPT)
    assert "损坏" in error.message


def test_a_read_only_file_gives_a_plain_error(db_path: Path) -> None:
    open_database(db_path).close()
    # File modes do not stop root (CI runs as root), so open the file read-only instead.
    raw = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        raw.execute("INSERT INTO reports (created_at, updated_at) VALUES ('a', 'b')")
    raw.close()
    error = classify(caught.value)
    assert error is not None
    assert error.kind is StorageErrorKind.READ_ONLY
    assert "只读" in error.message
    assert error.retryable


def test_unexpected_sqlite_errors_are_bugs_not_user_errors(db_path: Path) -> None:
    db = open_database(db_path)
    with pytest.raises(sqlite3.OperationalError) as caught:
        db.execute("SELECT no_such_column FROM reports")
    assert classify(caught.value) is None
    db.close()


def test_a_folder_with_chinese_spaces_and_uri_characters_works(tmp_path: Path) -> None:
    # Windows user names are often Chinese; '#', '?' and '%' would break a careless file: URI.
    folder = tmp_path / "张三 的文档 #1?%20"
    path = folder / "报告数据.kexie.sqlite"
    open_database(path).close()
    db = open_database(path)  # the second open inspects the existing file read-only first
    assert db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    db.close()
    assert path.exists()
    assert not (tmp_path / "张三 的文档 ").exists()  # nothing created at a truncated path
