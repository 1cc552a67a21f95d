"""Where the cursor is in a buffer's front matter: the path of keys and list items that
leads to it, read from the indentation of the lines above.

The buffer is being edited, so it may not parse: this reads the lines of block YAML as
they are (``key:``, ``- `` items, comments, block texts) without a parser. Flow
collections (``{...}``, ``[...]``) are not entered. No LSP types here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

_DELIMITER = re.compile(r"(?:---|\.\.\.)[ \t]*")
# a key at the start of a line's content: plain, or quoted
_KEY = re.compile(
    r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'"""  # quoted
    r"""|[^\s#'"\-?:,\[\]{}][^:#]*?|-[^\s:#][^:#]*?)"""  # plain
    r"""[ \t]*:(?=[ \t]|$)"""
)
_DASH = re.compile(r"-(?=[ \t]|$)[ \t]*")
_BLOCK_INDICATOR = re.compile(r"[|>][0-9+-]*[ \t]*(?:#.*)?$")


class Point(NamedTuple):
    """A structure mark on a line: a list item's dash, or a key (``name``)."""

    column: int
    name: str | None  # None: a list item's dash


@dataclass(frozen=True)
class Line:
    """One line of the front matter, read for its structure."""

    number: int  # 0-based, in the buffer
    text: str
    points: tuple[Point, ...]
    indent: int  # column of the first character that is not a blank
    value: str  # what follows the last key's colon (or the last dash), stripped

    @property
    def blank(self) -> bool:
        return self.indent >= len(self.text) or self.text[self.indent] == "#"


