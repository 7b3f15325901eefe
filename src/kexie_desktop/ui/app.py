"""Starting the window: QApplication, Chinese translations and fonts, the crash handler, the
lock that keeps a second window off the same data file."""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import logging
import os
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QLockFile, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from kexie_desktop import APP_DISPLAY_NAME, APP_NAME, __version__
from kexie_desktop.core.errors import UserError
from kexie_desktop.logs import log_file
from kexie_desktop.paths import default_database
from kexie_desktop.resources import resource_dir
from kexie_desktop.ui.main_window import MainWindow
from kexie_desktop.ui.settings import Settings
from kexie_desktop.ui.translations import install_translations

# The frame is shown first; the data file, its backups and the dialogs about them are opened
# on the next turn of the event loop (load below), and their code is imported there.
if TYPE_CHECKING:
    from kexie_desktop.services.workspace import Workspace

log = logging.getLogger(__name__)

EXIT_WHEN_SHOWN_ENV = "KEXIE_EXIT_WHEN_SHOWN"
EXIT_WHEN_READY_ENV = "KEXIE_EXIT_WHEN_READY"
UI_FONT_FILE = "KexieFallbackHei-Regular.ttf"
UI_FONT_FAMILY = "Kexie Fallback Hei"
# The bundled 黑体 has the GB2312 hanzi only; the bundled Song face has every GBK hanzi.
UI_FALLBACK_FONT_FILE = "KexieFallbackSong-Regular.ttf"
UI_FALLBACK_FONT_FAMILY = "Kexie Fallback Song"
# Preferred UI faces, best first; the bundled ones render Chinese on a PC without any, the
# last one only the rare characters the others lack.
UI_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    UI_FONT_FAMILY,
    UI_FALLBACK_FONT_FAMILY,
)
SHARED_LOCK_MESSAGE = (
    "这个数据文件已在另一个窗口中打开。为避免两处同时修改，本窗口只能查看，不能修改。"
    "如需修改，请回到先打开的那个窗口。"
)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    QLocale.setDefault(QLocale("zh_CN"))
    if not app.property("kexie-ready"):  # once per process (tests create many windows)
        app.setProperty("kexie-ready", True)
        install_translations(app)
        install_fonts(app)
    icon = resource_dir() / "icons" / "kexie-desktop.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_fonts(app: QApplication) -> str:
    """Register the bundled 黑体 and Song (for rare characters) and use the best Chinese UI
    face available; returns it."""
    for name in (UI_FONT_FILE, UI_FALLBACK_FONT_FILE):
        path = resource_dir() / "fonts" / name
        if path.exists():
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                log.warning("could not register %s", path)
        else:
            log.warning("bundled UI font missing: %s", path)
    available = set(QFontDatabase.families())
    chosen = next((family for family in UI_FAMILIES if family in available), "")
    if chosen:
        font = QFont(app.font())
        font.setFamilies([chosen, *(f for f in UI_FAMILIES if f in available and f != chosen)])
        font.setPointSize(10)
        app.setFont(font)
    return chosen


def acquire_lock(database: Path) -> tuple[QLockFile, str]:
    """Lock the data file for this window; the second window gets a read-only reason."""
    lock = QLockFile(f"{database}.lock")
    lock.setStaleLockTime(0)  # held for hours; a crashed owner is detected by its process id
    if lock.tryLock(100):
        return lock, ""
    return lock, SHARED_LOCK_MESSAGE


def handle_exception(
    window: MainWindow | None,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    show: Callable[[str, QWidget | None], object] | None = None,
) -> None:
    """An unexpected error: log it, save what was typed, tell the clerk plainly."""
    log.critical("unexpected error", exc_info=(exc_type, exc, tb))
    if window is not None and window.session is not None:
        try:
            window.session.save_now()
        except Exception:
            log.exception("saving after an unexpected error failed")
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    if show is None:
        from kexie_desktop.ui.dialogs import CrashDialog

        CrashDialog(details, log_file(), window).exec()
    else:
        show(details, window)


def install_excepthook(window: MainWindow) -> None:
    busy = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal busy
        if issubclass(exc_type, KeyboardInterrupt) or busy:
            sys.__excepthook__(exc_type, exc, tb)
            return
        busy = True
        try:
            handle_exception(window, exc_type, exc, tb)
        finally:
            busy = False

    sys.excepthook = hook


def save_on_session_end(app: QApplication, window: MainWindow) -> None:
    """Windows logging off or shutting down, and SIGTERM elsewhere, end the program without
    closing its window: save what was typed first."""

    def save() -> None:
        if window.session is not None:
            window.session.save_now()

    app.commitDataRequest.connect(lambda _manager: save())
    app.aboutToQuit.connect(save)
    if hasattr(signal, "SIGTERM") and sys.platform != "win32":
        signal.signal(signal.SIGTERM, lambda _signum, _frame: end_session(app, save))
        # Python runs signal handlers only when it gets control; give it a regular chance.
        ticker = QTimer(app)
        ticker.timeout.connect(lambda: None)
        ticker.start(250)


# More dialogs than this stacked on each other would be a bug; do not loop forever on one.
_MAX_DIALOGS = 10


def end_session(app: QApplication, save: Callable[[], None]) -> None:
    """The system asks the program to end (SIGTERM): save, close any dialog that is open (a
    dialog runs an event loop of its own, which quitting would not end), then quit."""
    save()
    for _ in range(_MAX_DIALOGS):
        dialog = app.activeModalWidget()
        if dialog is None:
            break
        log.info("closing %s to end the session", type(dialog).__name__)
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
    # Posted, so a signal that arrives before the main event loop runs still ends it.
    QTimer.singleShot(0, app.quit)


