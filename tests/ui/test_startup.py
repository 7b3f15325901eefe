"""The window is on screen before the data file is opened (ui/app.py): what it takes to show
that frame must not load the storage, the checks, the templates, the forms or the export.
Checked by the modules a fresh process has loaded once the frame was shown, not by timing
(bench/bench_startup.py measures the time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

# The start as ui/app.py:run makes it, until the frame is shown (KEXIE_EXIT_WHEN_SHOWN quits
# on the first turn of the event loop, where the data file would be opened). --demo keeps the
# clerk's own settings out of it.
_SHOW_THE_FRAME = textwrap.dedent(
    """
    import argparse, json, os, sys
    os.environ["KEXIE_EXIT_WHEN_SHOWN"] = "1"
    from kexie_desktop.ui import app
    args = argparse.Namespace(db=None, demo=True, report=None, self_test=False, screenshot=None)
    assert app.run(args) == 0
    print(json.dumps(sorted(sys.modules)))
    """
)


@pytest.fixture(scope="module")
def loaded_with_the_frame(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    folder = tmp_path_factory.mktemp("appdata")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KEXIE_DATA_DIR": str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", _SHOW_THE_FRAME],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "kexie_desktop.ui.main_window" in loaded  # the frame was really built
    return loaded


@pytest.mark.parametrize(
    "module",
    [
        "sqlite_utils",
        "reportlab",
        "pypdfium2",
        "kexie_desktop.storage",
        "kexie_desktop.services.workspace",
        "kexie_desktop.services.editing",
        "kexie_desktop.core.compare",
        "kexie_desktop.ui.session",
        "kexie_desktop.ui.section_form",
        "kexie_desktop.ui.editors",
        "kexie_desktop.ui.findings_panel",
        "kexie_desktop.ui.dialogs",
        "kexie_desktop.ui.print_preview",
        "jinja2",
        "kexie_desktop.core.template",
        "kexie_desktop.core.checks",
    ],
)
def test_showing_the_frame_does_not_load(module: str, loaded_with_the_frame: set[str]) -> None:
    assert module not in loaded_with_the_frame


def test_the_report_follows_the_frame(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """What the frame left out is loaded with the report: the form, findings and menus work."""
    window = make_window()
    assert window.current_form() is not None
    assert window.findings_panel.summary.text()
    window.commands.findings_action.trigger()  # F8 hides the findings
    assert not window.findings_panel.isVisible()
