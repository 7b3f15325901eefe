"""Files written by the version before templates (tests/fixtures/README.md) open and import."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from kexie_desktop.core import handover
from kexie_desktop.core.checks import check_report
from kexie_desktop.core.money import Money
from kexie_desktop.core.report import Report
from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.core.textinput import normalize
from kexie_desktop.core.values import Value
from kexie_desktop.services.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def folded(values: dict[str, Value]) -> dict[str, Value]:
    """The values with punctuation width folded, and without the scoring table's: the
    fixtures keep the sample as it was then, typed with ASCII marks, before it was restored to
    the printed original's full width, and before the template had a 自评表."""
    return {
        key: normalize(v) if isinstance(v, str) else v
        for key, v in values.items()
        if not key.startswith("scores.")
    }


def test_an_old_data_file_is_upgraded_in_place_with_a_backup(
    tmp_path: Path, templates: TemplateLibrary, sample: Report
) -> None:
    path = tmp_path / "reports.kexie.sqlite"
    shutil.copyfile(FIXTURES / "v1-reports.kexie.sqlite", path)
    workspace = Workspace.open(path, templates)
    try:
        summaries = {s.id: s for s in workspace.list_reports()}
        assert {(s.template_id, s.template_version) for s in summaries.values()} == {
            ("hunan-dept-selfeval", 1)
        }
        old_sample = workspace.load(1)
        assert folded(old_sample.values) == folded(sample.values)
        explained = [f for f in check_report(old_sample) if f.is_handled]
        assert [f.rule for f in explained] == ["transfer.group_count"]
        following = workspace.load(2)
        assert following.based_on == 1
        assert following.values["basic.total"] == Money.from_wan("300.50")
        assert following.year == 2022
    finally:
        workspace.close()
    (backup,) = (tmp_path / "backups").iterdir()
    with sqlite3.connect(backup) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_an_old_hand_over_file_imports(templates: TemplateLibrary, sample: Report) -> None:
    text = (FIXTURES / "v1-handover.json").read_text(encoding="utf-8")
    report = handover.loads(text, templates)
    assert report.template.id == "hunan-dept-selfeval"
    assert folded(report.values) == folded(sample.values)
    assert report.explanations == {"transfer.group_count:grp2": "另有6个项目在次年拨付。"}
