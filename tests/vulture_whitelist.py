"""Names vulture cannot see being used (``vulture src tests tests/vulture_whitelist.py``):
Qt calls the overrides itself, pytest the fixtures and fakes by name, and the grid constant
documents the layout (22 lines × 28 characters) the sizes are chosen for."""

from types import SimpleNamespace

from kexie_desktop.export import styles
from kexie_desktop.ui.main_window import MainWindow
from kexie_desktop.ui.preview_pages import PageColumn
from kexie_desktop.ui.table_editor import RowsModel
from kexie_desktop.ui.translations import FillInTranslator

_ = (MainWindow.closeEvent, RowsModel.columnCount, PageColumn.paintEvent, FillInTranslator.isEmpty)
_ = styles.CHARS_PER_LINE
# pytest fixtures (pytest-qt's qapp_cls hook, an autouse fixture, a requested qapp) and the
# parameters of fakes that must keep the signature of what they replace.
by_name = SimpleNamespace()
_ = (by_name.qapp_cls, by_name._private_settings, by_name.qapp, by_name.dst, by_name.src)
_ = by_name.pytestmark  # read by pytest
_ = by_name.fd
# ReportLab's chart objects read the attributes the chart code sets on them when they draw.
charts = SimpleNamespace()
_ = (charts.initialFontSize, charts.barLabelFormat, charts.fontName, charts.fontSize)
_ = (charts.nudge, charts.boxAnchor, charts.fillColor, charts.strokeColor, charts.strokeWidth)
_ = (charts.barSpacing, charts.groupSpacing, charts.categoryNames, charts.valueMin)
_ = (charts.valueMax, charts.visibleGrid, charts.gridStrokeColor, charts.gridStrokeWidth)