def _unquote(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] == "'":
        return key[1:-1].replace("''", "'")
    if len(key) >= 2 and key[0] == key[-1] == '"':
        return key[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return key.rstrip()


def read_line(number: int, text: str) -> Line:
    """The dashes and the key that open a line."""
    indent = len(text) - len(text.lstrip(" \t"))
    column = indent
    points: list[Point] = []
    value = text[indent:].strip()
    while True:
        dash = _DASH.match(text, column)
        if dash is not None:
            points.append(Point(column, None))
            column = dash.end()
            value = text[column:].strip()
            continue
        key = _KEY.match(text, column)
        if key is not None:
            points.append(Point(column, _unquote(key.group("key"))))
            value = text[key.end() :].strip()
        break
    return Line(number, text, tuple(points), indent, value)


class Region(NamedTuple):
    """The lines of the front matter: 0-based ``first`` (after ``---``) to ``end``
    (the closing ``---``, or the end of the buffer when it has none)."""

    first: int
    end: int


def front_matter(lines: list[str]) -> Region | None:
    """Where the YAML is, or ``None`` when the buffer does not open with ``---``."""
    if not lines or not re.fullmatch(r"\ufeff?---[ \t]*", lines[0]):
        return None
    for number in range(1, len(lines)):
        if _DELIMITER.fullmatch(lines[number]):
            return Region(1, number)
    return Region(1, len(lines))


@dataclass(frozen=True)
class Step:
    """One step of a path: a key of a mapping, or an item of a list (``key`` None)."""

    key: str | None
    line: int  # where the step's mark is (0-based)
    column: int


def _parents(lines: list[str], region: Region, line: int, column: int) -> list[Step]:
    """The steps from the root to the collection that holds a node at (``line``,
    ``column``), innermost last."""
    steps: list[Step] = []
    limit = column
    for number in range(line - 1, region.first - 1, -1):
        read = read_line(number, lines[number])
        if read.blank or read.indent >= limit:
            continue
        for point in reversed(read.points):
            if point.column < limit:
                steps.append(Step(point.name, number, point.column))
                limit = point.column
        if limit == 0:
            break
    steps.reverse()
    return steps


def _in_block_text(lines: list[str], steps: list[Step]) -> bool:
    """Whether the innermost step is a key whose value is a block text (``|``, ``>``)."""
    if not steps or steps[-1].key is None:
        return False
    read = read_line(steps[-1].line, lines[steps[-1].line])
    return bool(_BLOCK_INDICATOR.match(read.value))


@dataclass(frozen=True)
class KeyAt:
    """The key under the cursor: its path (keys and items, the key last) and columns."""

    path: tuple[str | None, ...]
    start: int
    end: int


def key_at(lines: list[str], line: int, character: int) -> KeyAt | None:
    """The key whose name is under (``line``, ``character``), a character column."""
    region = front_matter(lines)
    if region is None or not region.first <= line < region.end:
        return None
    read = read_line(line, lines[line])
    keys = [p for p in read.points if p.name is not None]
    if not keys:
        return None
    key = keys[-1]
    match = _KEY.match(lines[line], key.column)
    assert match is not None
    if not key.column <= character <= match.end("key"):
        return None
    own_items = [Step(None, line, p.column) for p in read.points if p.name is None]
    steps = _parents(lines, region, line, read.points[0].column) + own_items
    if _in_block_text(lines, _parents(lines, region, line, read.indent)):
        return None
    return KeyAt(tuple(s.key for s in steps) + (key.name,), key.column, match.end("key"))


@dataclass(frozen=True)
class Slot:
    """What the cursor can complete: a key of the mapping at ``path`` (``kind`` "key",
    ``present`` its keys already there), or the value at ``path`` ("value")."""

    kind: str
    path: tuple[str | None, ...]
    column: int  # where the mapping's keys start (for "key"), or the value
    prefix: str  # what is typed already
    present: frozenset[str] = frozenset()


def _siblings(lines: list[str], region: Region, line: int, column: int) -> frozenset[str]:
    """The keys at ``column`` of the mapping that holds line ``line``, besides its own."""
    found: set[str] = set()
    for number in range(line - 1, region.first - 1, -1):
        read = read_line(number, lines[number])
        if read.blank or read.indent > column:
            continue
        named = [p.name for p in read.points if p.column == column and p.name is not None]
        if not named:
            break  # the parent, or another collection
        found.add(named[0])
        if read.indent < column:
            break  # "- key:" opens the mapping of a list item
    for number in range(line + 1, region.end):
        read = read_line(number, lines[number])
        if read.blank or read.indent > column:
            continue
        if read.indent == column and read.points and read.points[0].name is not None:
            found.add(read.points[0].name)
            continue
        break
    return frozenset(found)


_TYPED_KEY = re.compile(r"[^\s:#'\"]*")


def slot_at(lines: list[str], line: int, character: int) -> Slot | None:
    """What can be completed at (``line``, ``character``), a character column."""
    region = front_matter(lines)
    if region is None or not region.first <= line < region.end:
        return None
    text = lines[line][:character]
    read = read_line(line, text)
    keys = [p for p in read.points if p.name is not None]
    own_items = [Step(None, line, p.column) for p in read.points if p.name is None]
    first = read.points[0].column if read.points else read.indent
    if keys:  # after "key:": its value
        steps = _parents(lines, region, line, first) + own_items
        path = tuple(s.key for s in steps) + (keys[-1].name,)
        return Slot("value", path, character - len(read.value), read.value)
    return _key_slot(lines, region, line, text, read)


def _key_slot(lines: list[str], region: Region, line: int, text: str, read: Line) -> Slot | None:
    """The key being typed at the end of ``text``, with the keys already beside it."""
    own_items = [Step(None, line, p.column) for p in read.points if p.name is None]
    first = read.points[0].column if read.points else read.indent
    key_start = own_items[-1].column if own_items else read.indent
    after_dash = _DASH.match(text, key_start) if own_items else None
    key_start = after_dash.end() if after_dash else key_start
    prefix = text[key_start:]
    if not _TYPED_KEY.fullmatch(prefix):
        return None
    steps = _parents(lines, region, line, first if read.points else key_start) + own_items
    if _in_block_text(lines, steps):
        return None
    present = _siblings(lines, region, line, key_start) - {prefix}
    return Slot("key", tuple(s.key for s in steps), key_start, prefix, present)
