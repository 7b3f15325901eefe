"""Versions of a report, kept in the data file so that yesterday's text can be brought back
after the window was closed.

A version is a snapshot of the whole report: its hand-over document, compressed. It is kept
automatically before the first change of each working session (the state the clerk found),
every few minutes of continuous editing, at every 定稿 and PDF export, and around a restore;
and on demand, with a note. Snapshots rather than diffs: the sample's snapshot is 4.6 KiB
compressed, one with ten times its text (new wording) 36 KiB, kept in 0.6 / 4 ms
(bench/bench_history.py), so even two hundred versions stay in single megabytes, and any
version is read on its own without replaying others.
"""

from __future__ import annotations

import getpass
import logging
import socket
import time
import zlib
from collections.abc import Callable
from enum import Enum

from kexie_desktop.core import handover
from kexie_desktop.core.report import Report
from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.storage import ReportRepository, StorageError, StoredVersion

log = logging.getLogger(__name__)

# Continuous editing is kept at most this often (and only when something changed since).
PERIODIC_SECONDS = 10 * 60


class VersionReason(Enum):
    SESSION = "session"
    PERIODIC = "periodic"
    FINAL = "final"
    EXPORT = "export"
    MANUAL = "manual"
    BEFORE_RESTORE = "before_restore"
    RESTORED = "restored"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    VersionReason.SESSION: "开始编辑前",
    VersionReason.PERIODIC: "编辑中自动保留",
    VersionReason.FINAL: "定稿",
    VersionReason.EXPORT: "导出 PDF",
    VersionReason.MANUAL: "手动保存的版本",
    VersionReason.BEFORE_RESTORE: "恢复旧版本之前",
    VersionReason.RESTORED: "恢复旧版本之后",
}


def reason_label(stored: str) -> str:
    try:
        return VersionReason(stored).label
    except ValueError:
        return stored


def snapshot(report: Report) -> bytes:
    return zlib.compress(handover.dumps(report).encode("utf-8"), 9)


def from_snapshot(data: bytes, templates: TemplateLibrary) -> Report:
    return handover.loads(zlib.decompress(data).decode("utf-8"), templates)


def _who() -> tuple[str, str]:
    """This PC's name and the user's login name, as far as the system tells them."""
    try:
        machine = socket.gethostname()
    except OSError:
        machine = ""
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = ""
    return machine, user


class History:
    """The versions of one open report, and when to keep the next one."""

    def __init__(
        self,
        repository: ReportRepository,
        report: Report,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if report.id is None:
            raise ValueError("the report must be stored first")
        self.repository = repository
        self.report_id = report.id
        self._clock = clock
        self._as_opened: bytes | None = snapshot(report)
        self._last_kept = clock()

    def record(self, report: Report, reason: VersionReason, note: str = "") -> int:
        return self._add(snapshot(report), reason, note)

    def _add(self, data: bytes, reason: VersionReason, note: str) -> int:
        machine, user = _who()
        version = self.repository.add_version(
            self.report_id,
            reason=reason.value,
            snapshot=data,
            note=note,
            machine=machine,
            user_name=user,
        )
        self._last_kept = self._clock()
        log.info("kept version %d of report %d (%s)", version, self.report_id, reason.value)
        return version

    def before_writing(self) -> StorageError | None:
        """Called before the session's edits are written: the first time, the report as it
        was opened is kept. A failure is returned (the caller keeps its edits queued)."""
        if self._as_opened is None:
            return None
        try:
            self._add(self._as_opened, VersionReason.SESSION, "")
        except StorageError as exc:
            return exc
        self._as_opened = None
        return None

    def after_writing(self, report: Report) -> None:
        """Called after edits were written: every few minutes of editing keeps a version."""
        if self._clock() - self._last_kept >= PERIODIC_SECONDS:
            try:
                self.record(report, VersionReason.PERIODIC)
            except StorageError as exc:  # the edits are saved; the version waits for the next
                log.warning("could not keep a periodic version: %s", exc.message)

    def versions(self) -> list[StoredVersion]:
        return self.repository.list_versions(self.report_id)

    def load(self, version_id: int) -> Report:
        """The report as it was in a version (in the newest installed version of its template)."""
        report = from_snapshot(
            self.repository.version_snapshot(version_id), self.repository.templates
        )
        report.id = self.report_id
        return report
