"""The result cache: a file whose content and context have not changed is not linted again.

Like ruff's cache, an entry is valid only for the exact context it was computed in. The
*context* of a file is a digest of:

- the seedlint version and the size and modification time of seedlint's own modules (an
  edited checkout or a reinstall never serves results of the old code);
- every registered rule: code, name, severity, fix kind, origin, and for plugin rules the
  installed distribution's version and the rule module's size and modification time;
- the schema the file is checked against (``CompiledSchema.digest``);
- the file's configuration (``Config.digest()``), which includes ``--now`` when given;
- the UTC day, when the clock is the real one. The future-date rule depends on "now": a
  record dated later today stops being "in the future" when that time comes, so results
  computed with the real clock are used on the day they were computed only. A cached
  warning can therefore outlive its truth by at most the rest of that UTC day, and the
  first run of each day lints afresh. With ``--now`` the instant is part of the key.

Within a context, an entry is keyed by the file's absolute path and validated by the
BLAKE2 hash of its bytes. Reading and hashing 135 MB costs more than linting from cache,
so the entry also keeps the file's stat data (size, mtime, ctime, inode), as git's index
does: when all four are unchanged the content is taken as unchanged without reading it.
Stat data is only recorded when the file was last modified well before it was read (the
"racy" window), so two writes within one timestamp tick cannot hide a change.

A result can also depend on other files: the image rules check that local images exist and
have the declared size. The entry keeps their stat data (or that they are missing), and is
used only while it is unchanged.

The entry also keeps the source lines its diagnostics touch (plain text, see
``diagnostics.SourceLines``), so that the text report needs not read the files again.

Layout: ``<cache dir>/v4/<context>.index``, one index per context, plus ``CACHEDIR.TAG``
and a ``.gitignore``. An index is a header, the CRC-32 of its data, and the data in
:mod:`marshal` format: the format of Python's own ``.pyc`` files, plain values only (no
code runs when it is read), about three times faster to read than JSON. A file whose CRC
does not match (torn or damaged) is ignored, as is an entry of the wrong shape; the Python
version is part of the context, as the marshal format may change with it. Writes go to a
temporary file then ``os.replace``, and merge with what another run wrote meanwhile, so
concurrent runs sharing a cache never see a torn file; at worst one run's new entries are
lost and recomputed later. Only the most recently used indexes are kept.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeGuard

from .diagnostics import Diagnostic, Edit, Fix, Severity, SourceLines, built
from .digests import hex_digest, new_digest
from .plugins import plugins_may_exist

if TYPE_CHECKING:
    from .config import Config

CACHE_DIR_NAME = ".seedlint_cache"
LAYOUT = "v4"  # v3 kept rendered excerpts
INDEX_SUFFIX = ".index"
_INDEX_HEADER = b"seedlint cache index\n"
# A CRC-32 finds a torn or damaged index (any damage within 32 bits, other damage but
# once in four billion), four times faster than BLAKE2; a digest would not stop a
# forged index either, as whoever can write the cache can write a matching digest.
_INDEX_CHECK_SIZE = 4
# A file modified less than this before it was read may change again within the same
# timestamp tick (2 s covers FAT; ext4 and APFS ticks are far finer).
RACY_WINDOW_NS = 2_000_000_000
KEEP_INDEXES = 16

CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by seedlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Automatically created by seedlint.\n*\n"

FileStat = tuple[int, int, int, int]  # (size, mtime_ns, ctime_ns, inode), compared whole
Packed = list[Any]  # a diagnostic without its path, as plain values
Cached = list[Any]  # an entry of the index (see _Index)
_SEVERITIES = {s.value: s for s in Severity}


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


# --- compact diagnostics (cache entries and worker results) ---------------------------


def pack(diagnostics: Iterable[Diagnostic]) -> list[Packed]:
    """Diagnostics as lists of plain values, without the path (the caller knows it)."""
    packed: list[Packed] = []
    for d in diagnostics:
        item: Packed = [
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            d.code,
            d.severity.value,
            d.message,
            d.pointer,
        ]
        if d.fix is not None:
            item.append(
                [d.fix.message, d.fix.safe, [[e.start, e.end, e.text] for e in d.fix.edits]]
            )
        packed.append(item)
    return packed


def unpack(path: str, packed: Iterable[Packed]) -> list[Diagnostic]:
    """The inverse of :func:`pack`; raises ``ValueError`` on malformed data."""
    diagnostics = []
    try:
        for item in packed:
            if len(item) == 8:
                line, column, end_line, end_column, code, severity, message, pointer = item
                fix = None
            else:
                (
                    line,
                    column,
                    end_line,
                    end_column,
                    code,
                    severity,
                    message,
                    pointer,
                    packed_fix,
                ) = item
                fix = _unpack_fix(packed_fix)
            if not (
                type(line) is type(column) is type(end_line) is type(end_column) is int
                and type(code) is type(message) is type(pointer) is str
            ):
                raise ValueError("a field has the wrong type")
            diagnostics.append(
                built(
                    Diagnostic,
                    {
                        "path": path,
                        "line": line,
                        "column": column,
                        "end_line": end_line,
                        "end_column": end_column,
                        "code": code,
                        "severity": _SEVERITIES[severity],
                        "message": message,
                        "pointer": pointer,
                        "fix": fix,
                    },
                )
            )
    except (TypeError, KeyError, ValueError) as error:
        raise ValueError(f"malformed cached diagnostics: {error}") from None
    return diagnostics


def _unpack_fix(packed: Packed) -> Fix:
    message, safe, packed_edits = packed
    edits = []
    for start, end, text in packed_edits:
        if not (type(start) is type(end) is int and type(text) is str):
            raise ValueError("an edit has the wrong type")
        edits.append(built(Edit, {"start": start, "end": end, "text": text}))
    if not (type(message) is str and type(safe) is bool):
        raise ValueError("a fix has the wrong type")
    return built(Fix, {"message": message, "edits": tuple(edits), "safe": safe})


def restore(path: str, entry: Cached) -> tuple[list[Diagnostic], SourceLines | None]:
    """The diagnostics and source lines of a cache entry; raises ``ValueError`` when the
    diagnostics are malformed."""
    lines = entry[4]
    return unpack(path, entry[2]), SourceLines(_Marshalled(lines)) if type(lines) is bytes else None


class _Marshalled(Mapping[int, str]):
    """Source lines as the cache keeps them: a marshalled ``{number: text}``, decoded on
    first use, so that a report that shows no source lines never decodes them. Malformed
    data reads as no lines."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.lines: dict[int, str] | None = None

    def _decoded(self) -> dict[int, str]:
        if self.lines is None:
            try:
                found = marshal.loads(self.data)
            except (EOFError, ValueError, TypeError):
                found = None
            self.lines = found if type(found) is dict else {}
        return self.lines

    def __getitem__(self, number: int) -> str:
        text = self._decoded()[number]
        if type(text) is not str:
            raise KeyError(number)
        return text

    def get(self, number: int, default: Any = None) -> Any:
        text = self._decoded().get(number, default)
        return text if type(text) is str else default

    def __iter__(self) -> Iterator[int]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())


