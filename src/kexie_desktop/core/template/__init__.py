"""Report templates: an outline, its checks and its printed wording, read from a data file."""

from kexie_desktop.core.template.library import TemplateLibrary, UnknownTemplateError
from kexie_desktop.core.template.loader import TemplateError, load_template, load_template_file
from kexie_desktop.core.template.model import Template

__all__ = [
    "Template",
    "TemplateError",
    "TemplateLibrary",
    "UnknownTemplateError",
    "load_template",
    "load_template_file",
]
