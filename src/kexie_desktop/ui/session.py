"""The open report as the window sees it: edits go to the Qt-free ReportEditor at once; the
writes follow ~0.5 s after the last keystroke (or at once on leaving a field), and a failed
write is retried until it succeeds, the text staying on screen meanwhile."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from kexie_desktop.core.checks.relations import Evaluation
from kexie_desktop.core.findings import Finding, TextFix
from kexie_desktop.core.report import Report
from kexie_desktop.core.scorecard import ScoreSheet
from kexie_desktop.core.totals import computed_totals
from kexie_desktop.services.editing import EditError, ReportEditor, findings_by_field
from kexie_desktop.services.text_fixes import apply_fix
from kexie_desktop.storage import StorageError

log = logging.getLogger(__name__)

AUTOSAVE_MS = 500
RETRY_MS = 3000


@dataclass(frozen=True)
class ViewState:
    """Everything the form, navigator and findings panel show, computed once per change."""

    report: Report
    findings: list[Finding]
    by_field: dict[str, list[Finding]]
    totals: dict[str, Evaluation]
    previous: Report | None
    read_only: bool
    scores: ScoreSheet | None  # the scoring table evaluated; None without one


class Session(QObject):
    changed = Signal(str)  # the report changed; the argument is a field path to show, or ""
    saved = Signal(str)  # the time of the last successful save, "14:03:25"
    save_failed = Signal(str)  # a plain Chinese message; the edits stay queued
    refused = Signal(str)  # an edit that is not allowed (final or read-only report)

    def __init__(self, editor: ReportEditor, previous: Report | None = None) -> None:
        super().__init__()
        self.editor = editor
        self.previous = previous
        self._state: ViewState | None = None
        # Mark every empty required field, not only the visited ones (the clerk asked with
        # 列出未填项, or tried to finalise).
        self.show_missing = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.save_now)

    @property
    def report(self) -> Report:
        return self.editor.report

    def state(self) -> ViewState:
        if self._state is None:
            findings = self.editor.findings()
            self._state = ViewState(
                self.editor.report,
                findings,
                findings_by_field(findings),
                computed_totals(self.editor.evaluations()),
                self.previous,
                self.editor.is_read_only,
                self.editor.score_sheet(),
            )
        return self._state

    # -- edits from the widgets ------------------------------------------------------------

    def set_field(self, key: str, text: str) -> None:
        self._edit(lambda: self.editor.set_field(key, text))

    def set_cell(self, path: str, text: str) -> None:
        self._edit(lambda: self.editor.set_cell(path, text))

    def explain(self, finding_key: str, text: str) -> None:
        self._edit(lambda: self.editor.explain(finding_key, text))

    def add_row(self, table_path: str, position: int | None = None) -> str:
        """An empty row at ``position`` (at the end if None); its path, or "" if refused."""
        added: list[str] = []
        self._edit(lambda: added.append(self.editor.add_row(table_path, position)), at_once=True)
        return added[0] if added else ""

    def remove_row(self, table_path: str, row_id: str) -> None:
        self._edit(lambda: self.editor.remove_row(table_path, row_id), at_once=True)

    def move_row(self, table_path: str, row_id: str, offset: int) -> None:
        self._edit(lambda: self.editor.move_row(table_path, row_id, offset), at_once=True)

    def paste(self, table_path: str, row: int, column: int, block: list[list[str]]) -> None:
        self._edit(lambda: self.editor.paste(table_path, row, column, block), at_once=True)

    def restore(self, version: Report, key: str | None = None) -> bool:
        """Bring back a version, or one item of it (undoable); False if nothing differed."""
        done: list[bool] = []
        self._edit(lambda: done.append(self.editor.restore(version, key)), at_once=True)
        return bool(done and done[0])

    def apply_fix(self, fix: TextFix) -> bool:
        """Apply a finding's mechanical correction as one undoable edit; False if the text
        changed since it was checked."""
        done: list[bool] = []
        self._edit(lambda: done.append(apply_fix(self.editor, fix)), at_once=True)
        return bool(done and done[0])

    def set_print_chart(self, on: bool) -> None:
        """Whether the PDF ends with the chart page: a printing choice, written at once (not an
        undoable edit); the preview and the window show the change."""
        try:
            self.editor.set_print_chart(on)
        except EditError as exc:
            self.refused.emit(exc.message)
            return
        except StorageError as exc:
            self.save_failed.emit(f"无法保存：{exc.message}")
            return
        self._state = None
        self.changed.emit("")
        self.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))

    def left_field(self) -> None:
        """The clerk left a field: a new undo step begins and the edits are written now."""
        self.editor.seal()
        if self.editor.has_unsaved:
            self.save_now()

    def undo(self) -> None:
        self._history(self.editor.undo)

    def redo(self) -> None:
        self._history(self.editor.redo)

    # -- saving ----------------------------------------------------------------------------

    def save_now(self) -> bool:
        """Write what is queued; True when everything is on disk."""
        self._autosave.stop()
        self._retry.stop()
        try:
            state = self.editor.flush()
        except StorageError as exc:
            log.error("saving failed for good: %s", exc.kind.value)
            self.save_failed.emit(f"无法保存：{exc.message}")
            return False
        if state.error is not None:
            self.save_failed.emit(
                f"无法保存：{state.error.message} 已填写的内容仍在窗口中，"
                f"{RETRY_MS // 1000} 秒后自动重试。"
            )
            self._retry.start()
            return False
        self.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))
        return True

    def invalidate(self) -> None:
        """The report changed outside the edit methods (its status): show it again."""
        self._state = None
        self.changed.emit("-")

    @property
    def retrying(self) -> bool:
        return self._retry.isActive()

    # -- internals -------------------------------------------------------------------------

    def _edit(self, action: object, at_once: bool = False) -> None:
        assert callable(action)
        try:
            action()
        except EditError as exc:
            self.refused.emit(exc.message)
            return
        self._state = None
        self.changed.emit("")
        if at_once:
            self.save_now()
        elif not self._retry.isActive():
            self._autosave.start()

    def _history(self, step: object) -> None:
        assert callable(step)
        if self.editor.is_read_only:
            self.refused.emit("这份报告现在只能查看，不能撤销或重做。")
            return
        command = step()
        if command is None:
            return
        self._state = None
        self.changed.emit(command.focus or "-")
        self.save_now()
