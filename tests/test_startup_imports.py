"""Heavy modules stay off the start-up path: opening the window must not load ReportLab,
and the command-line checks must not load Qt or ReportLab."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def loaded_after(code: str) -> set[str]:
    probe = textwrap.dedent(code) + "\nimport sys\nprint(' '.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(result.stdout.split())


def test_the_window_modules_do_not_import_reportlab() -> None:
    modules = loaded_after(
        """
        import kexie_desktop.cli
        import kexie_desktop.ui.app
        import kexie_desktop.ui.main_window
        """
    )
    assert "PySide6.QtWidgets" in modules  # the probe did load the window code
    assert not any(name.split(".")[0] == "reportlab" for name in modules)


def test_the_checks_load_neither_qt_nor_reportlab() -> None:
    modules = loaded_after(
        """
        from kexie_desktop.cli import main
        main(["check", "--demo"])
        """
    )
    assert "kexie_desktop.core.checks" in modules
    assert not any(name.split(".")[0] in ("reportlab", "PySide6") for name in modules)


def test_version_is_answered_without_loading_the_program() -> None:
    modules = loaded_after(
        """
        import contextlib, io
        from kexie_desktop.launcher import main
        with contextlib.redirect_stdout(io.StringIO()) as out:
            assert main(["--version"]) == 0
        assert out.getvalue().startswith("kexie-desktop ")
        """
    )
    ours = {name for name in modules if name.startswith("kexie_desktop.")}
    assert ours == {"kexie_desktop.launcher"}
    assert not any(
        name.split(".")[0] in ("PySide6", "reportlab", "sqlite_utils") for name in modules
    )
