"""A run over many files: each file's config, schema and cache entry looked up in the
parent, the files not served from the cache linted in this process, in one forked child
or in a pool, and the results handed out in the order given."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ..cache import Cached, ResultCache, pack, restore, split_path
from ..config import Config, Settings, resolve_schema
from ..diagnostics import LintResult
from ..schemafile import SchemaError, schema_digest
from .tuning import own_process

if TYPE_CHECKING:
    from ..schema import CompiledSchema
    from .worker import Outcome, Worker

# The worker and the pool (and isolation's fork) are imported where a file is linted: a
# run whose results all come from the cache never needs them.


class Task(NamedTuple):
    """One file to lint, and what the cache knows of it (a tuple: a run holds one per
    file)."""

    path: str
    config: int  # index into the run's table of configs
    schema: str  # the schema name or path (resolved against the config)
    known_hash: str | None  # the content hash of the cached result, if any
    cached: Cached | None  # the cached result, when the file is known unchanged


# Fewer files than this (after cache hits) are linted in-process: starting workers costs
# more than it saves (measured on 2 CPUs, news records: 16 files take 125 ms in-process
# and 200 ms with 2 workers; 32 files 310 ms and 265 ms).
MIN_FILES_FOR_POOL = 24


def lint_files(
    files: Sequence[str],
    settings: Settings | Config,
    jobs: int | None = None,
    cache_dir: str | None = None,
    schema: CompiledSchema | None = None,
) -> list[LintResult]:
    """Lint ``files`` and return one result per file, in the order given.

    ``jobs`` worker processes lint in parallel (``None``: one per CPU; 1, or a small run,
    stays in this process); the output is the same whatever the number. ``cache_dir``
    enables the result cache there (see :mod:`seedlint.cache`). The results carry the
    source lines their diagnostics touch but no parsed document (see :func:`lint_one`
    for that). :func:`iter_lint_files` gives the results one at a time instead.
    """
    results: list[LintResult] = [*iter_lint_files(files, settings, jobs, cache_dir, schema)]
    return results


def iter_lint_files(
    files: Sequence[str],
    settings: Settings | Config,
    jobs: int | None = None,
    cache_dir: str | None = None,
    schema: CompiledSchema | None = None,
) -> Iterator[LintResult]:
    """:func:`lint_files` one result at a time, in the order given, each as soon as it
    and the ones before it are done: a caller that handles each result as it comes
    keeps the memory of a run flat, however many files it has.

    Each file's configuration, schema and cache entry are looked up before this returns,
    so a configuration or schema error is raised here, not while iterating. The cache
    is written as the last result is handed out. ``schema``, a compiled schema, is used
    for every file in place of their own (in this process only: ``jobs`` is then 1).
    """
    if isinstance(settings, Config):
        settings = Settings(settings)
    cache = ResultCache(cache_dir, freeze=own_process()) if cache_dir is not None else None
    plan = Plan(settings, cache, schema)
    steps = plan.steps(files)
    tasks = [task for task in steps if task.cached is None]
    if schema is not None:
        jobs = 1
    outcomes = _outcomes(plan, tasks, jobs)
    return _in_order(plan, steps, outcomes)


def _outcomes(
    plan: Plan, tasks: list[Task], jobs: int | None
) -> Generator[tuple[Task, Outcome], None, None]:
    """The outcome of each task, in order: in this process, in one forked child, or in a
    pool of workers (``jobs``; ``None``: one per CPU). A schema that cannot be used
    raises here."""
    if not tasks:
        return (_ for _ in ())
    from .. import isolation
    from .pool import default_jobs, run_pool

    jobs = default_jobs() if jobs is None else max(jobs, 1)
    if jobs == 1 or (len(tasks) < MIN_FILES_FOR_POOL and not isolation.can_fork()):
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
    return run_pool(tasks, plan.configs, plan.cache is not None, jobs)


def _run_forked(plan: Plan, tasks: list[Task]) -> Generator[tuple[Task, Outcome], None, None]:
    """Lint ``tasks`` in a forked child (see :mod:`seedlint.isolation`); the child makes
    the plan's worker (loading the parser, the rules, the schema)."""
    from .. import isolation
    from .pool import crashed
    from .reading import SCHEMA_ERRORS
    from .worker import PackedOutcome

    def lint(task: Task) -> tuple[object, ...] | str:
        try:
            worker = plan.worker
            worker.schema(task.schema, plan.configs[task.config].engine)
            return tuple(worker.lint_chunk([task])[0])  # marshal sends plain tuples only
        except SCHEMA_ERRORS as error:  # sent to the parent, which raises it
            return str(error)  # the one answer that is a text

    for task, sent in isolation.run_forked(tasks, lint, crashed):
        if isinstance(sent, str):
            raise SchemaError(sent)
        yield task, PackedOutcome(*sent).unpacked(task.path)


