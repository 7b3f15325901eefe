"""Command line: ``kexie-desktop`` starts the window; subcommands work without it.

Errors print one Chinese line on stderr and exit non-zero; an unexpected failure is logged with
its traceback to the log file, never dumped on the clerk's console.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from kexie_desktop import __version__
from kexie_desktop.core.errors import UserError
from kexie_desktop.logs import log_file, setup_logging

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


def _start_window(args: argparse.Namespace) -> int:
    try:
        from kexie_desktop.ui.app import run
    except ImportError as exc:
        # Typically a system library Qt needs is missing; the subcommands still work.
        log.exception("cannot load the window")
        raise UserError(
            f"无法打开窗口：缺少图形界面组件（{exc}）。审核和导出仍可用命令行完成，见 -h。"
        ) from exc
    return int(run(args))


def _run(args: argparse.Namespace) -> int:
    if args.command is None:
        return _start_window(args)
    from kexie_desktop.cli_commands import run_command

    return run_command(args)


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    setup_logging()
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as exc:
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
