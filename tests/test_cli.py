"""The command line as a clerk or an IT person uses it, in a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import run
from kexie_desktop.core.scorecard import score_sheet
from kexie_desktop.services.workspace import load_sample


def test_check_demo_json_lists_the_sample_findings(private_data_dir: Path) -> None:
    result = run("check", "--demo", "--json", data_dir=private_data_dir)
    assert result.returncode == 1, result.stderr  # the sample has error findings
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["severity"]) for f in findings] == [
        ("basic.sum", "error"),
        ("project.split", "error"),
        ("text.bad_date", "warning"),  # "20213月", kept as published
        ("transfer.group_count", "warning"),
        ("text.unpaired", "warning"),  # a quote closed twice
        ("text.open_end", "info"),  # 六's opening paragraph has no full stop
    ]
    basic, project = findings[0], findings[1]
    assert (basic["expected"], basic["actual"], basic["difference"]) == (
        "269.75",
        "282.02",
        "12.27",
    )
    assert basic["section"] == "general.basic"
    # 项目支出 234.81 ≠ 本级支出 234.81 + 转移支付 100.00
    assert (project["expected"], project["actual"], project["difference"]) == (
        "334.81",
        "234.81",
        "-100.00",
    )
    assert project["section"] == "general.project"
    assert project["fields"] == ["project.total", "project.own_level", "transfer.total"]
    assert set(basic) >= {"rule", "severity", "section", "fields", "message", "expected", "actual"}
    # --demo never creates or writes the user's database
    assert not (private_data_dir / "reports.kexie.sqlite").exists()


def test_check_text_output_for_people(private_data_dir: Path) -> None:
    result = run("--demo", "check", data_dir=private_data_dir)
    assert result.returncode == 1
    assert "【示例】2021年度 郴州市科学技术协会" in result.stdout
    assert "[错误] 基本支出 282.02 万元 ≠" in result.stdout
    assert "[错误] 项目支出 234.81 万元 ≠ 本级支出 234.81 + 转移支付 100.00 = 334.81 万元" in (
        result.stdout
    )
    assert "[提示] 当年人员变动第1行的“时间”中有 1 处日期有误：“20213月”" in result.stdout
    assert "共 2 个错误，3 个提示，1 个说明" in result.stdout
    # The scoring table's total and grade, as the one evaluator gives them.
    sheet = score_sheet(load_sample())
    assert sheet is not None
    assert f"自评表：{sheet.summary()}。" in result.stdout


def test_new_database_starts_with_the_labelled_sample(private_data_dir: Path) -> None:
    result = run("list", data_dir=private_data_dir)
    assert result.returncode == 0
    assert "【示例】2021年度 郴州市科学技术协会" in result.stdout
    assert (private_data_dir / "reports.kexie.sqlite").exists()


def test_json_export_then_import_is_exact(private_data_dir: Path, tmp_path: Path) -> None:
    exported = tmp_path / "report.json"
    assert (
        run("export-json", "--demo", "-o", str(exported), data_dir=private_data_dir).returncode == 0
    )
    db = tmp_path / "other.sqlite"
    imported = run("import-json", str(exported), "--db", str(db), data_dir=private_data_dir)
    assert imported.returncode == 0, imported.stderr
    # The new file holds the built-in examples; the imported report gets the next id.
    found = re.search(r"已导入为报告 (\d+)：", imported.stdout)
    assert found is not None, imported.stdout
    assert "【示例】2021年度 郴州市科学技术协会" in imported.stdout
    again = tmp_path / "again.json"
    assert (
        run(
            "export-json",
            "--db",
            str(db),
            "--report",
            found.group(1),
            "-o",
            str(again),
            data_dir=private_data_dir,
        ).returncode
        == 0
    )
    first = json.loads(exported.read_text(encoding="utf-8"))["report"]
    second = json.loads(again.read_text(encoding="utf-8"))["report"]
    assert first == second


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json at all", "不是有效的 JSON"),
        (
            '{"format": "kexie-desktop-report", "version": 1, "report": {"fields": {"basic.total": 1.5}}}',
            "基本支出",
        ),
    ],
)
def test_bad_import_is_one_chinese_line_and_changes_nothing(
    private_data_dir: Path, tmp_path: Path, content: str, words: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    db = tmp_path / "db.sqlite"
    run("list", "--db", str(db), data_dir=private_data_dir)
    before = run("list", "--db", str(db), data_dir=private_data_dir).stdout
    result = run("import-json", str(bad), "--db", str(db), data_dir=private_data_dir)
    assert result.returncode == 2
    assert result.stderr.startswith("错误：")
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert run("list", "--db", str(db), data_dir=private_data_dir).stdout == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "--demo", "--report", "2030"], "没有 2030 年度的报告"),
        (["check", "--demo", "--report", "abc"], "不是报告编号或年度"),
        (["check", "--bogus"], "命令参数有误"),
    ],
)
def test_errors_are_one_chinese_line(private_data_dir: Path, args: list[str], words: str) -> None:
    result = run(*args, data_dir=private_data_dir)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_ours_is_refused(private_data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "手册.docx"
    other.write_bytes(b"PK\x03\x04 not a database")
    result = run("list", "--db", str(other), data_dir=private_data_dir)
    assert result.returncode == 2
    assert "不是本软件的数据文件" in result.stderr
    assert other.read_bytes() == b"PK\x03\x04 not a database"


def _page_number_centre(pdf_path: Path, page_index: int) -> float:
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[page_index]
        bottom = [c for c in page.chars if c["top"] > page.height - 100 and c["text"].isdigit()]
        return (min(c["x0"] for c in bottom) + max(c["x1"] for c in bottom)) / 2 / page.width


def test_export_pdf_with_page_number_placement(private_data_dir: Path, tmp_path: Path) -> None:
    double, single = tmp_path / "双面.pdf", tmp_path / "单面.pdf"
    first = run("export", "--demo", "-o", str(double), data_dir=private_data_dir)
    assert first.returncode == 0, first.stderr
    assert "已导出 PDF" in first.stdout
    second = run("export", "--demo", "--single-sided", "-o", str(single), data_dir=private_data_dir)
    assert second.returncode == 0, second.stderr
    assert _page_number_centre(double, 1) < 0.3  # page 2 of a double-sided print: left
    assert _page_number_centre(double, 0) > 0.7  # page 1: right
    assert abs(_page_number_centre(single, 1) - 0.5) < 0.02  # single-sided: centred


def test_a_closed_pipe_ends_quietly(private_data_dir: Path) -> None:
    """`kexie-desktop check --demo | head -1`: the reader has gone when the report is printed;
    no traceback, no internal-error message."""
    env = {**os.environ, "KEXIE_DATA_DIR": str(private_data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kexie_desktop", "check", "--demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader goes away before anything is written
    errors = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 2
    assert errors == ""


def test_a_data_file_in_a_folder_that_does_not_exist_is_refused(
    private_data_dir: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "没有这个文件夹" / "reports.sqlite"
    result = run("list", "--db", str(missing), data_dir=private_data_dir)
    assert result.returncode == 2
    assert result.stderr.startswith("错误：文件夹“")
    assert "不存在" in result.stderr
    assert not missing.parent.exists()


def test_help_says_usage_once(private_data_dir: Path) -> None:
    for args in (["-h"], ["check", "-h"], ["template-check", "-h"]):
        result = run(*args, data_dir=private_data_dir)
        assert result.returncode == 0
        assert result.stdout.startswith("用法：kexie-desktop")
        assert "用法：用法：" not in result.stdout


def test_an_export_is_not_failed_by_the_version_that_cannot_be_kept(
    private_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kexie_desktop import cli
    from kexie_desktop.services.history import History
    from kexie_desktop.storage import StorageError, StorageErrorKind

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise StorageError(StorageErrorKind.READ_ONLY, "只读")

    monkeypatch.setattr(History, "record", refuse)
    pdf = tmp_path / "报告.pdf"
    assert cli.main(["export", "--demo", "-o", str(pdf)]) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"
