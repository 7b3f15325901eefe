"""The print preview draws the report's PDF off the window's thread, shows only the newest
change, says when it is redrawing or could not draw, and zooms and scrolls by keyboard."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from kexie_desktop.core.report import Report
from kexie_desktop.services import previewing
from kexie_desktop.services.exporting import ExportError
from kexie_desktop.ui import print_preview
from kexie_desktop.ui.print_preview import UPDATING, PrintPreview

RENDER_TIMEOUT_MS = 60_000  # the first drawing parses the fonts; the machine may be busy


@pytest.fixture
def preview(qtbot) -> Iterator[PrintPreview]:  # type: ignore[no-untyped-def]
    widget = PrintPreview()
    qtbot.addWidget(widget)
    widget.resize(520, 700)
    widget.show()
    yield widget
    widget.stop()


def rename(report: Report, unit: str) -> None:
    """An edit, as the clerk's typing makes it: the report object changes in place."""
    report.values[report.template.roles.unit] = unit


def pdf_pages(report: Report) -> int:
    return len(PdfReader(io.BytesIO(previewing.pdf_bytes(report))).pages)


def dark_pixels(image: QImage) -> int:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())[: gray.bytesPerLine() * gray.height()]
    return sum(1 for value in data if value < 96)


def draw(qtbot, preview: PrintPreview, report: Report) -> int:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(preview.rendered, timeout=RENDER_TIMEOUT_MS) as blocker:
        preview.show_report(report)
        preview.flush()
    return int(blocker.args[0])


def count_calls(monkeypatch: pytest.MonkeyPatch, before: Callable[[int], None]) -> list[Report]:
    """Wrap the PDF drawing: ``before(n)`` runs in the worker before the n-th drawing."""
    real = previewing.pdf_bytes
    calls: list[Report] = []

    def counted(report: Report, *, single_sided: bool = False) -> bytes:
        calls.append(report)
        before(len(calls))
        return real(report, single_sided=single_sided)

    monkeypatch.setattr(previewing, "pdf_bytes", counted)
    return calls


def test_the_pages_of_the_reports_pdf_are_shown(
    qtbot, preview: PrintPreview, sample: Report
) -> None:  # type: ignore[no-untyped-def]
    pages = draw(qtbot, preview, sample)

    assert pages == pdf_pages(sample) == preview.page_count
    assert pages > 1
    assert preview.page_label.text() == f"第 1 页，共 {pages} 页"
    assert dark_pixels(preview.column.pages[0]) > 1000  # the title and the text are drawn
    assert preview.status_label.isHidden()
    assert preview.message.isHidden()
    shot = preview.grab().toImage()
    assert dark_pixels(shot) > 1000  # and they are on screen


def test_nothing_is_drawn_until_the_changes_stop(  # type: ignore[no-untyped-def]
    qtbot, preview: PrintPreview, sample: Report, monkeypatch: pytest.MonkeyPatch
):
    calls = count_calls(monkeypatch, lambda n: None)
    monkeypatch.setattr(print_preview, "DEBOUNCE_MS", 60_000)  # a pause that never ends here
    for _ in range(5):  # five keystrokes, the window busy in between
        preview.show_report(sample)
        qtbot.wait(20)
        assert preview.status_label.text() == UPDATING
        assert not preview.status_label.isHidden()
    assert calls == []

    monkeypatch.undo()
    calls = count_calls(monkeypatch, lambda n: None)
    with qtbot.waitSignal(preview.rendered, timeout=RENDER_TIMEOUT_MS):
        preview.show_report(sample)  # the real pause: drawn by itself once it ends
    assert len(calls) == 1
    assert preview.status_label.isHidden()


def test_a_newer_change_supersedes_one_being_drawn(  # type: ignore[no-untyped-def]
    qtbot, preview: PrintPreview, sample: Report, blank: Report, monkeypatch: pytest.MonkeyPatch
):
    first_started, release_first = threading.Event(), threading.Event()

    def hold_the_first(n: int) -> None:
        if n == 1:
            first_started.set()
            release_first.wait(RENDER_TIMEOUT_MS / 1000)

    calls = count_calls(monkeypatch, hold_the_first)
    shown: list[int] = []
    preview.rendered.connect(shown.append)
    preview.show_report(sample)
    preview.flush()
    assert first_started.wait(RENDER_TIMEOUT_MS / 1000)
    preview.show_report(blank)  # edited while the sample is still being drawn
    preview.flush()
    release_first.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=RENDER_TIMEOUT_MS)
    qtbot.wait(200)  # room for a stale result to (wrongly) arrive after the newer one

    assert [report.title for report in calls] == [sample.title, blank.title]
    assert shown == [pdf_pages(blank)]
    assert pdf_pages(blank) != pdf_pages(sample)
    assert preview.page_count == pdf_pages(blank)


def test_the_snapshot_is_taken_when_drawing_starts(  # type: ignore[no-untyped-def]
    qtbot, preview: PrintPreview, sample: Report, monkeypatch: pytest.MonkeyPatch
):
    calls = count_calls(monkeypatch, lambda n: None)
    preview.show_report(sample)
    rename(sample, "改过的单位")  # edited in place after handing it over, before the pause ends
    with qtbot.waitSignal(preview.rendered, timeout=RENDER_TIMEOUT_MS):
        preview.flush()
    rename(sample, "又改了")  # later edits do not reach the copy being drawn
    assert calls[0].unit == "改过的单位"
    assert calls[0] is not sample


