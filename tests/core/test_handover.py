from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.core import handover
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Status
from kexie_desktop.core.template import Template, TemplateLibrary
from kexie_desktop.core.values import Invalid, Kind, parse, read
from kexie_desktop.resources import SAMPLE_REPORT, resource
from kexie_desktop.services.templates import installed_templates


def test_sample_round_trips_exactly(sample: Report, templates: TemplateLibrary) -> None:
    sample.explanations["transfer.group_count:grp2"] = "另 6 个项目由下年度资助。"
    sample.values["basic.note"] = "含 <b>标记</b> & 换行\n第二行"
    sample.values["project.other"] = read(Kind.MONEY, "9.4６x")
    assert isinstance(sample.values["project.other"], Invalid)
    again = handover.loads(handover.dumps(sample), templates)
    assert again == sample


def test_amounts_are_written_as_exact_decimal_strings(sample: Report) -> None:
    sample.values["basic.vehicle"] = Money(1_750_001)  # 1.750001 万元: one 分 more
    document = json.loads(handover.dumps(sample))
    fields = document["report"]["fields"]
    assert fields["basic.total"] == "282.02"
    assert fields["basic.vehicle"] == "1.750001"
    assert document["format"] == handover.FORMAT
    assert document["version"] == handover.VERSION == 2


def test_a_file_names_the_template_of_its_report(sample: Report, hunan: Template) -> None:
    document = json.loads(handover.dumps(sample))
    assert document["report"]["template"] == {"id": "hunan-dept-selfeval", "version": 2}
    assert document["report"]["template"] == {"id": hunan.id, "version": hunan.version}


@given(st.integers(min_value=0, max_value=10**14))
def test_any_amount_survives_the_file(fen: int) -> None:
    templates = installed_templates()
    report = Report(templates.latest("hunan-dept-selfeval"), values={"basic.total": Money(fen)})
    assert handover.loads(handover.dumps(report), templates).values["basic.total"] == Money(fen)


# -- format version 1: the files written before there were templates --------------------------


def _as_version_1(report: Report) -> dict[str, Any]:
    """The report as a version-1 file: no template named."""
    document = json.loads(handover.dumps(report))
    document["version"] = 1
    del document["report"]["template"]
    return document


def test_a_version_1_file_imports_into_the_hunan_template(
    sample: Report, templates: TemplateLibrary, hunan: Template
) -> None:
    sample.explanations["transfer.group_count:grp2"] = "另 6 个项目由下年度资助。"
    sample.status = Status.FINAL
    text = json.dumps(_as_version_1(sample), ensure_ascii=False)
    again = handover.loads(text, templates)
    assert again.template is hunan
    assert again.template.id == "hunan-dept-selfeval"
    assert again == sample


def test_the_shipped_sample_is_a_version_2_file_naming_its_template(
    templates: TemplateLibrary,
) -> None:
    text = resource(SAMPLE_REPORT).read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["version"] == 2
    assert document["report"]["template"] == {"id": "hunan-dept-selfeval", "version": 2}
    report = handover.loads(text, templates)
    assert report.template.id == "hunan-dept-selfeval"
    assert report.unit == "郴州市科学技术协会"


def test_a_version_2_file_naming_an_unknown_template_is_refused(
    sample: Report, templates: TemplateLibrary
) -> None:
    document = json.loads(handover.dumps(sample))
    document["report"]["template"] = {"id": "no-such-template", "version": 1}
    with pytest.raises(handover.HandoverError) as caught:
        handover.from_document(document, templates)
    assert "no-such-template" in caught.value.message
    assert "没有安装" in caught.value.message


def test_a_file_from_a_newer_template_version_is_refused(
    sample: Report, templates: TemplateLibrary, hunan: Template
) -> None:
    document = json.loads(handover.dumps(sample))
    document["report"]["template"] = {"id": hunan.id, "version": hunan.version + 1}
    with pytest.raises(handover.HandoverError) as caught:
        handover.from_document(document, templates)
    assert hunan.id in caught.value.message
    assert f"第 {hunan.version + 1} 版" in caught.value.message


