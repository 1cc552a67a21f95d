"""``--format concise``: ``path:line:col: CODE message``, one line each, then a summary."""

from __future__ import annotations

from typing import Sequence

from ..diagnostics import Diagnostic, Severity
from . import ReportContext


def line(diagnostic: Diagnostic) -> str:
    label = "" if diagnostic.severity is Severity.ERROR else f"[{diagnostic.severity.value}] "
    return (f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code} "
            f"{label}{diagnostic.message}")


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    counts = {s: sum(d.severity is s for d in diagnostics) for s in Severity}
    if not diagnostics:
        return f"All checks passed ({files} file{'s' if files != 1 else ''} checked)."
    parts = [f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    touched = len({d.path for d in diagnostics})
    return f"Found {', '.join(parts)} in {touched} of {files} file{'s' if files != 1 else ''}."


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    lines = [line(d) for d in diagnostics]
    lines.append(summary(diagnostics, len(context.files)))
    return "\n".join(lines) + "\n"
