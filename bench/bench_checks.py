"""Median time of a full check of the sample report (target: well under a frame, < 2 ms).

Run: python bench/bench_checks.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from kexie_desktop.core.checks import check_report
from kexie_desktop.services.workspace import load_sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    report = load_sample()
    check_report(report)  # warm-up
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        findings = check_report(report)
        timings.append(time.perf_counter() - start)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(f"full check of the sample: {len(findings)} findings, {args.repeat} runs")
    print(
        f"median {statistics.median(timings) * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms, "
        f"max {timings[-1] * 1000:.3f} ms (target < 2 ms)"
    )


if __name__ == "__main__":
    main()
