"""Many files: discovery, reading, and linting them, cached and in parallel."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from stat import S_ISREG
from typing import TYPE_CHECKING

from .cache import (
    Dependency,
    FileStat,
    Packed,
    ResultCache,
    content_hash,
    dependency_stats,
    pack,
    trusted_stat,
    unpack,
)
from .config import Config, Settings, glob_match
from .diagnostics import Diagnostic
from .frontmatter import file_diagnostic
from .linter import LintResult, lint_bytes, resolve_schema
from .schema import CompiledSchema, load_schema

if TYPE_CHECKING:  # multiprocessing is imported only when a pool starts (~30 ms)
    from multiprocessing.context import BaseContext


@dataclass
class Discovery:
    """The files to lint, in a deterministic order, and the paths that could not be used."""

    files: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def _included(path: str, config: Config, explicit: bool) -> bool:
    relative = config.relative(path)
    if any(glob_match(relative, pattern) for pattern in config.exclude):
        return False
    return explicit or any(glob_match(relative, pattern) for pattern in config.include)


def discover(paths: Iterable[str], config: Config | Settings) -> Discovery:
    """Expand directories (hidden folders skipped, symlinked folders not followed) into files.

    A file named explicitly is always linted unless excluded; files found in a directory
    must match ``include``. With :class:`Settings`, each file's ``include`` and ``exclude``
    come from its own configuration (the nearest one upward).
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
            for file in _walk(path, found):
                if _included(file, config_for(file), explicit=False):
                    add(file)
        elif os.path.lexists(path):
            if _included(path, config_for(path), explicit=True):
                add(path)
        else:
            found.problems.append(file_diagnostic(
                path, "SL012", "no such file or directory"))
    return found


