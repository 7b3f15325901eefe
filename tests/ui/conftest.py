"""UI tests run offscreen, with the data folder and QSettings inside tmp_path."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl

from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.services.workspace import Workspace
from kexie_desktop.ui.app import create_application
from kexie_desktop.ui.main_window import MainWindow
from kexie_desktop.ui.settings import Settings


@pytest.fixture(scope="session")
def qapp_cls():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    create_application()  # translations and fonts, as in the real start
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "reports.kexie.sqlite"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def sample_id(workspace: Workspace) -> int:
    """The built-in sample (郴州市科协 2021); a new file may hold other templates' examples too."""
    return next(
        summary.id
        for summary in workspace.list_reports()
        if summary.is_sample and summary.template_id == "hunan-dept-selfeval"
    )


class Opened:
    def __init__(self) -> None:
        self.urls: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url)
        return True


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def make_window(qtbot, db_path: Path, settings: Settings, opened: Opened):  # type: ignore[no-untyped-def]
    """Open a window on the test database, as `kexie-desktop --db` would, on the sample report
    unless told which (``templates``: the templates the program has, by default those
    installed)."""
    workspaces: list[Workspace] = []
    windows: list[MainWindow] = []

    def make(
        report_id: int | None = None,
        read_only_reason: str = "",
        templates: TemplateLibrary | None = None,
    ) -> MainWindow:
        workspace = Workspace.open(db_path, templates)
        workspaces.append(workspace)
        window = MainWindow(workspace, settings, read_only_reason, open_url=opened)
        qtbot.addWidget(window)
        windows.append(window)
        window.open_report(report_id or sample_id(workspace))
        window.resize(1280, 860)
        window.show()
        return window

    yield make
    for window in windows:
        window.close()
    for workspace in workspaces:
        workspace.close()


@pytest.fixture
def window(make_window) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    return make_window()
