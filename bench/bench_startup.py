"""Start-up, side by side in one run: a bare PySide6 window, then kexie-desktop on a data file
that exists (the clerk's everyday start): the frame on screen, and the report shown.

Each program quits as soon as it got there (KEXIE_EXIT_WHEN_SHOWN / KEXIE_EXIT_WHEN_READY);
the figure is the process's wall time. Runs alternate between the programs so a busy machine
slows them alike. Uses one Xvfb server when there is one (a real X server), else Qt's
offscreen platform. Also prints the resident memory with the sample open.

    python bench/bench_startup.py [--runs N] [--frozen dist/kexie-desktop]

(--frozen: a bundle built from this checkout by packaging/smoke_test.py.)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def display() -> Iterator[dict[str, str]]:
    """Environment for the runs: an Xvfb display if there is one, else offscreen Qt."""
    if not shutil.which("Xvfb"):
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    number = 90 + os.getpid() % 100
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1366x768x24"], stderr=subprocess.DEVNULL
    )
    time.sleep(1)
    try:
        yield {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        server.terminate()
        server.wait()


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, timeout=120)
    return time.perf_counter() - started


def describe(name: str, timings: list[float]) -> float:
    median = statistics.median(timings)
    print(f"{name}: median {median:.3f} s, min {min(timings):.3f} s over {len(timings)} runs")
    return median


def resident_mib(command: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of a child that opens the sample and quits."""
    subprocess.run(command, env={**env, "KEXIE_EXIT_WHEN_READY": "1"}, check=True, timeout=120)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--frozen",
        type=Path,
        help="also time a bundle built from this checkout (dist/kexie-desktop)",
    )
    args = parser.parse_args()
    name = "kexie-desktop.exe" if sys.platform == "win32" else "kexie-desktop"
    frozen = args.frozen / name if args.frozen else None
    with tempfile.TemporaryDirectory() as folder, display() as screen:
        env = {**os.environ, **screen, "KEXIE_DATA_DIR": folder}
        data = ["--db", str(Path(folder) / "reports.kexie.sqlite")]
        ours = [sys.executable, "-m", "kexie_desktop", *data]
        subprocess.run(ours, env={**env, "KEXIE_EXIT_WHEN_READY": "1"}, check=True)  # 1st start
        programs = {
            "bare PySide6 window": ([sys.executable, str(ROOT / "bench" / "bare_window.py")], {}),
            "kexie-desktop, frame shown": (ours, {"KEXIE_EXIT_WHEN_SHOWN": "1"}),
            "kexie-desktop, report shown": (ours, {"KEXIE_EXIT_WHEN_READY": "1"}),
        }
        if frozen is not None:
            programs["frozen bundle, report shown"] = (
                [str(frozen), *data],
                {"KEXIE_EXIT_WHEN_READY": "1"},
            )
        timings: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, (command, extra) in programs.items():
                timings[name].append(timed(command, {**env, **extra}))
        medians = {name: describe(name, values) for name, values in timings.items()}
        bare = medians["bare PySide6 window"]
        for name in programs:
            if name.startswith(("kexie", "frozen")):
                print(f"ratio {name} / bare window: {medians[name] / bare:.2f}×")
        print(f"peak RSS with the sample open: {resident_mib(ours, env):.0f} MiB")


if __name__ == "__main__":
    main()
