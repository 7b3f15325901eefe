"""Storage of reports in one SQLite file. The only package that imports sqlite_utils."""

from kexie_desktop.storage.backup import restore_backup, write_backup
from kexie_desktop.storage.database import BACKUP_FOLDER, CURRENT_VERSION, open_database
from kexie_desktop.storage.errors import StorageError, StorageErrorKind
from kexie_desktop.storage.repository import ReportRepository, ReportSummary, StoredVersion

__all__ = [
    "BACKUP_FOLDER",
    "CURRENT_VERSION",
    "ReportRepository",
    "ReportSummary",
    "StorageError",
    "StorageErrorKind",
    "StoredVersion",
    "open_database",
    "restore_backup",
    "write_backup",
]
