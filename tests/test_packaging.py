"""What can be checked of the Windows packaging on Linux: the version resource, the spec's
lazily imported modules, and the installer's promises about the clerk's data."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

from kexie_desktop import __version__

ROOT = Path(__file__).resolve().parents[1]
SPEC = (ROOT / "packaging" / "kexie-desktop.spec").read_text(encoding="utf-8")
INSTALLER = (ROOT / "packaging" / "windows" / "kexie-desktop.iss").read_text(encoding="utf-8")


def test_windows_version_numbers_come_from_the_package_version() -> None:
    # The resource itself is built by PyInstaller's Windows-only module; its numbers are ours.
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from windows_version import version_numbers
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    assert version_numbers("1.2.3") == (1, 2, 3, 0)
    assert version_numbers("2.0") == (2, 0, 0, 0)
    assert version_numbers("1.4.2rc1+local.7") == (1, 4, 2, 0)
    assert version_numbers("1.4rc1") == (1, 4, 0, 0)
    major, minor, *_ = (int(part) for part in __version__.split("."))
    assert version_numbers(__version__)[:2] == (major, minor)
    assert "version_info(__version__" in SPEC  # the spec builds it from the package version


def test_every_hidden_import_of_the_spec_exists() -> None:
    hidden = re.search(r"hiddenimports=\[(.*?)\]", SPEC, re.S)
    assert hidden is not None
    names = re.findall(r'"([\w.]+)"', hidden.group(1))
    assert "kexie_desktop.ui.app" in names
    for name in names:
        importlib.import_module(name)


@pytest.mark.parametrize("resource", ["icons/kexie-desktop.ico", "icons/kexie-desktop.png"])
def test_the_icon_the_installer_and_window_use_exists(resource: str) -> None:
    assert (ROOT / "resources" / resource).stat().st_size > 1000


def test_the_installer_installs_per_user_and_never_deletes_the_data() -> None:
    assert "PrivilegesRequired=lowest" in INSTALLER
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}", INSTALLER, re.M)  # fixed: upgrades in place
    assert not re.search(r"^\[UninstallDelete\]", INSTALLER, re.M)
    # Nothing the installer deletes may point at the user's data folder.
    deletions = re.findall(r"^Type: .*$", INSTALLER, re.M)
    assert deletions
    assert all("{app}" in line and "appdata" not in line.lower() for line in deletions)
    assert '{autodesktop}\\{#AppName}"' in INSTALLER  # desktop shortcut
    assert "{group}\\{#AppName}" in INSTALLER  # Start-menu shortcut
