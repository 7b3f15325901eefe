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
sys.path.insert(0, str(ROOT / "packaging"))
from installer_test import isl_entries  # noqa: E402 - the one reader of .isl files

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


# --- the wizard in Simplified Chinese ---------------------------------------------------------

WINDOWS_DIR = ROOT / "packaging" / "windows"
MESSAGES_FILE = WINDOWS_DIR / "ChineseSimplified.isl"
# Every message key of the English Default.isl of the pinned compiler, with its placeholders
# (written by `python packaging/installer_test.py --write-keys`).
ENGLISH_KEYS = WINDOWS_DIR / "Default.isl.keys"
NPM_DEFAULT_ISL = (
    ROOT / "build" / "innosetup" / "node_modules" / "innosetup" / "bin" / "Default.isl"
)
PLACEHOLDER = re.compile(r"%[1-9]|\[(?:name|name/ver|gb|mb)\]|&(?!&)")
# Messages that are the same in every language: sizes and the "name (mark)" pattern.
NO_CHINESE_NEEDED = {
    "Messages.ComponentSize1",
    "Messages.ComponentSize2",
    "Messages.UninstallDisplayNameMark",
    "Messages.UninstallDisplayNameMarks",
}


def english_keys() -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for line in ENGLISH_KEYS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, *placeholders = line.split(" ")
            keys[key] = set(placeholders)
    return keys


def test_the_installer_speaks_simplified_chinese_from_our_messages_file() -> None:
    languages = re.search(r"^\[Languages\]\n(.*?)^\[", INSTALLER, re.M | re.S)
    assert languages is not None
    entries = [line for line in languages.group(1).splitlines() if line.startswith("Name:")]
    # One language, from the file kept next to the script: no compiler-version dependence.
    assert entries == ['Name: "zh_CN"; MessagesFile: "ChineseSimplified.isl"']
    assert MESSAGES_FILE.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    options = isl_entries(MESSAGES_FILE)
    assert options["LangOptions.LanguageID"] == "$0804"
    assert options["LangOptions.LanguageCodePage"] == "936"
    name = re.sub(
        r"<([0-9A-F]{4})>", lambda m: chr(int(m.group(1), 16)), options["LangOptions.LanguageName"]
    )
    assert name == "简体中文"


def test_the_chinese_messages_cover_every_english_message_with_its_placeholders() -> None:
    english = english_keys()
    assert len(english) > 250  # the whole list, not a stub
    chinese = isl_entries(MESSAGES_FILE)
    assert sorted(set(english) - set(chinese)) == []  # missing: the wizard would show English
    assert sorted(set(chinese) - set(english)) == []  # unknown: a misspelt key
    for key, placeholders in english.items():
        if key.startswith("LangOptions."):
            continue
        text = chinese[key]
        assert set(PLACEHOLDER.findall(text)) == placeholders, f"{key}: {text}"
        has_chinese = re.search(r"[\u4e00-\u9fff]", text) is not None
        assert has_chinese or text == "" or key in NO_CHINESE_NEEDED, f"untranslated {key}: {text}"


def test_every_custom_message_the_script_uses_is_translated() -> None:
    used = set(re.findall(r"\{cm:(\w+)", INSTALLER))
    assert used >= {"CreateDesktopIcon", "AdditionalIcons", "UninstallProgram", "LaunchProgram"}
    chinese = isl_entries(MESSAGES_FILE)
    assert {f"CustomMessages.{name}" for name in used} <= set(chinese)


def test_the_key_list_is_the_one_of_the_npm_compiler() -> None:
    if not NPM_DEFAULT_ISL.exists():
        pytest.skip("no build/innosetup (packaging/installer_test.py installs the compiler there)")
    english = isl_entries(NPM_DEFAULT_ISL)
    listed = english_keys()
    assert list(listed) == list(english)
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(text)) == listed[key], key
