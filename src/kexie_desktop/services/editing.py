"""Editing one open report, without Qt: edits applied to the in-memory report first, then
written to the database; undo/redo across the whole report; a queue of unsaved writes that
survives a failing disk, so nothing the clerk typed disappears.

The window reports "field X now reads T"; everything else (parsing, totals, findings, the
standard sentences) happens here and in core.
"""

from __future__ import annotations

import copy
import csv
import io
import logging
from dataclasses import dataclass, replace

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.checks.relations import Evaluation, evaluate
from kexie_desktop.core.findings import Finding, blocking
from kexie_desktop.core.report import Report, Row, Status, row_path
from kexie_desktop.core.schema import Table
from kexie_desktop.core.scorecard import ScoreSheet, score_sheet
from kexie_desktop.core.textinput import storable
from kexie_desktop.core.values import Invalid, Value, read
from kexie_desktop.logs import log_file
from kexie_desktop.services.edit_steps import (
    Command,
    DeleteRow,
    EditError,
    InsertRow,
    MoveRow,
    SetCell,
    SetExplanation,
    SetValue,
    Step,
    find_row,
    row_index,
    rows_at,
    split_cell_path,
    table_ref,
)
from kexie_desktop.services.history import History, VersionReason
from kexie_desktop.services.printable import font_printable
from kexie_desktop.storage import ReportRepository, StorageError, StorageErrorKind

log = logging.getLogger(__name__)


MAX_PASTE_ROWS = 2000  # far beyond any table of this report; a stray huge clipboard is refused


@dataclass(frozen=True)
class PasteResult:
    """What a paste wrote: rows and cells of the block, rows added, cells kept as typed."""

    rows: int
    cells: int
    added: int
    unreadable: int

    @property
    def message(self) -> str:
        text = f"已粘贴 {self.rows} 行 {self.cells} 格"
        if self.added:
            text += f"，新增 {self.added} 行"
        if self.unreadable:
            text += f"；其中 {self.unreadable} 格无法识别，已按原样保留并标出，请核对"
        return text + "。"


@dataclass
class SaveState:
    """After a flush: the error that stopped it (its edits stay queued), or None."""

    error: StorageError | None = None


def internal_save_message() -> str:
    return (
        f"保存时程序内部出错（详情已写入日志：{log_file()}）。已填写的内容仍在窗口中，"
        "会自动重试；如一直失败，请导出交换文件留底并联系技术支持。"
    )


def restoring_steps(current: Report, version: Report, key: str | None = None) -> list[Step]:
    """The edit steps that make ``current`` equal to ``version`` (only in the field or table
    ``key`` when given): fields set, and tables' rows replaced by the version's (ids kept)."""
    schema = current.schema
    steps: list[Step] = []
    for field in schema.fields():
        if key not in (None, field.key):
            continue
        old, new = current.values.get(field.key), version.values.get(field.key)
        if old != new:
            steps.append(SetValue(field.key, old, new))
    for table in schema.tables():
        if key not in (None, table.key):
            continue
        rows, wanted = current.rows(table.key), version.rows(table.key)
        if rows == wanted:
            continue
        steps += [
            DeleteRow(table.key, position, copy.deepcopy(row))
            for position, row in reversed(list(enumerate(rows)))
        ]
        steps += [
            InsertRow(table.key, position, copy.deepcopy(row))
            for position, row in enumerate(wanted)
        ]
    return steps


def _item_label(report: Report, key: str) -> str:
    schema = report.schema
    return schema.field(key).label if schema.has_field(key) else schema.table(key).label


# -- the editor --------------------------------------------------------------------------------


