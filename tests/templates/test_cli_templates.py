"""The template commands and both built-in examples through the command line, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber

from cli_run import run
from kexie_desktop.resources import resource_dir


def test_templates_lists_both_outlines(private_data_dir: Path) -> None:
    result = run("templates", data_dir=private_data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("hunan-dept-selfeval  第 2 版  部门整体支出绩效自评报告")
    assert lines[0].endswith("（默认）")
    assert any(line.startswith("county-dept-evaluation  第 2 版") for line in lines)


def test_template_check_accepts_a_good_file(private_data_dir: Path) -> None:
    good = resource_dir() / "templates" / "county-dept-evaluation.toml"
    result = run("template-check", str(good), data_dir=private_data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("模板有效：部门整体支出绩效评价报告（县级）")


def test_template_check_lists_each_mistake(private_data_dir: Path, tmp_path: Path) -> None:
    text = (resource_dir() / "templates" / "county-dept-evaluation.toml").read_text("utf-8")
    text = text.replace('parts = ["balance.opening"', 'parts = ["balance.openin"')
    text = text.replace('kind = "ratio"', 'kind = "quotient"', 1)
    bad = tmp_path / "坏模板.toml"
    bad.write_text(text, encoding="utf-8")
    result = run("template-check", str(bad), data_dir=private_data_dir)
    assert result.returncode == 1
    out = result.stdout
    assert out.startswith("模板“坏模板.toml”有误：")
    assert "“balance.openin”不存在" in out
    assert "关系类型“quotient”无效" in out


def test_template_check_of_a_missing_file_says_so(private_data_dir: Path, tmp_path: Path) -> None:
    result = run("template-check", str(tmp_path / "nothing.toml"), data_dir=private_data_dir)
    assert result.returncode == 1
    assert "无法读取文件" in result.stdout


def test_both_examples_check_export_and_hand_over(private_data_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "reports.sqlite"
    listing = run("list", "--db", str(database), data_dir=private_data_dir)
    assert "【示例】2021年度 郴州市科学技术协会" in listing.stdout
    assert "【示例】2023年度 示例县农业农村局" in listing.stdout
    county = run(
        "check", "--json", "--db", str(database), "--report", "2023", data_dir=private_data_dir
    )
    assert county.returncode == 0, county.stderr
    assert json.loads(county.stdout) == []
    pdf = tmp_path / "county.pdf"
    exported = run(
        "export",
        "--db",
        str(database),
        "--report",
        "2023",
        "-o",
        str(pdf),
        data_dir=private_data_dir,
    )
    assert exported.returncode == 0, exported.stderr
    with pdfplumber.open(pdf) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "部门整体支出绩效评价报告" in text
    assert "年末结转结余79.98万元" in text.replace("\n", "")
    handed = tmp_path / "county.json"
    assert (
        run(
            "export-json",
            "--db",
            str(database),
            "--report",
            "2023",
            "-o",
            str(handed),
            data_dir=private_data_dir,
        ).returncode
        == 0
    )
    document = json.loads(handed.read_text(encoding="utf-8"))
    assert document["version"] == 2
    assert document["report"]["template"] == {"id": "county-dept-evaluation", "version": 2}
    imported = run("import-json", str(handed), "--db", str(database), data_dir=private_data_dir)
    assert imported.returncode == 0, imported.stderr
    assert "示例县农业农村局" in imported.stdout
