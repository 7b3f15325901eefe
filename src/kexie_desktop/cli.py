"""Command line: ``kexie-desktop`` starts the window; subcommands work without it.

Errors print one Chinese line on stderr and exit non-zero; an unexpected failure is logged with
its traceback to the log file, never dumped on the clerk's console.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from kexie_desktop import __version__
from kexie_desktop.core.findings import Finding, Severity, figure_text
from kexie_desktop.core.scorecard import points_text, score_sheet
from kexie_desktop.core.template import TemplateError, load_template_file
from kexie_desktop.logs import log_file, setup_logging
from kexie_desktop.paths import default_database
from kexie_desktop.services.backups import BackupError, restore
from kexie_desktop.services.history import History, VersionReason
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.services.workspace import Workspace, WorkspaceError, refuse_missing_folder
from kexie_desktop.storage import StorageError, write_backup

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        # A subcommand's program name is made with prefix "": keep it, or usage reads "用法：用法：".
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's own messages are English; say in Chinese what to do, keep its detail.
        self.exit(EXIT_FAILURE, f"错误：命令参数有误（{message}）。用 -h 查看帮助。\n")


def _data_options(defaults: bool) -> ChineseArgumentParser:
    """--db/--report/--demo, accepted before and after the subcommand. The subcommand's copy
    has suppressed defaults, or argparse would overwrite what was given before it."""
    options = ChineseArgumentParser(add_help=False)
    where = options.add_argument_group("数据选项")
    where.add_argument(
        "--db",
        type=Path,
        default=None if defaults else argparse.SUPPRESS,
        help="数据文件路径（默认在用户应用数据文件夹中）",
    )
    where.add_argument(
        "--report",
        default=None if defaults else argparse.SUPPRESS,
        help="报告编号或年度（默认最新的一份）",
    )
    where.add_argument(
        "--demo",
        action="store_true",
        default=False if defaults else argparse.SUPPRESS,
        help="使用内置示例的临时副本，不读写自己的数据文件",
    )
    return options


def _parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="kexie-desktop",
        description="部门整体支出绩效自评报告：填写、审核与导出。不带子命令时打开窗口。",
        formatter_class=ChineseHelpFormatter,
        parents=[_data_options(defaults=True)],
        add_help=False,
    )
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument(
        "--version", action="version", version=f"kexie-desktop {__version__}", help="显示版本并退出"
    )
    window = parser.add_argument_group("窗口选项（不带子命令时）")
    window.add_argument(
        "--self-test",
        action="store_true",
        help="自检：建立全部表单、审核并导出示例 PDF 后退出（打包冒烟测试用）",
    )
    window.add_argument(
        "--screenshot", type=Path, metavar="目录", help="把每一节的窗口截图保存到该目录后退出"
    )
    commands = parser.add_subparsers(dest="command", metavar="子命令", title="子命令")
    subcommand_options = _data_options(defaults=False)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=[subcommand_options],
            add_help=False,
            formatter_class=ChineseHelpFormatter,
        )
        sub._optionals.title = "选项"
        sub.add_argument("-h", "--help", action="help", help="显示帮助并退出")
        return sub

    check = command("check", "审核报告，列出错误和提示；有错误时退出码为 1")
    check.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")
    command("list", "列出数据文件中的全部报告")
    export_json = command("export-json", "把一份报告导出为交换文件（JSON）")
    export_json.add_argument("-o", "--output", type=Path, required=True, help="输出文件")
    import_json = command("import-json", "从交换文件（JSON）导入一份报告")
    import_json.add_argument("file", type=Path, help="要导入的 JSON 文件")
    export_pdf = command("export", "把一份报告导出为公文格式的 PDF")
    export_pdf.add_argument("-o", "--output", type=Path, required=True, help="输出的 PDF 文件")
    export_pdf.add_argument(
        "--single-sided",
        action="store_true",
        help="单面打印：页码居中（默认双面打印：单页页码在右、双页在左）",
    )
    backup = command("backup", "把整个数据文件备份到另一个文件（例如 U 盘上）")
    backup.add_argument("-o", "--output", type=Path, required=True, help="备份文件")
    restore = command("restore", "用备份文件替换数据文件（当前文件先另存到 backups 文件夹）")
    restore.add_argument("file", type=Path, help="备份文件")
    command("templates", "列出已安装的报告模板")
    template_check = command("template-check", "检查一个模板文件，列出其中的错误")
    template_check.add_argument("file", type=Path, help="模板文件（.toml）")
    return parser


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


def _start_window(args: argparse.Namespace) -> int:
    try:
        from kexie_desktop.ui.app import run
    except ImportError as exc:
        # Typically a system library Qt needs is missing; the subcommands still work.
        log.exception("cannot load the window")
        raise WorkspaceError(
            f"无法打开窗口：缺少图形界面组件（{exc}）。审核和导出仍可用命令行完成，见 -h。"
        ) from exc
    return int(run(args))


def _run(args: argparse.Namespace) -> int:
    if args.command is None:
        return _start_window(args)
    if args.command in _FILELESS_COMMANDS:
        return _FILELESS_COMMANDS[args.command](args)
    workspace = _open(args)
    try:
        return _COMMANDS[args.command](workspace, args)
    finally:
        workspace.close()


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    setup_logging()
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (WorkspaceError, StorageError, BackupError) as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader went away (`… | head -1`): stop quietly; Python's own flush at exit
        # would fail again, so stdout points at nothing from here on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception:
        log.exception("unexpected failure in %s", args.command)
        print(f"错误：程序内部出错，详细信息已写入日志文件：{log_file()}", file=sys.stderr)
        return EXIT_FAILURE
