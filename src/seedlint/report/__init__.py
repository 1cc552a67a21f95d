"""Reporters: one module per output format, each turning diagnostics into text.

A reporter sees diagnostics and, for excerpts, the files' text lines; never YAML.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity

FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit")


def _no_source(path: str, line: int) -> str | None:
    return None


@dataclass
class ReportContext:
    """What a reporter may use besides the diagnostics."""

    files: Sequence[str] = ()  # every file linted, in order (JUnit lists clean files too)
    # The text of a 1-based line of a linted file; None when the file's text is unknown.
    line_text: Callable[[str, int], str | None] = _no_source
    color: bool = False
    statistics: bool = False
    quiet: bool = False  # diagnostics only: no summary line
    fail_on: Severity = Severity.ERROR  # the lowest severity that fails the run (JUnit failures)
    root: str = field(default_factory=os.getcwd)  # relative paths and URIs are relative to it
    extra: dict[str, object] = field(default_factory=dict)


def render(fmt: str, diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """Render ``diagnostics`` in the output format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{fmt.replace('-', '_')}")
    return module.render(diagnostics, context)  # type: ignore[no-any-return]
