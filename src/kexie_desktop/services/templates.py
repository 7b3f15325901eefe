"""The installed templates: those shipped in ``resources/templates`` and any a department adds
to the ``templates`` folder of its data folder (a new outline is a new file, not a new build)."""

from __future__ import annotations

from functools import cache

from kexie_desktop.core.template import TemplateLibrary
from kexie_desktop.paths import data_dir
from kexie_desktop.resources import resource_dir

# The outline of the first department we serve, and of the built-in sample.
DEFAULT_TEMPLATE = "hunan-dept-selfeval"
TEMPLATES_FOLDER = "templates"


@cache
def installed_templates() -> TemplateLibrary:
    return TemplateLibrary.from_folders(
        [resource_dir() / TEMPLATES_FOLDER, data_dir() / TEMPLATES_FOLDER], DEFAULT_TEMPLATE
    )
