"""Files written before templates existed are upgraded in place, after a backup; a report in a
template this program does not have is listed, refused plainly, and left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Status
from kexie_desktop.core.template import Template, TemplateLibrary
from kexie_desktop.storage import (
    CURRENT_VERSION,
    ReportRepository,
    StorageError,
    StorageErrorKind,
    open_database,
)
from kexie_desktop.storage.database import APPLICATION_ID, BACKUP_FOLDER
from kexie_desktop.storage.migrations import MIGRATIONS

NOW = "2022-04-25T09:30:00"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def user_version(path: Path) -> int:
    raw = sqlite3.connect(path)
    try:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()


def columns_of_reports(path: Path) -> set[str]:
    raw = sqlite3.connect(path)
    try:
        return {row[1] for row in raw.execute("PRAGMA table_info(reports)")}
    finally:
        raw.close()


def write_version_1_file(path: Path) -> int:
    """A data file as version 1 of the program left it: only the first migration, marked as
    ours and at user_version 1, with one report (fields and a table row) in it."""
    connection = sqlite3.connect(path)
    db = Database(connection)
    db.execute("PRAGMA journal_mode = WAL")  # as database.py configures every file
    MIGRATIONS[0](db)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    cursor = connection.execute(
        "INSERT INTO reports (status, is_sample, created_at, updated_at) VALUES (?, ?, ?, ?)",
        ["final", 0, NOW, NOW],
    )
    report_id = cursor.lastrowid
    assert isinstance(report_id, int)
    connection.executemany(
        "INSERT INTO field_values (report_id, key, money_fen, int_value, text_value)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (report_id, "header.unit", None, None, "郴州市科学技术协会"),
            (report_id, "header.year", None, 2020, None),
            (report_id, "header.date", None, None, "2021-04-20"),
            (report_id, "basic.total", 282_020_000, None, None),
            (report_id, "performance.usage_rate", None, 9550, None),
        ],
    )
    row = connection.execute(
        "INSERT INTO table_rows (report_id, row_key, table_key, parent_id, position)"
        " VALUES (?, 'duty01', 'basics.duties', NULL, 0)",
        [report_id],
    ).lastrowid
    connection.execute(
        "INSERT INTO cell_values (row_id, key, text_value) VALUES (?, 'text', ?)",
        [row, "开展学术交流"],
    )
    connection.execute(
        "INSERT INTO explanations (report_id, finding_key, text) VALUES (?, 'x:1', '说明')",
        [report_id],
    )
    connection.commit()
    connection.close()
    assert user_version(path) == 1
    assert "template_id" not in columns_of_reports(path)
    return report_id


def test_a_version_1_file_is_backed_up_then_upgraded_in_place(
    db_path: Path, templates: TemplateLibrary, hunan: Template
) -> None:
    report_id = write_version_1_file(db_path)
    repo = ReportRepository(open_database(db_path), templates)
    try:
        (summary,) = repo.list_reports()
        assert summary.id == report_id
        assert (summary.template_id, summary.template_version) == ("hunan-dept-selfeval", 1)
        assert (summary.unit, summary.year, summary.status) == (
            "郴州市科学技术协会",
            2020,
            Status.FINAL,
        )
        report = repo.load(report_id)
    finally:
        repo.close()
    assert report.template.id == "hunan-dept-selfeval"
    assert report.template.version >= 1
    assert report.template is hunan  # the installed template of that id, not a copy
    assert report.money("basic.total") == Money.from_wan("282.02")
    assert str(report.percent("performance.usage_rate")) == "95.50"
    assert report.date is not None
    assert report.date.isoformat() == "2021-04-20"
    assert [row.cells["text"] for row in report.rows("basics.duties")] == ["开展学术交流"]
    assert report.explanations == {"x:1": "说明"}
    assert report.status is Status.FINAL

    # Upgraded in place: the same file, now at the current version with the new columns.
    assert user_version(db_path) == CURRENT_VERSION
    assert {"template_id", "template_version"} <= columns_of_reports(db_path)

    # The copy taken before the upgrade is whole and still at version 1.
    backups = sorted((db_path.parent / BACKUP_FOLDER).iterdir())
    assert len(backups) == 1, backups
    (backup,) = backups
    assert backup.name.startswith(f"{db_path.stem}.v1-")
    assert backup.suffix == ".sqlite"
    assert user_version(backup) == 1
    assert "template_id" not in columns_of_reports(backup)
    with sqlite3.connect(backup) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert raw.execute("SELECT id FROM reports").fetchall() == [(report_id,)]
        assert raw.execute(
            "SELECT money_fen FROM field_values WHERE key = 'basic.total'"
        ).fetchone() == (282_020_000,)
    raw.close()

    # Opening the upgraded file again migrates nothing, so takes no further copy.
    ReportRepository(open_database(db_path), templates).close()
    assert sorted((db_path.parent / BACKUP_FOLDER).iterdir()) == backups


def test_a_new_file_needs_no_backup(db_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    assert not (db_path.parent / BACKUP_FOLDER).exists()


@pytest.mark.parametrize(
    ("template_id", "version"),
    [
        ("no-such-template", 1),
        ("hunan-dept-selfeval", 999),  # a later version of a template than the one installed
    ],
)
def test_a_report_in_a_template_not_installed_is_listed_but_refused_untouched(
    db_path: Path,
    templates: TemplateLibrary,
    sample: Report,
    template_id: str,
    version: int,
) -> None:
    repo = ReportRepository(open_database(db_path), templates)
    stranger_id = repo.insert(sample)
    known_id = repo.insert(Report(sample.template, values={"header.year": 2022}))
    repo.close()
    with sqlite3.connect(db_path) as raw:
        raw.execute(
            "UPDATE reports SET template_id = ?, template_version = ? WHERE id = ?",
            [template_id, version, stranger_id],
        )
    raw.close()
    before = digest(db_path)

    repo = ReportRepository(open_database(db_path), templates)
    try:
        listed = {summary.id: summary for summary in repo.list_reports()}
        assert set(listed) == {stranger_id, known_id}
        stranger = listed[stranger_id]
        assert (stranger.template_id, stranger.template_version) == (template_id, version)
        if template_id not in templates:  # nothing says which fields hold its unit and year
            assert (stranger.unit, stranger.year) == ("", None)
        with pytest.raises(StorageError) as caught:
            repo.load(stranger_id)
        assert caught.value.kind is StorageErrorKind.UNKNOWN_TEMPLATE
        assert not caught.value.retryable
        assert template_id in caught.value.message
        assert "没有安装" in caught.value.message
        assert repo.load(known_id).year == 2022  # the other reports still open
    finally:
        repo.close()
    assert digest(db_path) == before  # refused without writing a byte
    assert not Path(f"{db_path}-wal").exists()
