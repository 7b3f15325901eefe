"""Time from process start to the main window on screen, from source and frozen.

Each run starts the program on the demo report with KEXIE_EXIT_WHEN_SHOWN set, so it quits
as soon as the window has been shown; the figure is the process's wall time. Uses xvfb-run
when available (a real X server), else Qt's offscreen platform.

    python bench/bench_startup.py [--runs N] [--frozen dist/kexie-desktop]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(command: list[str], runs: int) -> list[float]:
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "KEXIE_DATA_DIR": folder, "KEXIE_EXIT_WHEN_SHOWN": "1"}
        if not shutil.which("xvfb-run"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        prefix = ["xvfb-run", "-a"] if shutil.which("xvfb-run") else []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([*prefix, *command, "--demo"], env=env, check=True, timeout=120)
            timings.append(time.perf_counter() - started)
    return timings


def describe(name: str, timings: list[float]) -> None:
    print(
        f"{name}: median {statistics.median(timings):.2f} s, "
        f"min {min(timings):.2f} s over {len(timings)} runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist" / "kexie-desktop")
    args = parser.parse_args()
    if shutil.which("xvfb-run"):
        # xvfb-run itself costs time: measure an empty run and report it.
        describe("xvfb-run overhead (true)", measure(["true"], args.runs))
    describe("from source", measure([sys.executable, "-m", "kexie_desktop"], args.runs))
    frozen = args.frozen / ("kexie-desktop.exe" if sys.platform == "win32" else "kexie-desktop")
    if frozen.exists():
        describe("frozen bundle", measure([str(frozen)], args.runs))
    else:
        print(f"no frozen bundle at {frozen}: build it with packaging/smoke_test.py")


if __name__ == "__main__":
    main()
