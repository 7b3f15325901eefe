"""Choosing a template for a new report: the dialog offers every installed template, and a
blank report opens with the sections, forms and checks of the template chosen.

Works with however many templates are installed: a small second template is built here, so
there are always at least two to choose from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit

from kexie_desktop.core.money import Money
from kexie_desktop.core.schema import Field, Section
from kexie_desktop.core.template import Template, TemplateLibrary, load_template
from kexie_desktop.ui import reports
from kexie_desktop.ui.dialogs import NewReport, NewReportDialog
from kexie_desktop.ui.main_window import MainWindow, pages
from template_texts import cover

MINI_TOML = (
    """
id = "test-mini-outline"
version = 1
name = "测试用简明报告"
description = "只有封面、支出和其他说明三部分，供测试用。"
title = "{{ head.year }}年度{{ head.unit }}简明报告"

"""
    + cover("head", required=True)
    + """

[[sections]]
key = "spending"
number = "一、"
title = "支出情况"

[[sections]]
key = "spending.money"
parent = "spending"
number = "（一）"
title = "支出金额"

[[sections.items]]
key = "spend.total"
label = "支出合计"
kind = "money"
required = true

[[sections.items]]
key = "spend.staff"
label = "人员支出"
kind = "money"

[[sections.items]]
key = "spend.goods"
label = "商品支出"
kind = "money"

[[sections.print]]
sentence = "支出合计{{ spend.total }}万元。"

[[sections]]
key = "remarks"
number = "二、"
title = "其他说明"

[[sections.items]]
key = "remarks.text"
label = "其他说明"
kind = "paragraph"

