"""Fixing many files in worker processes. A result from the cache or from a worker keeps
no parsed document, so fixing its file starts with linting it again; for a run with many
such files, that work (and the lints of the fixed texts) is spread over processes as the
first lint was, instead of running file after file in this one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from .. import fixer
from ..config import Config
from ..diagnostics import LintResult
from ..fixer import FixOutcome
from .pool import pool_context
from .reading import lint_one
from .tuning import settle_worker_process

# Tasks handed to a worker at a time: a fix costs a few lints, so small chunks balance.
CHUNKS_PER_WORKER = 4


class FixTask(NamedTuple):
    """One file to fix from disk."""

    path: str
    config: int  # index into the run's table of configs
    unsafe: bool


class _Process:
    configs: Sequence[Config] = ()  # this worker's table of configs


def _start(configs: Sequence[Config]) -> None:
    settle_worker_process()
    _Process.configs = configs


def fix(result: LintResult, config: Config, unsafe: bool) -> FixOutcome | None:
    """The fix engine on a result that keeps its document; ``None`` when nothing in it
    can be fixed."""
    found = fixer.fixable_result(result, unsafe)
    return None if found is None else fixer.fix_result(found, config, unsafe=unsafe)


def fix_file(path: str, config: Config, unsafe: bool) -> FixOutcome | None:
    """Lint the file again (for its document) and fix it."""
    return fix(lint_one(path, config), config, unsafe)


def fix_from_disk(task: FixTask, configs: Sequence[Config] | None = None) -> FixOutcome | None:
    """:func:`fix_file` for a task; the outcome's result keeps no document (a worker sends
    it back to the parent)."""
    outcome = fix_file(task.path, (configs or _Process.configs)[task.config], task.unsafe)
    if outcome is not None:
        outcome.result = replace(outcome.result, document=None)
    return outcome


def fix_in_pool(
    tasks: list[FixTask], configs: Sequence[Config], jobs: int
) -> list[FixOutcome | None]:
    """:func:`fix_from_disk` for each task, in worker processes, in task order. A worker
    that dies (a crash in native code) leaves the rest to this process."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    workers = max(1, min(jobs, len(tasks)))
    chunk = max(1, len(tasks) // (workers * CHUNKS_PER_WORKER))
    done: list[FixOutcome | None] = []
    try:
        with ProcessPoolExecutor(
            workers, mp_context=pool_context(), initializer=_start, initargs=(configs,)
        ) as pool:
            for outcome in pool.map(fix_from_disk, tasks, chunksize=chunk):
                done.append(outcome)
    except BrokenProcessPool:
        done.extend(fix_from_disk(task, configs) for task in tasks[len(done) :])
    return done
