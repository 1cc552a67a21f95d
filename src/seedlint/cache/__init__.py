"""The result cache: a file whose content and context have not changed is not linted again.

Like ruff's cache, an entry is valid only for the exact context it was computed in: the
code that computes it, the schema, the configuration and the clock (:mod:`.context`).
Within a context, an entry is keyed by the file's absolute path and validated by the
BLAKE2 hash of its bytes, or, without reading them, by the file's stat data when that can
be trusted (:mod:`.stats`); a result that depends on other files (the local images the
image rules check) keeps their stat data too, and is used only while it is unchanged. The
entry keeps the diagnostics as plain values and the source lines they touch (plain text,
see ``diagnostics.SourceLines``), so that the text report needs not read the files again
(:mod:`.packing`).

One index file per context holds its entries (:mod:`.index`, in :mod:`marshal` format);
:class:`ResultCache` reads an index when a run first needs it and writes it back whole,
merged with what another run wrote meanwhile (:mod:`.store`).
"""

from __future__ import annotations

from .index import INDEX_SUFFIX, LAYOUT, Cached, index_data, read_index
from .packing import Packed, Restored, pack, restore, unpack
from .stats import (
    RACY_WINDOW_NS,
    Dependency,
    FileStat,
    content_hash,
    dependency_stats,
    trusted_stat,
)
from .store import CACHEDIR_TAG, ResultCache, default_cache_dir, split_path

__all__ = [
    "CACHEDIR_TAG",
    "INDEX_SUFFIX",
    "LAYOUT",
    "RACY_WINDOW_NS",
    "Cached",
    "Dependency",
    "FileStat",
    "Packed",
    "Restored",
    "ResultCache",
    "content_hash",
    "default_cache_dir",
    "dependency_stats",
    "index_data",
    "pack",
    "read_index",
    "restore",
    "split_path",
    "trusted_stat",
    "unpack",
]
