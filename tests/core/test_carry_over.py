from __future__ import annotations

from kexie_desktop.core.carry_over import next_year_report
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report, Status


def test_next_year_keeps_words_and_structure_and_clears_figures(sample: Report) -> None:
    sample.id = 7
    sample.status = Status.FINAL
    new = next_year_report(sample)
    assert new.year == 2022
    assert new.unit == "郴州市科学技术协会"
    assert new.status is Status.DRAFT
    assert not new.is_sample
    assert new.based_on == 7
    assert new.text("problems.text") == sample.text("problems.text")
    assert not any(isinstance(value, Money) for value in new.values.values())
    assert new.get("header.date") is None
    assert new.get("performance.usage_rate") is None
    assert len(new.rows("basics.duties")) == 10
    groups = new.rows("transfer.groups")
    assert [g.cells["name"] for g in groups] == [
        "基层科普行动计划建设",
        "市级学会服务能力提升计划建设",
    ]
    recipients = [item.cells for item in groups[1].rows("items")]
    assert recipients[0] == {"recipient": "市老科协"}  # the amount is gone
    assert [c.cells.get("quota") for c in new.rows("basics.staff_categories")] == [None, None]
    assert new.rows("basics.staff_changes") == []  # last year's events are not this year's
    # Each carried row keeps its id, linking it to last year's row for comparison.
    old_paths = {path for path, _ in sample.walk_rows()}
    new_paths = {path for path, _ in new.walk_rows()}
    assert new_paths <= old_paths
    assert "transfer.groups[grp2].items[g2i01]" in new_paths
