"""The bounds on hostile input: one home for the settings (``[tool.seedlint.limits]``) and
the parser that applies them, so that the parser never imports the settings module."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile input from exhausting time or memory.

    The defaults let every real record through with a wide margin: of 5,634 real records
    the largest is 143 KB with 5,200 nodes (keys and values), the deepest nests 5 levels
    and none uses an alias. ``max_nodes`` counts every key and value, an alias counting
    the nodes it repeats; it also bounds the time and memory of parsing (about 1 KB and
    12 microseconds per node).
    """

    max_file_size: int = 10 * 1024 * 1024
    max_depth: int = 200
    max_aliases: int = 1000
    max_nodes: int = 50_000
    max_diagnostics: int = 20_000  # per file; the rest is one SL017


# The C composer recurses once per nesting level; past a few ten thousand levels it
# overflows the C stack (measured: fine at 25,000 with an 8 MiB stack, a crash at
# 30,000), so depth is checked before composing whenever it might exceed what is safe
# on every platform. Below that, the builder reports the first level too deep.
MAX_SUPPORTED_DEPTH = 5000
