"""Build hook: the wheel carries ``resources/`` (templates, fonts, samples, icons) inside the
package as ``kexie_desktop/_resources``, so ``pip install .`` and the wheel work without the
source tree. Everything else about the build is in pyproject.toml; editable installs read
``resources/`` in place (see ``kexie_desktop.resources``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "kexie_desktop" / "_resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / "resources", target)


setup(cmdclass={"build_py": BuildWithResources})
