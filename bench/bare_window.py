"""A bare PySide6 window, shown and closed at once: the yardstick for bench_startup.py."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 820)
    window.show()
    QTimer.singleShot(0, app.quit)
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
