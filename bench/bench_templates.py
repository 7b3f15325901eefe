"""Template costs: loading (TOML, checking, compiling every sentence, one test rendering) and
rendering every section of a report, which the window does for the section shown on each
keystroke and the PDF for all of them. Prints figures; asserts nothing."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from kexie_desktop.core.template import load_template_file
from kexie_desktop.core.template.render import section_content
from kexie_desktop.resources import SAMPLE_REPORTS, resource_dir
from kexie_desktop.services.workspace import load_sample

RUNS = 50


def _median_ms(action: object, runs: int = RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    for path in sorted((resource_dir() / "templates").glob("*.toml")):
        median, worst = _median_ms(lambda p=path: load_template_file(Path(p)), 20)
        print(f"load {path.name}: median {median:.1f} ms, max {worst:.1f} ms over 20")
    for name in SAMPLE_REPORTS:
        report = load_sample(name=name)
        keys = [section.key for section in report.schema.all_sections()]
        median, worst = _median_ms(lambda r=report, k=keys: [section_content(r, s) for s in k])
        print(
            f"render every section of {name.name} ({report.template.id}): "
            f"median {median:.2f} ms, max {worst:.2f} ms over {RUNS}"
        )


if __name__ == "__main__":
    main()
