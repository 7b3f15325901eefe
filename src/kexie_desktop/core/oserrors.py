"""What a failed file operation means, in Chinese: the system's own text (``strerror``) is
English on most machines and would end up in the middle of a Chinese message."""

from __future__ import annotations

import errno

_MEANINGS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有操作权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EIO: "磁盘读写错误",
    errno.EINVAL: "文件名中有不允许的字符",
    errno.EMFILE: "同时打开的文件过多",
    errno.EXDEV: "不能跨磁盘移动",
}
# Windows reports a file held open by another program as a sharing violation (error 32).
_WINDOWS_SHARING_VIOLATION = 32


def describe(error: OSError) -> str:
    """A short Chinese phrase for ``error``, e.g. "没有访问权限"."""
    if getattr(error, "winerror", None) == _WINDOWS_SHARING_VIOLATION:
        return "文件正被其他程序使用（例如在 WPS 或 Word 中打开着）"
    if error.errno in _MEANINGS:
        return _MEANINGS[error.errno]
    if isinstance(error, ValueError | TypeError):  # pragma: no cover - not an OSError
        return "文件名无效"
    return f"系统错误 {error.errno}" if error.errno is not None else "系统错误"
