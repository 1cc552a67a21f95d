"""The source lines a file's diagnostics touch, taken from its text while it is at hand
(see :class:`~seedlint.diagnostics.SourceLines`): a report then needs neither the file
nor its parse."""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Diagnostic, SourceLines, touched_line_numbers
from .frontmatter import BOM, LINE_BREAK


def split_lines(text: str, count: int = -1) -> list[str]:
    """The lines of ``text`` split where positions count line breaks; with ``count``,
    only the first ``count`` lines, then the rest of the text."""
    if "\r" not in text:
        return text.split("\n", count)
    return LINE_BREAK.split(text, max(count, 0))


def source_lines(text: str, diagnostics: Sequence[Diagnostic]) -> SourceLines:
    """The lines of ``text`` (a file's decoded text) that ``diagnostics`` touch."""
    numbers = touched_line_numbers(diagnostics)
    if not numbers:
        return SourceLines({})
    lines = split_lines(text, numbers[-1])
    count = len(lines)
    return SourceLines({n: lines[n - 1] if n <= count else "" for n in numbers})


def source_lines_of_bytes(data: bytes, diagnostics: Sequence[Diagnostic]) -> SourceLines | None:
    """:func:`source_lines` of a file's bytes read as UTF-8 without the BOM (a file that
    seedlint could not lint, or that is not a record, may still be text); ``None`` when
    they are not UTF-8."""
    try:
        text = data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError:
        return None
    return source_lines(text, diagnostics)
