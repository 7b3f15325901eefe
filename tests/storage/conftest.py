from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.storage import ReportRepository, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "reports.kexie.sqlite"


@pytest.fixture
def repository(db_path: Path, templates: TemplateLibrary) -> Iterator[ReportRepository]:
    repo = ReportRepository(open_database(db_path), templates)
    yield repo
    repo.close()
