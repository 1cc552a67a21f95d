"""Reporters: one module per output format, each turning diagnostics into text.

A reporter sees diagnostics and, for excerpts, the files' text lines; never YAML.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..diagnostics import Diagnostic

FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit")


@dataclass
class ReportContext:
    """What a reporter may use besides the diagnostics."""

    files: Sequence[str] = ()  # every file linted, in order (JUnit lists clean files too)
    line_text: Callable[[str, int], str] = lambda path, line: ""
    color: bool = False
    statistics: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def render(fmt: str, diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """Render ``diagnostics`` in the output format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{fmt.replace('-', '_')}")
    return module.render(diagnostics, context)  # type: ignore[no-any-return]