# --- what a result depends on ---------------------------------------------------------


def _package_signature() -> str:
    """seedlint's version and the stat data of its modules."""
    from ._version import __version__

    digest = new_digest()
    digest.update(__version__.encode())
    _update_with_tree(digest, os.path.dirname(os.path.abspath(__file__)))
    return digest.hexdigest()


def _update_with_tree(digest: Any, package: str) -> None:
    """Feed the stat data of every module under ``package`` (a folder, or one module's
    file): size, mtime and ctime, so that a same-size edit whose mtime was put back
    (``touch -r``, ``cp -p``, ``rsync -t``) still changes it (ctime cannot be set)."""
    if not os.path.isdir(package):
        _update_with_file(digest, package, os.path.basename(package))
        return
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(_MODULE_SUFFIXES):
                path = os.path.join(folder, name)
                _update_with_file(digest, path, os.path.relpath(path, package))


_MODULE_SUFFIXES = (".py", ".so", ".pyd", ".json", ".toml")  # code, and data it may read


def _update_with_file(digest: Any, path: str, name: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        digest.update(f"{name}:missing\n".encode())
        return
    digest.update(
        f"{name}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}\n".encode()
    )


# The distributions whose code computes a result: seedlint's runtime dependencies and
# theirs (normalised names, see _normalised). Their installed versions and metadata are
# part of the key: an upgrade (or a reinstall) of any of them recomputes every result.
RUNTIME_DISTRIBUTIONS = frozenset(
    (
        "ruamel-yaml",
        "ruamel-yaml-clib",
        "ruamel-yaml-clibz",
        "jsonschema",
        "jsonschema-rs",
        "jsonschema-specifications",
        "referencing",
        "rpds-py",
        "attrs",
        "rfc3986-validator",
        "rfc3339-validator",
        "rfc3987-syntax",
        "fqdn",
        "idna",
        "isoduration",
        "jsonpointer",
        "uri-template",
        "webcolors",
        "imagesize",
        "tomli",
        "seedlint",
    )
)


def _normalised(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return name.lower().replace("_", "-").replace(".", "-")  # (no runs in metadata names)


def installed_signature() -> str:
    """The installed versions of seedlint's runtime dependencies, without
    ``importlib.metadata`` (which costs 10-30 ms, a tenth of a run served from the
    cache): for each folder on ``sys.path``, the names of its distributions' metadata
    folders (``NAME-VERSION.dist-info``: an install or upgrade renames them) and, for the
    runtime dependencies, the stat data of their ``METADATA`` and ``RECORD`` (a reinstall
    or an edit in place). One ``scandir`` per folder and a few ``stat`` calls: ~1 ms."""
    digest = new_digest()
    for folder in sys.path:
        if not folder or not os.path.isabs(folder):
            continue  # the current folder (python -c, -m): a content repository, not a site
        try:
            with os.scandir(folder) as entries:
                names = sorted(
                    entry.name
                    for entry in entries
                    if entry.name.lower().endswith((".dist-info", ".egg-info"))
                )
        except OSError:  # missing, or a zip file
            digest.update(f"{folder}:?\n".encode())
            continue
        digest.update(f"{folder}\n".encode())
        for name in names:
            digest.update(f"{name}\n".encode())
            if _normalised(name.split("-", 1)[0]) in RUNTIME_DISTRIBUTIONS:
                for part in ("METADATA", "RECORD", "PKG-INFO"):
                    _update_with_file(digest, os.path.join(folder, name, part), part)
    return digest.hexdigest()


def _plugin_versions() -> dict[str, str]:
    """Top-level package of each rule plugin -> what identifies its distribution: its
    version and the stat data of every file its ``RECORD`` lists (a helper module that
    the rule imports is part of the result too)."""
    from importlib.metadata import entry_points

    from .plugins import ENTRY_POINT_GROUP

    versions = {}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        distribution = getattr(entry, "dist", None)
        if distribution is None:
            versions[_top_package(entry.value)] = "?"
            continue
        digest = new_digest()
        digest.update(f"{distribution.version}\n".encode())
        for file in sorted(distribution.files or (), key=str):
            if str(file).endswith(_MODULE_SUFFIXES):
                _update_with_file(digest, str(distribution.locate_file(file)), str(file))
        versions[_top_package(entry.value)] = digest.hexdigest()
    return versions


def _top_package(name: str) -> str:
    """``pkg.rules:RULES`` or ``pkg.rules`` -> ``pkg``."""
    return name.split(":")[0].split(".")[0]


def rules_signature() -> str:
    """The registered rules that are not seedlint's own (plugins, and rules registered by
    a program using seedlint), with what identifies their code. seedlint's own rules are
    covered by the package signature; when nothing else can have registered a rule, the
    rules are not even imported (a run served from the cache never needs them)."""
    digest = new_digest()
    if f"{__package__}.rules" not in sys.modules and not plugins_may_exist():
        return digest.hexdigest()
    from .rules import all_rules

    plugin_versions: dict[str, str] | None = None
    packages_seen: set[str] = set()
    for rule in all_rules():
        module_name = rule.check.__module__ if rule.check is not None else rule.origin
        package = _top_package(module_name)
        if package == "seedlint" and rule.origin == "seedlint":
            continue
        digest.update(
            f"{rule.code}|{rule.name}|{rule.severity.value}|{rule.fix}|"
            f"{rule.supersedes_schema}|{rule.origin}\n".encode()
        )
        if plugin_versions is None:
            plugin_versions = _plugin_versions()
        digest.update(plugin_versions.get(package, "?").encode())
        if package not in packages_seen:  # the rule's whole package: its helpers too
            packages_seen.add(package)
            _update_with_tree(digest, _package_folder(package, module_name))
    return digest.hexdigest()


def _package_folder(package: str, module_name: str) -> str:
    """The folder of a top-level package (or the file of a top-level module)."""
    top = sys.modules.get(package)
    paths = list(getattr(top, "__path__", ()) or ())
    if paths:
        return str(paths[0])
    found = getattr(top, "__file__", None) or getattr(
        sys.modules.get(module_name), "__file__", None
    )
    return str(found or "")


def clock_key(config: Config) -> str:
    """The part of the key that stands for "now" (see the module doc)."""
    if config.now is not None:
        return "fixed"  # the instant is in the config digest
    return time.strftime("%Y-%m-%d", time.gmtime())  # the UTC day


# --- the cache -----------------------------------------------------------------------

Dependency = list[Any]  # [absolute path, its FileStat, or None when missing]


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


def _unchanged(dependencies: Any) -> bool:
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


class _Index:
    """The entries of one context: absolute path -> [stat or None, content hash, packed
    diagnostics, dependencies, marshalled source lines or None]."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: dict[str, list[Any]] = read_index(path)
        self.updates: dict[str, list[Any]] = {}


def read_index(path: str) -> dict[str, list[Any]]:
    """The entries of an index file; none when it is missing, damaged or not an index."""
    import gc

    from .safeio import MAX_INDEX_SIZE, read_bounded

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


def index_data(entries: dict[str, list[Any]]) -> bytes:
    """The content of an index file holding ``entries`` (see :func:`read_index`)."""
    data = marshal.dumps(entries)
    return _INDEX_HEADER + _check(data) + data


def _check(data: bytes | memoryview) -> bytes:
    return zlib.crc32(data).to_bytes(_INDEX_CHECK_SIZE, "big")


class ResultCache:
    """Cached diagnostics under ``directory``; see the module doc for the key and layout."""

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
        self._indexes: dict[str, _Index] = {}
        self._strings: dict[str, str] = {}  # see _share_strings

    def context(self, config: Config, schema_digest: str) -> str:
        """The context digest of files linted with ``config`` and the schema whose
        :attr:`~seedlint.schema.CompiledSchema.digest` is ``schema_digest``."""
        memo = (id(config), schema_digest)
        if memo not in self._contexts:
            if self._tool is None:
                self._tool = f"{_package_signature()}:{installed_signature()}:{rules_signature()}"
            parts = (
                LAYOUT,
                self._tool,
                schema_digest,
                config.digest(),
                clock_key(config),
                f"{sys.version_info[:2]}:{marshal.version}",
            )
            self._contexts[memo] = hex_digest("\n".join(parts).encode())
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

    def _index(self, context: str) -> _Index:
        index = self._indexes.get(context)
        if index is None:
            index = self._indexes[context] = _Index(
                os.path.join(self.directory, LAYOUT, f"{context}{INDEX_SUFFIX}")
            )
            if self.freeze:
                import gc

                gc.freeze()
        return index

    def _entry(self, context: str, path: str) -> Cached | None:
        entry = self._index(context).entries.get(self._key(path))
        return entry if _well_formed(entry) else None

    def lookup(self, context: str, path: str) -> tuple[Cached | None, str | None]:
        """``(entry, None)`` when the file is known unchanged from its stat data (see
        :func:`restore`); else ``(None, hash)`` with the content hash of the last result
        (or ``None``), which a reader compares to the file's hash before calling
        :meth:`confirm`.
        """
        folder, name = split_path(path)
        if name in ("", ".", ".."):
            return None, None  # not a file's path
        return self.folder_lookup(context, folder)(path, name)

    def folder_lookup(
        self,
        context: str,
        folder: str,
    ) -> Callable[[str, str], tuple[Cached | None, str | None]]:
        """:meth:`lookup` for the files of one folder (as given), called with a file's
        path and name: a run looks up thousands of files, a folder's share one index and
        key prefix."""
        entries = self._index(context).entries
        prefix = f"{self._folder_key(folder)}{os.sep}"
        stat = os.stat

        def lookup(path: str, name: str) -> tuple[Cached | None, str | None]:
            entry = entries.get(prefix + name)
            if not _well_formed(entry) or (entry[3] != [] and not _unchanged(entry[3])):
                return None, None
            recorded = entry[0]
            if recorded is not None:
                try:
                    found = stat(path)
                except OSError:
                    return None, None
                if (
                    found.st_size,
                    found.st_mtime_ns,
                    found.st_ctime_ns,
                    found.st_ino,
                ) == recorded:  # file_stat, inlined: once per file
                    return entry, None
            return None, entry[1]

        return lookup

    def confirm(
        self,
        context: str,
        path: str,
        stat: FileStat | None,
    ) -> tuple[list[Diagnostic], SourceLines | None] | None:
        """The cached result of a file whose content hash matched, its stat data
        refreshed; ``None`` when the entry is corrupt."""
        entry = self._entry(context, path)
        try:
            restored = None if entry is None else restore(path, entry)
        except ValueError:
            return None
        if entry is not None and stat is not None:
            self._index(context).updates[self._key(path)] = [stat, *entry[1:]]
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
        _share_strings(packed, self._strings)
        self._index(context).updates[self._key(path)] = [
            stat,
            digest,
            packed,
            dependencies,
            _marshalled(source),
        ]

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
            from .escaping import printable

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


def _marshalled(source: SourceLines | None) -> bytes | None:
    """Source lines as an entry keeps them: marshalled (see :class:`_Marshalled`)."""
    if source is None:
        return None
    lines = source.lines
    if isinstance(lines, _Marshalled):
        return lines.data
    return marshal.dumps(dict(lines))


def split_path(path: str) -> tuple[str, str]:
    """A path's folder and name: ``os.path.split`` without its cost where "/" is the only
    separator (the folder may keep trailing separators: only keys use it, normalised)."""
    if os.altsep:
        return os.path.split(path)
    folder, _, name = path.rpartition(os.sep)
    return folder if folder or not path.startswith(os.sep) else os.sep, name


def _well_formed(entry: object) -> TypeGuard[Cached]:
    return type(entry) is list and len(entry) == 5 and type(entry[1]) is str


def _share_strings(packed: list[Packed], strings: dict[str, str]) -> None:
    """Make equal codes, severities, messages and pointers one object each: marshal writes
    an object it has seen as a reference, which makes an index a third smaller and faster
    to read."""
    for item in packed:
        for field in range(4, 8):
            item[field] = strings.setdefault(item[field], item[field])
        if len(item) > 8:
            item[8][0] = strings.setdefault(item[8][0], item[8][0])


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
