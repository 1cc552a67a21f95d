"""What a worker process does: lint tasks and send back outcomes, packed for the trip."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..cache import (
    Dependency,
    FileStat,
    Packed,
    content_hash,
    dependency_stats,
    pack,
    trusted_stat,
    unpack,
)
from ..config import Config
from ..diagnostics import Diagnostic, SourceLines
from ..snippets import source_lines_of_bytes
from .reading import SCHEMA_ERRORS, internal_error, read_with_stat, source_of_unlinted
from .tuning import settle_worker_process

if TYPE_CHECKING:
    from ..schema import CompiledSchema
    from .plan import Task


class Outcome(NamedTuple):
    """The answer for one file."""

    stat: FileStat | None  # the stat data to cache; None: do not trust it
    digest: str | None  # the content hash; None when not caching
    diagnostics: list[Diagnostic] | None  # None: the content matched known_hash
    dependencies: list[Dependency] | None  # other files the result depends on; None: not cacheable
    source: SourceLines | None  # the source lines the diagnostics touch; None: not text


class PackedOutcome(NamedTuple):
    """An :class:`Outcome` as a worker sends it: diagnostics packed, lines as a dict."""

    stat: FileStat | None
    digest: str | None
    diagnostics: list[Packed] | None
    dependencies: list[Dependency] | None
    lines: dict[int, str] | None

    @classmethod
    def of(cls, outcome: Outcome) -> PackedOutcome:
        diagnostics, source = outcome.diagnostics, outcome.source
        return cls(
            outcome.stat,
            outcome.digest,
            None if diagnostics is None else pack(diagnostics),
            outcome.dependencies,
            None if source is None else dict(source.lines),
        )

    def unpacked(self, path: str) -> Outcome:
        diagnostics = None if self.diagnostics is None else unpack(path, self.diagnostics)
        source = None if self.lines is None else SourceLines(self.lines)
        return Outcome(self.stat, self.digest, diagnostics, self.dependencies, source)


class Worker:
    """What one process needs to lint tasks: the configs, schemas compiled once, a flag."""

    def __init__(
        self,
        configs: Sequence[Config],
        hashing: bool,
        schema: CompiledSchema | None = None,
    ) -> None:
        # the parser, schema engine and rules load with the first worker: a run whose
        # results all come from the cache never needs them
        from ..linter import lint_bytes

        self.configs = configs
        self.hashing = hashing
        self.fixed_schema = schema  # a library caller's compiled schema, for every file
        self.schemas: dict[tuple[str, str, str], CompiledSchema] = {}
        self.lint_bytes = lint_bytes

    def schema(self, name: str, engine: str, formats: str = "assert") -> CompiledSchema:
        if self.fixed_schema is not None:
            return self.fixed_schema
        from ..schema import load_schema

        key = (name, engine, formats)
        if key not in self.schemas:
            self.schemas[key] = load_schema(name, engine, formats)
        return self.schemas[key]

    def lint(self, task: Task) -> Outcome:
        path = task.path
        read_at = time.time_ns()
        config = self.configs[task.config]
        found = read_with_stat(path, config.limits.max_file_size)
        if isinstance(found, Diagnostic):
            return Outcome(None, None, [found], None, source_of_unlinted(path, [found]))
        data, stat = found
        digest = content_hash(data) if self.hashing else None
        trusted = trusted_stat(stat, read_at) if self.hashing else None
        if digest is not None and digest == task.known_hash:
            return Outcome(trusted, digest, None, [], None)
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
            return Outcome(None, None, failed, None, source_lines_of_bytes(data, failed))
        return Outcome(trusted, digest, result.diagnostics, dependencies, result.source)

    def lint_chunk(self, tasks: list[Task]) -> list[PackedOutcome]:
        return [PackedOutcome.of(self.lint(task)) for task in tasks]


class _Process:
    worker: Worker | None = None  # this process's worker, in a pool's process


def start_worker(configs: Sequence[Config], hashing: bool) -> None:
    """A pool process's initializer."""
    settle_worker_process()
    _Process.worker = Worker(configs, hashing)


def lint_chunk(tasks: list[Task]) -> list[PackedOutcome]:
    """A pool process's task: lint a chunk with this process's worker."""
    assert _Process.worker is not None, "the worker was not started"
    return _Process.worker.lint_chunk(tasks)
