"""``--format text`` (the default)."""

from __future__ import annotations

from typing import Sequence

from ..diagnostics import Diagnostic, Severity
from . import ReportContext


def _line(diagnostic: Diagnostic) -> str:
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
    lines = [_line(d) for d in diagnostics]
    lines.append(summary(diagnostics, len(context.files)))
    return "\n".join(lines) + "\n"


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """Counts per code, most frequent first."""
    from collections import Counter

    counts = Counter((d.code, d.severity.value) for d in diagnostics)
    return "\n".join(f"{n:6d}  {code}  {sev}" for (code, sev), n in
                     sorted(counts.items(), key=lambda item: (-item[1], item[0])))
