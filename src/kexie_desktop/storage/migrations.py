"""Numbered schema migrations, applied in order and recorded in ``PRAGMA user_version``.

The DDL is written out in SQL rather than through ``Table.create`` because the tables need
``ON DELETE CASCADE`` and ``CHECK`` constraints that sqlite-utils cannot declare. Column types
are always explicit: money is INTEGER 分, never a REAL inferred from a Python value.

Values are stored one row per field (``field_values``) and per table cell (``cell_values``),
keyed by the schema's field keys, so adding a field to the schema needs no migration.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a file is opened, not at start-up
    from sqlite_utils import Database


_V1 = """
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
    based_on INTEGER REFERENCES reports(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE field_values (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    money_fen INTEGER,
    int_value INTEGER,
    text_value TEXT,
    unreadable TEXT,
    PRIMARY KEY (report_id, key)
);
CREATE TABLE table_rows (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    row_key TEXT NOT NULL,
    table_key TEXT NOT NULL,
    parent_id INTEGER REFERENCES table_rows(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    UNIQUE (report_id, row_key)
);
CREATE INDEX table_rows_by_parent ON table_rows (report_id, parent_id, table_key, position);
CREATE TABLE cell_values (
    row_id INTEGER NOT NULL REFERENCES table_rows(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    money_fen INTEGER,
    int_value INTEGER,
    text_value TEXT,
    unreadable TEXT,
    PRIMARY KEY (row_id, key)
);
CREATE TABLE explanations (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    finding_key TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (report_id, finding_key)
);
"""


# Every report names its template. Reports stored before templates existed are in the outline
# that was then built in, which became the template below.
_V2 = """
ALTER TABLE reports ADD COLUMN template_id TEXT NOT NULL DEFAULT 'hunan-dept-selfeval';
ALTER TABLE reports ADD COLUMN template_version INTEGER NOT NULL DEFAULT 1
"""


# Versions of a report: a snapshot (the hand-over document, zlib-compressed) at meaningful
# moments, so the clerk can go back to yesterday's text after the window was closed.
_V3 = """
CREATE TABLE report_versions (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    machine TEXT NOT NULL DEFAULT '',
    user_name TEXT NOT NULL DEFAULT '',
    snapshot BLOB NOT NULL
);
CREATE INDEX report_versions_by_report ON report_versions (report_id, id)
"""


# Whether a report's PDF ends with the chart page after its scoring table (on by default).
_V4 = """
ALTER TABLE reports ADD COLUMN print_chart INTEGER NOT NULL DEFAULT 1 CHECK (print_chart IN (0, 1))
"""


def _run(script: str) -> Callable[[Database], None]:
    def migrate(db: Database) -> None:
        for statement in script.split(";"):
            if statement.strip():
                db.execute(statement)

    return migrate


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _run(_V1),
    _run(_V2),
    _run(_V3),
    _run(_V4),
)
