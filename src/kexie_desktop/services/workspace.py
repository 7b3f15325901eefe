"""An open report database and the things one does with whole reports."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path

from kexie_desktop.core import handover
from kexie_desktop.core.carry_over import next_year_report
from kexie_desktop.core.checks import check_report
from kexie_desktop.core.errors import UserError
from kexie_desktop.core.findings import Finding
from kexie_desktop.core.oserrors import describe
from kexie_desktop.core.report import Report
from kexie_desktop.core.template import Template, TemplateLibrary
from kexie_desktop.core.values import MAX_YEAR, MIN_YEAR
from kexie_desktop.resources import SAMPLE_REPORT, SAMPLE_REPORTS, resource
from kexie_desktop.services.printable import font_printable
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.storage import ReportRepository, ReportSummary, StorageError, open_database

log = logging.getLogger(__name__)


class WorkspaceError(UserError):
    """A request that cannot be carried out; ``message`` is Chinese."""


def load_sample(templates: TemplateLibrary | None = None, name: Path = SAMPLE_REPORT) -> Report:
    """A built-in sample, labelled 示例: by default the published 2021 report of
    郴州市科学技术协会."""
    text = resource(name).read_text(encoding="utf-8")
    report = handover.loads(text, templates or installed_templates())
    report.is_sample = True
    return report


def _insert_samples(repository: ReportRepository, templates: TemplateLibrary) -> None:
    for name in SAMPLE_REPORTS:
        repository.insert(load_sample(templates, name))


def _create(path: Path, templates: TemplateLibrary) -> None:
    """A new data file with the examples in it, built under another name and renamed."""
    building = path.with_name(f".{path.name}.creating")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)  # from a first start that was interrupted
    repository = ReportRepository(open_database(building), templates)
    try:
        _insert_samples(repository, templates)
    finally:
        repository.close()  # the last connection: the write-ahead log is folded in
    os.replace(building, path)
    log.info("created %s with the sample reports", path)


def refuse_missing_folder(path: Path) -> None:
    """A data file named by the user (``--db``) must be in a folder that exists: a mistyped
    folder would otherwise silently become a new, empty data folder."""
    if not path.parent.is_dir():
        raise WorkspaceError(f"文件夹“{path.parent}”不存在。请检查 --db 的路径，或先建好文件夹。")


class Workspace:
    """One report database file, open for reading and writing."""

    def __init__(self, repository: ReportRepository, path: Path) -> None:
        self.repository = repository
        self.path = path

    @property
    def templates(self) -> TemplateLibrary:
        return self.repository.templates

    @classmethod
    def open(cls, path: Path, templates: TemplateLibrary | None = None) -> Workspace:
        """Open the database at ``path``. A new database is made whole beside it and then
        moved into place, so a first start interrupted at any moment leaves either no file or
        a complete one; a file with no report at all (left by an earlier version's interrupted
        first start: a clerk's own file always keeps one) gets the examples again."""
        templates = templates or installed_templates()
        if not path.exists() or path.stat().st_size == 0:
            _create(path, templates)
        workspace = cls(ReportRepository(open_database(path), templates), path)
        if not workspace.repository.list_reports():
            _insert_samples(workspace.repository, templates)
            log.info("%s had no report; the examples were added", path)
        return workspace

    @classmethod
    def demo(cls) -> Workspace:
        """A throw-away database holding only the sample; the user's database is not touched."""
        folder = Path(tempfile.mkdtemp(prefix="kexie-demo-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        return cls.open(folder / "demo.kexie.sqlite")

    def close(self) -> None:
        self.repository.close()

    def list_reports(self) -> list[ReportSummary]:
        return self.repository.list_reports()

    def can_open(self, summary: ReportSummary) -> bool:
        """Whether the report's template (that version or a later one) is installed."""
        try:
            self.templates.get(summary.template_id, summary.template_version)
        except UserError:
            return False
        return True

    def load(self, report_id: int) -> Report:
        return self.repository.load(report_id)

    def resolve(self, selector: str | None) -> int:
        """The report meant by ``--report``: an id, or a year; by default the newest own report,
        or the sample when there is no other."""
        reports = self.list_reports()
        if not reports:
            raise WorkspaceError("数据文件中还没有报告。")
        if selector is None:
            own = [summary for summary in reports if not summary.is_sample]
            samples = sorted((s for s in reports if s.is_sample), key=lambda s: s.id)
            return (own or samples)[0].id
        text = selector.strip()
        if not text.isdigit():
            raise WorkspaceError(f"“{selector}”不是报告编号或年度。可用 list 查看全部报告。")
        number = int(text)
        if MIN_YEAR <= number <= MAX_YEAR:
            matches = [summary for summary in reports if summary.year == number]
            own = [summary for summary in matches if not summary.is_sample]
            if len(own) > 1:
                names = "、".join(f"{s.id}（{s.unit}）" for s in own)
                raise WorkspaceError(f"{number} 年度有多份报告：{names}，请用编号指定。")
            if own or matches:
                return (own or matches)[0].id
            raise WorkspaceError(f"没有 {number} 年度的报告。可用 list 查看全部报告。")
        if any(summary.id == number for summary in reports):
            return number
        raise WorkspaceError(f"没有编号为 {number} 的报告。可用 list 查看全部报告。")

    def check(self, report_id: int) -> list[Finding]:
        return check_report(self.load(report_id), printable=font_printable())

    def create_blank(
        self, template: Template | None = None, unit: str = "", year: int | None = None
    ) -> int:
        """A new empty report in ``template`` (by default the default template)."""
        template = template or self.templates.default
        report = Report(template)
        if unit.strip():
            report.values[template.roles.unit] = unit.strip()
        if year is not None:
            report.values[template.roles.year] = year
        return self.repository.insert(report)

    def create_from_previous(self, report_id: int) -> int:
        return self.repository.insert(next_year_report(self.load(report_id)))

    def delete(self, report_id: int) -> None:
        self.repository.delete(report_id)

    def export_json(self, report_id: int, target: Path) -> None:
        """Write one report as a hand-over file; a failure leaves any previous file intact."""
        text = handover.dumps(self.load(report_id))
        temporary = target.with_name(f".{target.name}.tmp")
        try:
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(target)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise WorkspaceError(f"无法写入“{target}”：{describe(exc)}。") from exc

    def import_json(self, source: Path) -> int:
        """Add the report in a hand-over file as a new report. A bad file changes nothing."""
        try:
            text = source.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise WorkspaceError(f"“{source.name}”不是 UTF-8 编码的报告文件。") from exc
        except OSError as exc:
            raise WorkspaceError(f"无法读取“{source}”：{describe(exc)}。") from exc
        try:
            report = handover.loads(text, self.templates)
        except handover.HandoverError as exc:
            raise WorkspaceError(f"“{source.name}”无法导入：{exc.message}") from exc
        return self.repository.insert(report)


__all__ = ["StorageError", "Workspace", "WorkspaceError", "load_sample"]
