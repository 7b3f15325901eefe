"""Which shared libraries of a Linux bundle anything loads.

PyInstaller collects a library when some file links to it, including files the program
later leaves out (a Qt plugin excluded from the bundle still pulled in the GTK stack) and
libraries a build machine happens to have. Starting from what really runs — the Python
runtime, every extension module and every Qt plugin kept — this follows the dynamic section's
DT_NEEDED entries and names the libraries nothing reaches. The spec drops them; the smoke test
fails if the built bundle has any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from elftools.common.exceptions import ELFError
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile


def needed(path: Path) -> list[str]:
    """The sonames ``path`` links to (its DT_NEEDED entries); [] for a file that is not ELF."""
    try:
        with path.open("rb") as stream:
            elf = ELFFile(stream)
            return [
                tag.needed
                for section in elf.iter_sections()
                if isinstance(section, DynamicSection)
                for tag in section.iter_tags()
                if tag.entry.d_tag == "DT_NEEDED"
            ]
    except (ELFError, OSError, ValueError):
        return []


def is_root(name: str) -> bool:
    """Files the program loads by itself: the Python runtime (dlopened by the bootloader),
    extension modules (imported) and Qt plugins (dlopened by Qt)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return (
        base.startswith("libpython")
        or ".cpython-" in base
        or base.endswith(".abi3.so")
        or "/lib-dynload/" in f"/{name}"
        or "/plugins/" in f"/{name}"
        or "/pypdfium2_raw/" in f"/{name}"  # PDFium, loaded with ctypes by pypdfium2
    )


def unreachable(libraries: Mapping[str, Path], roots: Iterable[Path]) -> set[str]:
    """Of ``libraries`` (bundled name → file), those no root needs directly or indirectly.
    A soname is matched against the file names of the bundle."""
    by_soname: dict[str, str] = {}
    for name in libraries:
        by_soname.setdefault(name.replace("\\", "/").rsplit("/", 1)[-1], name)
    reached: set[str] = set()
    pending = list(roots)
    while pending:
        for soname in needed(pending.pop()):
            name = by_soname.get(soname)
            if name is not None and name not in reached:
                reached.add(name)
                pending.append(libraries[name])
    return set(libraries) - reached