def _walk(top: str, found: Discovery) -> Iterator[str]:
    def on_error(error: OSError) -> None:
        found.problems.append(file_diagnostic(
            error.filename or top, "SL012",
            f"cannot read the directory: {error.strerror or error}"))

    for folder, dirs, files in os.walk(top, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(folder, name)


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFO that blocks open()
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows only


def _read(path: str) -> tuple[bytes, os.stat_result] | Diagnostic:
    """A file's bytes and its stat data taken before reading (so a write racing the read
    shows up as a changed stat next time), or the diagnostic saying why it cannot be read."""
    try:
        if os.path.isdir(path):
            return file_diagnostic(path, "SL012", "is a directory, not a file")
        # non-blocking: opening a FIFO that nobody writes to must not hang the run
        descriptor = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
        with open(descriptor, "rb") as handle:
            stat = os.fstat(handle.fileno())
            if not S_ISREG(stat.st_mode):  # a FIFO, a socket or a device: maybe endless
                return file_diagnostic(path, "SL012", "cannot read the file: it is not a "
                                                      "regular file (a FIFO, socket or device)")
            return handle.read(), stat
    except FileNotFoundError:
        reason = "a broken symbolic link" if os.path.islink(path) else \
            "the file disappeared while linting"
        return file_diagnostic(path, "SL012", f"cannot read the file: {reason}")
    except OSError as error:
        return file_diagnostic(path, "SL012", f"cannot read the file: {error.strerror or error}")


def read(path: str) -> bytes | Diagnostic:
    """A file's bytes, or the diagnostic saying why it cannot be read."""
    found = _read(path)
    return found if isinstance(found, Diagnostic) else found[0]


def lint_one(path: str, config: Config, schema: CompiledSchema | None = None) -> LintResult:
    """Lint one file in this process, keeping its parsed document (for fixes and excerpts)."""
    data = read(path)
    if isinstance(data, Diagnostic):
        return LintResult(path, [data])
    return lint_bytes(data, path, config, schema)


# --- many files: cache, in-process or a pool of workers ------------------------------

# Fewer files than this (after cache hits) are linted in-process: starting workers costs
# more than it saves (measured on 2 CPUs, news records: 16 files take 125 ms in-process
# and 200 ms with 2 workers; 32 files 310 ms and 265 ms).
MIN_FILES_FOR_POOL = 24
# Files per task sent to a worker: big enough to make the per-task cost (pickling, a
# queue round trip) negligible, small enough to balance the load at the end of a run.
MAX_CHUNK = 64
CHUNKS_PER_WORKER = 4


@dataclass(frozen=True)
class _Task:
    """One file to lint: where it is in the output, and what the cache knows of it."""

    index: int
    path: str
    config: int  # index into the run's table of configs
    schema: str  # the schema name or path (resolved against the config)
    known_hash: str | None  # the content hash of the cached result, if any


# The answer for one file: the stat data to cache (None: do not trust it), the content
# hash (None when not caching), the diagnostics (None: the content matched
# ``known_hash``, the cached result stands; workers send them packed), and the other
# files the result depends on (None: not cacheable).
Outcome = tuple["FileStat | None", "str | None", "list[Diagnostic] | None",
                "list[Dependency] | None"]
PackedOutcome = tuple["FileStat | None", "str | None", "list[Packed] | None",
                      "list[Dependency] | None"]


class _Worker:
    """What one process needs to lint tasks: the configs, schemas compiled once, a flag."""

    def __init__(self, configs: Sequence[Config], hashing: bool) -> None:
        self.configs = configs
        self.hashing = hashing
        self.schemas: dict[tuple[str, str], CompiledSchema] = {}

    def schema(self, name: str, engine: str) -> CompiledSchema:
        key = (name, engine)
        if key not in self.schemas:
            self.schemas[key] = load_schema(name, engine)
        return self.schemas[key]

    def lint(self, task: _Task) -> Outcome:
        path = task.path
        read_at = time.time_ns()
        found = _read(path)
        if isinstance(found, Diagnostic):
            return None, None, [found], None
        data, stat = found
        digest = content_hash(data) if self.hashing else None
        trusted = trusted_stat(stat, read_at) if self.hashing else None
        if digest is not None and digest == task.known_hash:
            return trusted, digest, None, []
        config = self.configs[task.config]
        try:
            result = lint_bytes(data, path, config, self.schema(task.schema, config.engine))
            dependencies: list[Dependency] | None = []
            if self.hashing and result.dependencies:
                dependencies = dependency_stats(result.dependencies, read_at)
        except Exception as error:  # noqa: BLE001 - one file must not stop the run
            return None, None, [internal_error(path, error)], None
        return trusted, digest, result.diagnostics, dependencies

    def lint_chunk(self, tasks: list[_Task]) -> list[PackedOutcome]:
        outcomes: list[PackedOutcome] = []
        for task in tasks:
            stat, digest, diagnostics, dependencies = self.lint(task)
            outcomes.append((stat, digest, None if diagnostics is None else pack(diagnostics),
                             dependencies))
        return outcomes


def internal_error(path: str, error: BaseException) -> Diagnostic:
    """SL000 for a failure inside seedlint, so one bad file never stops a run."""
    return file_diagnostic(path, "SL000", f"internal error while linting this file: "
                                          f"{type(error).__name__}: {error}; please report it")


_worker: _Worker | None = None


def _start_worker(configs: Sequence[Config], hashing: bool) -> None:
    import signal

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # What the worker inherited lives as long as it does: out of the collector's sight,
    # full collections stay cheap and do not copy the parent's pages
    gc.freeze()
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
        return multiprocessing.get_context("fork" if threading.active_count() == 1
                                           else "forkserver")
    return multiprocessing.get_context("spawn")


def _run_pool(tasks: list[_Task], configs: Sequence[Config], hashing: bool,
              jobs: int) -> Iterator[tuple[_Task, Outcome]]:
    """Lint ``tasks`` in worker processes, yielding outcomes in task order."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(MAX_CHUNK, -(-len(tasks) // (jobs * CHUNKS_PER_WORKER))))
    chunks = [tasks[start : start + size] for start in range(0, len(tasks), size)]
    _load_once_for_all_workers()
    done = 0
    try:
        with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=_pool_context(),
                                 initializer=_start_worker, initargs=(configs, hashing)) as pool:
            for chunk, outcomes in zip(chunks, pool.map(_lint_chunk, chunks), strict=True):
                for task, outcome in zip(chunk, outcomes, strict=True):
                    yield task, _unpacked(task.path, outcome)
                done += 1
    except BrokenProcessPool:
        # a worker died (a crash in a C extension, or killed): find the file that does it
        for chunk in chunks[done:]:
            for task in chunk:
                yield task, _unpacked(task.path, _run_isolated(task, configs, hashing))


def _load_once_for_all_workers() -> None:
    """Import the rules (and plugins) and the YAML parser before forking, so that each
    worker does not do it again (with ``spawn`` the workers still load their own)."""
    from . import rules, source

    rules.all_rules()
    source.parser_backend()


def _unpacked(path: str, outcome: PackedOutcome) -> Outcome:
    stat, digest, packed, dependencies = outcome
    return stat, digest, None if packed is None else unpack(path, packed), dependencies


def _run_isolated(task: _Task, configs: Sequence[Config], hashing: bool) -> PackedOutcome:
    """One file in a process of its own; a crash becomes an SL000 diagnostic."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(1, mp_context=_pool_context(), initializer=_start_worker,
                                 initargs=(configs, hashing)) as pool:
            return pool.submit(_lint_chunk, [task]).result()[0]
    except BrokenProcessPool:
        return None, None, pack([file_diagnostic(
            task.path, "SL000", "seedlint's worker process crashed while linting this file; "
                                "please report it with the file")]), None


