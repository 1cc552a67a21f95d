"""A pool of worker processes: chunks handed out a few at a time, outcomes in task order,
and a crash in one file found and reported without losing the others."""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Generator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from .. import isolation
from ..cache import pack
from ..config import Config
from ..diagnostics import file_diagnostic
from .reading import source_of_unlinted
from .worker import Outcome, PackedOutcome, lint_chunk, start_worker

if TYPE_CHECKING:  # multiprocessing is imported only when a pool starts (~30 ms)
    from multiprocessing.context import BaseContext

    from .plan import Task

# Files per task sent to a worker: big enough to make the per-task cost (pickling, a
# queue round trip) negligible, small enough to balance the load at the end of a run.
MAX_CHUNK = 64
CHUNKS_PER_WORKER = 4


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pool_context() -> BaseContext:
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


def run_pool(
    tasks: list[Task], configs: Sequence[Config], hashing: bool, jobs: int
) -> Generator[tuple[Task, Outcome], None, None]:
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
        mp_context=pool_context(),
        initializer=start_worker,
        initargs=(configs, hashing),
    )
    try:
        waiting = iter(chunks)
        ahead = deque(
            pool.submit(lint_chunk, chunk) for chunk in islice(waiting, jobs * CHUNKS_PER_WORKER)
        )
        while ahead:
            outcomes = ahead.popleft().result()
            ahead.extend(pool.submit(lint_chunk, chunk) for chunk in islice(waiting, 1))
            for task, outcome in zip(chunks[done], outcomes, strict=True):
                yield task, outcome.unpacked(task.path)
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
                yield task, run_isolated(task, configs, hashing).unpacked(task.path)


def _load_once_for_all_workers() -> None:
    """Import the rules (and plugins) and the YAML parser before forking, so that each
    worker does not do it again (with ``spawn`` the workers still load their own)."""
    from .. import parse, rules

    rules.all_rules()
    parse.parser_backend()


def run_isolated(task: Task, configs: Sequence[Config], hashing: bool) -> PackedOutcome:
    """One file in a process of its own; a crash becomes an SL000 diagnostic."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(
            1, mp_context=pool_context(), initializer=start_worker, initargs=(configs, hashing)
        ) as pool:
            return pool.submit(lint_chunk, [task]).result()[0]
    except BrokenProcessPool:
        return crashed(task)


def crashed(task: Task, why: str = isolation.CRASH) -> PackedOutcome:
    """The outcome of a file whose worker process died (a crash in native code), with
    the lines it points at read here."""
    found = [file_diagnostic(task.path, "SL000", why)]
    source = source_of_unlinted(task.path, found)
    return PackedOutcome(
        None, None, pack(found), None, None if source is None else dict(source.lines)
    )
