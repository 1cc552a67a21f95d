"""Many files: discovery, reading, and linting them, cached and in parallel."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from . import isolation
from .cache import (
    Cached,
    Dependency,
    FileStat,
    Packed,
    ResultCache,
    content_hash,
    dependency_stats,
    pack,
    restore,
    split_path,
    trusted_stat,
    unpack,
)
from .config import Config, Limits, Settings, glob_match, glob_regex, resolve_schema
from .diagnostics import Diagnostic, LintResult, SourceLines, file_diagnostic
from .safeio import NotRegularFile, TooLarge, read_bounded
from .schemafile import SchemaError, schema_digest
from .site import DATA_SUFFIXES, has_front_matter, site_of
from .snippets import source_lines_of_bytes
from .writing import TEMP_SUFFIX, remove_stale_temporaries

# A schema that cannot be used stops the run (exit 2) instead of failing every file.
SCHEMA_ERRORS = (SchemaError,)

if TYPE_CHECKING:  # multiprocessing is imported only when a pool starts (~30 ms)
    from multiprocessing.context import BaseContext

    from .schema import CompiledSchema


class Discovery:
    """The files to lint, in a deterministic order, and the paths that could not be used."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.problems: list[Diagnostic] = []


def _included(path: str, config: Config, explicit: bool) -> bool:
    relative = config.relative(path)
    if config.exclude and glob_match(relative, config.exclude):
        return False
    if not explicit and not glob_match(relative, config.include):
        return False
    return _site_lints(path, explicit)


def _site_lints(path: str, explicit: bool) -> bool:
    """Whether a file of a Jekyll site is one seedlint lints (see :mod:`seedlint.site`):
    a collection document or a ``_data`` record, or a page, layout or include that has
    front matter; never a file in a folder Jekyll does not read (``_site``, ``exclude``),
    unless named explicitly, and never in one the site excludes (``_site``, ``exclude``)."""
    site = site_of(path)
    if site is None:
        return True
    place = site.place(path)
    if place.is_record:
        return True
    if place.kind == "excluded":
        return False
    if place.kind == "skipped":
        return explicit
    return has_front_matter(path)


def discover(paths: Iterable[str], config: Config | Settings) -> Discovery:
    """Expand directories (hidden folders skipped, symlinked folders not followed) into files.

    A file named explicitly is always linted unless excluded; files found in a directory
    must match ``include``. With :class:`Settings`, each file's ``include`` and ``exclude``
    come from its own configuration (the nearest one upward). In a Jekyll site, folders
    Jekyll does not read are skipped, ``_data`` folders add their YAML and JSON files, and
    pages, layouts and includes are linted only when they have front matter.
    """
    config_for = config.config_for if isinstance(config, Settings) else lambda path: config
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.files.append(path)

    for raw in paths:
        path = os.path.normpath(raw) if raw not in ("-", "") else raw
        if os.path.isdir(path):
            for folder, names in _walk(path, found):
                for file in _folder_files(folder, names, config_for(folder)):
                    add(file)
        elif os.path.lexists(path):
            if _included(path, config_for(path), explicit=True):
                add(path)
        else:
            found.problems.append(file_diagnostic(path, "SL012", "no such file or directory"))
    return found


def _relative_prefix(config: Config, folder: str) -> str:
    """``folder`` relative to the config's root, ending in ``/`` (empty at the root)."""
    relative = config.relative(folder)
    return "" if relative in ("", ".") else relative.rstrip("/") + "/"


def _folder_files(folder: str, names: list[str], folder_config: Config) -> Iterator[str]:
    """The files of one walked folder to lint: _included() for each, with what they share
    done once."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep  # os.path.join
    relative = _relative_prefix(folder_config, folder)
    included = glob_regex(folder_config.include).match
    excluded = glob_regex(folder_config.exclude).match
    site = site_of(folder)
    place = None if site is None else site.place(os.path.join(folder, "x"))
    if place is not None and place.kind == "data":
        included = glob_regex(folder_config.include + _DATA_GLOBS).match
    # the site's own exclude may name files (folders are pruned by _walk)
    by_file = site is not None and site.excludes_files
    for name in names:
        file_relative = relative + name.replace("\\", "/")
        if not included(file_relative) or excluded(file_relative):
            continue
        if by_file and site.place(prefix + name).kind == "excluded":  # type: ignore[union-attr]
            continue
        if place is None or place.is_record:
            yield prefix + name
        elif not site.skips_name(name) and has_front_matter(prefix + name):  # type: ignore[union-attr]
            yield prefix + name


_DATA_GLOBS = tuple(f"*{suffix}" for suffix in DATA_SUFFIXES)


def _walk(top: str, found: Discovery) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``top`` with the names of its files, in order."""

    def on_error(error: OSError) -> None:
        found.problems.append(
            file_diagnostic(
                error.filename or top,
                "SL012",
                f"cannot read the directory: {error.strerror or error}",
            )
        )

    for folder, dirs, files in os.walk(top, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _walked(folder, d))
        if any(name.endswith(TEMP_SUFFIX) for name in files):  # a --fix killed meanwhile
            remove_stale_temporaries([folder])
        yield folder, sorted(name for name in files if not name.startswith("."))


