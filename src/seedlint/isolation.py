"""Small runs in one forked child process: a crash in native code (the YAML parser, the
schema engine) is that file's SL000, and the run goes on with the other files.

A pool of workers costs too much for a few files (see ``seedlint.run.plan.MIN_FILES_FOR_POOL``),
but a bare ``fork`` does not. The child is forked before the parser, the rules and the
schema engine are loaded: it loads them itself (the parent never needs them, as in a run
served from the cache), so the pages it copies on write stay few. It lints the files and
sends each outcome back through a pipe as soon as it is done, in :mod:`marshal` format;
the parent knows which file the child was on when it died, reports it, and forks again
for the rest. Measured on this 2-CPU machine (``benchmarks/isolation.py``, 15 rounds):
one record 147 ms against 143 ms in-process (+3 to +5 ms), six records 161 ms against
158 ms. Forking after loading them cost +37 ms: the child then wrote to (and so copied)
most of the parent's pages.

Only where ``fork`` is safe: on Linux, in a process running no other thread (a fork
copies only the calling thread, and a lock held by another thread stays held forever in
the child). Elsewhere small runs stay in-process, as with ``--jobs 1``.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

_Task = TypeVar("_Task")
_SIZE = struct.Struct("<Q")


def can_fork() -> bool:
    """Whether this process may fork a child to lint in (see the module doc)."""
    import threading

    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


def run_forked(
    tasks: Sequence[_Task],
    lint: Callable[[_Task], Any],
    crashed: Callable[[_Task, str], Any],
) -> Generator[tuple[_Task, Any], None, None]:
    """``(task, lint(task))`` for each task, in order, computed in forked children;
    ``crashed(task, why)`` stands for the outcome of a task whose child died.

    ``lint`` must return plain values (see :mod:`marshal`) and never raise.
    """
    start = 0
    while start < len(tasks):
        done = 0
        for index, outcome in _one_child(tasks[start:], lint):
            yield tasks[start + index], outcome
            done = index + 1
        if start + done < len(tasks):  # the child died on the next task
            task = tasks[start + done]
            yield task, crashed(task, CRASH)
            done += 1
        start += done


CRASH = "seedlint's worker process crashed while linting this file; please report it with the file"


def _one_child(
    tasks: Sequence[_Task], lint: Callable[[_Task], Any]
) -> Generator[tuple[int, Any], None, None]:
    """The outcomes a child sends before it ends (all of them, unless it dies)."""
    reading, writing = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: lint, send, and leave without running the parent's cleanup
        import gc
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C, and ends it
        # a collection would touch (and so copy) every page the parent's objects are on
        gc.disable()
        os.close(reading)
        status = 0
        try:
            with os.fdopen(writing, "wb") as out:
                for index, task in enumerate(tasks):
                    data = marshal.dumps((index, lint(task)))
                    out.write(_SIZE.pack(len(data)) + data)
                    out.flush()
        except BaseException:  # noqa: BLE001 - the parent reports the task it stopped on
            status = 1
        os._exit(status)
    os.close(writing)
    ended = False
    try:
        with os.fdopen(reading, "rb") as source:
            while True:
                header = source.read(_SIZE.size)
                data = source.read(_SIZE.unpack(header)[0]) if len(header) == _SIZE.size else b""
                if not data:
                    ended = True  # the child is gone (done, or dead)
                    break
                yield marshal.loads(data)
    finally:
        _reap(pid, kill=not ended)


def _reap(pid: int, kill: bool) -> None:
    """Wait for the child; ``kill``: the parent stopped reading early, stop it first."""
    import signal

    try:
        if kill:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
