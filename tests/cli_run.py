"""Running the command line in a real subprocess, with its own data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KEXIE_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "kexie_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