def _walked(folder: str, name: str) -> bool:
    """Whether to walk into ``folder/name``: in a Jekyll site, not into a folder Jekyll
    does not read as content (``_site``, ``node_modules``, ``exclude``, ``_sass``)."""
    child = os.path.join(folder, name)
    site = site_of(child)
    if site is None or os.path.isfile(os.path.join(child, "_config.yml")):
        return True
    return site.place(os.path.join(child, "x")).kind not in ("skipped", "excluded")


def _read(path: str, limit: int) -> tuple[bytes, os.stat_result] | Diagnostic:
    """A file's bytes and its stat data taken before reading (so a write racing the read
    shows up as a changed stat next time), or the diagnostic saying why it cannot be read.

    A file larger than ``limit`` (``max-file-size``) is refused from its stat data,
    before a byte of it is read (see :mod:`seedlint.safeio`)."""
    try:
        if os.path.isdir(path):
            return file_diagnostic(path, "SL012", "is a directory, not a file")
        return read_bounded(path, limit)
    except TooLarge as error:
        return file_diagnostic(
            path,
            "SL009",
            f"the file is {error.size:,} bytes, more than the max-file-size limit "
            f"of {error.limit:,} bytes; no real record is that large",
        )
    except NotRegularFile:  # a FIFO, a socket or a device: maybe endless
        return file_diagnostic(
            path,
            "SL012",
            "cannot read the file: it is not a regular file (a FIFO, socket or device)",
        )
    except FileNotFoundError:
        reason = (
            "a broken symbolic link"
            if os.path.islink(path)
            else "the file disappeared while linting"
        )
        return file_diagnostic(path, "SL012", f"cannot read the file: {reason}")
    except OSError as error:
        return file_diagnostic(path, "SL012", f"cannot read the file: {error.strerror or error}")
    except MemoryError:
        return file_diagnostic(path, "SL012", "cannot read the file: out of memory")


def read(path: str, limit: int = Limits.max_file_size) -> bytes | Diagnostic:
    """A file's bytes (at most ``limit``), or the diagnostic saying why it cannot be read."""
    found = _read(path, limit)
    return found if isinstance(found, Diagnostic) else found[0]


def source_of_unlinted(path: str, diagnostics: Sequence[Diagnostic]) -> SourceLines | None:
    """The source lines of a file that could not be linted (not read, over the configured
    max-file-size, crashed), as far as it can be read within the default size bound;
    ``None`` when it cannot, or is not UTF-8 text."""
    data = read(path)
    return None if isinstance(data, Diagnostic) else source_lines_of_bytes(data, diagnostics)


def lint_one(path: str, config: Config, schema: CompiledSchema | None = None) -> LintResult:
    """Lint one file in this process, keeping its parsed document (for fixes)."""
    from .linter import lint_bytes

    data = read(path, config.limits.max_file_size)
    if isinstance(data, Diagnostic):
        return LintResult(path, [data], source=source_of_unlinted(path, [data]))
    try:
        return lint_bytes(data, path, config, schema)
    except SCHEMA_ERRORS:
        raise  # the schema cannot be used: the caller's problem, not the file's
    except Exception as error:  # noqa: BLE001 - MemoryError too: see internal_error
        return LintResult(path, [internal_error(path, error)])


# --- many files: cache, in-process or a pool of workers ------------------------------

