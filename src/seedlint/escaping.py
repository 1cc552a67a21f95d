"""Text that reaches a terminal or a CI log: control, line-separator and bidi characters
made visible and inert. Used by every reporter and by every message on standard error."""

from __future__ import annotations

import functools
import re
import unicodedata

# Bidirectional overrides and isolates can reorder what a terminal shows ("trojan source").
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(_BIDI)) + "]")


def visible(char: str) -> str:
    """A harmless stand-in for a character that would steer the terminal, else the character."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": \x1b -> ␛
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F or char in _BIDI or unicodedata.category(char) in ("Zl", "Zp"):
        return "\ufffd"
    return char


@functools.lru_cache(maxsize=4096)
def printable(text: str) -> str:
    """``text`` with control, line-separator and bidi characters made visible and inert.

    Cached: a report repeats the same messages many times (the cache even keeps equal
    messages as one string), and looking one up costs less than checking it again."""
    if text.isprintable():  # most text; every character _UNSAFE matches is not printable
        return text
    return _UNSAFE.sub(lambda match: visible(match.group(0)), text)
