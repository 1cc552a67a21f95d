"""The lint worker: one process that lints buffers for the server.

Linting runs outside the server's process so that no buffer can block or kill it: the
event loop only waits (in a thread) for the worker's answer. seedlint's limits bound
every lint (an alias bomb or a 10 MB buffer is reported within a second); a worker that
overruns ``timeout`` anyway, or dies, is replaced and the request gets an answer saying
so. One request at a time: answers come back in order.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Failed:
    """The worker gave no answer: it overran the timeout or died."""

    reason: str


def _serve(connection: Connection) -> None:
    """The worker's loop: (function name, arguments) in, its result out."""
    from . import linting

    functions: dict[str, Callable[..., Any]] = {
        "lint": linting.lint_buffer,
        "actions": linting.actions,
    }
    while True:
        try:
            name, arguments = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer: Any = functions[name](*arguments)
        except Exception as error:  # noqa: BLE001 - an answer, never a dead worker
            answer = Failed(f"internal error: {type(error).__name__}: {error}")
        connection.send(answer)


class LintWorker:
    """Calls into the worker process, starting it when needed."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._closed = False

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection:
            return self._connection
        self._stop()
        # spawn: the server runs threads, which fork does not copy safely
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child,), daemon=True, name="seedlint-lint")
        process.start()
        child.close()
        self._process, self._connection = process, parent
        return parent

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
        self._process = self._connection = None

    def call(self, name: str, *arguments: Any) -> Any:
        """Run ``name`` in the worker (blocking; call it from a thread)."""
        with self._lock:
            if self._closed:
                return Failed("the server is shutting down")
            connection = self._start()
            try:
                connection.send((name, arguments))
                if connection.poll(self.timeout):
                    return connection.recv()
                reason = f"seedlint gave up after {self.timeout:g} s"
            except (EOFError, OSError) as error:
                reason = f"seedlint's lint process stopped ({type(error).__name__})"
            self._stop()  # a fresh worker for the next request
            return Failed(reason)

    def warm_up(self) -> None:
        """Start the worker and load the linter, ahead of the first buffer."""
        self.call("lint", "", "")

    def close(self) -> None:
        """Stop the worker now, even in the middle of a request (which then fails)."""
        self._closed = True
        process = self._process
        if process is not None and process.is_alive():
            process.kill()  # a request waiting for it gets its answer: the worker stopped
        with self._lock:
            self._stop()
