"""Bounded reading of any file seedlint opens: records, schemas, configurations, images
and the cache index.

A path may name anything: a FIFO nobody writes to (``open`` would block forever), a
device that never ends (``/dev/zero``), a sparse file of many gigabytes. Every read here
opens without blocking, checks with ``fstat`` that the file is a regular one and not
larger than the caller's bound *before reading a byte*, then reads at most that many
bytes (a file growing meanwhile cannot make it read more).
"""

from __future__ import annotations

import os
from stat import S_ISREG

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFO that blocks open()
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows only
_CHUNK = 1 << 20

# Bounds of the files seedlint reads besides records (their own ``max-file-size``):
# far above any real one, far below what would hurt.
MAX_SCHEMA_SIZE = 64 * 1024 * 1024
MAX_CONFIG_SIZE = 16 * 1024 * 1024
MAX_INDEX_SIZE = 2 * 1024 * 1024 * 1024
IMAGE_HEADER_SIZE = 1 << 20  # imagesize finds the size of every format it knows in less


class NotRegularFile(OSError):
    """The path is a FIFO, a socket, a device or a directory: never read."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: not a regular file (a FIFO, socket, device or directory)")
        self.strerror = "it is not a regular file (a FIFO, socket, device or directory)"
        self.filename = path


class TooLarge(OSError):
    """The file holds more than the caller's bound; nothing of it was read."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(f"{path}: {size:,} bytes, more than {limit:,}")
        self.strerror = f"it is {size:,} bytes, more than the limit of {limit:,} bytes"
        self.filename = path
        self.size = size
        self.limit = limit


def read_bounded(path: str, limit: int, truncate: bool = False) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` and its stat data taken before reading.

    Raises :class:`NotRegularFile` for anything else, :class:`TooLarge` when it holds more
    than ``limit`` bytes (with ``truncate``, its first ``limit`` bytes are returned
    instead), and ``OSError`` when it cannot be opened or read.
    """
    descriptor = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    try:
        stat = os.fstat(descriptor)
        if not S_ISREG(stat.st_mode):
            raise NotRegularFile(path)
        if stat.st_size > limit and not truncate:
            raise TooLarge(path, stat.st_size, limit)
        pieces = []
        got = 0
        # to the end, or one byte past the bound (a file that grew since fstat)
        while got <= limit:
            piece = os.read(descriptor, min(_CHUNK, limit + 1 - got))
            if not piece:
                break
            pieces.append(piece)
            got += len(piece)
        data = b"".join(pieces)
        if len(data) > limit:
            if not truncate:
                raise TooLarge(path, len(data), limit)
            data = data[:limit]
        return data, stat
    finally:
        os.close(descriptor)
