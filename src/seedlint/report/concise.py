"""``--format concise``: ``path:line:col: CODE message``, one line each, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from . import Reporter
from .common import printable, summary


def line(diagnostic: Diagnostic) -> str:
    """One diagnostic on one line; errors carry no severity label (the common case)."""
    d = diagnostic
    label = "" if d.severity is Severity.ERROR else f"[{d.severity.value}] "
    return f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {label}{printable(d.message)}"


class Report(Reporter):
    def file(self, path: str, diagnostics: Sequence[Diagnostic]) -> None:
        if not self.context.statistics:
            self.out.write("".join(f"{line(d)}\n" for d in diagnostics))

    def finish(self) -> None:
        tally = self.tally
        if self.context.statistics and tally.total:
            from .text import statistics

            self.out.write(statistics(tally) + "\n")
        if not self.context.quiet:
            self.out.write(summary(tally, len(self.context.files)) + "\n")
