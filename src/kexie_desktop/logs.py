"""Logging to a rotating file in the app data folder (and to stderr when asked)."""

from __future__ import annotations

import logging
import logging.handlers
import os

from kexie_desktop.paths import log_dir

LOG_FILE_NAME = "kexie-desktop.log"
_configured = False


def setup_logging(level: int = logging.INFO) -> None:
    """Send log records to the log file; never fails (logging must not stop the app)."""
    global _configured  # noqa: PLW0603 - configured once per process
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(level)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if os.environ.get("KEXIE_DEBUG"):
        root.addHandler(logging.StreamHandler())


def log_file() -> str:
    return str(log_dir() / LOG_FILE_NAME)
