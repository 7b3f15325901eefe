"""The text checks on any text: they never fail, every place they report lies inside the
text it names, and applying every mechanical correction leaves nothing for that rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.checks.text import HALF_WIDTH
from kexie_desktop.core.checks.text_dates import date_slips, previous_year_mentions
from kexie_desktop.core.checks.text_marks import (
    FULL_WIDTH,
    half_width_marks,
    to_full_width,
    unpaired_marks,
)
from kexie_desktop.core.report import Report
from kexie_desktop.services.edit_steps import find_row, rows_at, split_cell_path
from kexie_desktop.services.workspace import load_sample

# Any character a file can hold (no lone surrogates), and text dense in what the checks look
# for: Chinese, both widths of every mark, digits, dates, addresses, line breaks.
ANY = st.characters(exclude_categories=["Cs"])
PIECES = ["http://", "www.", "2021", "2022年", "13月", "-4-25", "䶮", "𠮷", "😀", "e站", "a@b"]
DENSE = st.sampled_from(
    [
        *"中文科协年月日度较比至末，。、；：？！（）“”《》【】〔〕,;:?!() \t\n\u30000123456789-./",
        *PIECES,
    ]
)
TEXTS = st.one_of(
    st.text(ANY, max_size=200),
    st.lists(DENSE, max_size=120).map("".join),
)
# Very long text: a chunk repeated, so the checks' cost (not Hypothesis's) is what grows.
LONG = st.tuples(st.lists(DENSE, min_size=1, max_size=40).map("".join), st.integers(1, 3000)).map(
    lambda chunk_times: chunk_times[0] * chunk_times[1]
)
FAST = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])


def assert_inside(text: str, spans: list[tuple[int, int]]) -> None:
    for start, end in spans:
        assert 0 <= start < end <= len(text)


@FAST
@given(st.one_of(TEXTS, LONG))
def test_the_text_scanners_stay_inside_the_text(text: str) -> None:
    marks = half_width_marks(text)
    assert marks == sorted(set(marks))
    assert all(text[i] in FULL_WIDTH for i in marks)
    for unpaired in unpaired_marks(text):
        assert text[unpaired.offset] == unpaired.mark
    slips = date_slips(text)
    assert_inside(text, [(slip.start, slip.end) for slip in slips])
    assert all(slip.advice for slip in slips)
    assert_inside(text, previous_year_mentions(text, 2022))


@FAST
@given(st.one_of(TEXTS, LONG))
def test_turning_every_flagged_mark_leaves_none_to_turn(text: str) -> None:
    corrected = to_full_width(text, half_width_marks(text))
    assert half_width_marks(corrected) == []
    # Only marks changed and spaces beside them went: the words are all still there.
    unchanged = {" ", "\t", *FULL_WIDTH, *FULL_WIDTH.values()}
    assert [c for c in corrected if c not in unchanged] == [c for c in text if c not in unchanged]


def text_at(report: Report, path: str) -> object:
    if "[" not in path:
        return report.get(path)
    table_path, row_id, column = split_cell_path(path)
    return find_row(rows_at(report, table_path), row_id).cells.get(column)


def put(report: Report, path: str, text: str) -> None:
    if "[" not in path:
        report.values[path] = text
    else:
        table_path, row_id, column = split_cell_path(path)
        find_row(rows_at(report, table_path), row_id).cells[column] = text


PLACES = [
    "problems.text",  # printed as its own paragraph
    "basic.usage",  # inside a standard sentence
    "header.unit",  # one line
    "performance.items[perf2].text",
    "transfer.groups[grp2].items[g2i03].recipient",
]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(PLACES), TEXTS), max_size=4),
    st.sampled_from([2021, 2022]),
    st.frozensets(st.one_of(ANY, DENSE.filter(lambda s: len(s) == 1)), max_size=20),
)
def test_findings_name_places_inside_their_text_and_fixes_clear_them(
    entries: list[tuple[str, str]], year: int, no_font_has: frozenset[str]
) -> None:
    report = load_sample()
    report.values["header.year"] = year
    for path, text in entries:
        put(report, path, text)
    findings = check_report(report, printable=lambda char: char not in no_font_has)
    for finding in findings:
        assert finding.message
        for span in finding.spans:
            assert span.path in finding.fields
            value = text_at(report, span.path)
            assert isinstance(value, str)
            assert 0 <= span.start < span.end <= len(value)
        if finding.fix is not None:
            assert finding.fix.old == text_at(report, finding.fix.path)
    fixes = [f.fix for f in findings if f.fix is not None]
    for fix in fixes:
        put(report, fix.path, fix.new)
    fixed = {fix.path for fix in fixes}
    after = check_report(report, printable=lambda char: char not in no_font_has)
    assert not [f for f in after if f.rule == HALF_WIDTH and set(f.fields) & fixed]
