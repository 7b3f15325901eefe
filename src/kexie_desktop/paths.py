"""Where the app keeps its data: the per-user application data folder, never next to the
program (which may sit in a read-only Program Files folder)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kexie_desktop import APP_NAME

DATA_DIR_ENV = "KEXIE_DATA_DIR"
DATABASE_NAME = "reports.kexie.sqlite"


def data_dir() -> Path:
    """``%APPDATA%\\kexie-desktop`` on Windows, the XDG data folder elsewhere.

    ``KEXIE_DATA_DIR`` overrides it (tests, portable installs).
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def default_database() -> Path:
    return data_dir() / DATABASE_NAME


def log_dir() -> Path:
    return data_dir() / "logs"