# Fewer files than this (after cache hits) are linted in-process: starting workers costs
# more than it saves (measured on 2 CPUs, news records: 16 files take 125 ms in-process
# and 200 ms with 2 workers; 32 files 310 ms and 265 ms).
MIN_FILES_FOR_POOL = 24
# Files per task sent to a worker: big enough to make the per-task cost (pickling, a
# queue round trip) negligible, small enough to balance the load at the end of a run.
MAX_CHUNK = 64
CHUNKS_PER_WORKER = 4


class _Task(NamedTuple):
    """One file to lint, and what the cache knows of it (a tuple: a run holds one per
    file)."""

    path: str
    config: int  # index into the run's table of configs
    schema: str  # the schema name or path (resolved against the config)
    known_hash: str | None  # the content hash of the cached result, if any
    cached: Cached | None  # the cached result, when the file is known unchanged


# The answer for one file: the stat data to cache (None: do not trust it), the content
# hash (None when not caching), the diagnostics (None: the content matched
# ``known_hash``, the cached result stands; workers send them packed), the other files
# the result depends on (None: not cacheable), and the source lines the diagnostics
# touch (None: the file is not text; workers send their mapping).
Outcome = tuple[
    "FileStat | None",
    "str | None",
    "list[Diagnostic] | None",
    "list[Dependency] | None",
    "SourceLines | None",
]
PackedOutcome = tuple[
    "FileStat | None",
    "str | None",
    "list[Packed] | None",
    "list[Dependency] | None",
    "dict[int, str] | None",
]


class _Worker:
    """What one process needs to lint tasks: the configs, schemas compiled once, a flag."""

    def __init__(self, configs: Sequence[Config], hashing: bool) -> None:
        # the parser, schema engine and rules load with the first worker: a run whose
        # results all come from the cache never needs them
        from .linter import lint_bytes

        self.configs = configs
        self.hashing = hashing
        self.schemas: dict[tuple[str, str, str], CompiledSchema] = {}
        self.lint_bytes = lint_bytes

    def schema(self, name: str, engine: str, formats: str = "assert") -> CompiledSchema:
        from .schema import load_schema

        key = (name, engine, formats)
        if key not in self.schemas:
            self.schemas[key] = load_schema(name, engine, formats)
        return self.schemas[key]

    def lint(self, task: _Task) -> Outcome:
        path = task.path
        read_at = time.time_ns()
        config = self.configs[task.config]
        found = _read(path, config.limits.max_file_size)
        if isinstance(found, Diagnostic):
            return None, None, [found], None, source_of_unlinted(path, [found])
        data, stat = found
        digest = content_hash(data) if self.hashing else None
        trusted = trusted_stat(stat, read_at) if self.hashing else None
        if digest is not None and digest == task.known_hash:
            return trusted, digest, None, [], None
        try:
            result = self.lint_bytes(
                data, path, config, self.schema(task.schema, config.engine, config.formats)
            )
            dependencies: list[Dependency] | None = []
            if self.hashing and result.dependencies:
                dependencies = dependency_stats(result.dependencies, read_at)
        except SCHEMA_ERRORS:
            raise
        except Exception as error:  # noqa: BLE001 - one file must not stop the run
            failed = [internal_error(path, error)]
            return None, None, failed, None, source_lines_of_bytes(data, failed)
        return trusted, digest, result.diagnostics, dependencies, result.source

    def lint_chunk(self, tasks: list[_Task]) -> list[PackedOutcome]:
        outcomes: list[PackedOutcome] = []
        for task in tasks:
            stat, digest, diagnostics, dependencies, source = self.lint(task)
            outcomes.append(
                (
                    stat,
                    digest,
                    None if diagnostics is None else pack(diagnostics),
                    dependencies,
                    None if source is None else dict(source.lines),
                )
            )
        return outcomes


def internal_error(path: str, error: BaseException) -> Diagnostic:
    """SL000 for a failure inside seedlint, so one bad file never stops a run."""
    return file_diagnostic(
        path,
        "SL000",
        f"internal error while linting this file: "
        f"{type(error).__name__}: {error}; please report it",
    )


_worker: _Worker | None = None


# Linting a file allocates a few thousand containers (nodes, data) that live until its
# result is sent and are then freed by reference counting. With the collector's default
# threshold (a pass every 700 allocations) passes traverse them several times per file,
# ~7% of the time; the data has no cycles, so in seedlint's own processes passes are rare.
COLLECTOR_THRESHOLD = 50_000


_own_process = False  # whether collect_rarely() was called: the process is seedlint's