class ReportEditor:
    """One loaded report being edited; every public edit updates ``report`` at once and queues
    its write, which ``flush()`` carries out (the window flushes shortly after typing stops)."""

    def __init__(self, repository: ReportRepository, report: Report, read_only: bool = False):
        if report.id is None:
            raise ValueError("the report must be stored before it is edited")
        self.repository = repository
        self.report = report
        self.report_id: int = report.id
        self.read_only_reason = (
            "此数据文件已在另一个窗口中打开，本窗口只能查看。" if read_only else ""
        )
        self._undo: list[Command] = []
        self._redo: list[Command] = []
        self._pending: list[Step] = []
        self._printable = font_printable()  # which characters the fonts can print
        self._findings: list[Finding] | None = None
        self._evaluations: list[Evaluation] | None = None
        self._scores: ScoreSheet | None = None
        self._scored = False  # whether _scores is this change's (None is a valid sheet: none)
        self.last_error: StorageError | None = None
        self.history = History(repository, report)

    # -- state ---------------------------------------------------------------------------------

    @property
    def is_final(self) -> bool:
        return self.report.status is Status.FINAL

    @property
    def is_read_only(self) -> bool:
        return self.is_final or bool(self.read_only_reason)

    @property
    def has_unsaved(self) -> bool:
        return bool(self._pending)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo) and not self.is_read_only

    @property
    def can_redo(self) -> bool:
        return bool(self._redo) and not self.is_read_only

    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = check_report(
                self.report,
                self.evaluations(),
                printable=self._printable,
                scores=self.score_sheet(),
            )
        return self._findings

    def evaluations(self) -> list[Evaluation]:
        """The report's relations evaluated once per change: its findings and the totals shown
        beside the figures are both read from them."""
        if self._evaluations is None:
            self._evaluations = evaluate(self.report)
        return self._evaluations

    def score_sheet(self) -> ScoreSheet | None:
        """The scoring table evaluated once per change, for its findings and the live totals;
        None when the report's template has none."""
        if not self._scored:
            self._scores = score_sheet(self.report)
            self._scored = True
        return self._scores

    def blocking(self) -> list[Finding]:
        return blocking(self.findings())

    # -- edits ---------------------------------------------------------------------------------

    def set_field(self, key: str, text: str) -> None:
        """The scalar field ``key`` now reads ``text`` (kept as typed when unreadable)."""
        new = read(self.report.schema.field(key).kind, text)
        old = self.report.get(key)
        if new != old:
            self._typed(SetValue(key, old, new))

    def set_cell(self, path: str, text: str) -> None:
        """The table cell at field path ``path`` now reads ``text``."""
        table_path, row_id, column = split_cell_path(path)
        kind = table_ref(self.report.schema, table_path).table.column(column).kind
        old = find_row(rows_at(self.report, table_path), row_id).cells.get(column)
        new = read(kind, text)
        if new != old:
            self._typed(SetCell(path, old, new))

    def add_row(self, table_path: str, position: int | None = None) -> str:
        """Add an empty row (at the end by default); returns its row path."""
        rows = rows_at(self.report, table_path)
        row = _empty_row(table_ref(self.report.schema, table_path).table)
        self._do(Command([InsertRow(table_path, len(rows) if position is None else position, row)]))
        return row_path(table_path, row.id)

    def remove_row(self, table_path: str, row_id: str) -> None:
        rows = rows_at(self.report, table_path)
        position = row_index(rows, row_id)
        self._do(Command([DeleteRow(table_path, position, copy.deepcopy(rows[position]))]))

    def move_row(self, table_path: str, row_id: str, offset: int) -> bool:
        """Move a row up (-1) or down (+1); False when it is already at that end."""
        rows = rows_at(self.report, table_path)
        old = row_index(rows, row_id)
        new = old + offset
        if not 0 <= new < len(rows) or new == old:
            return False
        self._do(Command([MoveRow(table_path, row_id, old, new)]))
        return True

    def paste(
        self, table_path: str, first_row: int, first_column: int, block: list[list[str]]
    ) -> PasteResult:
        """Fill cells from a block copied from a spreadsheet, starting at the given cell; rows
        beyond the end are added. One undo step. A block that does not fit is refused whole
        (``EditError``, see ``paste_result``): never a part written and the rest dropped."""
        self._check_writable()
        result = paste_result(self.report, table_path, first_row, first_column, block)
        table = table_ref(self.report.schema, table_path).table
        rows = rows_at(self.report, table_path)
        columns = table.columns[first_column:]
        steps: list[Step] = []
        for index, cells in enumerate(block, start=min(max(first_row, 0), len(rows))):
            values = {c.key: read(c.kind, t) for c, t in zip(columns, cells, strict=False)}
            if index < len(rows):
                row = rows[index]
                for key, value in values.items():
                    if row.cells.get(key) != value:
                        path = f"{row_path(table_path, row.id)}.{key}"
                        steps.append(SetCell(path, row.cells.get(key), value))
            else:
                new_row = _empty_row(table)
                new_row.cells.update({k: v for k, v in values.items() if v is not None})
                steps.append(InsertRow(table_path, index, new_row))
        if steps:
            self._do(Command(steps))
        return result

    def explain(self, finding_key: str, text: str) -> None:
        """Store the clerk's explanation of a warning (blank text removes it)."""
        old = self.report.explanations.get(finding_key, "")
        text = storable(text)
        if text != old:
            self._typed(SetExplanation(finding_key, old, text))

    def seal(self) -> None:
        """The clerk left the field: the next keystroke starts a new undo step."""
        if self._undo:
            self._undo[-1].sealed = True

    # -- undo / redo ---------------------------------------------------------------------------

    def undo(self) -> Command | None:
        """Undo the last command; returns it (its ``focus`` says where to look) or None."""
        if not self.can_undo:
            return None
        command = self._undo.pop()
        command.sealed = True
        self._apply(command.inverted())
        self._redo.append(command)
        return command

    def redo(self) -> Command | None:
        if not self.can_redo:
            return None
        command = self._redo.pop()
        self._apply(command)
        self._undo.append(command)
        return command

    # -- status --------------------------------------------------------------------------------

    def finalise(self) -> None:
        """Mark the report 定稿; only without errors and with every warning explained."""
        self._check_writable(allow_final=True)
        if self.blocking():
            raise EditError(
                f"还有 {len(self.blocking())} 个错误或未说明的提示，不能定稿。请先处理审核结果中的问题。"
            )
        self._set_status(Status.FINAL)

    def reopen(self) -> None:
        """Make a final report editable again."""
        if self.read_only_reason:
            raise EditError(self.read_only_reason)
        self._set_status(Status.DRAFT)

    def _set_status(self, status: Status) -> None:
        self.flush()
        if self.last_error is not None:
            raise EditError(self.last_error.message)
        self.repository.set_status(self.report_id, status)
        self.report.status = status
        self._undo.clear()
        self._redo.clear()
        if status is Status.FINAL:
            self.keep_version(VersionReason.FINAL)

    # -- printing choices --------------------------------------------------------------------

    def set_print_chart(self, on: bool) -> None:
        """Whether the PDF ends with the chart page. A choice about printing, written at
        once and not an undoable edit (like 定稿); a final report keeps what it was sealed with."""
        self._check_writable()
        if on == self.report.print_chart:
            return
        self.repository.set_print_chart(self.report_id, on)
        self.report.print_chart = on

    # -- versions ------------------------------------------------------------------------------

    def keep_version(self, reason: VersionReason, note: str = "") -> int:
        """Keep the report as it is now (its queued edits written first)."""
        self.flush()
        if self.last_error is not None:
            raise EditError(self.last_error.message)
        return self.history.record(self.report, reason, note)

    def restore(self, version: Report, key: str | None = None) -> bool:
        """Bring back a whole version, or only its field or table ``key``, as one undoable
        edit; the state before and after are kept as versions. False if nothing differs."""
        steps = restoring_steps(self.report, version, key)
        if not steps:
            return False
        self._check_writable()
        self.keep_version(VersionReason.BEFORE_RESTORE)
        self._do(Command(steps, sealed=True))
        what = "整个版本" if key is None else f"“{_item_label(self.report, key)}”"
        self.keep_version(VersionReason.RESTORED, f"恢复了{what}")
        return True

    # -- saving --------------------------------------------------------------------------------

    def flush(self) -> SaveState:
        """Write every queued edit, in order. A retryable failure (disk full, file locked)
        keeps it and the rest queued: call again later. An edit that fails for another
        reason is reported and set aside for the next flush, and the edits after it go on,
        so one bad edit never blocks the others. The report in memory is never rolled back."""
        if self._pending:
            problem = self.history.before_writing()
            if problem is not None and problem.retryable:
                self.last_error = problem
                return SaveState(problem)  # the edits stay queued until it can be kept
        queue, self._pending = self._pending, []
        written = bool(queue)
        set_aside: list[Step] = []
        error: StorageError | None = None
        while queue:
            step = queue[0]
            try:
                step.persist(self.repository, self.report)
            except StorageError as exc:
                if exc.retryable:
                    log.warning("saving failed (%s); %d edits kept", exc.kind.value, len(queue))
                    self._pending = [*set_aside, *queue, *self._pending]
                    self.last_error = exc
                    return SaveState(exc)
                log.error("an edit could not be saved (%s); kept for retry", exc.kind.value)
                error = exc
                set_aside.append(queue.pop(0))
                continue
            except Exception:
                log.exception("an edit could not be saved; kept for retry")
                error = StorageError(StorageErrorKind.INTERNAL, internal_save_message())
                set_aside.append(queue.pop(0))
                continue
            queue.pop(0)
        self._pending = [*set_aside, *self._pending]
        self.last_error = error
        if written:
            self.history.after_writing(self.report)
        return SaveState(error)

    # -- internals -----------------------------------------------------------------------------

    def _check_writable(self, allow_final: bool = False) -> None:
        if self.read_only_reason:
            raise EditError(self.read_only_reason)
        if self.is_final and not allow_final:
            raise EditError("这份报告已定稿，只能查看。如需修改，请先“重新打开”。")

    def _typed(self, step: SetValue | SetCell | SetExplanation) -> None:
        """A keystroke: merged into the previous command while the clerk stays in the field."""
        self._check_writable()
        top = self._undo[-1] if self._undo else None
        if top is not None and not top.sealed and len(top.steps) == 1:
            previous = top.steps[0]
            if isinstance(previous, SetValue | SetCell | SetExplanation) and _target(
                previous
            ) == _target(step):
                top.steps[0] = replace(step, old=previous.old)  # type: ignore[arg-type]
                self._redo.clear()
                self._run(step)
                return
        self._do(Command([step]))

    def _do(self, command: Command) -> None:
        self._check_writable()
        if self._undo:
            self._undo[-1].sealed = True
        self._apply(command)
        self._undo.append(command)
        self._redo.clear()

    def _apply(self, command: Command) -> None:
        for step in command.steps:
            self._run(step)

    def _run(self, step: Step) -> None:
        step.apply(self.report)
        self._findings = None
        self._evaluations = None
        self._scored = False
        last = self._pending[-1] if self._pending else None
        # A later write of the same scalar or cell supersedes a queued one.
        if (
            isinstance(step, SetValue | SetCell)
            and type(last) is type(step)
            and last is not None
            and last.focus == step.focus
        ):
            self._pending[-1] = step
            return
        self._pending.append(step)


