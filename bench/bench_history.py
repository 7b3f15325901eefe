"""Version snapshots: how big one is (the sample, and the sample with ten times its text) and
how long keeping and reading one takes. Prints figures; asserts nothing."""

from __future__ import annotations

import copy
import random
import statistics
import time

from kexie_desktop.core.report import Report
from kexie_desktop.services.history import from_snapshot, snapshot
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.services.workspace import load_sample

RUNS = 50


def _ten_times_the_text(report: Report) -> Report:
    """Each text ten times as long, with new wording (shuffled characters of the sample's own
    texts: repeating the text would compress too well to tell anything)."""
    chances = random.Random(10)
    bigger = copy.deepcopy(report)

    def longer(text: str) -> str:
        characters = list(text * 10)
        chances.shuffle(characters)
        return "".join(characters)

    for key, value in report.values.items():
        if isinstance(value, str):
            bigger.values[key] = longer(value)
    for rows in bigger.tables.values():
        for row in rows:
            for column, value in row.cells.items():
                if isinstance(value, str):
                    row.cells[column] = longer(value)
    return bigger


def _median_ms(action: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    templates = installed_templates()
    sample = load_sample()
    for name, report in (("sample", sample), ("sample, 10x text", _ten_times_the_text(sample))):
        data = snapshot(report)
        text = sum(len(v) for v in report.values.values() if isinstance(v, str))
        keep = _median_ms(lambda r=report: snapshot(r))
        read = _median_ms(lambda d=data: from_snapshot(d, templates))
        print(
            f"{name}: {text} characters of text, snapshot {len(data) / 1024:.1f} KiB compressed; "
            f"keep {keep:.2f} ms, read {read:.2f} ms (median of {RUNS})"
        )


if __name__ == "__main__":
    main()
