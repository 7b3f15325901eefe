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
from kexie_desktop.core.values import Invalid, Kind, read


def test_sample_round_trips_exactly(sample: Report) -> None:
    sample.explanations["transfer.group_count:grp2"] = "另 6 个项目由下年度资助。"
    sample.values["basic.note"] = "含 <b>标记</b> & 换行\n第二行"
    sample.values["project.other"] = read(Kind.MONEY, "9.4６x")
    assert isinstance(sample.values["project.other"], Invalid)
    again = handover.loads(handover.dumps(sample))
    assert again == sample


def test_amounts_are_written_as_exact_decimal_strings(sample: Report) -> None:
    sample.values["basic.vehicle"] = Money(1_750_001)  # 1.750001 万元: one 分 more
    document = json.loads(handover.dumps(sample))
    fields = document["report"]["fields"]
    assert fields["basic.total"] == "282.02"
    assert fields["basic.vehicle"] == "1.750001"
    assert document["format"] == handover.FORMAT
    assert document["version"] == handover.VERSION


@given(st.integers(min_value=0, max_value=10**14))
def test_any_amount_survives_the_file(fen: int) -> None:
    report = Report(values={"basic.total": Money(fen)})
    assert handover.loads(handover.dumps(report)).values["basic.total"] == Money(fen)


def _document(**fields: Any) -> dict[str, Any]:
    return {"format": handover.FORMAT, "version": 1, "report": {"fields": fields}}


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"format": "other"}, "不是本软件导出的报告文件"),
        ({"format": handover.FORMAT, "version": 99, "report": {}}, "更新版本"),
        (_document(**{"basic.totl": "1"}), "未知字段“basic.totl”"),
        (_document(**{"basic.total": 282.02}), "基本支出"),
        (_document(**{"basic.total": "28x"}), "不是金额"),
        (_document(**{"basic.total": "0.0000001"}), "精度超过了分"),
        (_document(**{"basic.total": "1e20"}), "金额过大"),
        (_document(**{"basic.total": "1e100"}), "金额过大"),
        (_document(**{"basics.retired": 10**30}), "退休人员"),
        (_document(**{"performance.usage_rate": "1e30"}), "百分比"),
        (_document(**{"performance.usage_rate": "NaN"}), "百分比"),
        (_document(**{"header.date": "2022-13-01"}), "不是有效日期"),
        (_document(**{"basics.retired": -1}), "退休人员"),
        (_document(**{"basics.retired": "14"}), "整数"),
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
        ({"format": handover.FORMAT, "version": 1, "report": {"status": "done"}}, "状态"),
    ],
)
def test_bad_documents_are_rejected_naming_the_problem(document: object, words: str) -> None:
    with pytest.raises(handover.HandoverError) as caught:
        handover.from_document(document)
    assert words in caught.value.message


def test_broken_json_names_the_place() -> None:
    with pytest.raises(handover.HandoverError) as caught:
        handover.loads('{"format": ')
    assert "第 1 行" in caught.value.message


def test_status_and_percent_survive(sample: Report) -> None:
    sample.status = Status.FINAL
    sample.values["performance.usage_rate"] = Decimal("95.50")
    again = handover.loads(handover.dumps(sample))
    assert again.status is Status.FINAL
    assert again.values["performance.usage_rate"] == Decimal("95.5")
