"""``--format concise``: ``path:line:col: CODE message``, one line each, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from . import ReportContext
from .common import printable, summary


def line(diagnostic: Diagnostic) -> str:
    """One diagnostic on one line; errors carry no severity label (the common case)."""
    d = diagnostic
    label = "" if d.severity is Severity.ERROR else f"[{d.severity.value}] "
    return f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {label}{printable(d.message)}"


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    if context.statistics:
        from .text import statistics

        lines = [statistics(diagnostics)] if diagnostics else []
    else:
        lines = [line(d) for d in diagnostics]
    if not context.quiet:
        lines.append(summary(diagnostics, len(context.files)))
    return "".join(f"{text}\n" for text in lines)
