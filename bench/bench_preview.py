"""Median time from a change of the sample to its pages shown in the print preview.

Two figures: the clerk's wait after the last keystroke (the preview's pause, DEBOUNCE_MS, plus
drawing), and the drawing alone (the PDF made in memory, rasterised, shown). A first drawing
before the runs parses the fonts, as the first preview of a session does.

Run: python bench/bench_preview.py [--repeat N] [--width PIXELS]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kexie_desktop.core.report import Report
from kexie_desktop.services.workspace import load_sample
from kexie_desktop.ui.print_preview import DEBOUNCE_MS, PrintPreview


def shown_after(app: QApplication, preview: PrintPreview, report: Report, *, wait: bool) -> float:
    """Seconds from handing over a changed report to its pages on screen."""
    done: list[int] = []
    preview.rendered.connect(done.append)
    preview.failed.connect(lambda message: done.append(-1))
    report.values[report.template.roles.unit] = f"{report.unit}。"  # a keystroke
    start = time.perf_counter()
    preview.show_report(report)
    if not wait:
        preview.flush()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    preview.repaint()
    elapsed = time.perf_counter() - start
    preview.rendered.disconnect()
    preview.failed.disconnect()
    if done[0] < 0:
        raise SystemExit(f"the preview failed: {preview.message.text()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--width", type=int, default=560, help="the preview pane's width")
    args = parser.parse_args()
    app = QApplication([])
    preview = PrintPreview()
    preview.resize(args.width, 720)
    preview.show()
    report = load_sample()
    shown_after(app, preview, report, wait=False)  # fonts parsed, PDFium loaded
    pages = preview.page_count
    drawing = [shown_after(app, preview, report, wait=False) for _ in range(args.repeat)]
    waiting = [shown_after(app, preview, report, wait=True) for _ in range(args.repeat)]
    preview.stop()
    print(f"print preview of the sample ({pages} pages, {args.width} px wide), {args.repeat} runs")
    print(f"drawing alone: median {statistics.median(drawing) * 1000:.0f} ms")
    print(
        f"last keystroke to pages shown: median {statistics.median(waiting) * 1000:.0f} ms "
        f"(of which the pause {DEBOUNCE_MS} ms)"
    )


if __name__ == "__main__":
    main()
