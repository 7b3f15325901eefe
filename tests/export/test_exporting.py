"""The export service writes safely and says in Chinese what went wrong."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kexie_desktop import cli
from kexie_desktop.core.report import Report
from kexie_desktop.export import fonts
from kexie_desktop.export.options import PdfOptions
from kexie_desktop.export.styles import FontRole
from kexie_desktop.services import exporting
from kexie_desktop.services.exporting import ExportError, default_pdf_name, export_pdf
from kexie_desktop.services.workspace import load_sample

OLD = b"%PDF-1.4 the previous export\n"


@pytest.fixture(scope="module")
def report() -> Report:
    return load_sample()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_export_writes_a_pdf_and_reports_its_pages(report: Report, tmp_path: Path) -> None:
    target = tmp_path / "报告.pdf"
    result = export_pdf(report, target)
    assert result.path == target.absolute()
    assert result.pages == len(PdfReader(target).pages)
    assert target.read_bytes().startswith(b"%PDF-")
    assert _leftovers(tmp_path) == []


def test_export_replaces_a_previous_file(report: Report, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)
    export_pdf(report, target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.read_bytes() != OLD


def test_a_read_only_target_is_refused_and_kept(report: Report, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)
    target.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(ExportError) as caught:
            export_pdf(report, target)
        assert "只读" in caught.value.message
        assert target.read_bytes() == OLD
    finally:
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert _leftovers(tmp_path) == []


def test_a_file_open_in_another_program_is_kept(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Windows, replacing a PDF that a reader holds open fails with PermissionError.
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)

    def locked(src: Any, dst: Any) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(exporting.os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        export_pdf(report, target)
    assert "其他程序" in caught.value.message
    assert "report.pdf" in caught.value.message
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_an_unwritable_folder_gives_a_chinese_message(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(exporting.tempfile, "mkstemp", denied)
    with pytest.raises(ExportError) as caught:
        export_pdf(report, tmp_path / "report.pdf")
    assert "没有权限" in caught.value.message
    assert not (tmp_path / "report.pdf").exists()


def test_a_failure_while_drawing_leaves_the_previous_file(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kexie_desktop.export import render

    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(render, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        export_pdf(report, target)
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_no_half_file(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporting.os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        export_pdf(report, target)
    assert "原有文件未被改动" in caught.value.message
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_or_a_folder_as_target(report: Report, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="不存在"):
        export_pdf(report, tmp_path / "no-such-folder" / "report.pdf")
    with pytest.raises(ExportError, match="文件夹"):
        export_pdf(report, tmp_path)


def test_no_font_at_all_is_an_export_error(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "bundled_font_dir", lambda: empty)
    with pytest.raises(ExportError, match="字体"):
        export_pdf(report, tmp_path / "report.pdf", options=PdfOptions(font_dirs=(empty,)))
    assert not (tmp_path / "report.pdf").exists()


def test_windows_fonts_are_preferred_when_present(tmp_path: Path) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    bundled = fonts.bundled_font_dir() / "KexieFallbackHei-Regular.ttf"
    try:  # Windows file names are case-insensitive
        os.symlink(bundled, windows / "SimHei.TTF")
    except OSError:  # no symlink privilege on Windows
        shutil.copyfile(bundled, windows / "SimHei.TTF")
    found = fonts.font_set((windows,))
    assert found.primary[FontRole.HEI].file.path == windows / "SimHei.TTF"
    assert found.primary[FontRole.KAI].file.path.parent == fonts.bundled_font_dir()


def test_windows_font_folders_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WINDIR", r"C:\Windows")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\clerk\AppData\Local")
    dirs = fonts.windows_font_dirs()
    assert dirs[0] == Path(r"C:\Windows") / "Fonts"
    assert dirs[1] == Path(r"C:\Users\clerk\AppData\Local") / "Microsoft" / "Windows" / "Fonts"


def test_fonts_are_registered_once_per_process() -> None:
    first = fonts.font_set()
    assert fonts.font_set() is first
    assert fonts.load(first.primary[FontRole.FANGSONG].file) is first.primary[FontRole.FANGSONG]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("", "2021年度郴州市科学技术协会本级整体支出绩效自评报告.pdf"),
        ('A/B:C*D?"E"<F>|G\\', "A_B_C_D__E__F__G_.pdf"),
        ("报告. ", "报告.pdf"),
        ("CON", "_CON.pdf"),
    ],
)
def test_default_pdf_name(title: str, name: str) -> None:
    report = load_sample()
    if title:
        report.values["header.title"] = title
    assert default_pdf_name(report) == name


def test_cli_export_of_the_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "demo.pdf"
    assert cli.main(["export", "--demo", "-o", str(target)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "已导出 PDF" in out
    assert str(target) in out
    assert len(PdfReader(target).pages) > 1


def test_cli_export_error_is_one_chinese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "demo.pdf"
    assert cli.main(["export", "--demo", "-o", str(target)]) == cli.EXIT_FAILURE
    assert capsys.readouterr().err.startswith("错误：保存位置")


UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


@pytest.mark.skipif(not UMING.exists(), reason="needs a TrueType collection (fonts-arphic-uming)")
def test_a_ttc_windows_font_is_embedded(report: Report, tmp_path: Path) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    os.symlink(UMING, windows / "simsun.ttc")  # 宋体 ships as a collection
    options = PdfOptions(font_dirs=(windows,))
    target = tmp_path / "ttc.pdf"
    export_pdf(report, target, options=options)
    import pdfplumber

    with pdfplumber.open(target) as pdf:
        number_fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars if c["size"] == 14}
    assert number_fonts == {"UMingCN-0"}  # subfont 0; the page number is set in 宋体


def test_a_long_title_gives_a_name_that_fits_any_file_system(
    report: Report, tmp_path: Path
) -> None:
    long_title = "郴州市" * 100  # 300 characters, 900 bytes of UTF-8
    titled = load_sample()
    titled.values["header.title"] = long_title
    name = default_pdf_name(titled)
    assert len(name.encode("utf-8")) <= 200
    assert name.endswith(".pdf")
    assert long_title.startswith(name.removesuffix(".pdf"))
    result = export_pdf(titled, tmp_path / name)
    assert result.path.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(
    ("name", "why"),
    [("报" * 90 + ".pdf", "过长"), ("a\x00b.pdf", "空字符")],
)
def test_a_name_no_file_system_takes_is_refused_plainly(
    report: Report, tmp_path: Path, name: str, why: str
) -> None:
    with pytest.raises(ExportError) as caught:
        export_pdf(report, tmp_path / name)
    assert why in caught.value.message
    assert _leftovers(tmp_path) == []


def test_temporary_files_of_a_killed_export_are_removed(report: Report, tmp_path: Path) -> None:
    stale = tmp_path / ".kexie-export-abcd1234.tmp"
    stale.write_bytes(b"%PDF- half")
    os.utime(stale, (1, 1))  # long ago
    fresh = tmp_path / ".kexie-export-efgh5678.tmp"  # another export, running now
    fresh.write_bytes(b"%PDF- in progress")
    mine = tmp_path / ".other-program.tmp"  # not ours
    mine.write_bytes(b"x")
    export_pdf(report, tmp_path / "报告.pdf")
    assert _leftovers(tmp_path) == [".kexie-export-efgh5678.tmp", ".other-program.tmp"]
