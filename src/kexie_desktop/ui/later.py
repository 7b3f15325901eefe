"""The commands whose code is loaded when first used, not at start-up: the dialogs, the
history, the export and what they pull in (the storage, the templates, the checks) are not
needed to show the window, so they do not delay it. Each function imports its module."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kexie_desktop.ui.export_worker import Exported
    from kexie_desktop.ui.main_window import MainWindow

# -- reports (ui/reports.py) -------------------------------------------------------------


def create(window: MainWindow) -> None:
    from kexie_desktop.ui import reports

    reports.create(window)


def open_other(window: MainWindow) -> None:
    from kexie_desktop.ui import reports

    reports.open_other(window)


def import_handover(window: MainWindow) -> None:
    from kexie_desktop.ui import reports

    reports.import_handover(window)


def export_handover(window: MainWindow) -> None:
    from kexie_desktop.ui import reports

    reports.export_handover(window)


def delete_current(window: MainWindow) -> None:
    from kexie_desktop.ui import reports

    reports.delete_current(window)


def toggle_final(window: MainWindow) -> None:
    from kexie_desktop.ui import reports

    reports.toggle_final(window)


# -- versions and the data file ------------------------------------------------------------


def keep(window: MainWindow) -> None:
    from kexie_desktop.ui import history_view

    history_view.keep(window)


def show(window: MainWindow) -> None:
    from kexie_desktop.ui import history_view

    history_view.show(window)


def data_file(window: MainWindow) -> None:
    from kexie_desktop.ui.data_file import DataFileDialog

    DataFileDialog(window).exec()


# -- PDF export (ui/pdf_export.py) ---------------------------------------------------------


def export_pdf(window: MainWindow) -> None:
    from kexie_desktop.ui import pdf_export

    pdf_export.start(window)


def export_pdf_to(window: MainWindow) -> None:
    from kexie_desktop.ui import pdf_export

    pdf_export.choose_folder_and_start(window)


def remember_single_sided(window: MainWindow) -> None:
    from kexie_desktop.ui import pdf_export

    pdf_export.remember_single_sided(window)


def exported(window: MainWindow, result: Exported) -> None:
    from kexie_desktop.ui import pdf_export

    pdf_export.exported(window, result)


def export_failed(window: MainWindow, message: str) -> None:
    from kexie_desktop.ui import pdf_export

    pdf_export.failed(window, message)


# -- help ----------------------------------------------------------------------------------


def show_keys(window: MainWindow) -> None:
    from kexie_desktop.ui import dialogs

    dialogs.show_keys(window, window.actions())


def show_about(window: MainWindow) -> None:
    from kexie_desktop.ui import dialogs

    dialogs.show_about(window, window.workspace.path)