_T = TypeVar("_T")


def _prepended(first: _T, rest: Generator[_T, None, None]) -> Generator[_T, None, None]:
    yield first
    yield from rest


def _in_order(
    plan: Plan, steps: list[Task], outcomes: Generator[tuple[Task, Outcome], None, None]
) -> Iterator[LintResult]:
    for number, task in enumerate(steps, 1):
        if task.cached is None:
            linted, outcome = next(outcomes)
            assert linted is task, "outcomes come in the order of the tasks"
            result = plan.finish(task, outcome)
        else:
            result = plan.restore(task, task.cached)
        if number == len(steps):  # now: a caller may stop asking once it has every result
            outcomes.close()  # the workers exit
            if plan.cache is not None:
                plan.cache.save()
        yield result


class Plan:
    """The parent's side of a run: each file's config, schema and cache context."""

    def __init__(
        self, settings: Settings, cache: ResultCache | None, schema: CompiledSchema | None = None
    ) -> None:
        self.settings = settings
        self.schema = schema
        self.cache = cache
        self.configs: list[Config] = []
        self._config_index: dict[int, int] = {}
        self._by_folder: dict[str, tuple[int, str | None]] = {}  # see _config
        self._contexts: dict[tuple[int, str], str] = {}  # (config, schema) -> cache context
        self._worker: Worker | None = None

    @property
    def worker(self) -> Worker:
        """Lints in this process: a small run, or a file whose cache entry is corrupt."""
        if self._worker is None:
            from .worker import Worker

            self._worker = Worker(self.configs, self.cache is not None, self.schema)
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

    def steps(self, paths: Sequence[str]) -> list[Task]:
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
            tasks.append(Task(path, config_index, schema, known_hash, cached))
        return tasks

    def step(self, path: str) -> Task:
        """The task for one file, with its cached result when it is unchanged."""
        config_index, name = self._config(path)
        if name is None:
            name = resolve_schema(self.configs[config_index], path)
        if self.cache is None:
            return Task(path, config_index, name, None, None)
        context = self._context(config_index, name)
        cached, known_hash = self.cache.lookup(context, path)
        return Task(path, config_index, name, known_hash, cached)

    def _context(self, config_index: int, schema_name: str) -> str:
        key = (config_index, schema_name)
        if key not in self._contexts:
            assert self.cache is not None
            self._contexts[key] = self.cache.context(
                self.configs[config_index], schema_digest(schema_name)
            )
        return self._contexts[key]

    def compile_schemas(self, tasks: Iterable[Task]) -> None:
        """Compile the schemas of the files to lint (not those served from the cache): a
        bad one stops the run here, and forked workers inherit them compiled."""
        for name, config_index in {(task.schema, task.config) for task in tasks}:
            config = self.configs[config_index]
            self.worker.schema(name, config.engine, config.formats)

    def restore(self, task: Task, cached: Cached) -> LintResult:
        """A cached result; a corrupt one is linted again here."""
        if cached.diagnostics == []:  # a clean file (most of them)
            return LintResult(task.path, [])
        try:
            diagnostics, source = restore(task.path, cached)
        except ValueError:
            return self.finish(task, self.worker.lint(task))
        return LintResult(task.path, diagnostics, source=source)

    def finish(self, task: Task, outcome: Outcome) -> LintResult:
        """A worker's outcome -> the file's result, stored in the cache."""
        path, found, source = task.path, outcome.diagnostics, outcome.source
        if self.cache is None:
            return LintResult(path, found or [], source=source)
        context = self._context(task.config, task.schema)
        if found is None:  # the same content as the cached result
            confirmed = self.cache.confirm(context, path, outcome.stat)
            if confirmed is not None:
                return LintResult(path, confirmed.diagnostics, source=confirmed.source)
            # a corrupt entry: lint the file again, whatever its hash
            return self.finish(task, self.worker.lint(task._replace(known_hash=None)))
        digest, dependencies = outcome.digest, outcome.dependencies
        if digest is not None and dependencies is not None:
            self.cache.store(context, path, outcome.stat, digest, pack(found), dependencies, source)
        return LintResult(path, found, source=source)
