"""Long unit names and unbroken strings: the title breaks between the words of the unit name
in lines of about equal length, the signature's name hangs under itself, and a Latin or URL
name never runs into the amount after it in a sentence."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.template.render import preview
from kexie_desktop.export import styles
from kexie_desktop.export.balance import balanced_breaks
from kexie_desktop.export.words import name_words
from kexie_desktop.services.workspace import load_sample

TOL = 0.5
LONG_UNIT = "湖南省郴州市北湖区科普教育基地管理服务中心"
VERY_LONG_UNIT = "中国共产党郴州市北湖区纪律检查委员会郴州市北湖区监察委员会派驻第三纪检监察组"


# -- the words of a unit name ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("2021年度郴州市科学技术协会", ("2021年度", "郴州市", "科学技术协会")),
        ("湖南省郴州市北湖区科学技术协会", ("湖南省", "郴州市", "北湖区", "科学技术协会")),
        ("郴州市市场监督管理局", ("郴州市", "市场监督管理局")),  # 市 of 市场 ends nothing
        ("陈家湾社区居民委员会", ("陈家湾社区", "居民委员会")),
        ("湘西土家族苗族自治州财政局", ("湘西土家族苗族自治州", "财政局")),
        ("郴州市第一人民医院", ("郴州市", "第一人民医院")),
        ("市科协机关", ("市科协机关",)),  # no one-character word
        ("Tencent Holdings Ltd.", ("Tencent ", "Holdings ", "Ltd.")),
        ("www.kexie-example.org/r0123456789", ("www.kexie-example.org/r0123456789",)),
    ],
)
def test_unit_names_break_after_the_names_they_are_made_of(
    name: str, words: tuple[str, ...]
) -> None:
    assert name_words(name) == words


@given(
    st.text(alphabet=st.sampled_from("省市县区镇街道委员会协中心局科学场技术 ab1（）"), max_size=40)
)
def test_the_words_of_any_text_are_the_text(text: str) -> None:
    words = name_words(text)
    assert "".join(words) == text
    assert all(words)


widths = st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=14)


@given(widths, st.integers(min_value=8, max_value=24))
def test_balanced_breaks_use_as_few_lines_as_greedy_and_no_wider_a_line(
    sizes: list[int], width: int
) -> None:
    starts = balanced_breaks(sizes, sizes, width)
    if max(sizes) > width:
        assert starts is None
        return
    assert starts is not None
    assert starts[0] == 0
    assert starts == sorted(set(starts))
    lines = [sum(sizes[a:b]) for a, b in zip(starts, [*starts[1:], len(sizes)], strict=True)]
    assert max(lines) <= width
    greedy: list[int] = [0]
    for size in sizes:
        if greedy[-1] + size > width:
            greedy.append(0)
        greedy[-1] += size
    assert len(lines) == len(greedy)
    assert max(lines) <= max(greedy)


# -- the title and the signature in the PDF ---------------------------------------------------


def _with_unit(unit: str) -> Report:
    report = load_sample()
    report.values["header.unit"] = unit
    return report


def _text_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    rows: dict[float, list[dict[str, Any]]] = {}
    for char in chars:
        rows.setdefault(round(char["bottom"], 1), []).append(char)
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]


def _joined(line: list[dict[str, Any]]) -> str:
    return "".join(c["text"] for c in line)


@pytest.mark.parametrize(
    ("unit", "lines"),
    [
        (
            LONG_UNIT,
            ["2021年度湖南省郴州市北湖区", "科普教育基地管理服务中心", "本级整体支出绩效自评报告"],
        ),
        (
            "湖南省郴州市科学技术协会",
            ["2021年度湖南省郴州市科学技术协会", "本级整体支出绩效自评报告"],  # fits a line
        ),
    ],
)
def test_a_long_title_breaks_between_the_words_of_the_unit_name(
    tmp_path: Any, export_read: Any, unit: str, lines: list[str]
) -> None:
    pdf = export_read(_with_unit(unit), tmp_path / "title.pdf")
    title = [c for c in pdf.pages[0].body if c["size"] == pytest.approx(styles.SIZE_2HAO)]
    printed = _text_lines(title)
    assert [_joined(line) for line in printed] == lines
    centre = styles.MARGIN_LEFT + styles.TEXT_WIDTH / 2
    for line in printed:
        assert (line[0]["x0"] + line[-1]["x1"]) / 2 == pytest.approx(centre, abs=2)


def test_a_title_longer_than_two_lines_still_breaks_only_between_words(
    tmp_path: Any, export_read: Any
) -> None:
    pdf = export_read(_with_unit(VERY_LONG_UNIT), tmp_path / "title.pdf")
    title = [c for c in pdf.pages[0].body if c["size"] == pytest.approx(styles.SIZE_2HAO)]
    printed = [_joined(line) for line in _text_lines(title)]
    assert "".join(printed) == f"2021年度{VERY_LONG_UNIT}本级整体支出绩效自评报告"
    boundaries = set()
    offset = 0
    for word in name_words(f"2021年度{VERY_LONG_UNIT}"):
        offset += len(word)
        boundaries.add(offset)
    offset = 0
    for line in printed[:-2]:
        offset += len(line)
        assert offset in boundaries, printed


def _closing(pdf: Any) -> tuple[list[list[dict[str, Any]]], list[dict[str, Any]]]:
    """The signature's name lines and its date line, from the last page."""
    lines = pdf.pages[-1].lines()
    dated = next(i for i, line in enumerate(lines) if _joined(line) == "2022年4月25日")
    unit_lines: list[list[dict[str, Any]]] = []
    below = lines[dated]
    for line in reversed(lines[:dated]):
        if below[0]["bottom"] - line[0]["bottom"] > 1.5 * styles.LINE_PITCH:
            break  # the room left for the seal: above it is the text, not the signature
        unit_lines.insert(0, line)
        below = line
    return unit_lines, lines[dated]


