"""Properties of the sum checks over arbitrary amounts, not just the sample's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kexie_desktop.core.checks import check_report
from kexie_desktop.core.checks.relations import evaluate
from kexie_desktop.core.findings import Severity
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.totals import computed_totals
from kexie_desktop.services.workspace import load_sample

SAMPLE = load_sample()
# Up to a billion 万元, to the 分.
amounts = st.integers(min_value=0, max_value=10**15).map(Money)


def with_basic(total: Money, personnel: Money, public: Money) -> Report:
    report = Report(SAMPLE.template, values=dict(SAMPLE.values), tables=SAMPLE.tables)
    report.values.update(
        {
            "basic.total": total,
            "basic.personnel": personnel,
            "basic.public": public,
            "basic.reception": Money(0),
            "basic.abroad": Money(0),
            "basic.vehicle": Money(0),
        }
    )
    return report


@given(amounts, amounts)
def test_a_total_equal_to_its_parts_is_never_flagged(personnel: Money, public: Money) -> None:
    report = with_basic(personnel + public, personnel, public)
    assert not [f for f in check_report(report) if f.rule == "basic.sum"]


@given(amounts, amounts, st.integers(min_value=-(10**12), max_value=10**12).filter(bool))
def test_a_wrong_total_is_flagged_with_the_exact_difference(
    personnel: Money, public: Money, off_by: int
) -> None:
    stated = personnel + public + Money(off_by)
    report = with_basic(stated, personnel, public)
    (finding,) = [f for f in check_report(report) if f.rule == "basic.sum"]
    assert finding.difference == Money(off_by)
    assert finding.expected == personnel + public
    assert finding.actual == stated
    tail = abs(off_by) <= Money.from_wan("0.01").fen
    assert finding.severity is (Severity.INFO if tail else Severity.ERROR)
    assert f"{stated.format()} 万元" in finding.message


@given(amounts, amounts, st.integers(min_value=-(10**12), max_value=10**12))
def test_the_total_on_screen_says_what_the_check_says(
    personnel: Money, public: Money, off_by: int
) -> None:
    report = with_basic(personnel + public + Money(off_by), personnel, public)
    shown = computed_totals(evaluate(report))["basic.total"]
    assert shown.parts_label == "人员经费 + 公用经费"
    assert shown.computed_text == (personnel + public).format()
    found = [f for f in check_report(report) if f.rule == "basic.sum"]
    if off_by == 0:
        assert shown.agrees
        assert shown.severity is None
        assert not found
    else:
        (finding,) = found
        assert shown.severity is finding.severity
        assert shown.agrees is (finding.severity is Severity.INFO)
        assert shown.difference_text == Money(off_by).format()
