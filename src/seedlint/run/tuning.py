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
