"""Finding the ``resources/`` folder in a source checkout and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLE_REPORT = Path("sample") / "chenzhou-kexie-2021.json"
# Every built-in example, one per template; the first is the app's sample.
SAMPLE_REPORTS = (SAMPLE_REPORT, Path("sample") / "county-example-2023.json")


def resource_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller unpacks data files next to the bundled modules
        return Path(frozen_root) / "resources"
    # src/kexie_desktop/resources.py → the repository root holds resources/
    return Path(__file__).resolve().parents[2] / "resources"


def resource(relative: str | Path) -> Path:
    path = resource_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"missing bundled resource: {path}")
    return path
