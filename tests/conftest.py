"""Shared fixtures: every test gets its own data folder, so nothing touches the real one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from kexie_desktop.core.report import Report
from kexie_desktop.core.template import Template, TemplateLibrary
from kexie_desktop.services.templates import installed_templates
from kexie_desktop.services.workspace import load_sample  # neither imports Qt

# Tests never assert wall-clock time: no per-example deadline (a loaded CI machine or a
# slow fsync would make it flaky), but keep Hypothesis's other health checks.
settings.register_profile("kexie", deadline=None)
settings.load_profile("kexie")

# Qt must never look for a display, in any test (set before any module imports Qt).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("KEXIE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def sample() -> Report:
    """A fresh copy of the built-in sample report."""
    return load_sample()


@pytest.fixture
def templates() -> TemplateLibrary:
    """The templates shipped in resources/templates."""
    return installed_templates()


@pytest.fixture
def hunan(templates: TemplateLibrary) -> Template:
    """The outline of the built-in sample (湖南 部门本级整体支出绩效自评报告)."""
    return templates.latest("hunan-dept-selfeval")


@pytest.fixture
def blank(hunan: Template) -> Report:
    """An empty report in the sample's template."""
    return Report(hunan)
