"""Latency of one keystroke in the window: the edit, the checks, the totals and the repaint of
the form, measured offscreen on the sample (target: well inside a 16 ms frame).

Run: python bench/bench_typing.py
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KEXIE_DATA_DIR", tempfile.mkdtemp(prefix="kexie-bench-"))

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from kexie_desktop.services.workspace import Workspace
from kexie_desktop.ui.app import create_application, temporary_settings
from kexie_desktop.ui.main_window import MainWindow

CASES: list[tuple[str, str, type[QWidget], str]] = [
    ("general.basic", "basic.total", QLineEdit, "2"),
    ("problems", "problems.text", QPlainTextEdit, "a"),
    ("general.project", "project.total", QLineEdit, "1"),
]
KEYSTROKES = 40


def main() -> None:
    app = create_application()
    workspace = Workspace.demo()
    window = MainWindow(workspace, temporary_settings())
    window.open_report(workspace.resolve(None))
    window.resize(1280, 820)
    window.show()
    for section, key, kind, char in CASES:
        window.navigator.select(section)
        app.processEvents()
        field = window.findChild(kind, key)
        assert field is not None, key
        field.setFocus()
        timings = []
        for _ in range(KEYSTROKES):
            started = time.perf_counter()
            QTest.keyClick(field, char)
            app.processEvents()
            timings.append(time.perf_counter() - started)
        print(
            f"{key}: per keystroke median {statistics.median(timings) * 1000:.1f} ms, "
            f"max {max(timings) * 1000:.1f} ms over {KEYSTROKES}"
        )
    window.close()
    workspace.close()


if __name__ == "__main__":
    main()