def _target(step: SetValue | SetCell | SetExplanation) -> tuple[type, str]:
    if isinstance(step, SetExplanation):
        return SetExplanation, step.finding_key
    return type(step), step.focus


def paste_result(
    report: Report, table_path: str, first_row: int, first_column: int, block: list[list[str]]
) -> PasteResult:
    """What pasting ``block`` at (``first_row``, ``first_column``) writes; raises ``EditError``,
    before anything is written, for a block that could only be pasted in part (wider than
    the columns from ``first_column`` on, or absurdly long) or an empty one."""
    table = table_ref(report.schema, table_path).table
    if not 0 <= first_column < len(table.columns):
        raise ValueError(f"{table.key} has no column {first_column}")
    columns = table.columns[first_column:]
    if not block:
        raise EditError("剪贴板里没有可粘贴的内容。请先在 Excel/WPS 中复制单元格。")
    if len(block) > MAX_PASTE_ROWS:
        raise EditError(
            f"剪贴板里有 {len(block)} 行，一次最多粘贴 {MAX_PASTE_ROWS} 行，没有粘贴。请分几次粘贴。"
        )
    width = max(map(len, block))
    if width > len(columns):
        raise EditError(
            f"复制的内容有 {width} 列，从“{columns[0].label}”列起只能填 {len(columns)} 列，"
            "没有粘贴。请从更靠左的格子开始粘贴，或只复制需要的列。"
        )
    unreadable = sum(
        isinstance(read(column.kind, text), Invalid)
        for cells in block
        for column, text in zip(columns, cells, strict=False)
    )
    rows = len(rows_at(report, table_path))
    added = max(0, min(max(first_row, 0), rows) + len(block) - rows)
    return PasteResult(len(block), sum(map(len, block)), added, unreadable)


