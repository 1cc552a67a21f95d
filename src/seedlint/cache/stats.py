"""When a file counts as unchanged: its content hash, and the stat data that stands for it.

Reading and hashing 135 MB costs more than linting from cache, so an entry also keeps the
file's stat data (size, mtime, ctime, inode), as git's index does: when all four are
unchanged the content is taken as unchanged without reading it. Stat data is only
recorded when the file was last modified well before it was read (the "racy" window), so
two writes within one timestamp tick cannot hide a change. A result's other files (the
local images it checks) are kept the same way, or as missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from ..digests import hex_digest

# A file modified less than this before it was read may change again within the same
# timestamp tick (2 s covers FAT; ext4 and APFS ticks are far finer).
RACY_WINDOW_NS = 2_000_000_000

# Plain values, as the index stores them (marshal writes no named records):
FileStat = tuple[int, int, int, int]  # (size, mtime_ns, ctime_ns, inode), compared whole
Dependency = list[Any]  # [absolute path, its FileStat, or None when missing]


def content_hash(data: bytes) -> str:
    """The hash that identifies a file's content in the cache."""
    return hex_digest(data)


def file_stat(result: os.stat_result) -> FileStat:
    return result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino


def trusted_stat(result: os.stat_result, read_at_ns: int) -> FileStat | None:
    """Stat data safe to stand for the content, or ``None`` inside the racy window.

    The later of mtime and ctime: a tool that puts the mtime back after writing
    (``touch -r``, ``cp -p``, ``rsync -t``, ``tar x``) cannot set the ctime."""
    if max(result.st_mtime_ns, result.st_ctime_ns) >= read_at_ns - RACY_WINDOW_NS:
        return None
    return file_stat(result)


def dependency_stats(files: Iterable[str], read_at_ns: int) -> list[Dependency] | None:
    """The stat data of each dependency, ``None`` for a missing one; ``None`` overall when
    one changed too recently to be trusted (the result is then not cached)."""
    found: list[Dependency] = []
    for file in files:
        try:
            result = os.stat(file)
        except OSError:
            found.append([file, None])
            continue
        stat = trusted_stat(result, read_at_ns)
        if stat is None:
            return None
        found.append([file, stat])
    return found


def dependencies_unchanged(dependencies: Any) -> bool:
    """Whether every dependency an entry recorded still has its stat data (or is still
    missing); ``False`` for data of the wrong shape."""
    if not isinstance(dependencies, list):
        return False
    for dependency in dependencies:
        try:
            file, recorded = dependency
            current: FileStat | None = file_stat(os.stat(file))
        except FileNotFoundError:
            current = None
        except (OSError, TypeError, ValueError):
            return False
        if current != recorded:
            return False
    return True
