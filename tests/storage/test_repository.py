from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_desktop.core.money import MAX_FEN, Money
from kexie_desktop.core.report import Report, Row, Status
from kexie_desktop.core.template import Template, TemplateLibrary
from kexie_desktop.core.values import Invalid, Kind, read
from kexie_desktop.storage import ReportRepository, StorageError, StorageErrorKind, open_database


def reopen(db_path: Path, templates: TemplateLibrary) -> ReportRepository:
    return ReportRepository(open_database(db_path), templates)


def test_every_figure_and_text_of_the_sample_survives_storage(
    repository: ReportRepository, db_path: Path, sample: Report, templates: TemplateLibrary
) -> None:
    sample.explanations["transfer.group_count:grp2"] = "另 6 个项目资金下年度拨付。"
    report_id = repository.insert(sample)
    repository.close()
    loaded = reopen(db_path, templates).load(report_id)
    assert loaded == sample
    assert (loaded.template.id, loaded.template.version) == ("hunan-dept-selfeval", 2)
    assert loaded.money("basic.total") == Money.from_wan("282.02")
    assert loaded.date_value("header.date") == dt.date(2022, 4, 25)
    assert loaded.date == dt.date(2022, 4, 25)  # the report date, by the template's roles
    assert loaded.percent("performance.usage_rate") == Decimal(95)


def test_money_is_stored_as_integer_fen_never_real(
    repository: ReportRepository, db_path: Path, sample: Report
) -> None:
    repository.insert(sample)
    with sqlite3.connect(db_path) as raw:
        types = {row[0] for row in raw.execute("SELECT typeof(money_fen) FROM field_values")}
        declared = {row[1]: row[2] for row in raw.execute("PRAGMA table_info(field_values)")}
        total = raw.execute(
            "SELECT money_fen FROM field_values WHERE key = 'basic.total'"
        ).fetchone()[0]
    assert types <= {"integer", "null"}
    assert declared["money_fen"] == "INTEGER"
    assert total == 282_020_000


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fen=st.integers(min_value=-MAX_FEN, max_value=MAX_FEN))
def test_store_then_load_is_exact(repository: ReportRepository, hunan: Template, fen: int) -> None:
    report_id = repository.insert(Report(hunan))
    repository.set_value(report_id, "basic.total", Money(fen))
    assert repository.load(report_id).money("basic.total") == Money(fen)


def test_unreadable_text_is_kept_verbatim(
    repository: ReportRepository, db_path: Path, blank: Report, templates: TemplateLibrary
) -> None:
    report_id = repository.insert(blank)
    typed = read(Kind.MONEY, "２８２。０２ab")
    assert isinstance(typed, Invalid)
    repository.set_value(report_id, "basic.total", typed)
    repository.close()
    loaded = reopen(db_path, templates).load(report_id).get("basic.total")
    assert isinstance(loaded, Invalid)
    assert loaded.raw == "２８２。０２ab"


def test_single_edits_are_saved(
    repository: ReportRepository, db_path: Path, sample: Report, templates: TemplateLibrary
) -> None:
    report_id = repository.insert(sample)
    repository.set_value(report_id, "basic.total", Money.from_wan("269.75"))
    repository.set_value(report_id, "basic.note", None)
    repository.set_value(report_id, "other.text", None)
    group = sample.rows("transfer.groups")[1]
    repository.set_cell(report_id, group.id, "stated_count", 12)
    repository.set_explanation(report_id, "x:1", "说明")
    repository.set_status(report_id, Status.FINAL)
    repository.close()
    loaded = reopen(db_path, templates).load(report_id)
    assert loaded.money("basic.total") == Money.from_wan("269.75")
    assert loaded.get("basic.note") is None
    assert loaded.get("other.text") is None
    assert loaded.rows("transfer.groups")[1].cells["stated_count"] == 12
    assert loaded.explanations == {"x:1": "说明"}
    assert loaded.status is Status.FINAL


def test_rows_insert_delete_and_move_keep_their_order(
    repository: ReportRepository, db_path: Path, sample: Report, templates: TemplateLibrary
) -> None:
    report_id = repository.insert(sample)
    duties = sample.schema.table("basics.duties")
    repository.insert_row(report_id, duties, Row(id="new1", cells={"text": "新职能"}), None, 1)
    repository.delete_row(report_id, "duty03")
    repository.move_row(report_id, "duty10", 0)
    items = sample.schema.table("transfer.groups").child("items")
    item = Row(id="new2", cells={"recipient": "市科技馆", "amount": Money.from_wan("1")})
    repository.insert_row(report_id, items, item, "grp1", 4)
    repository.close()
    loaded = reopen(db_path, templates).load(report_id)
    order = [row.id for row in loaded.rows("basics.duties")]
    assert order == ["duty10", "duty01", "new1", "duty02", *[f"duty{n:02d}" for n in range(4, 10)]]
    first_group_items = loaded.rows("transfer.groups")[0].rows("items")
    assert [row.id for row in first_group_items][-1] == "new2"
    assert first_group_items[-1].cells["amount"] == Money.from_wan("1")


def test_deleting_a_group_deletes_its_items(
    repository: ReportRepository, db_path: Path, sample: Report
) -> None:
    report_id = repository.insert(sample)
    repository.delete_row(report_id, "grp2")
    with sqlite3.connect(db_path) as raw:
        left = raw.execute("SELECT count(*) FROM table_rows WHERE row_key LIKE 'g2i%'").fetchone()
    assert left == (0,)


def test_many_reports_in_one_file(
    repository: ReportRepository, sample: Report, hunan: Template
) -> None:
    sample_id = repository.insert(sample)
    own = Report(hunan, values={"header.unit": "郴州市科学技术协会", "header.year": 2022})
    own_id = repository.insert(own)
    listed = {summary.id: summary for summary in repository.list_reports()}
    assert listed[sample_id].is_sample
    assert listed[sample_id].display_name.startswith("【示例】")
    assert (listed[own_id].year, listed[own_id].unit) == (2022, "郴州市科学技术协会")
    for summary in listed.values():
        assert (summary.template_id, summary.template_version) == (hunan.id, hunan.version)
    assert [s.id for s in repository.list_reports()] == [own_id, sample_id]  # the sample last
    repository.delete(sample_id)
    assert [s.id for s in repository.list_reports()] == [own_id]
    with pytest.raises(StorageError) as caught:
        repository.load(sample_id)
    assert caught.value.kind is StorageErrorKind.NOT_FOUND
