"""The first start is atomic: killed at any moment, the next start finds a whole data file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kexie_desktop.services.workspace import Workspace


def test_a_first_start_killed_at_any_moment_leaves_a_whole_file_or_none(tmp_path: Path) -> None:
    chances = random.Random(20261203)
    env = {**os.environ, "KEXIE_DATA_DIR": str(tmp_path / "appdata")}
    outcomes = []
    for attempt in range(16):
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        database = folder / "reports.kexie.sqlite"
        process = subprocess.Popen(
            [sys.executable, "-m", "kexie_desktop", "list", "--db", str(database)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chances.uniform(0.15, 0.9))
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes.append(database.exists())
        workspace = Workspace.open(database)  # the next start
        try:
            names = sorted(summary.display_name for summary in workspace.list_reports())
        finally:
            workspace.close()
        assert names == ["【示例】2021年度 郴州市科学技术协会", "【示例】2023年度 示例县农业农村局"]
    # The kills fell both before and after the file was complete.
    assert any(outcomes)
    assert not all(outcomes)


def test_a_file_without_any_report_gets_the_examples_again(tmp_path: Path) -> None:
    database = tmp_path / "reports.kexie.sqlite"
    workspace = Workspace.open(database)
    for summary in workspace.list_reports():
        workspace.delete(summary.id)
    workspace.close()
    workspace = Workspace.open(database)
    try:
        assert len(workspace.list_reports()) == 2
    finally:
        workspace.close()
