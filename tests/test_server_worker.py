"""The server's lint process: a worker that overruns its time or dies is replaced, and
the request gets an answer saying so; the next request is linted as usual."""

from __future__ import annotations

import os
import signal

import pytest

pytest.importorskip("pygls")

from seedlint.server.linting import Linted  # noqa: E402
from seedlint.server.worker import Failed, LintWorker  # noqa: E402

RECORD = "---\ntitle: x\n---\n"


def test_a_worker_that_overruns_is_replaced(tmp_path: object) -> None:
    worker = LintWorker(timeout=0.001)  # no lint (nor even the process's start) is that quick
    try:
        found = worker.call("lint", "x.md", RECORD)
        assert found == Failed("seedlint gave up after 0.001 s")
        worker.timeout = 60
        again = worker.call("lint", "x.md", RECORD)
        assert isinstance(again, Linted)
        assert "SL101" in [d.code for d in again.diagnostics]
    finally:
        worker.close()


def test_a_worker_that_dies_is_replaced() -> None:
    worker = LintWorker()
    try:
        assert isinstance(worker.call("lint", "x.md", RECORD), Linted)
        process = worker._process
        assert process is not None and process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
        process.join(10)
        found = worker.call("lint", "x.md", RECORD)
        assert isinstance(found, Linted) and found.diagnostics
        assert worker._process is not process
    finally:
        worker.close()


def test_an_error_inside_the_worker_is_an_answer() -> None:
    worker = LintWorker()
    try:
        found = worker.call("actions", "x.md")  # missing arguments: a TypeError in the worker
        assert isinstance(found, Failed) and found.reason.startswith("internal error: TypeError")
        assert isinstance(worker.call("lint", "x.md", RECORD), Linted)
    finally:
        worker.close()
