"""Checks that need no person: --self-test (packaging smoke test) and --screenshot."""

from __future__ import annotations

import copy
import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kexie_desktop.core.schema import Field
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.ui.export_worker import ExportFailedError, export, pdf_name
from kexie_desktop.ui.main_window import MainWindow, pages

log = logging.getLogger(__name__)


def self_test(app: QApplication) -> int:
    """Build every section form, run the checks, export the sample to a temporary PDF."""
    from kexie_desktop.ui.app import temporary_settings

    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(console)
    workspace = Workspace.demo()
    window = MainWindow(workspace, temporary_settings(), open_url=lambda _url: None)
    try:
        window.open_report(workspace.resolve(None))
        assert window.session is not None
        forms = pages(window.session.report.schema)
        for section in forms:
            window.show_section(section.key)
            app.processEvents()
            form = window.current_form()
            for item in section.items:
                if isinstance(item, Field) and (form is None or not form.has_editor(item.key)):
                    log.error("自检失败：“%s”没有编辑框。", item.label)
                    return 1
        findings = window.session.state().findings
        log.info("自检：%d 个表单已建立，审核发现 %d 个问题。", len(forms), len(findings))
        report = copy.deepcopy(window.session.report)
        with tempfile.TemporaryDirectory(prefix="kexie-selftest-") as folder:
            try:
                result = export(report, Path(folder) / pdf_name(report))
            except ExportFailedError as exc:
                log.error("自检失败：导出 PDF 失败：%s", exc.message)
                return 1
            data = result.path.read_bytes() if result.path.exists() else b""
            if not data.startswith(b"%PDF"):
                log.error("自检失败：导出的 PDF 文件无效：%s", result.path)
                return 1
            # The print preview's rasteriser (PDFium, loaded with ctypes) works in this build.
            from kexie_desktop.export.raster import rasterise

            images = rasterise(data, 200)
            if len(images) != result.pages:
                log.error("自检失败：打印预览只画出 %d 页，应为 %d 页。", len(images), result.pages)
                return 1
            log.info(
                "自检：已导出示例 PDF（%d 页，%d 字节），预览已画出。自检通过。",
                result.pages,
                len(data),
            )
        return 0
    finally:
        window.close()
        workspace.close()
        log.removeHandler(console)


def screenshots(app: QApplication, window: MainWindow, folder: Path) -> int:
    """Save a PNG of the window on each section."""
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(1360, 900)
    window.show()
    app.processEvents()
    if window.session is None:
        log.error("no report is open")
        return 1
    forms = pages(window.session.report.schema)
    for number, section in enumerate(forms, start=1):
        window.navigator.select(section.key)
        app.processEvents()
        target = folder / f"{number:02d}-{section.key}.png"
        if not window.grab().save(str(target)):
            log.error("could not save %s", target)
            return 1
    log.info("saved %d screenshots to %s", len(forms), folder)
    return 0
