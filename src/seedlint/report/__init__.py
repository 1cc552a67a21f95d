"""Reporters: one module per output format, each writing diagnostics as text.

A reporter sees diagnostics and, for excerpts, the source lines they touch (plain text,
``SourceLines``); never YAML, never a file. It
writes as files come (:class:`Reporter`), so a run's memory does not grow with its
report; :func:`render` turns a list of diagnostics into a whole report at once.
"""

from __future__ import annotations

import importlib
import io
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, ClassVar

from ..diagnostics import Diagnostic, Severity, SourceLines

FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit")


@dataclass
class ReportContext:
    """What a reporter may use besides the diagnostics."""

    files: Sequence[str] = ()  # every file linted, in order (JUnit lists clean files too)
    color: bool = False
    statistics: bool = False
    quiet: bool = False  # diagnostics only: no summary line
    fail_on: Severity = Severity.ERROR  # the lowest severity that fails the run (JUnit failures)
    root: str = field(default_factory=os.getcwd)  # relative paths and URIs are relative to it
    extra: dict[str, object] = field(default_factory=dict)


class Tally:
    """Counts over every diagnostic of a run: what summaries and exit statuses need."""

    def __init__(self) -> None:
        # one count per diagnostic, the others derived: a run may have thousands (a plain
        # dict: a Counter's += costs a third more)
        self.per_code: dict[tuple[str, Severity], int] = {}
        self.files_with_problems = 0
        self.fixable = 0  # diagnostics with a safe fix

    def add(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Count the diagnostics of one file (each file is added once)."""
        if not diagnostics:
            return
        self.files_with_problems += 1
        per_code, fixable = self.per_code, 0
        for d in diagnostics:
            key = d.code, d.severity
            per_code[key] = per_code.get(key, 0) + 1
            fix = d.fix
            if fix is not None and fix.safe:
                fixable += 1
        self.fixable += fixable

    @property
    def severities(self) -> Counter[Severity]:
        """How many diagnostics of each severity."""
        found: Counter[Severity] = Counter()
        for (_, severity), count in self.per_code.items():
            found[severity] += count
        return found

    @property
    def codes(self) -> Counter[tuple[str, str]]:
        """How many diagnostics of each (code, severity name)."""
        return Counter(
            {(code, severity.value): count for (code, severity), count in self.per_code.items()}
        )

    @property
    def total(self) -> int:
        return sum(self.per_code.values())

    @property
    def worst(self) -> Severity | None:
        """The most severe severity seen, ``None`` without diagnostics."""
        return max(self.severities, key=lambda s: s.rank, default=None)


class Reporter:
    """One report, written as files come: :meth:`add` each file's diagnostics (sorted),
    then :meth:`finish`.

    Files come in path order, or, for a reporter with ``in_path_order = False``, in
    the order of ``ReportContext.files`` followed by the other paths that have
    diagnostics (the SL012 of a missing path), in path order.
    """

    in_path_order: ClassVar[bool] = True
    # a report people read (text, concise): it holds the summary and the notes, and
    # leaves standard error to progress bars and machine readers' statistics
    for_people: ClassVar[bool] = False

    def __init__(self, out: IO[str], context: ReportContext) -> None:
        self.out = out
        self.context = context
        self.tally = Tally()

    def add(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None = None
    ) -> None:
        """Report one file (every file, clean ones too), after the files before it, with
        the source lines its diagnostics touch when known."""
        if diagnostics:  # most files are clean
            self.tally.add(diagnostics)
        self.file(path, diagnostics, source)

    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        """Write what the format shows of one file."""
        raise NotImplementedError

    def finish(self) -> None:
        """Write what follows the last file."""


def reporter_class(fmt: str) -> type[Reporter]:
    """The reporter of the output format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{fmt.replace('-', '_')}")
    found: type[Reporter] = module.Report
    return found


def render(
    fmt: str,
    diagnostics: Sequence[Diagnostic],
    context: ReportContext,
    sources: Mapping[str, SourceLines] | None = None,
) -> str:
    """Render ``diagnostics`` in the output format ``fmt`` (one of :data:`FORMATS`), with
    the source lines of each path in ``sources`` (for the text format's excerpts)."""
    out = io.StringIO()
    reporter = reporter_class(fmt)(out, context)
    sources = sources or {}
    for path, found in _by_file(diagnostics, context.files, reporter.in_path_order):
        reporter.add(path, found, sources.get(path))
    reporter.finish()
    return out.getvalue()


def _by_file(
    diagnostics: Sequence[Diagnostic], files: Sequence[str], in_path_order: bool
) -> Iterator[tuple[str, list[Diagnostic]]]:
    """The diagnostics of each file, in the order given; for a reporter that lists every
    file, first the ``files`` and then the other paths."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    if in_path_order:
        yield from by_path.items()
        return
    listed = dict.fromkeys(files)
    for path in [*listed, *(path for path in by_path if path not in listed)]:
        yield path, by_path.get(path, [])