# -- values are read as typing reads them ------------------------------------------------------


def _document(**fields: Any) -> dict[str, Any]:
    return {"format": handover.FORMAT, "version": 1, "report": {"fields": fields}}


def test_a_percent_in_a_file_is_rounded_as_typing_rounds_it(templates: TemplateLibrary) -> None:
    document = _document(**{"performance.usage_rate": "95.555"})
    imported = handover.from_document(document, templates).values["performance.usage_rate"]
    assert imported == Decimal("95.56")
    assert imported == parse(Kind.PERCENT, "95.555")


@pytest.mark.parametrize(
    ("key", "kind", "raw"),
    [
        ("performance.usage_rate", Kind.PERCENT, "95.555"),
        ("performance.usage_rate", Kind.PERCENT, "９５％"),
        ("basic.total", Kind.MONEY, "１２３．４５万元"),
        ("basic.total", Kind.MONEY, "5000元"),
        ("basic.total", Kind.MONEY, "1,234.5"),
        # More digits than the 分: rounded, as typing rounds them (format 1 refused them).
        ("basic.total", Kind.MONEY, "0.0000001"),
        ("basic.total", Kind.MONEY, "1.2345675"),
        ("header.date", Kind.DATE, "2022年4月25日"),
    ],
)
def test_a_file_accepts_what_typing_accepts(
    templates: TemplateLibrary, key: str, kind: Kind, raw: str
) -> None:
    report = handover.from_document(_document(**{key: raw}), templates)
    assert report.values[key] == parse(kind, raw)
    assert report.values[key] is not None


@given(st.text(alphabet="0123456789.,-%％万元 ", max_size=12))
def test_a_percent_or_amount_imports_exactly_when_it_could_be_typed(raw: str) -> None:
    templates = installed_templates()
    for key, kind in (("performance.usage_rate", Kind.PERCENT), ("basic.total", Kind.MONEY)):
        typed = read(kind, raw)
        if isinstance(typed, Invalid):
            with pytest.raises(handover.HandoverError):
                handover.from_document(_document(**{key: raw}), templates)
        else:
            report = handover.from_document(_document(**{key: raw}), templates)
            assert report.values.get(key) == typed


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"format": "other"}, "不是本软件导出的报告文件"),
        ({"format": handover.FORMAT, "version": 99, "report": {}}, "更新版本"),
        ({"format": handover.FORMAT, "version": 0, "report": {}}, "版本号"),
        ({"format": handover.FORMAT, "version": -1, "report": {}}, "版本号"),
        ({"format": handover.FORMAT, "version": "1", "report": {}}, "版本号"),
        ({"format": handover.FORMAT, "version": True, "report": {}}, "版本号"),
        ({"format": handover.FORMAT, "version": 2, "report": {}}, "template"),
        (
            {"format": handover.FORMAT, "version": 2, "report": {"template": {"id": "x"}}},
            "模板",
        ),
        (_document(**{"basic.totl": "1"}), "没有的字段“basic.totl”"),
        (_document(**{"basic.total": 282.02}), "基本支出"),
        (_document(**{"basic.total": 282.02}), "应为写成文字的数"),
        (_document(**{"basic.total": "28x"}), "不是金额"),
        (_document(**{"basic.total": "1e20"}), "不是金额"),  # typing takes no exponents
        (_document(**{"basic.total": "1e100"}), "不是金额"),
        (_document(**{"basic.total": "1" + "0" * 20}), "金额过大"),
        (_document(**{"basic.total": "-" + "9" * 30}), "金额过大"),
        (_document(**{"basics.retired": 10**30}), "退休人员"),
        (_document(**{"basics.retired": 10**30}), "过大"),
        (_document(**{"performance.usage_rate": "1e30"}), "百分比"),
        (_document(**{"performance.usage_rate": "1" + "0" * 30}), "百分比"),
        (_document(**{"performance.usage_rate": "NaN"}), "百分比"),
        (_document(**{"performance.usage_rate": 95}), "资金使用率"),
        (_document(**{"header.date": "2022-13-01"}), "不是有效日期"),
        (_document(**{"header.date": 20220425}), "报告日期"),
        (_document(**{"header.year": 5}), "不是年度"),
        (_document(**{"header.year": 2021.0}), "整数"),
        (_document(**{"basics.retired": -1}), "退休人员"),
        (_document(**{"basics.retired": "14"}), "整数"),
        (_document(**{"basics.retired": True}), "整数"),
        (_document(**{"basic.note": 5}), "应为文字"),
        (_document(**{"basic.note": "a\ud800b"}), "代理码元"),
        (
            {"format": handover.FORMAT, "version": 1, "report": {"explanations": {"k": "\udc00"}}},
            "代理码元",
        ),
        (
            {
                "format": handover.FORMAT,
                "version": 1,
                "report": {"tables": {"transfer.groups": [{"id": "a1"}, {"id": "a1"}]}},
            },
            "重复",
        ),
        (
            {
                "format": handover.FORMAT,
                "version": 1,
                "report": {"tables": {"transfer.groups": [{"cells": {"colour": "x"}}]}},
            },
            "未知列“colour”",
        ),
        (
            {"format": handover.FORMAT, "version": 1, "report": {"tables": {"no.table": []}}},
            "没有的表格“no.table”",
        ),
        ({"format": handover.FORMAT, "version": 1, "report": {"status": "done"}}, "状态"),
        ({"format": handover.FORMAT, "version": 1, "report": {"sample": "yes"}}, "sample"),
        ({"format": handover.FORMAT, "version": 1, "report": []}, "report"),
    ],
)
def test_bad_documents_are_rejected_naming_the_problem(
    document: object, words: str, templates: TemplateLibrary
) -> None:
    with pytest.raises(handover.HandoverError) as caught:
        handover.from_document(document, templates)
    assert words in caught.value.message


