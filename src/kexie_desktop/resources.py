"""Finding the ``resources/`` folder: in a PyInstaller bundle, in an installed wheel (package
data, ``kexie_desktop/_resources``), and in a source checkout or editable install.

The folder is handed to ReportLab and Qt as real paths: a wheel is always unpacked on disk, so
``importlib.resources`` gives a real directory.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

PACKAGED = "_resources"

SAMPLE_REPORT = Path("sample") / "chenzhou-kexie-2021.json"
# Every built-in example, one per template; the first is the app's sample.
SAMPLE_REPORTS = (SAMPLE_REPORT, Path("sample") / "county-example-2023.json")


def resource_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller unpacks data files next to the bundled modules
        return Path(frozen_root) / "resources"
    packaged = Path(str(files("kexie_desktop") / PACKAGED))
    if packaged.is_dir():  # installed from a wheel or `pip install .`
        return packaged
    # A source checkout or editable install: src/kexie_desktop → the repository root.
    return Path(__file__).resolve().parents[2] / "resources"


def resource(relative: str | Path) -> Path:
    path = resource_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"missing bundled resource: {path}")
    return path
