"""The Windows version resource of the executables (Properties → Details), built from the
package version so the file, the About box and the installer all say the same number."""

from __future__ import annotations

import re
from typing import Any

PRODUCT = "部门整体支出绩效自评"
SIMPLIFIED_CHINESE_UNICODE = "080404B0"  # language 0x0804 (zh-CN), code page 1200 (UTF-16)


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """ "0.1.0" → (0, 1, 0, 0); a suffix such as "rc1" is ignored."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?", version)
    if match is None:
        raise ValueError(f"not a version number: {version!r}")
    major, minor, patch = (int(part or 0) for part in match.groups())
    return (major, minor, patch, 0)


def version_info(version: str, executable: str, description: str) -> Any:
    """A PyInstaller ``VSVersionInfo``. Imported here: PyInstaller's module needs pefile,
    which PyInstaller installs only on Windows."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_numbers(version)
    strings = [
        StringStruct("CompanyName", "kexie-desktop"),
        StringStruct("FileDescription", description),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", executable),
        StringStruct("OriginalFilename", f"{executable}.exe"),
        StringStruct("ProductName", PRODUCT),
        StringStruct("ProductVersion", version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo([StringTable(SIMPLIFIED_CHINESE_UNICODE, strings)]),
            VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
