"""The subcommands of ``kexie-desktop`` (check, list, export, …): loaded only when one is
given, so that starting the window does not first load storage, templates and services."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
from collections.abc import Callable
from pathlib import Path

from kexie_desktop.cli import EXIT_FINDINGS, EXIT_OK
from kexie_desktop.core.findings import Finding, Severity, figure_text
from kexie_desktop.core.scorecard import points_text, score_sheet
from kexie_desktop.core.template import TemplateError, load_template_file
from kexie_desktop.core.template.wording import unprintable_wording
from kexie_desktop.paths import default_database
from kexie_desktop.services.backups import restore
from kexie_desktop.services.history import History, VersionReason
from kexie_desktop.services.printable import font_printable
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.services.workspace import Workspace, WorkspaceError, refuse_missing_folder
from kexie_desktop.storage import StorageError, write_backup

# Logged under the command line's name, where the log has always shown these.
log = logging.getLogger("kexie_desktop.cli")


def _open(args: argparse.Namespace) -> Workspace:
    if args.demo:
        return Workspace.demo()
    if args.db is not None:
        refuse_missing_folder(args.db)
    return Workspace.open(args.db or default_database())


def _print_findings(findings: list[Finding]) -> None:
    if not findings:
        print("审核通过：没有发现问题。")
        return
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
        handled = "（已说明）" if finding.is_handled else ""
        print(f"[{finding.severity.label}]{handled} {finding.message}")
        if finding.explanation:
            print(f"    说明：{finding.explanation}")
    print(
        f"共 {counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个提示，"
        f"{counts[Severity.INFO]} 个说明。"
    )


def _findings_json(findings: list[Finding]) -> str:
    return json.dumps(
        [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "section": f.section,
                "fields": list(f.fields),
                "message": f.message,
                "expected": figure_text(f.expected),
                "actual": figure_text(f.actual),
                "difference": figure_text(f.difference),
                "explanation": f.explanation,
            }
            for f in findings
        ],
        ensure_ascii=False,
        indent=2,
    )


def _cmd_check(workspace: Workspace, args: argparse.Namespace) -> int:
    report_id = workspace.resolve(args.report)
    findings = workspace.check(report_id)
    if args.json:
        print(_findings_json(findings))
    else:
        report = workspace.load(report_id)
        print(report.display_name)
        sheet = score_sheet(report)
        if sheet is not None:
            print(f"自评表：{sheet.summary()}。")
        _print_findings(findings)
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def _cmd_list(workspace: Workspace, args: argparse.Namespace) -> int:
    reports = workspace.list_reports()
    if not reports:
        print("数据文件中还没有报告。")
    for summary in reports:
        print(
            f"{summary.id:>4}  {summary.display_name}  {summary.status.label}"
            f"  最后修改 {summary.updated_at.replace('T', ' ')}"
        )
    return EXIT_OK


def _cmd_export_json(workspace: Workspace, args: argparse.Namespace) -> int:
    report_id = workspace.resolve(args.report)
    workspace.export_json(report_id, args.output)
    print(f"已导出：{args.output}")
    return EXIT_OK


def _cmd_import_json(workspace: Workspace, args: argparse.Namespace) -> int:
    report_id = workspace.import_json(args.file)
    print(f"已导入为报告 {report_id}：{workspace.load(report_id).display_name}")
    return EXIT_OK


def _cmd_export_pdf(workspace: Workspace, args: argparse.Namespace) -> int:
    # Imported here so that ReportLab stays off the start-up path of the other commands.
    from kexie_desktop.services.exporting import (
        ExportError,
        PageNumberPlacement,
        PdfOptions,
        export_pdf,
    )

    report_id = workspace.resolve(args.report)
    report = workspace.load(report_id)
    placement = PageNumberPlacement.CENTRED if args.single_sided else PageNumberPlacement.ALTERNATE
    try:
        result = export_pdf(report, args.output, options=PdfOptions(page_numbers=placement))
    except ExportError as exc:
        raise WorkspaceError(exc.message) from exc
    try:
        History(workspace.repository, report).record(report, VersionReason.EXPORT, str(result.path))
    except StorageError as exc:  # the PDF is written; only the version of it is missing
        log.warning("the exported version was not kept: %s", exc.message)
    for warning in result.warnings:
        print(f"[{warning.severity.label}] {warning.message}")
    print(f"已导出 PDF（{result.pages} 页）：{result.path}")
    return EXIT_OK


def _cmd_backup(workspace: Workspace, args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.resolve() == workspace.path.resolve():
        raise WorkspaceError("备份文件不能是数据文件本身，请另选一个文件名。")
    refuse_missing_folder(output)
    write_backup(workspace.path, output)
    print(
        f"已备份：{output}（{output.stat().st_size // 1024} KB，共 {len(workspace.list_reports())} 份报告）"
    )
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    if args.demo:
        raise WorkspaceError("示例数据不需要恢复。请用 --db 指定要恢复的数据文件。")
    data_file: Path = args.db or default_database()
    refuse_missing_folder(data_file)
    source: Path = args.file
    if not source.is_file():
        raise WorkspaceError(f"备份文件“{source}”不存在。")
    safety = restore(data_file, source, dt.datetime.now())
    print(f"已从“{source}”恢复数据文件；恢复前的文件已另存为：{safety}")
    return EXIT_OK


def _cmd_templates(args: argparse.Namespace) -> int:
    templates = installed_templates()
    for template in templates.newest():
        default = "（默认）" if template.id == templates.default_id else ""
        print(f"{template.id}  第 {template.version} 版  {template.name}{default}")
        if template.description:
            print(f"    {template.description}")
    return EXIT_OK


def _cmd_template_check(args: argparse.Namespace) -> int:
    try:
        template = load_template_file(args.file)
    except TemplateError as exc:
        print(exc.message)
        return EXIT_FINDINGS
    blanks = unprintable_wording(template, font_printable())
    if blanks:
        print(TemplateError(args.file.name, blanks).message)
        return EXIT_FINDINGS
    schema = template.schema
    print(
        f"模板有效：{template.label}，{sum(1 for _ in schema.all_sections())} 个部分，"
        f"{sum(1 for _ in schema.fields())} 个字段，{sum(1 for _ in schema.tables())} 个表格，"
        f"{len(schema.relations)} 条计算关系，{len(template.rules)} 条其他规则。"
    )
    card = template.scorecard
    if card is not None:
        leaves = list(card.leaves())
        computed = sum(1 for leaf in leaves if leaf.formula is not None)
        print(
            f"自评表“{card.title}”：{len(card.indicators)} 个一级指标，{len(leaves)} 个末级指标"
            f"（{computed} 个按公式计分），共 {points_text(card.points)} 分，各级分值相加一致。"
        )
    return EXIT_OK


# Commands that do not open the data file (restore replaces it).
_FILELESS_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "restore": _cmd_restore,
    "templates": _cmd_templates,
    "template-check": _cmd_template_check,
}

_COMMANDS: dict[str, Callable[[Workspace, argparse.Namespace], int]] = {
    "check": _cmd_check,
    "list": _cmd_list,
    "export-json": _cmd_export_json,
    "import-json": _cmd_import_json,
    "export": _cmd_export_pdf,
    "backup": _cmd_backup,
}


def run_command(args: argparse.Namespace) -> int:
    if args.command in _FILELESS_COMMANDS:
        return _FILELESS_COMMANDS[args.command](args)
    workspace = _open(args)
    try:
        return _COMMANDS[args.command](workspace, args)
    finally:
        workspace.close()
