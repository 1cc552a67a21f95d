"""What a run is asked to do: named options, so that no layer below the command line
sees its arguments.

They are NamedTuples: every run imports this module, and Python 3.11 makes a frozen
dataclass in about 0.4 ms (it compiles six methods) against 0.06 ms for a NamedTuple."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..schema import CompiledSchema


class FixOptions(NamedTuple):
    """What the run asks of the fixer."""

    unsafe_fixes: bool = False
    diff: bool = False  # show the fixes as a unified diff instead of writing them


class CheckOptions(NamedTuple):
    """What a run is asked to do.

    With ``stdin`` (bytes), ``-`` among ``paths`` is that record, named ``stdin_name``
    (without, ``-`` is a file's name); the caller reads at most ``max-file-size`` + 1
    bytes of it (one more: it is too large).
    ``in_path_order``: the report takes the paths sorted (else in the order found).
    ``cache_dir``: where the caches live (``None``: none); ``cache_results``: whether
    lint results are cached there too (URL outcomes always are). ``fixing``: apply
    (or make a diff of) the fixes. ``progress``: a terminal stream for the online pass's
    progress bar. ``schema``: a compiled schema for every file (linted in this process).
    """

    paths: Sequence[str]
    stdin: bytes | None = None
    stdin_name: str = "-"
    in_path_order: bool = False
    jobs: int | None = None
    cache_dir: str | None = None
    cache_results: bool = True
    fixing: FixOptions | None = None
    progress: IO[str] | None = None
    schema: CompiledSchema | None = None
