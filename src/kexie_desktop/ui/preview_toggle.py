"""The print preview beside the form (Ctrl+P): built when first asked for (PDFium and
ReportLab load only then), redrawn after each change, a click on a line goes to its field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kexie_desktop.ui.jumps import field_of_printed_line

if TYPE_CHECKING:
    from kexie_desktop.ui.main_window import MainWindow
    from kexie_desktop.ui.print_preview import PrintPreview


def toggle(window: MainWindow) -> None:
    """Show or hide the pages as they will print, beside the form, as the menu item says."""
    shown = window.commands.preview_action.isChecked()
    if shown and window.preview is None:
        window.preview = _build(window)
    if window.preview is None:
        return
    window.preview.setVisible(shown)
    if shown:
        width = window.body.width()
        left = window.body.sizes()[0]
        window.body.setSizes([left, (width - left) // 2, (width - left) // 2])
        update(window)


def _build(window: MainWindow) -> PrintPreview:
    from kexie_desktop.ui.print_preview import PrintPreview

    preview = PrintPreview()
    preview.setObjectName("print-preview")
    preview.line_clicked.connect(lambda line: jump_to_printed(window, line))
    window.body.addWidget(preview)
    return preview


def update(window: MainWindow) -> None:
    """Redraw the pages of the open report, if they are shown."""
    preview = window.preview
    if preview is not None and preview.isVisible() and window.session is not None:
        single = window.commands.single_sided_action.isChecked()
        preview.show_report(window.session.report, single_sided=single)


def jump_to_printed(window: MainWindow, line: str) -> None:
    """A click on a printed line: go to the field whose text it comes from."""
    session = window.session
    key = field_of_printed_line(session.report, line) if session is not None else None
    if key is not None:
        window.jump_to_path(key)
    else:
        window.statusBar().showMessage("这一行是按填写的数字自动生成的，请在相应表单中修改。", 6000)
