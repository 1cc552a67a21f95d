"""File bytes -> decoded text -> the front-matter block and the body after it.

Follows Jekyll: the first line is ``---`` (trailing blanks allowed, a UTF-8 BOM before
it), the block ends at the next line that is ``---`` or ``...``; the body is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import Diagnostic, file_diagnostic

BOM = "\ufeff"
# Like Jekyll, delimiter lines end with LF or CRLF: a lone CR does not end them.
_OPENING = re.compile(r"---[ \t]*(?:\r?\n|$)")
# after the line break that ends the previous line (a literal first: a fast search)
_CLOSING = re.compile(r"\n((?:---|\.\.\.)[ \t]*(?:\r?\n|$))")
# How seedlint (like editors and libyaml) counts lines for positions.
LINE_BREAK = re.compile(r"\r\n?|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
_OPENING_WITH_LONE_CR = re.compile(r"---[ \t]*\r(?!\n)")


@dataclass(frozen=True)
class FrontMatter:
    """Where the YAML sits in the decoded text (offsets in characters, BOM excluded)."""

    text: str  # the whole decoded file, without its BOM
    yaml_start: int  # offset of the first YAML character (the line after ``---``)
    yaml_end: int  # offset of the closing delimiter line
    body_start: int  # offset just past the closing delimiter line
    has_bom: bool

    @property
    def yaml(self) -> str:
        return self.text[self.yaml_start : self.yaml_end]

    @property
    def newline(self) -> str:
        """The line ending of the opening delimiter, kept when a fix adds a line."""
        match = _OPENING.match(self.text)
        ending = match.group(0)[3:].lstrip(" \t") if match else ""
        return ending or "\n"


# UTF-32 first: its little-endian mark starts like UTF-16's.
_FOREIGN_BOMS = (
    ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "UTF-32"),
    ((b"\xff\xfe", b"\xfe\xff"), "UTF-16"),
)


class DecodeProblem(Exception):
    """The bytes cannot be read as UTF-8 text; carries the diagnostic to report."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and character column of a character offset into ``text``."""
    breaks = (
        text.count("\n", 0, offset) + text.count("\r", 0, offset) - text.count("\r\n", 0, offset)
    )
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return breaks + 1, offset - line_start + 1


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset into UTF-8 ``data``."""
    before = data[:offset].decode("utf-8", "replace")
    return position(before, len(before))


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon"),
)


def _binary_kind(sample: bytes) -> str | None:
    """What a binary file is, from its first bytes (an image renamed ``.md``)."""
    return next((kind for magic, kind in _MAGIC if sample.startswith(magic)), None)


def _looks_like_utf16(sample: bytes) -> bool:
    """UTF-16 text of a Latin-script file: nearly every other byte is NUL, on one side
    (even offsets for big-endian, odd for little-endian), and almost none on the other."""
    if len(sample) < 4:
        return False
    for zeros, others in ((sample[1::2], sample[0::2]), (sample[0::2], sample[1::2])):
        if zeros.count(0) >= 0.7 * len(zeros) and others.count(0) <= 0.05 * len(others):
            return True
    return False


def decode(data: bytes, path: str) -> tuple[str, bool]:
    """Decode UTF-8 (with or without BOM); raise :class:`DecodeProblem` otherwise."""
    for marks, encoding in _FOREIGN_BOMS:
        if data.startswith(marks):
            raise DecodeProblem(
                file_diagnostic(
                    path,
                    "SL007",
                    f"the file is {encoding} (it starts with a {encoding} "
                    "byte-order mark); save it as UTF-8, which Jekyll expects",
                )
            )
    has_bom = data.startswith(b"\xef\xbb\xbf")
    if has_bom:
        data = data[3:]
    nul = data.find(b"\x00", 0, 8192)
    if nul != -1:
        sample = data[:8192]
        kind = _binary_kind(sample)
        if kind is not None:
            message = f"the file is binary ({kind}), not a text record"
        elif _looks_like_utf16(sample):
            message = (
                "the file looks like UTF-16 without a byte-order mark; "
                "save it as UTF-8, which Jekyll expects"
            )
        else:
            message = "the file is binary (it contains NUL bytes), not a text record"
        raise DecodeProblem(file_diagnostic(path, "SL008", message, *_byte_position(data, nul)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1]
        hint = ""
        try:
            data.decode("cp1252")
            hint = " (it looks like Latin-1/Windows-1252)"
        except UnicodeDecodeError:
            pass
        line, column = _byte_position(data, error.start)
        raise DecodeProblem(
            file_diagnostic(
                path,
                "SL007",
                f"the file is not valid UTF-8: byte 0x{bad.hex().upper()} at line {line} "
                f"column {column} cannot be decoded{hint}; save the file as UTF-8",
                line,
                column,
            )
        ) from None
    nul = text.find("\x00")
    if nul != -1:  # a NUL after the first 8 KiB
        raise DecodeProblem(
            file_diagnostic(
                path,
                "SL008",
                "the file contains a NUL byte; it is not a text record",
                *position(text, nul),
            )
        )
    return text, has_bom


# Lines looked at for where an unclosed front matter stops: far more than any real one
# holds, few enough that a huge hostile file is not walked line by line.
_MISSING_CLOSE_SCAN = 20_000


def _looks_like_yaml(line: str) -> bool:
    """Whether a line can still belong to a block mapping: blank, indented, a comment, a
    list item, or a ``key:`` line. The first other line is where the body starts."""
    line = line[:-1] if line.endswith("\r") else line
    if not line or line[0] in " \t#" or line == "-" or line[:2] in ("- ", "-\t"):
        return True
    if line[0].isspace():
        return False
    rest = line[1:]  # substring tests: a megabyte-long line costs one fast pass
    return ": " in rest or ":\t" in rest or rest.endswith(":")


def _missing_close(text: str, yaml_start: int) -> tuple[int, str]:
    """Where the closing ``---`` was expected (the line where the YAML block stops), and
    what to do there."""
    line = 2
    last_content_line = 1
    start = yaml_start
    while start < len(text) and line < _MISSING_CLOSE_SCAN:
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        raw = text[start:end]
        if not _looks_like_yaml(raw):
            return line, f"add a '---' line on line {line}, after the last key"
        if raw.strip():
            last_content_line = line
        line += 1
        start = end + 1
    if start < len(text):  # still YAML after the scan: the block runs to the last line
        last_content_line = text.count("\n", 0, len(text.rstrip())) + 1
    lines_in_file = text.count("\n") + (0 if text.endswith("\n") else 1)
    if last_content_line < lines_in_file:
        return last_content_line + 1, (
            f"add a '---' line on line {last_content_line + 1}, after the last key"
        )
    return last_content_line, f"add a '---' line after line {last_content_line}"


def _lone_cr_hint(text: str) -> str:
    if _LONE_CR.search(text, 0, 65536) is None:
        return ""
    return (
        "; the file breaks lines with a lone CR (classic Mac OS), which Jekyll does not "
        "recognise: convert the line endings to LF"
    )


def split(text: str, has_bom: bool, path: str) -> FrontMatter:
    """Locate the front matter; raise :class:`DecodeProblem` when there is none."""
    opening = _OPENING.match(text)
    if opening is None:
        first = text.split("\n", 1)[0].rstrip("\r")
        if not text.strip():
            message = "the file is empty; a record starts with a '---' line, then YAML, then '---'"
        elif first.strip() == "---":
            message = "the opening '---' must start at the first column of line 1"
        elif _OPENING_WITH_LONE_CR.match(text):
            message = "no front matter" + _lone_cr_hint(text)
        else:
            message = (
                "no front matter: line 1 must be '---', followed by the YAML "
                "mapping and a closing '---'"
            )
        raise DecodeProblem(file_diagnostic(path, "SL003", message))
    yaml_start = opening.end()
    # None when the opening line is the whole file
    closing = _CLOSING.search(text, yaml_start - 1) if text.endswith("\n", 0, yaml_start) else None
    if closing is None:
        line, advice = _missing_close(text, yaml_start)
        raise DecodeProblem(
            file_diagnostic(
                path,
                "SL004",
                f"the front matter opened on line 1 is never closed: {advice}"
                + _lone_cr_hint(text),
                line,
            )
        )
    return FrontMatter(text, yaml_start, closing.start(1), closing.end(), has_bom)
