"""This process's tuning: the garbage collector, in seedlint's own processes only."""

from __future__ import annotations

import gc

# Linting a file allocates a few thousand containers (nodes, data) that live until its
# result is sent and are then freed by reference counting. With the collector's default
# threshold (a pass every 700 allocations) passes traverse them several times per file,
# ~7% of the time; the data has no cycles, so in seedlint's own processes passes are rare.
COLLECTOR_THRESHOLD = 50_000


class _Process:
    own = False  # whether collect_rarely() was called: the process is seedlint's


def collect_rarely() -> None:
    """Raise the collector's first threshold (for seedlint's own processes only)."""
    _Process.own = True
    gc.set_threshold(COLLECTOR_THRESHOLD, *gc.get_threshold()[1:])


def own_process() -> bool:
    """Whether this process is seedlint's own (see :func:`collect_rarely`)."""
    return _Process.own


def settle_worker_process() -> None:
    """What every worker process does first (a pool's initializer calls it)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # What the worker inherited lives as long as it does: out of the collector's sight,
    # full collections stay cheap and do not copy the parent's pages
    gc.freeze()
    collect_rarely()
