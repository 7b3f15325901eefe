"""packaging/tools/elf_needs.py, which decides what the Linux bundle leaves out, on real
libraries of the PySide6 wheel."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging" / "tools"))
from elf_needs import is_root, needed, unreachable

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF only")


@pytest.fixture
def qt() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent


def test_needed_reads_the_dynamic_section(qt: Path, tmp_path: Path) -> None:
    assert "libQt6Widgets.so.6" in needed(qt / "QtWidgets.abi3.so")
    text = tmp_path / "not-elf.so"
    text.write_text("not a library", encoding="utf-8")
    assert needed(text) == []


def test_what_nothing_reaches_is_named(qt: Path) -> None:
    lib = qt / "Qt" / "lib"
    libraries = {
        "Qt/lib/libQt6Widgets.so.6": lib / "libQt6Widgets.so.6",
        "Qt/lib/libQt6Gui.so.6": lib / "libQt6Gui.so.6",
        "Qt/lib/libQt6Core.so.6": lib / "libQt6Core.so.6",
        "Qt/lib/libQt6Svg.so.6": lib / "libQt6Svg.so.6",  # only QtSvg links to it
    }
    assert unreachable(libraries, [qt / "QtWidgets.abi3.so"]) == {"Qt/lib/libQt6Svg.so.6"}
    assert unreachable(libraries, []) == set(libraries)


@pytest.mark.parametrize(
    ("name", "root"),
    [
        ("_internal/libpython3.11.so.1.0", True),
        ("_internal/PySide6/QtCore.abi3.so", True),
        ("_internal/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", True),
        ("_internal/PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("_internal/pypdfium2_raw/libpdfium.so", True),  # ctypes: no DT_NEEDED names it
        ("_internal/libgtk-3.so.0", False),
        ("_internal/PySide6/Qt/lib/libQt6Core.so.6", False),
    ],
)
def test_what_the_program_loads_itself_is_a_root(name: str, root: bool) -> None:
    assert is_root(name) is root
