"""Where the main window goes on screen: its saved place if that still fits, else a size the
screen has room for (1366×768 at 150 % leaves 911×512 logical pixels)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QMainWindow, QWidget

FRAME = 40  # a window's title bar and borders, which its own size leaves out
FIRST_SIZE = (1280, 820)  # the first start, where the screen has room for it


def fits_screen(widget: QWidget, width: int, height: int) -> bool:
    """Whether a window of ``width`` × ``height`` (plus its frame) fits the available screen."""
    available = widget.screen().availableGeometry()
    return width <= available.width() and height + FRAME <= available.height()


def place(window: QMainWindow, geometry: QByteArray | None) -> None:
    """The saved geometry if it still fits this screen; otherwise the first-start size, or
    maximised where that does not fit (the first start on a 1366×768 PC, or a window saved
    on a bigger screen)."""
    restored = geometry is not None and window.restoreGeometry(geometry)
    if restored and (window.isMaximized() or fits_screen(window, window.width(), window.height())):
        return
    if fits_screen(window, *FIRST_SIZE):
        window.resize(*FIRST_SIZE)
        return
    # Sized to the screen as well as maximised: where no window manager maximises (or it is
    # undone), the window still fits.
    available = window.screen().availableGeometry()
    window.setGeometry(available.adjusted(0, FRAME, 0, 0))
    window.setWindowState(Qt.WindowState.WindowMaximized)
