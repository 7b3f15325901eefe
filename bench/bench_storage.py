"""Cost of one autosaved edit (one transaction, fsync'd) and of loading the sample report.

Run: python bench/bench_storage.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kexie_desktop.core.money import Money
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.services.workspace import load_sample
from kexie_desktop.storage import ReportRepository, open_database


def _median_ms(timings: list[float]) -> str:
    return f"{statistics.median(timings) * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        templates = installed_templates()
        repo = ReportRepository(open_database(Path(folder) / "bench.sqlite"), templates)
        report_id = repo.insert(load_sample(templates))
        edits, loads = [], []
        for n in range(args.repeat):
            start = time.perf_counter()
            repo.set_value(report_id, "basic.total", Money(n))
            edits.append(time.perf_counter() - start)
        for _ in range(max(20, args.repeat // 10)):
            start = time.perf_counter()
            repo.load(report_id)
            loads.append(time.perf_counter() - start)
        repo.close()
    print(f"one saved edit (transaction + fsync): median {_median_ms(edits)}")
    print(f"load the whole sample report: median {_median_ms(loads)}")


if __name__ == "__main__":
    main()
