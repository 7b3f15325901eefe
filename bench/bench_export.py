"""Median time to export the sample as a PDF: warm (in-process, after a first export) and
cold (a fresh ``python -m kexie_desktop export --demo`` process).

Targets: < 200 ms warm, < 1.5 s cold.

Run: python bench/bench_export.py [--repeat N] [--cold-repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kexie_desktop.services.exporting import export_pdf
from kexie_desktop.services.workspace import load_sample


def warm(folder: Path, repeat: int) -> tuple[float, int]:
    report = load_sample()
    target = folder / "warm.pdf"
    result = export_pdf(report, target)  # first export: fonts parsed and registered
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        export_pdf(report, target)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result.pages


def cold(folder: Path, repeat: int) -> float:
    env = dict(os.environ, KEXIE_DATA_DIR=str(folder / "data"))
    command = [sys.executable, "-m", "kexie_desktop", "export", "--demo", "-o"]
    timings = []
    for number in range(repeat):
        target = folder / f"cold-{number}.pdf"
        start = time.perf_counter()
        subprocess.run([*command, str(target)], check=True, env=env, capture_output=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cold-repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kexie-bench-") as name:
        folder = Path(name)
        warm_median, pages = warm(folder, args.repeat)
        print(f"export of the sample ({pages} pages), {args.repeat} warm runs")
        print(f"warm median {warm_median * 1000:.1f} ms (target < 200 ms)")
        cold_median = cold(folder, args.cold_repeat)
        print(f"cold median {cold_median:.2f} s over {args.cold_repeat} processes (target < 1.5 s)")


if __name__ == "__main__":
    main()
