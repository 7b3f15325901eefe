"""Worker threads the window starts and forgets (the print preview's pages, the chart
picture): each is kept referenced until it ends, for Qt aborts the program when a running
QThread is destroyed, and the program waits for those still running before it quits."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QThread

QUIT_WAIT_MS = 5000


class KeptThread(QThread):
    _running: ClassVar[set[KeptThread]] = set()
    _quit_hooked: ClassVar[bool] = False

    def __init__(self) -> None:
        super().__init__()
        KeptThread._running.add(self)
        self.finished.connect(self._forget)
        app = QCoreApplication.instance()
        if app is not None and not KeptThread._quit_hooked:
            app.aboutToQuit.connect(wait_for_threads)
            KeptThread._quit_hooked = True

    def _forget(self) -> None:
        KeptThread._running.discard(self)
        self.deleteLater()


def wait_for_threads(timeout_ms: int = QUIT_WAIT_MS) -> None:
    """Let the threads still running finish (before quitting; in tests)."""
    for thread in list(KeptThread._running):
        thread.wait(timeout_ms)