@pytest.mark.parametrize(
    "case",
    [
        (ExportError("没有可用的字体。"), "没有可用的字体。"),
        (RuntimeError("boom"), "程序内部出错"),
    ],
    ids=["expected", "internal"],
)
def test_a_failed_drawing_says_why_in_chinese(  # type: ignore[no-untyped-def]
    qtbot,
    preview: PrintPreview,
    sample: Report,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[Exception, str],
):
    error, shown = case

    def fail(report: Report, *, single_sided: bool = False) -> bytes:
        raise error

    monkeypatch.setattr(previewing, "pdf_bytes", fail)
    with qtbot.waitSignal(preview.failed, timeout=RENDER_TIMEOUT_MS):
        preview.show_report(sample)
        preview.flush()
    assert not preview.message.isHidden()
    assert preview.message.text().startswith("无法生成打印预览：")
    assert shown in preview.message.text()
    assert "boom" not in preview.message.text()
    assert preview.status_label.isHidden()
    assert preview.page_count == 0

    monkeypatch.undo()  # the next change draws again and the message goes
    draw(qtbot, preview, sample)
    assert preview.message.isHidden()


def test_the_place_in_the_pages_is_kept_across_updates(
    qtbot, preview: PrintPreview, sample: Report
) -> None:  # type: ignore[no-untyped-def]
    draw(qtbot, preview, sample)
    bar = preview.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    where = bar.value()
    page = preview.current_page
    assert page > 1

    rename(sample, "郴州市科学技术协会（改）")
    draw(qtbot, preview, sample)
    assert bar.value() == where
    assert preview.current_page == page


def test_page_down_scrolls_and_the_page_number_follows(
    qtbot, preview: PrintPreview, sample: Report
) -> None:  # type: ignore[no-untyped-def]
    pages = draw(qtbot, preview, sample)
    preview.setFocus()
    bar = preview.view.verticalScrollBar()
    for _ in range(4):
        qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    assert preview.current_page > 1
    assert preview.page_label.text() == f"第 {preview.current_page} 页，共 {pages} 页"
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
    assert bar.value() < bar.pageStep() * 4


def test_zoom_by_keys_and_by_ctrl_wheel(qtbot, preview: PrintPreview, sample: Report) -> None:  # type: ignore[no-untyped-def]
    draw(qtbot, preview, sample)
    fit = preview.column.page_width
    assert preview.zoom_label.text().strip() == "适合宽度"

    qtbot.keyClick(preview.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom == pytest.approx(1.25)
    assert preview.column.page_width > fit
    assert preview.zoom_label.text().strip() == "125%"
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom == pytest.approx(0.8)
    assert preview.column.page_width < fit

    viewport = preview.view.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    wheel = QWheelEvent(
        centre,
        viewport.mapToGlobal(centre),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert preview.zoom == 1.0
    assert preview.column.page_width == fit
    # A sharper rasterisation follows a zoom: the pages are redrawn at the new width.
    qtbot.keyClick(preview.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            preview.column.pages[0].width()
            == round(preview.column.page_width * preview.devicePixelRatioF())
        ),
        timeout=RENDER_TIMEOUT_MS,
    )


def test_clicking_a_line_tells_its_text(qtbot, preview: PrintPreview, sample: Report) -> None:  # type: ignore[no-untyped-def]
    draw(qtbot, preview, sample)
    column = preview.column
    top = column.page_top(0)
    left = (column.width() - column.page_width) // 2
    title = QPoint(left + column.page_width // 2, top + round(column.page_height(0) * 0.15))
    with qtbot.waitSignal(preview.line_clicked) as blocker:
        qtbot.mouseClick(column, Qt.MouseButton.LeftButton, pos=title)
    assert blocker.args == [f"{sample.year}年度{sample.unit}"]


def test_a_hidden_preview_draws_when_shown(qtbot, preview: PrintPreview, sample: Report) -> None:  # type: ignore[no-untyped-def]
    preview.hide()
    shown: list[int] = []
    preview.rendered.connect(shown.append)
    preview.show_report(sample)
    preview.flush()
    qtbot.wait(50)
    assert shown == []
    with qtbot.waitSignal(preview.rendered, timeout=RENDER_TIMEOUT_MS):
        preview.show()
    assert preview.page_count == pdf_pages(sample)


def test_nothing_is_shown_after_stop(qtbot, preview: PrintPreview, sample: Report) -> None:  # type: ignore[no-untyped-def]
    shown: list[int] = []
    preview.rendered.connect(shown.append)
    preview.show_report(sample)
    preview.flush()  # drawing
    preview.stop()  # the window closes meanwhile
    qtbot.wait(300)
    assert shown == []
    assert preview.page_count == 0


def test_ctrl_p_shows_the_pages_beside_the_form_and_follows_edits(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from kexie_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    assert window.preview is None  # nothing built (nor ReportLab/PDFium loaded) until asked
    window.activateWindow()
    window.commands.preview_action.trigger()
    preview = window.preview
    assert preview is not None
    assert preview.isVisible()
    with qtbot.waitSignal(preview.rendered, timeout=30000) as shown:
        preview.flush()
    assert shown.args[0] >= 5
    first = shown.args[0]
    window.session.set_field("basics.organization", "很长的一段文字。" * 400)
    with qtbot.waitSignal(preview.rendered, timeout=30000) as again:
        preview.flush()
    assert again.args[0] > first  # the longer text takes more pages
    window.commands.preview_action.trigger()
    assert not preview.isVisible()