def _empty_row(table: Table) -> Row:
    row = Row()
    for child in table.children:
        row.children[child.key] = []
    return row


def parse_tsv(text: str) -> list[list[str]]:
    """Cells copied from Excel or WPS: tab-separated lines, quoted cells may hold newlines.
    Raises ``EditError`` for text that cannot be read as cells (a cell beyond the reader's
    size limit), so a paste is refused whole rather than cut."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if not text:
        return []
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    try:
        return [[cell.strip() for cell in line] for line in reader]
    except csv.Error as exc:
        raise EditError("剪贴板里的内容无法按表格读取（可能有一格过长），没有粘贴。") from exc


def findings_by_field(findings: list[Finding]) -> dict[str, list[Finding]]:
    """The findings concerning each field path (a finding may concern several)."""
    by_field: dict[str, list[Finding]] = {}
    for finding in findings:
        for path in finding.fields:
            by_field.setdefault(path, []).append(finding)
    return by_field


def previous_value(previous: Report | None, key: str) -> Value:
    """Last year's value of a scalar field, for comparison (None without a previous report)."""
    return None if previous is None else previous.get(key)


def previous_cell(previous: Report | None, path: str) -> Value:
    """Last year's value of a table cell: carried-over rows keep their ids, so the same cell
    path names the same recipient (or staff category) in last year's report."""
    if previous is None:
        return None
    table_path, row_id, column = split_cell_path(path)
    try:
        row = find_row(rows_at(previous, table_path), row_id)
    except KeyError:  # a row added this year, or under a group added this year
        return None
    return row.cells.get(column)


__all__ = [
    "MAX_PASTE_ROWS",
    "EditError",
    "PasteResult",
    "ReportEditor",
    "SaveState",
    "findings_by_field",
    "parse_tsv",
    "paste_result",
    "previous_cell",
    "previous_value",
]
