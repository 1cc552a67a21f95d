"""An index file: the entries of one context, and their format on disk.

An index is a header, the CRC-32 of its data, and the data in :mod:`marshal` format: the
format of Python's own ``.pyc`` files, plain values only (no code runs when it is read),
about three times faster to read than JSON. Its data maps a file's absolute path to a row,
a list of plain values (see ``Row``; marshal writes no named records). Rows stay inside
this package: it hands out the result a row holds as a :class:`Cached`. A file whose CRC
does not match (torn or damaged) is ignored, as is a row of the wrong shape.
"""

from __future__ import annotations

import marshal
import zlib
from typing import TYPE_CHECKING, Any, NamedTuple, TypeGuard

if TYPE_CHECKING:
    from .packing import Packed
    from .stats import Dependency, FileStat

LAYOUT = "v4"  # v3 kept rendered excerpts
INDEX_SUFFIX = ".index"
_INDEX_HEADER = b"seedlint cache index\n"
# A CRC-32 finds a torn or damaged index (any damage within 32 bits, other damage but
# once in four billion), four times faster than BLAKE2; a digest would not stop a
# forged index either, as whoever can write the cache can write a matching digest.
_INDEX_CHECK_SIZE = 4

Row = list[Any]  # an entry as an index file holds it, fields at the positions below
# The file's stat data when it can stand for the content (a stats.FileStat), or None; its
# content hash (stats.content_hash); the packed diagnostics (packing.pack); the stat data
# of the other files the result depends on (stats.Dependency); the source lines that the
# diagnostics touch, marshalled (packing.marshalled), or None.
STAT, CONTENT_HASH, DIAGNOSTICS, DEPENDENCIES, SOURCE_LINES = range(5)


def new_row(
    stat: FileStat | None,
    content_hash: str,
    diagnostics: list[Packed],
    dependencies: list[Dependency],
    source_lines: bytes | None,
) -> Row:
    return [stat, content_hash, diagnostics, dependencies, source_lines]


def well_formed(row: object) -> TypeGuard[Row]:
    """Whether a row has the shape of one (the diagnostics and source lines are checked
    when they are restored)."""
    return type(row) is list and len(row) == 5 and type(row[CONTENT_HASH]) is str


class Cached(NamedTuple):
    """The result a row holds, still packed: all that a run served from the cache needs
    of it (the rest of the row only tells whether it still holds)."""

    diagnostics: list[Packed]
    source_lines: bytes | None


def cached_of(row: Row) -> Cached:
    """The result ``row`` holds."""
    return Cached(row[DIAGNOSTICS], row[SOURCE_LINES])


class Index:
    """The entries of one context: those of its file, and those of this run."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: dict[str, Row] = read_index(path)  # absolute path -> row
        self.updates: dict[str, Row] = {}


def read_index(path: str) -> dict[str, Row]:
    """The entries of an index file; none when it is missing, damaged or not an index."""
    import gc

    from ..safeio import MAX_INDEX_SIZE, read_bounded

    try:  # never a FIFO or a device that blocks or never ends; a damaged index is no index
        data = read_bounded(path, MAX_INDEX_SIZE)[0]
    except (OSError, MemoryError):
        return {}
    start = len(_INDEX_HEADER) + _INDEX_CHECK_SIZE
    if not data.startswith(_INDEX_HEADER) or data[len(_INDEX_HEADER) : start] != _check(
        memoryview(data)[start:]
    ):
        return {}
    collecting = gc.isenabled()
    gc.disable()  # the index is data without cycles: collections while building it waste time
    try:
        entries = marshal.loads(memoryview(data)[start:])
    except (EOFError, ValueError, TypeError):
        return {}
    finally:
        if collecting:
            gc.enable()
    return entries if type(entries) is dict else {}


def index_data(entries: dict[str, Row]) -> bytes:
    """The content of an index file holding ``entries`` (see :func:`read_index`)."""
    data = marshal.dumps(entries)
    return _INDEX_HEADER + _check(data) + data


def _check(data: bytes | memoryview) -> bytes:
    return zlib.crc32(data).to_bytes(_INDEX_CHECK_SIZE, "big")
