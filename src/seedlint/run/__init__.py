"""The run layer: what the command line, the library's ``lint_paths`` and the language
server all call. Discovery (:mod:`.discovery`), reading one file or text
(:mod:`.reading`), the plan of a run over many files with its cache (:mod:`.plan`),
worker processes (:mod:`.worker`, :mod:`.pool`, :mod:`.tuning`), fixing (:mod:`.fixing`) and a whole
``check`` (:mod:`.check`)."""

from __future__ import annotations

from .check import CheckRun, FileReport, check
from .discovery import Discovery, discover
from .options import CheckOptions, FixOptions
from .plan import iter_lint_files, lint_files
from .reading import SCHEMA_ERRORS, internal_error, lint_one, lint_source, read
from .tuning import collect_rarely

__all__ = [
    "SCHEMA_ERRORS",
    "CheckOptions",
    "CheckRun",
    "Discovery",
    "FileReport",
    "FixOptions",
    "check",
    "collect_rarely",
    "discover",
    "internal_error",
    "iter_lint_files",
    "lint_files",
    "lint_one",
    "lint_source",
    "read",
]