def lint_files(
    files: Sequence[str], settings: Settings | Config, jobs: int | None = None,
    cache_dir: str | None = None,
) -> list[LintResult]:
    """Lint ``files`` and return one result per file, in the order given.

    ``jobs`` worker processes lint in parallel (``None``: one per CPU; 1, or a small run,
    stays in this process); the output is the same whatever the number. ``cache_dir``
    enables the result cache there (see :mod:`seedlint.cache`). The results carry no
    parsed document (see :func:`lint_one` for that).
    """
    if isinstance(settings, Config):
        settings = Settings(settings)
    plan = _Plan(settings, ResultCache(cache_dir) if cache_dir is not None else None)
    results: list[LintResult | None] = [None] * len(files)
    tasks: list[_Task] = []
    for index, path in enumerate(files):
        task, cached = plan.task(index, path)
        if cached is not None:
            results[index] = LintResult(path, cached)
        else:
            tasks.append(task)
    jobs = default_jobs() if jobs is None else max(jobs, 1)
    hashing = plan.cache is not None
    outcomes: Iterable[tuple[_Task, Outcome]]
    if jobs == 1 or len(tasks) < MIN_FILES_FOR_POOL:
        worker = _Worker(plan.configs, hashing)
        outcomes = ((task, worker.lint(task)) for task in tasks)
    else:
        outcomes = _run_pool(tasks, plan.configs, hashing, jobs)
    for task, outcome in outcomes:
        results[task.index] = LintResult(task.path, plan.finish(task, *outcome))
    if plan.cache is not None:
        plan.cache.save()
    return results  # type: ignore[return-value] # every slot is filled above


class _Plan:
    """The parent's side of a run: each file's config, schema and cache context."""

    def __init__(self, settings: Settings, cache: ResultCache | None) -> None:
        self.settings = settings
        self.cache = cache
        self.configs: list[Config] = []
        self._config_index: dict[int, int] = {}
        self._schemas: dict[tuple[str, str], CompiledSchema] = {}
        self._contexts: dict[int, str] = {}  # task index -> cache context

    def task(self, index: int, path: str) -> tuple[_Task, list[Diagnostic] | None]:
        """The task for one file, or the cached diagnostics when it is unchanged."""
        config = self.settings.config_for(path)
        if id(config) not in self._config_index:
            self._config_index[id(config)] = len(self.configs)
            self.configs.append(config)
        name = resolve_schema(config, path)
        known_hash = None
        if self.cache is not None:
            key = (name, config.engine)
            if key not in self._schemas:
                self._schemas[key] = load_schema(name, config.engine)
            context = self.cache.context(config, self._schemas[key])
            self._contexts[index] = context
            cached, known_hash = self.cache.lookup(context, path)
            if cached is not None:
                return _Task(index, path, -1, name, None), cached
        return _Task(index, path, self._config_index[id(config)], name, known_hash), None

    def finish(self, task: _Task, stat: FileStat | None, digest: str | None,
               found: list[Diagnostic] | None,
               dependencies: list[Dependency] | None) -> list[Diagnostic]:
        """A worker's outcome -> the file's diagnostics, stored in the cache."""
        path = task.path
        if self.cache is None:
            return found or []
        context = self._contexts[task.index]
        if found is None:  # the same content as the cached result
            found = self.cache.confirm(context, path, stat)
            if found is not None:
                return found
            found = lint_one(path, self.configs[task.config]).diagnostics  # corrupt entry
        if digest is not None and dependencies is not None:
            self.cache.store(context, path, stat, digest, pack(found), dependencies)
        return found