def test_a_long_signature_hangs_under_itself_over_the_date(tmp_path: Any, export_read: Any) -> None:
    pdf = export_read(_with_unit(VERY_LONG_UNIT), tmp_path / "closing.pdf")
    names, date = _closing(pdf)
    printed = [_joined(line) for line in names]
    assert printed == [
        "中国共产党郴州市北湖区纪律检查委员会",
        "郴州市北湖区监察委员会派驻第三纪检监察组",
    ]
    assert len({round(line[0]["x0"], 1) for line in names}) == 1  # all start where the first does
    right = styles.MARGIN_LEFT + styles.TEXT_WIDTH
    assert max(line[-1]["x1"] for line in names) <= right + TOL
    # the date keeps its place: four characters in from the right
    assert date[-1]["x1"] == pytest.approx(right - 4 * styles.SIZE_3HAO, abs=TOL)


def test_a_short_signature_is_centred_over_the_date(sample_pdf: Any) -> None:
    names, date = _closing(sample_pdf)
    assert [_joined(line) for line in names] == ["郴州市科学技术协会"]
    name, centre = names[0], (date[0]["x0"] + date[-1]["x1"]) / 2
    assert (name[0]["x0"] + name[-1]["x1"]) / 2 == pytest.approx(centre, abs=1)


# -- a Latin or URL name before an amount -----------------------------------------------------

URL = "www.kexie-example.org/r0123456789"
# What a name may end in to be set apart: Latin letters, digits (half or full width), URL marks.
SET_APART = frozenset(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/._~%#?=&+:@-"
    "０１２３４５６７８９ＡＢＣＸＹＺａｂｃｘｙｚ"
)


def _recipients(*names: str) -> Report:
    report = load_sample()
    items = report.tables["transfer.groups"][0].children["items"]
    for item, name in zip(items, names, strict=False):
        item.cells["recipient"] = name
        item.cells["amount"] = Money.from_wan("15")
    return report


def test_a_url_or_latin_name_is_set_apart_from_its_amount() -> None:
    text = preview(_recipients(URL, "Tencent Ltd", "市科协2"), "general.project") or ""
    assert f"即{URL} 15万元、Tencent Ltd 15万元、市科协2 15万元、" in text
    # Chinese names run on into the amount as in the published report
    assert "苏仙区苏仙岭街道陈家湾社区居民委员会15万元" in text


any_names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@given(any_names | st.text(alphabet=st.sampled_from([*sorted(SET_APART), "科", " ", "\ufdd0"])))
def test_any_name_prints_whole_and_apart_from_its_amount_when_it_ends_in_latin(name: str) -> None:
    text = preview(_recipients(name), "general.project") or ""
    assert "\ufdd0" not in text
    shown = name.replace("\ufdd0", "").strip()
    if not shown:
        return
    spaced = shown[-1] in SET_APART or ("\uff10" <= shown[-1] <= "\uff5a" and shown[-1].isalnum())
    assert f"{shown}{' ' if spaced else ''}15万元" in text


def test_the_pdf_sets_a_url_apart_from_its_amount(tmp_path: Any, export_read: Any) -> None:
    pdf = export_read(_recipients(URL), tmp_path / "url.pdf")
    chars = [c for page in pdf.pages for c in page.body]
    text = "".join(c["text"] for c in chars)
    end = text.index(URL) + len(URL)
    after = chars[end]
    # a space, or the amount starts the next line
    assert after["text"] == " " or after["bottom"] != pytest.approx(chars[end - 1]["bottom"])
    assert text[end:].lstrip().startswith("15万元")