[[relations]]
rule = "spend.sum"
kind = "sum"
total = "spend.total"
parts = ["spend.staff", "spend.goods"]
"""
)


@pytest.fixture
def mini() -> Template:
    return load_template(MINI_TOML, "test-mini-outline.toml")


@pytest.fixture
def library(templates: TemplateLibrary, mini: Template) -> TemplateLibrary:
    """Every installed template and the small one: at least two."""
    assert mini.id not in templates
    return TemplateLibrary([*templates.newest(), mini], templates.default_id)


def offered(dialog: NewReportDialog) -> list[tuple[str, str, str]]:
    combo = dialog.findChild(QComboBox, "new-template")
    assert combo is not None
    return [
        (
            str(combo.itemData(i)),
            combo.itemText(i),
            str(combo.itemData(i, Qt.ItemDataRole.ToolTipRole)),
        )
        for i in range(combo.count())
    ]


def every_section(sections: tuple[Section, ...]) -> list[Section]:
    found = []
    for section in sections:
        found.append(section)
        found += every_section(section.subsections)
    return found


def test_the_dialog_offers_every_installed_template(qtbot, templates: TemplateLibrary) -> None:  # type: ignore[no-untyped-def]
    newest = templates.newest()
    dialog = NewReportDialog([], None, newest, templates.default_id, None)
    qtbot.addWidget(dialog)
    assert offered(dialog) == [(t.id, t.name, t.description) for t in newest]
    assert dialog.template.currentData() == templates.default_id
    # Without a report to start from, only a blank report can be made, in a chosen template.
    assert dialog.blank.isChecked()
    assert not dialog.from_previous.isEnabled()
    assert dialog.template.isEnabled()
    dialog.template.setCurrentIndex(dialog.template.count() - 1)
    dialog.unit.setText(" 某县农业农村局 ")
    dialog.year.setText("2023")
    assert dialog.choice() == NewReport(None, newest[-1].id, "某县农业农村局", 2023)


def test_the_template_is_chosen_only_for_a_blank_report(
    qtbot, library: TemplateLibrary, mini: Template, make_window
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(templates=library)
    summaries = window.workspace.list_reports()
    dialog = NewReportDialog(summaries, summaries[0].id, library.newest(), mini.id, None)
    qtbot.addWidget(dialog)
    assert dialog.template.currentData() == mini.id  # the one last used
    assert dialog.from_previous.isChecked()
    assert not dialog.template.isEnabled()  # next year's report keeps its template
    assert dialog.choice().previous == summaries[0].id
    dialog.blank.setChecked(True)
    assert dialog.template.isEnabled()
    assert dialog.choice() == NewReport(None, mini.id, "", None)


def type_into(qtbot, widget: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like the clerk, into the field that has the focus (the form leaves it alone)."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=3000)
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def test_a_blank_report_opens_with_the_sections_of_the_template_chosen(
    qtbot, library: TemplateLibrary, mini: Template, make_window, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window(templates=library)
    sample_id = window.session.editor.report_id
    sample_sections = window.session.report.schema.sections
    assert window.navigator.sections == sample_sections
    expected_default = library.default_id
    seen_dialogs: list[list[str]] = []

    for number, template in enumerate(library.newest()):
        unit, year = f"测试单位{number}", 2030 + number

        def fill_in(
            dialog: NewReportDialog,
            template: Template = template,
            default: str = expected_default,
            unit: str = unit,
            year: int = year,
        ) -> QDialog.DialogCode:
            seen_dialogs.append([template_id for template_id, _, _ in offered(dialog)])
            assert dialog.template.currentData() == default
            dialog.blank.setChecked(True)
            dialog.template.setCurrentIndex(dialog.template.findData(template.id))
            dialog.unit.setText(unit)
            dialog.year.setText(str(year))
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(NewReportDialog, "exec", fill_in)
        reports.create(window)

        report = window.session.report
        assert report.id != sample_id
        assert report.template is template
        assert (report.unit, report.year) == (unit, year)
        assert window.settings.last_template == template.id
        stored = next(s for s in window.workspace.list_reports() if s.id == report.id)
        assert (stored.template_id, stored.template_version) == (template.id, template.version)
        assert (stored.unit, stored.year) == (unit, year)

        # The navigator lists this template's sections, and only those.
        schema = template.schema
        assert window.navigator.sections == schema.sections
        assert set(window.navigator.items) == {s.key for s in every_section(schema.sections)}
        shown = [
            window.navigator.topLevelItem(i).text(0)
            for i in range(window.navigator.topLevelItemCount())
        ]
        assert shown == [f"{s.number}{s.title}" for s in schema.sections]
        # A form for each of its sections with fields, with an editor for every field; each
        # is built on its first visit.
        assert set(window.forms) == {schema.sections[0].key}
        for section in pages(schema):
            form = window.form(section.key)
            for item in section.items:
                if isinstance(item, Field):
                    assert form.has_editor(item.key), item.key
        assert set(window.forms) == {section.key for section in pages(schema)}
        # The cover comes first.
        assert window.navigator.current_key() == schema.sections[0].key
        assert window.current_form() is window.forms[schema.sections[0].key]
        expected_default = template.id  # the next dialog proposes the template last used

    assert seen_dialogs == [[t.id for t in library.newest()]] * len(library.newest())

    # The small template's form is wired to its own checks and sentences.
    mini_report = next(
        s.id for s in window.workspace.list_reports() if s.template_id == "test-mini-outline"
    )
    window.open_report(mini_report)
    assert window.navigator.sections == mini.schema.sections
    window.navigator.select("spending.money")
    form = window.forms["spending.money"]
    for key, text in [("spend.total", "10"), ("spend.staff", "3"), ("spend.goods", "4")]:
        field = form.findChild(QLineEdit, key)
        assert field is not None, key
        type_into(qtbot, field, text)
    assert "spend.sum" in {finding.rule for finding in window.session.state().findings}
    assert window.navigator.state_of("spending.money") == "error"
    info = form.fields["spend.total"].info.text()
    assert "人员支出 + 商品支出 = 7.00，相差 3.00" in info
    sentence = window.findChild(QLabel, "sentence:spending.money")
    assert sentence is not None
    assert "支出合计10万元" in sentence.text()
    window.session.save_now()
    saved = window.workspace.load(mini_report)
    assert saved.template is mini
    assert [saved.money(k) for k in ("spend.total", "spend.staff", "spend.goods")] == [
        Money.from_wan("10"),
        Money.from_wan("3"),
        Money.from_wan("4"),
    ]

    # Back to the sample: its own outline again.
    window.open_report(sample_id)
    assert window.navigator.sections == sample_sections
    assert "spending.money" not in window.navigator.items
    assert "spending.money" not in window.forms
