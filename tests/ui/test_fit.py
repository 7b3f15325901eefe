"""The window fits the clerks' screens: 1366×768 at 100 / 125 / 150 % and 1920×1080. Each size
is the logical client area a maximised window gets there (the screen divided by the scale,
less the taskbar and the title bar); every section's form is shown at it and nothing may be
cut off or need a sideways scrollbar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from kexie_desktop.ui.main_window import MainWindow, pages

# (screen, scale) → the window's logical client size when maximised
SIZES = {
    "1366x768@100%": (1366, 768 - 40 - 30),
    "1366x768@125%": (1093, 614 - 32 - 24),
    "1366x768@150%": (911, 512 - 27 - 20),
    "1920x1080@100%": (1920, 1080 - 40 - 30),
}


def inside_scrolled_area(widget: QWidget) -> bool:
    """Whether ``widget`` lies in a scroll area's content, where being outside the visible
    part is scrolling, not clipping."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and (
            parent is parent.parentWidget().viewport()  # type: ignore[union-attr]
        ):
            return True
        parent = parent.parentWidget()
    return False


def clipped(window: MainWindow) -> list[str]:
    """Visible widgets (outside scrolled content) that reach past the window's edges."""
    bounds = window.rect()
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or inside_scrolled_area(widget):
            continue
        top_left = widget.mapTo(window, widget.rect().topLeft())
        area = QRect(top_left, widget.size())
        if not bounds.contains(area):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} at {area}")
    return problems


def sideways_scrolling(window: MainWindow) -> list[str]:
    """Scroll areas that scroll sideways or whose content is wider than their view."""
    problems = []
    for area in window.findChildren(QAbstractScrollArea):
        if not area.isVisible():
            continue
        if area.horizontalScrollBar().isVisible():
            problems.append(f"{type(area).__name__} {area.objectName()!r} scrolls sideways")
        if isinstance(area, QScrollArea) and area.widget() is not None:
            needed = area.widget().minimumSizeHint().width()  # type: ignore[union-attr]
            if needed > area.viewport().width():
                problems.append(
                    f"{area.objectName()!r} needs {needed} px, has {area.viewport().width()}"
                )
    return problems


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_every_section_fits_the_screen(window: MainWindow, size: str) -> None:
    width, height = SIZES[size]
    hint = window.minimumSizeHint()
    assert window.minimumWidth() <= width
    assert window.minimumHeight() <= height
    assert (hint.width(), hint.height()) <= (width, height) or (
        hint.width() <= width and hint.height() <= height
    )
    window.resize(width, height)
    window.show()
    QApplication.processEvents()
    assert (window.width(), window.height()) == (width, height)
    problems: dict[str, list[str]] = {}
    assert window.session is not None
    for section in pages(window.session.report.schema):
        window.show_section(section.key)
        QApplication.processEvents()
        found = clipped(window) + sideways_scrolling(window)
        if found:
            problems[section.key] = found
    assert problems == {}
    status = window.statusBar()
    assert status.isVisible()
    assert window.rect().contains(
        QRect(status.mapTo(window, status.rect().topLeft()), status.size())
    )
    # The form keeps most of the height; the findings take what they need, at most 30 %.
    assert window.findings_panel.height() <= height * 0.3 + 1
    assert window.stack.height() >= height * 0.35


def test_the_print_preview_beside_the_form_cuts_no_field_at_150_percent(window: MainWindow) -> None:
    width, height = SIZES["1366x768@150%"]
    window.resize(width, height)
    window.show()
    window.commands.preview_action.trigger()
    QApplication.processEvents()
    assert window.preview is not None
    assert window.preview.isVisible()
    assert window.session is not None
    for section in pages(window.session.report.schema):
        window.show_section(section.key)
        QApplication.processEvents()
        assert sideways_scrolling(window) == [], section.key
    window.preview.stop()


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_scoring_table_fits_the_form_without_scrolling_sideways(
    window: MainWindow, size: str
) -> None:
    """The 自评表's columns share the form's width (the criterion column only where it fits,
    else in each row's tooltip and under the table); its rows grow with their text."""
    from kexie_desktop.ui.score_model import Column

    width, height = SIZES[size]
    window.resize(width, height)
    window.show()
    window.show_section("scores")
    QApplication.processEvents()
    form = window.current_form()
    assert form is not None
    assert form.scores is not None
    view = form.scores.view
    assert sideways_scrolling(window) == []
    shown = [c for c in Column if not view.isColumnHidden(c)]
    assert sum(view.columnWidth(c) for c in shown) <= view.viewport().width()
    assert view.mapTo(form.viewport(), view.rect().topRight()).x() <= form.viewport().width()
    assert view.shows_criterion == (width >= 1366)
    assert not view.horizontalScrollBar().isVisible()
    assert not view.verticalScrollBar().isVisible()  # shown whole: the form scrolls
    last = view.score_model.rowCount() - 1
    assert view.rowViewportPosition(last) + view.rowHeight(last) <= view.viewport().height()