def collect_rarely() -> None:
    """Raise the collector's first threshold (for seedlint's own processes only)."""
    global _own_process
    _own_process = True
    gc.set_threshold(COLLECTOR_THRESHOLD, *gc.get_threshold()[1:])


def _start_worker(configs: Sequence[Config], hashing: bool) -> None:
    import signal

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # What the worker inherited lives as long as it does: out of the collector's sight,
    # full collections stay cheap and do not copy the parent's pages
    gc.freeze()
    collect_rarely()
    _worker = _Worker(configs, hashing)


def _lint_chunk(tasks: list[_Task]) -> list[PackedOutcome]:
    assert _worker is not None, "the worker was not started"
    return _worker.lint_chunk(tasks)


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pool_context() -> BaseContext:
    """``fork`` where it is safe and cheapest (workers inherit the compiled schema and the
    loaded rules); ``forkserver`` when this process runs threads; ``spawn`` elsewhere."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods:
        return multiprocessing.get_context(
            "fork" if threading.active_count() == 1 else "forkserver"
        )
    return multiprocessing.get_context("spawn")


def _run_pool(
    tasks: list[_Task], configs: Sequence[Config], hashing: bool, jobs: int
) -> Generator[tuple[_Task, Outcome], None, None]:
    """Lint ``tasks`` in worker processes, yielding outcomes in task order.

    Only a few chunks per worker are handed out ahead of the one awaited, so results
    never pile up while the caller handles the earlier ones.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(MAX_CHUNK, -(-len(tasks) // (jobs * CHUNKS_PER_WORKER))))
    chunks = [tasks[start : start + size] for start in range(0, len(tasks), size)]
    _load_once_for_all_workers()
    done = 0
    crashed = False
    pool = ProcessPoolExecutor(
        min(jobs, len(chunks)),
        mp_context=_pool_context(),
        initializer=_start_worker,
        initargs=(configs, hashing),
    )
    try:
        waiting = iter(chunks)
        ahead = deque(
            pool.submit(_lint_chunk, chunk) for chunk in islice(waiting, jobs * CHUNKS_PER_WORKER)
        )
        while ahead:
            outcomes = ahead.popleft().result()
            ahead.extend(pool.submit(_lint_chunk, chunk) for chunk in islice(waiting, 1))
            for task, outcome in zip(chunks[done], outcomes, strict=True):
                yield task, _unpacked(task.path, outcome)
            done += 1
    except BrokenProcessPool:
        crashed = True
    finally:
        # also when the caller stops early; the pool's thread is gone before a new fork
        pool.shutdown(cancel_futures=True)
    if crashed:
        # a worker died (a crash in a C extension, or killed): find the file that does it
        for chunk in chunks[done:]:
            for task in chunk:
                yield task, _unpacked(task.path, _run_isolated(task, configs, hashing))


def _load_once_for_all_workers() -> None:
    """Import the rules (and plugins) and the YAML parser before forking, so that each
    worker does not do it again (with ``spawn`` the workers still load their own)."""
    from . import parse, rules

    rules.all_rules()
    parse.parser_backend()


def _unpacked(path: str, outcome: PackedOutcome) -> Outcome:
    stat, digest, packed, dependencies, lines = outcome
    diagnostics = None if packed is None else unpack(path, packed)
    return stat, digest, diagnostics, dependencies, None if lines is None else SourceLines(lines)


def _run_isolated(task: _Task, configs: Sequence[Config], hashing: bool) -> PackedOutcome:
    """One file in a process of its own; a crash becomes an SL000 diagnostic."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(
            1, mp_context=_pool_context(), initializer=_start_worker, initargs=(configs, hashing)
        ) as pool:
            return pool.submit(_lint_chunk, [task]).result()[0]
    except BrokenProcessPool:
        return _crashed(task)


def _run_forked(plan: _Plan, tasks: list[_Task]) -> Generator[tuple[_Task, Outcome], None, None]:
    """Lint ``tasks`` in a forked child (see :mod:`seedlint.isolation`); the child makes
    the plan's worker (loading the parser, the rules, the schema)."""

    def lint(task: _Task) -> PackedOutcome | tuple[str, str]:
        try:
            worker = plan.worker
            worker.schema(task.schema, plan.configs[task.config].engine)
            return worker.lint_chunk([task])[0]
        except SCHEMA_ERRORS as error:  # sent to the parent, which raises it
            return "schema-error", str(error)

    for task, packed in isolation.run_forked(tasks, lint, _crashed):
        if packed[0] == "schema-error":
            raise SchemaError(packed[1])
        yield task, _unpacked(task.path, packed)


def _crashed(task: _Task, why: str = isolation.CRASH) -> PackedOutcome:
    """The outcome of a file whose worker process died (a crash in native code), with
    the lines it points at read here."""
    crashed = [file_diagnostic(task.path, "SL000", why)]
    source = source_of_unlinted(task.path, crashed)
    return None, None, pack(crashed), None, None if source is None else dict(source.lines)


def lint_files(
    files: Sequence[str],
    settings: Settings | Config,
    jobs: int | None = None,
    cache_dir: str | None = None,
) -> list[LintResult]:
    """Lint ``files`` and return one result per file, in the order given.

    ``jobs`` worker processes lint in parallel (``None``: one per CPU; 1, or a small run,
    stays in this process); the output is the same whatever the number. ``cache_dir``
    enables the result cache there (see :mod:`seedlint.cache`). The results carry the
    source lines their diagnostics touch but no parsed document (see :func:`lint_one`
    for that). :func:`iter_lint_files` gives the results one at a time instead.
    """
    results: list[LintResult] = [*iter_lint_files(files, settings, jobs, cache_dir)]
    return results


def iter_lint_files(
    files: Sequence[str],
    settings: Settings | Config,
    jobs: int | None = None,
    cache_dir: str | None = None,
) -> Iterator[LintResult]:
    """:func:`lint_files` one result at a time, in the order given, each as soon as it
    and the ones before it are done: a caller that handles each result as it comes
    keeps the memory of a run flat, however many files it has.

    Each file's configuration, schema and cache entry are looked up before this returns,
    so a configuration or schema error is raised here, not while iterating. The cache
    is written as the last result is handed out.
    """
    if isinstance(settings, Config):
        settings = Settings(settings)
    cache = ResultCache(cache_dir, freeze=_own_process) if cache_dir is not None else None
    plan = _Plan(settings, cache)
    steps = plan.steps(files)
    tasks = [task for task in steps if task.cached is None]
    outcomes = _outcomes(plan, tasks, default_jobs() if jobs is None else max(jobs, 1))
    return _in_order(plan, steps, outcomes)


def _outcomes(
    plan: _Plan, tasks: list[_Task], jobs: int
) -> Generator[tuple[_Task, Outcome], None, None]:
    """The outcome of each task, in order: in this process, in one forked child, or in a
    pool of workers. A schema that cannot be used raises here."""
    if jobs == 1 or not tasks or (len(tasks) < MIN_FILES_FOR_POOL and not isolation.can_fork()):
        plan.compile_schemas(tasks)
        return ((task, plan.worker.lint(task)) for task in tasks)
    if len(tasks) < MIN_FILES_FOR_POOL:
        # in one forked child, forked before the parser, the rules and the schema engine
        # are loaded: the child loads them (the parent never needs them), and the pages it
        # copies on write stay few. The first outcome is awaited here, so that a schema
        # that cannot be compiled raises here as in the other cases
        forked = _run_forked(plan, tasks)
        first = next(forked)
        return _prepended(first, forked)
    plan.compile_schemas(tasks)
    return _run_pool(tasks, plan.configs, plan.cache is not None, jobs)


_T = TypeVar("_T")


def _prepended(first: _T, rest: Generator[_T, None, None]) -> Generator[_T, None, None]:
    yield first
    yield from rest


def _in_order(
    plan: _Plan, steps: list[_Task], outcomes: Generator[tuple[_Task, Outcome], None, None]
) -> Iterator[LintResult]:
    for number, task in enumerate(steps, 1):
        if task.cached is None:
            linted, outcome = next(outcomes)
            assert linted is task, "outcomes come in the order of the tasks"
            result = plan.finish(task, *outcome)
        else:
            result = plan.restore(task, task.cached)
        if number == len(steps):  # now: a caller may stop asking once it has every result
            outcomes.close()  # the workers exit
            if plan.cache is not None:
                plan.cache.save()
        yield result


class _Plan:
    """The parent's side of a run: each file's config, schema and cache context."""

    def __init__(self, settings: Settings, cache: ResultCache | None) -> None:
        self.settings = settings
        self.cache = cache
        self.configs: list[Config] = []
        self._config_index: dict[int, int] = {}
        self._by_folder: dict[str, tuple[int, str | None]] = {}  # see _config
        self._contexts: dict[tuple[int, str], str] = {}  # (config, schema) -> cache context
        self._worker: _Worker | None = None

    @property
    def worker(self) -> _Worker:
        """Lints in this process: a small run, or a file whose cache entry is corrupt."""
        if self._worker is None:
            self._worker = _Worker(self.configs, self.cache is not None)
        return self._worker

    def _config(self, path: str) -> tuple[int, str | None]:
        """The index of a file's config, which depends on its folder only, and its schema
        when that does not depend on the file's name either."""
        folder = split_path(path)[0]
        found = self._by_folder.get(folder)
        if found is None:
            config = self.settings.config_for(path)
            if id(config) not in self._config_index:
                self._config_index[id(config)] = len(self.configs)
                self.configs.append(config)
            schema = None if config.schema_depends_on_name(path) else resolve_schema(config, path)
            found = self._by_folder[folder] = (self._config_index[id(config)], schema)
        return found

    def steps(self, paths: Sequence[str]) -> list[_Task]:
        """The task of each file (see :meth:`step`); consecutive files of a folder share
        its cache lookup (see ``ResultCache.folder_lookup``)."""
        if self.cache is None:
            return [self.step(path) for path in paths]
        tasks = []
        lookup = None
        folder_of_lookup = None
        config_index, schema = 0, ""
        for path in paths:
            folder, name = split_path(path)
            if folder != folder_of_lookup:
                folder_of_lookup = folder
                config_index, folder_schema = self._config(path)
                lookup = None
                if folder_schema is not None:
                    schema = folder_schema
                    lookup = self.cache.folder_lookup(self._context(config_index, schema), folder)
            if lookup is None or name in ("", ".", ".."):  # a schema per file name, or no file
                tasks.append(self.step(path))
                continue
            cached, known_hash = lookup(path, name)
            tasks.append(_Task(path, config_index, schema, known_hash, cached))
        return tasks

    def step(self, path: str) -> _Task:
        """The task for one file, with its cached result when it is unchanged."""
        config_index, name = self._config(path)
        if name is None:
            name = resolve_schema(self.configs[config_index], path)
        if self.cache is None:
            return _Task(path, config_index, name, None, None)
        context = self._context(config_index, name)
        cached, known_hash = self.cache.lookup(context, path)
        return _Task(path, config_index, name, known_hash, cached)

    def _context(self, config_index: int, schema_name: str) -> str:
        key = (config_index, schema_name)
        if key not in self._contexts:
            assert self.cache is not None
            self._contexts[key] = self.cache.context(
                self.configs[config_index], schema_digest(schema_name)
            )
        return self._contexts[key]

    def compile_schemas(self, tasks: Iterable[_Task]) -> None:
        """Compile the schemas of the files to lint (not those served from the cache): a
        bad one stops the run here, and forked workers inherit them compiled."""
        for name, config_index in {(task.schema, task.config) for task in tasks}:
            config = self.configs[config_index]
            self.worker.schema(name, config.engine, config.formats)

    def restore(self, task: _Task, cached: Cached) -> LintResult:
        """A cached result; a corrupt one is linted again here."""
        if cached.diagnostics == []:  # a clean file (most of them)
            return LintResult(task.path, [])
        try:
            diagnostics, source = restore(task.path, cached)
        except ValueError:
            return self.finish(task, *self.worker.lint(task))
        return LintResult(task.path, diagnostics, source=source)

    def finish(
        self,
        task: _Task,
        stat: FileStat | None,
        digest: str | None,
        found: list[Diagnostic] | None,
        dependencies: list[Dependency] | None,
        source: SourceLines | None,
    ) -> LintResult:
        """A worker's outcome -> the file's result, stored in the cache."""
        path = task.path
        if self.cache is None:
            return LintResult(path, found or [], source=source)
        context = self._context(task.config, task.schema)
        if found is None:  # the same content as the cached result
            confirmed = self.cache.confirm(context, path, stat)
            if confirmed is not None:
                return LintResult(path, confirmed.diagnostics, source=confirmed.source)
            # a corrupt entry: lint the file again, whatever its hash
            return self.finish(task, *self.worker.lint(task._replace(known_hash=None)))
        if digest is not None and dependencies is not None:
            self.cache.store(context, path, stat, digest, pack(found), dependencies, source)
        return LintResult(path, found, source=source)
