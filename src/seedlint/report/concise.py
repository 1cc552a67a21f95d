"""``--format concise``: ``path:line:col: CODE message``, one line each, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity, SourceLines
from . import Reporter
from .common import printable, summary

_LABELS = {s: "" if s is Severity.ERROR else f"[{s.value}] " for s in Severity}


def line(diagnostic: Diagnostic, shown_path: str | None = None) -> str:
    """One diagnostic on one line; errors carry no severity label (the common case).
    ``shown_path``: the diagnostic's path already made printable."""
    d = diagnostic
    shown_path = printable(d.path) if shown_path is None else shown_path
    return f"{shown_path}:{d.line}:{d.column}: {d.code} {_LABELS[d.severity]}{printable(d.message)}"


class Report(Reporter):
    for_people = True

    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        if diagnostics and not self.context.statistics:
            shown_path = printable(path)
            self.out.write("".join(f"{line(d, shown_path)}\n" for d in diagnostics))

    def finish(self) -> None:
        tally = self.tally
        if self.context.statistics and tally.total:
            from .text import statistics

            self.out.write(statistics(tally) + "\n")
        if not self.context.quiet:
            self.out.write(summary(tally, len(self.context.files)) + "\n")
