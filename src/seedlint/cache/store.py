"""The result cache on disk: a folder of indexes, one per context, read and written whole.

Layout: ``<cache dir>/v4/<context>.index`` (see :mod:`.index`), plus ``CACHEDIR.TAG`` and
a ``.gitignore``. Within a context, an entry is keyed by the file's absolute path and
validated by its stat data or content hash (see :mod:`.stats`). Writes go to a temporary
file then ``os.replace``, and merge with what another run wrote meanwhile, so concurrent
runs sharing a cache never see a torn file; at worst one run's new entries are lost and
recomputed later. Only the most recently used indexes are kept.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from .context import context_digest, tool_signature
from .index import (
    CONTENT_HASH,
    DEPENDENCIES,
    DIAGNOSTICS,
    INDEX_SUFFIX,
    LAYOUT,
    STAT,
    Cached,
    Index,
    cached_of,
    index_data,
    new_row,
    read_index,
    well_formed,
)
from .packing import Packed, marshalled, restore, share_strings
from .stats import Dependency, FileStat, dependencies_unchanged

if TYPE_CHECKING:
    from ..config import Config
    from ..diagnostics import SourceLines
    from .packing import Restored

CACHE_DIR_NAME = ".seedlint_cache"
KEEP_INDEXES = 16
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by seedlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Automatically created by seedlint.\n*\n"


class Lookup(NamedTuple):
    """What the cache knows of a file before reading it."""

    cached: Cached | None  # the result, when the stat data shows the file unchanged
    known_hash: str | None  # else the content hash of the last result, if any


NOT_CACHED = Lookup(None, None)
# Most files have no diagnostics: they share one answer, made once (two records made per
# file would add ~3% to a run served from the cache). It leaves out the source lines: no
# diagnostic shows them.
FOUND_CLEAN = Lookup(Cached([], None), None)


class ResultCache:
    """Cached diagnostics under ``directory``; see the package doc for the key and layout."""

    def __init__(self, directory: str, freeze: bool = False) -> None:
        """``freeze``: the process is seedlint's own (see ``seedlint.run.collect_rarely``), so
        a loaded index, which lives until the run ends, may be put out of the cyclic
        collector's sight (``gc.freeze``): else the next collection traverses its hundred
        thousand containers, ~15 ms for the news corpus."""
        self.directory = os.path.abspath(directory)
        self.freeze = freeze
        self._cwd = os.getcwd()
        self._folders: dict[str, str] = {}  # a folder as given -> absolute, normalised
        self._tool: str | None = None
        self._contexts: dict[tuple[int, str], str] = {}
        self._indexes: dict[str, Index] = {}
        self._strings: dict[str, str] = {}  # see packing.share_strings

    def context(self, config: Config, schema_digest: str) -> str:
        """The context digest of files linted with ``config`` and the schema whose
        :attr:`~seedlint.schema.CompiledSchema.digest` is ``schema_digest``."""
        memo = (id(config), schema_digest)
        if memo not in self._contexts:
            if self._tool is None:
                self._tool = tool_signature()
            self._contexts[memo] = context_digest(self._tool, config, schema_digest)
        return self._contexts[memo]

    def _folder_key(self, folder: str) -> str:
        """The absolute, normalised form of a folder as given, without a trailing
        separator: one getcwd and one normalisation per folder."""
        absolute = self._folders.get(folder)
        if absolute is None:
            absolute = os.path.normpath(os.path.join(self._cwd, folder)).rstrip(os.sep)
            self._folders[folder] = absolute
        return absolute

    def _key(self, path: str) -> str:
        """The absolute path that keys an entry: ``abspath``, the folder's part done once."""
        folder, name = split_path(path)
        if name in ("", ".", ".."):
            return os.path.normpath(os.path.join(self._cwd, path))
        return f"{self._folder_key(folder)}{os.sep}{name}"

    def _index(self, context: str) -> Index:
        index = self._indexes.get(context)
        if index is None:
            index = self._indexes[context] = Index(
                os.path.join(self.directory, LAYOUT, f"{context}{INDEX_SUFFIX}")
            )
            if self.freeze:
                import gc

                gc.freeze()
        return index

    def lookup(self, context: str, path: str) -> Lookup:
        """The cached result when the file is known unchanged from its stat data (see
        :func:`.packing.restore`); else the content hash of the last result (or
        ``None``), which a reader compares to the file's hash before calling
        :meth:`confirm`.
        """
        folder, name = split_path(path)
        if name in ("", ".", ".."):
            return NOT_CACHED  # not a file's path
        return self.folder_lookup(context, folder)(path, name)

    def folder_lookup(
        self,
        context: str,
        folder: str,
    ) -> Callable[[str, str], Lookup]:
        """:meth:`lookup` for the files of one folder (as given), called with a file's
        path and name: a run looks up thousands of files, a folder's share one index and
        key prefix."""
        entries = self._index(context).entries
        prefix = f"{self._folder_key(folder)}{os.sep}"
        stat = os.stat

        def lookup(path: str, name: str) -> Lookup:
            row = entries.get(prefix + name)
            if not well_formed(row) or (
                row[DEPENDENCIES] != [] and not dependencies_unchanged(row[DEPENDENCIES])
            ):
                return NOT_CACHED
            recorded = row[STAT]
            if recorded is not None:
                try:
                    found = stat(path)
                except OSError:
                    return NOT_CACHED
                if (
                    found.st_size,
                    found.st_mtime_ns,
                    found.st_ctime_ns,
                    found.st_ino,
                ) == recorded:  # stats.file_stat, inlined: once per file
                    if row[DIAGNOSTICS] == []:
                        return FOUND_CLEAN
                    return Lookup(cached_of(row), None)
            return Lookup(None, row[CONTENT_HASH])

        return lookup

    def confirm(
        self,
        context: str,
        path: str,
        stat: FileStat | None,
    ) -> Restored | None:
        """The cached result of a file whose content hash matched, its stat data
        refreshed; ``None`` when the entry is corrupt."""
        key = self._key(path)
        row = self._index(context).entries.get(key)
        if not well_formed(row):
            return None
        try:
            restored = restore(path, cached_of(row))
        except ValueError:
            return None
        if stat is not None:
            refreshed = row.copy()
            refreshed[STAT] = stat
            self._index(context).updates[key] = refreshed
        return restored

    def store(
        self,
        context: str,
        path: str,
        stat: FileStat | None,
        digest: str,
        packed: list[Packed],
        dependencies: list[Dependency],
        source: SourceLines | None,
    ) -> None:
        """Remember the result of a file read with ``stat`` and content hash ``digest``."""
        share_strings(packed, self._strings)
        self._index(context).updates[self._key(path)] = new_row(
            stat, digest, packed, dependencies, marshalled(source)
        )

    def save(self) -> None:
        """Write the new entries; a cache that cannot be written only costs speed."""
        changed = [index for index in self._indexes.values() if index.updates]
        if not changed:
            for index in self._indexes.values():
                _touch(index.path)
            return
        try:
            self._prepare()
            for index in changed:
                entries = read_index(index.path)  # what other runs wrote meanwhile
                entries.update(index.updates)
                _write_atomic(index.path, index_data(entries))
                index.entries = entries
                index.updates = {}
            self._prune({index.path for index in self._indexes.values()})
        except OSError as error:
            from ..escaping import printable

            print(
                printable(
                    f"seedlint: warning: cannot write the cache in {self.directory}: "
                    f"{error.strerror or error}"
                ),
                file=sys.stderr,
            )

    def _prepare(self) -> None:
        """Make the cache folder; its marker files (a ``.gitignore`` of ``*``, the
        cache-directory tag) go only into a folder made here: ``cache-dir = ".."`` must
        not hide a whole repository from git."""
        created = not os.path.isdir(self.directory)
        os.makedirs(os.path.join(self.directory, LAYOUT), exist_ok=True)
        if not created:
            return
        for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
            marker = os.path.join(self.directory, name)
            if not os.path.exists(marker):
                _write_atomic(marker, text.encode())

    def _prune(self, in_use: set[str]) -> None:
        """Keep the indexes of this run and the most recently used others."""
        folder = os.path.join(self.directory, LAYOUT)
        others = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(INDEX_SUFFIX) and entry.path not in in_use:
                    try:
                        others.append((entry.stat().st_mtime_ns, entry.path))
                    except OSError:
                        continue
        for _, path in sorted(others, reverse=True)[max(KEEP_INDEXES - len(in_use), 0) :]:
            try:
                os.remove(path)
            except OSError:
                pass


def split_path(path: str) -> tuple[str, str]:
    """A path's folder and name: ``os.path.split`` without its cost where "/" is the only
    separator (the folder may keep trailing separators: only keys use it, normalised)."""
    if os.altsep:
        return os.path.split(path)
    folder, _, name = path.rpartition(os.sep)
    return folder if folder or not path.startswith(os.sep) else os.sep, name


def _touch(path: str) -> None:
    """Mark an index as recently used, so pruning keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass


def _write_atomic(path: str, data: bytes) -> None:
    import tempfile

    handle, temporary = tempfile.mkstemp(
        dir=os.path.dirname(path), prefix=".tmp-", suffix=os.path.basename(path)
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 would lock others out
        os.replace(temporary, path)
    except BaseException:
        try:
            os.remove(temporary)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def default_cache_dir(config: Config) -> str:
    """``cache-dir`` from the configuration, else ``.seedlint_cache`` next to the config
    file that applies to the current folder, else in the current folder."""
    root = config.root or os.getcwd()
    if config.cache_dir:
        return os.path.join(root, os.path.expanduser(config.cache_dir))
    return os.path.join(root, CACHE_DIR_NAME)
