"""A template's own words print in every report: a character no font has (the minus sign
U+2212 once slipped into a criterion) would print as a blank gap, so template-check refuses
it, naming where it is; the shipped templates have none."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_run import run
from kexie_desktop.core.template import load_template
from kexie_desktop.core.template.wording import printed_wording, unprintable_wording
from kexie_desktop.resources import resource_dir
from kexie_desktop.services.printable import font_printable

TEMPLATES = resource_dir() / "templates"
HUNAN = (TEMPLATES / "hunan-dept-selfeval.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["hunan-dept-selfeval.toml", "county-dept-evaluation.toml"])
def test_the_shipped_templates_print_every_word_of_their_own(name: str) -> None:
    template = load_template((TEMPLATES / name).read_text(encoding="utf-8"))
    # The bundled fonts only: what a PC without Windows' Chinese fonts prints with.
    assert unprintable_wording(template, font_printable(font_dirs=())) == []


def test_the_wording_covers_headings_sentences_tables_and_the_scoring_table() -> None:
    template = load_template(HUNAN)
    places = {where for where, _ in printed_wording(template)}
    texts = "".join(text for _, text in printed_wording(template))
    assert "部分“basics”" in places  # a heading
    assert "部分“basics.duties”的句式" in places  # a sentence's literal words
    assert "指标“three_change”的评分标准" in places
    assert "是" in texts  # "一是……；二是……" comes from the sentence's own words
    assert template.scorecard is not None
    assert all(leaf.criterion in texts for leaf in template.scorecard.leaves())


@pytest.mark.parametrize(
    ("old", "new", "where", "char"),
    [
        ("扣完为止。", "扣完为止−", "指标“goal_fit”的评分标准", "−"),
        ('title = "部门基本情况"', 'title = "部门基本情况𠮷"', "部分“basics”", "𠮷"),
        (
            "{{ performance.opening }}",
            "{{ performance.opening }}䶮",
            "部分“performance”的句式",
            "䶮",
        ),
    ],
)
def test_template_check_refuses_a_character_no_font_prints(
    tmp_path: Path, old: str, new: str, where: str, char: str
) -> None:
    assert old in HUNAN
    bad = tmp_path / "bad.toml"
    bad.write_text(HUNAN.replace(old, new, 1), encoding="utf-8")
    result = run("template-check", str(bad), data_dir=tmp_path / "data")
    assert result.returncode == 1, result.stdout
    assert f"{where}中的“{char}”（U+{ord(char):04X}）没有字体能打印" in result.stdout
    good = run("template-check", str(TEMPLATES / "hunan-dept-selfeval.toml"), data_dir=tmp_path)
    assert good.returncode == 0, good.stdout
