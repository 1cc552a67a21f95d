"""Positions in a buffer: seedlint's (1-based line, character column; offsets in
characters) to the editor's (0-based line, column in the negotiated code units).

LSP counts lines as seedlint does (``\\r\\n``, ``\\r`` and ``\\n`` end a line) and columns
in UTF-16 code units unless the client offers UTF-8 or UTF-32
(``general.positionEncodings``). No LSP types here: plain tuples of (line, character).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
LINE_END = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"


class Position(NamedTuple):
    """A 0-based line and a column in the client's code units."""

    line: int
    character: int


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # UTF-16: one unit per character, two for those outside the Basic Multilingual Plane
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def characters(text: str, count: int, encoding: str) -> int:
    """How many characters of ``text`` its first ``count`` code units cover (a column
    inside a character counts as that character's end)."""
    if encoding == UTF32 or text.isascii():
        return min(count, len(text))
    taken = 0
    for index, char in enumerate(text):
        if taken >= count:
            return index
        taken += units(char, encoding)
    return len(text)


class LineMap:
    """The lines of one buffer's text, to convert positions both ways.

    The text is the buffer as the editor has it; seedlint lints it without a leading
    byte-order mark, so its columns on line 1 and its offsets are shifted by one there.
    """

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.shift = 1 if text.startswith(BOM) else 0
        self.starts = [0] + [match.end() for match in LINE_END.finditer(text)]

    def line_text(self, line: int) -> str:
        """The 0-based line ``line`` without its line break ("" past the end)."""
        if not 0 <= line < len(self.starts):
            return ""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def from_character(self, line: int, column: int) -> Position:
        """A 0-based line and character column -> the client's position (clamped)."""
        if line >= len(self.starts):
            last = len(self.starts) - 1
            return Position(last, units(self.line_text(last), self.encoding))
        text = self.line_text(max(line, 0))
        return Position(max(line, 0), units(text[: max(column, 0)], self.encoding))

    def from_seedlint(self, line: int, column: int) -> Position:
        """seedlint's 1-based line and column -> the client's position."""
        shift = self.shift if line == 1 else 0
        return self.from_character(line - 1, column - 1 + shift)

    def from_offset(self, offset: int) -> Position:
        """A character offset into the linted text (without the BOM) -> a position."""
        offset += self.shift
        line = bisect.bisect_right(self.starts, offset) - 1
        return self.from_character(line, offset - self.starts[line])

    def to_character(self, position: Position) -> tuple[int, int]:
        """The client's position -> a 0-based line and character column."""
        text = self.line_text(position.line)
        return position.line, characters(text, position.character, self.encoding)

    def to_offset(self, position: Position) -> int:
        """The client's position -> a character offset into the buffer's text."""
        line, column = self.to_character(position)
        if line >= len(self.starts):
            return len(self.text)
        return self.starts[line] + column
