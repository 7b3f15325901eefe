"""Normalising what a clerk types with a Chinese input method on.

With the IME active, digits and punctuation arrive full-width (１２３．４５), the period key
gives "。" and the comma key "，". NFKC folds the full-width forms to ASCII; "。" and "、"
are not folded by NFKC, so they are mapped by hand.
"""

from __future__ import annotations

import re
import unicodedata

from kexie_desktop.core.errors import UserError


class ParseError(UserError):
    """Input that cannot be read; ``message`` is a plain Chinese sentence for the clerk."""


_IME_PUNCTUATION = str.maketrans({"。": ".", "、": ","})
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold full-width characters to ASCII and drop all white space (including U+3000)."""
    folded = unicodedata.normalize("NFKC", text).translate(_IME_PUNCTUATION)
    return _SPACES.sub("", folded)


def shorten(text: str, limit: int = 20) -> str:
    """The typed text, cut for quoting inside a message."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def says_none(text: str) -> bool:
    """True for a text that says there was nothing: blank, "无" or "无。"."""
    return normalize(text).rstrip(".") in ("", "无")
