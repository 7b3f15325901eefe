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


# Two digits with only spaces between them: "12 34" is not 1234 (nor a thousands group).
_SPACED_DIGITS = re.compile(r"[0-9][\s\u3000]+[0-9]")


def refuse_odd_digits(text: str) -> None:
    """Refuse figures NFKC would misread: superscripts and circled numbers ("1²3" is not 123,
    "①" not 1), other scripts' digits, and digits split by spaces. Full-width digits are
    what an input method types, and fine."""
    for ch in text:
        # Only ASCII and full-width digits are figures: not ², ① or ⑩ (which NFKC would fold
        # to digits), nor another script's digits (٣, which it leaves as they are).
        plain = "0" <= ch <= "9" or "０" <= ch <= "９"
        folds_to_digits = any("0" <= d <= "9" for d in unicodedata.normalize("NFKC", ch))
        if not plain and (ch.isdigit() or folds_to_digits):
            raise ParseError(
                f"“{shorten(text)}”中的“{ch}”不是普通数字，请只用 0–9（全角也可以）填写。"
            )
    if _SPACED_DIGITS.search(unicodedata.normalize("NFKC", text)):
        raise ParseError(f"“{shorten(text)}”的数字中间有空格，请核对后连在一起填写。")


REPLACEMENT = "\ufffd"


def storable(text: str) -> str:
    """``text`` with every lone surrogate (half of a UTF-16 pair, which no file or database
    can hold) replaced by "\ufffd". Keyboards never produce them; pasted or scripted text can."""
    if text.isascii():
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def says_none(text: str) -> bool:
    """True for a text that says there was nothing: blank, "无" or "无。"."""
    return normalize(text).rstrip(".") in ("", "无")
