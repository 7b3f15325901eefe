"""The standard sentences reproduce the published wording from the structured figures."""

from __future__ import annotations

import pytest

from kexie_desktop.core import sentences
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.schema.other_budgets import FUND
from kexie_desktop.core.textinput import normalize
from kexie_desktop.resources import resource


@pytest.fixture(scope="module")
def published() -> str:
    text = resource("sample/chenzhou-kexie-2021-published.txt").read_text(encoding="utf-8")
    # The web copy mixes half- and full-width punctuation; compare with both folded.
    return normalize(text)


@pytest.mark.parametrize(
    "sentence",
    [sentences.duties, sentences.basic_spending, sentences.project_spending, sentences.funds],
)
def test_sentence_appears_in_the_published_report(
    sample: Report, published: str, sentence: sentences.Sentence
) -> None:
    assert normalize(sentence(sample)) in published


def test_staff_sentence_matches_up_to_the_final_full_stop(sample: Report, published: str) -> None:
    # The published paragraph lacks its closing 。; ours adds it.
    generated = normalize(sentences.staff(sample))
    assert generated.endswith("退休人员14名.")
    assert generated.removesuffix(".") in published


def test_transfer_sentence_names_every_recipient_with_its_amount(sample: Report) -> None:
    text = sentences.transfers(sample)
    assert text.startswith(
        "转移支付100万元，包含4个基层科普行动计划建设，即北湖区燕泉街道振兴社区居民委员会15万元"
    )
    assert "共60万元；18个市级学会服务能力提升计划建设，即市老科协5万元" in text
    assert text.endswith("市心理卫生协会2万元，共40万元。")


def test_figures_come_from_the_data_not_from_typed_text(sample: Report) -> None:
    sample.values["basic.total"] = Money.from_wan("300.5")
    sample.values["basic.abroad"] = Money.from_wan("1.2")
    text = sentences.basic_spending(sample)
    assert "基本支出300.50万元" in text
    assert "公务出国出境为1.20万元" in text


def test_missing_figures_are_marked_not_invented() -> None:
    text = sentences.basic_spending(Report())
    assert "基本支出（未填）" in text
    assert "人员经费为（未填）" in text


def test_other_budgets_print_none_unless_there_is_a_text(sample: Report) -> None:
    assert sentences.other_budget(sample, FUND) == "无。"
    sample.values["fund.text"] = ""
    assert sentences.other_budget(sample, FUND) == "无。"
    sample.values["fund.text"] = "用于科普场馆建设。"
    assert sentences.other_budget(sample, FUND) == "用于科普场馆建设。"


@pytest.mark.parametrize(
    ("number", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (42, "四十二")]
)
def test_chinese_numbers(number: int, text: str) -> None:
    assert sentences.chinese_number(number) == text