# -- the file as text --------------------------------------------------------------------------


def test_broken_json_names_the_place(templates: TemplateLibrary) -> None:
    with pytest.raises(handover.HandoverError) as caught:
        handover.loads('{"format": ', templates)
    assert "第 1 行" in caught.value.message


def test_a_byte_order_mark_is_accepted(sample: Report, templates: TemplateLibrary) -> None:
    # Windows Notepad saves UTF-8 with a BOM.
    again = handover.loads("\ufeff" + handover.dumps(sample), templates)
    assert again == sample


def test_duplicate_keys_are_refused(templates: TemplateLibrary) -> None:
    text = (
        '{"format": "kexie-desktop-report", "version": 1, "report": {"fields": '
        '{"basic.total": "1", "basic.total": "2"}}}'
    )
    with pytest.raises(handover.HandoverError) as caught:
        handover.loads(text, templates)
    assert "basic.total" in caught.value.message
    assert "两次" in caught.value.message


def test_excessive_nesting_is_refused(templates: TemplateLibrary) -> None:
    with pytest.raises(handover.HandoverError) as caught:
        handover.loads("[" * 100_000 + "]" * 100_000, templates)
    assert "嵌套" in caught.value.message


def test_a_lone_surrogate_escape_is_refused(templates: TemplateLibrary) -> None:
    text = (
        '{"format": "kexie-desktop-report", "version": 1, "report": {"fields": '
        '{"basic.note": "\\ud800"}}}'
    )
    with pytest.raises(handover.HandoverError) as caught:
        handover.loads(text, templates)
    assert "补充说明" in caught.value.message
    assert "代理码元" in caught.value.message


def test_status_and_percent_survive(sample: Report, templates: TemplateLibrary) -> None:
    sample.status = Status.FINAL
    sample.values["performance.usage_rate"] = Decimal("95.50")
    again = handover.loads(handover.dumps(sample), templates)
    assert again.status is Status.FINAL
    assert again.values["performance.usage_rate"] == Decimal("95.5")
