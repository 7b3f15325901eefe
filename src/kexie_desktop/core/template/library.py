"""The templates a program knows: found by id and version, listed for the clerk to choose."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from kexie_desktop.core.errors import UserError
from kexie_desktop.core.template.loader import TemplateError, load_template_file
from kexie_desktop.core.template.model import Template

log = logging.getLogger(__name__)


class UnknownTemplateError(UserError):
    """A report written in a template this program does not have (or an older version of)."""

    def __init__(self, template_id: str, version: int) -> None:
        super().__init__(
            f"这份报告使用的模板“{template_id}”（第 {version} 版）在本软件中没有安装，无法打开。"
            "请安装该模板，或升级本软件后再试；报告本身没有改动。"
        )
        self.template_id = template_id
        self.version = version


class TemplateLibrary:
    """Templates by id; a report stored with version N opens with the newest installed version
    N or later of its template (a later version keeps the keys of the earlier ones)."""

    def __init__(self, templates: Iterable[Template], default_id: str = "") -> None:
        self._by_id: dict[str, list[Template]] = {}
        for template in templates:
            versions = self._by_id.setdefault(template.id, [])
            if any(t.version == template.version for t in versions):
                raise ValueError(f"template {template.id} v{template.version} twice")
            versions.append(template)
            versions.sort(key=lambda t: t.version)
        if not self._by_id:
            raise ValueError("a template library needs at least one template")
        self.default_id = default_id if default_id in self._by_id else min(self._by_id)

    @classmethod
    def from_folders(cls, folders: Iterable[Path], default_id: str = "") -> TemplateLibrary:
        """Every ``*.toml`` in ``folders``; a later folder's template replaces an earlier one's
        of the same id and version. A broken file is logged and left out, not fatal."""
        found: dict[tuple[str, int], Template] = {}
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.toml")):
                try:
                    template = load_template_file(path)
                except TemplateError as exc:
                    log.warning("template %s left out: %s", path, exc.message)
                    continue
                found[(template.id, template.version)] = template
        return cls(found.values(), default_id)

    def get(self, template_id: str, version: int) -> Template:
        for template in reversed(self._by_id.get(template_id, [])):
            if template.version >= version:
                return template
        raise UnknownTemplateError(template_id, version)

    def latest(self, template_id: str) -> Template:
        versions = self._by_id.get(template_id)
        if not versions:
            raise UnknownTemplateError(template_id, 1)
        return versions[-1]

    @property
    def default(self) -> Template:
        return self.latest(self.default_id)

    def newest(self) -> list[Template]:
        """The newest version of every template, the default first, then by name."""
        templates = [versions[-1] for versions in self._by_id.values()]
        return sorted(templates, key=lambda t: (t.id != self.default_id, t.name, t.id))

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._by_id