def recover_damaged(data_file: Path) -> bool:
    """The data file is damaged: offer the newest automatic backup in its place (the damaged
    file is kept in the backups folder). True when it was restored."""
    from kexie_desktop.services.backups import daily_backups, restore
    from kexie_desktop.ui.dialogs import confirm

    backups = daily_backups(data_file)
    if not backups:
        return False
    newest = backups[0]
    if not confirm(
        None,
        APP_DISPLAY_NAME,
        f"数据文件“{data_file}”已损坏，无法打开。\n\n"
        f"最近一次自动备份是 {newest.day:%Y年%m月%d日} 的。要用它恢复吗？"
        "那之后的修改会找不回来；损坏的文件会另存到 backups 文件夹，不会删除。",
        default_yes=True,
    ):
        return False
    try:
        safety = restore(data_file, newest.path, dt.datetime.now())
    except (UserError, OSError) as exc:
        log.error("could not restore %s from %s: %s", data_file, newest.path, exc)
        return False
    log.warning(
        "restored the damaged %s from %s; the damaged file is %s", data_file, newest.path, safety
    )
    return True


def back_up_daily(data_file: Path) -> None:
    """Today's copy of the data file (services.backups); a failure is logged, never in the way."""
    from kexie_desktop.services.backups import daily_backup
    from kexie_desktop.storage import StorageError

    try:
        made = daily_backup(data_file, dt.date.today())
    except (StorageError, OSError) as exc:
        log.warning("the daily backup failed: %s", exc)
        return
    if made is not None:
        log.info("daily backup written to %s", made)


def temporary_settings() -> Settings:
    """Settings for demo and test runs, so they do not change the clerk's own."""
    folder = Path(tempfile.mkdtemp(prefix="kexie-settings-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def initial_report(workspace: Workspace, settings: Settings, selector: str | None) -> int:
    from kexie_desktop.services.workspace import WorkspaceError

    if selector is not None:
        try:
            return workspace.resolve(selector)
        except WorkspaceError as exc:
            QMessageBox.warning(None, APP_DISPLAY_NAME, exc.message)
    # A report in a template this program does not have cannot be opened: start on another.
    reports = [r for r in workspace.list_reports() if workspace.can_open(r)]
    remembered = settings.last_report(workspace.path)
    if remembered is not None and any(r.id == remembered for r in reports):
        return remembered
    own = [r for r in reports if not r.is_sample]
    samples = sorted((r for r in reports if r.is_sample), key=lambda r: r.id)
    chosen = own or samples  # as on the command line: the first built-in sample
    return chosen[0].id if chosen else workspace.create_blank()


def open_workspace(args: argparse.Namespace) -> Workspace | None:
    """The data file the window works on (or the demo copy); None after telling the clerk
    why it cannot be opened."""
    from kexie_desktop.services.workspace import Workspace, WorkspaceError, refuse_missing_folder
    from kexie_desktop.storage import StorageError, StorageErrorKind

    try:
        if args.db is not None and not args.demo:
            refuse_missing_folder(args.db)
        return Workspace.demo() if args.demo else Workspace.open(args.db or default_database())
    except StorageError as exc:
        path = args.db or default_database()
        if args.demo or exc.kind is not StorageErrorKind.CORRUPT or not recover_damaged(path):
            QMessageBox.critical(None, APP_DISPLAY_NAME, exc.message)
            return None
        return Workspace.open(path)
    except WorkspaceError as exc:
        QMessageBox.critical(None, APP_DISPLAY_NAME, exc.message)
        return None


class Start:
    """What the start opened, to close at the end."""

    def __init__(self) -> None:
        self.workspace: Workspace | None = None
        self.lock: QLockFile | None = None
        self.failed = False

    def close(self, window: MainWindow) -> None:
        window.close()
        if self.workspace is not None:
            self.workspace.close()
        if self.lock is not None:
            self.lock.unlock()


def run(args: argparse.Namespace) -> int:
    app = create_application([sys.argv[0]])
    if args.self_test:
        from kexie_desktop.ui.selftest import self_test

        return self_test(app)
    settings = temporary_settings() if args.demo or args.screenshot else Settings()
    window = MainWindow(None, settings)
    save_on_session_end(app, window)
    install_excepthook(window)
    start = Start()
    if args.screenshot:
        try:
            if not load(window, args, start):
                return 2
            from kexie_desktop.ui.selftest import screenshots

            return screenshots(app, window, args.screenshot)
        finally:
            start.close(window)
    # The frame first, at once (menus, an empty list, 正在打开…); the data file, the
    # templates and the report follow on the first turn of the event loop.
    window.show()
    log.info("main window shown")
    if os.environ.get(EXIT_WHEN_SHOWN_ENV):
        QTimer.singleShot(0, app.quit)  # start-up benchmark: the frame is on screen
    else:
        QTimer.singleShot(0, lambda: load(window, args, start) or app.exit(2))
    try:
        return int(app.exec())
    finally:
        start.close(window)


def load(window: MainWindow, args: argparse.Namespace, start: Start) -> bool:
    """Open the data file and the report in the window; False if the file cannot be opened."""
    workspace = open_workspace(args)
    if workspace is None:
        start.failed = True
        return False
    start.workspace = workspace
    lock, reason = (None, "") if args.demo else acquire_lock(workspace.path)
    if lock is not None and not reason:
        start.lock = lock
        back_up_daily(workspace.path)
    window.attach(workspace, reason)
    window.open_report(initial_report(workspace, window.settings, args.report))
    log.info("report open")
    if os.environ.get(EXIT_WHEN_READY_ENV):
        QTimer.singleShot(0, QApplication.quit)  # start-up benchmark: the report is shown
    return True
