"""``--format gitlab``: a GitLab Code Quality report (a JSON array of Code Climate issues).

Fields per GitLab's documentation: ``description``, ``check_name``, ``fingerprint``,
``severity`` (info, minor, major, critical, blocker), ``location.path`` (relative to the
repository root) and ``location.lines.begin``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from ..diagnostics import Diagnostic, SourceLines
from . import ReportContext, Reporter
from .common import LEVELS, Fingerprints, JsonArray, display_path


def issue(diagnostic: Diagnostic, fingerprint: str, root: str) -> dict[str, Any]:
    d = diagnostic
    return {
        "type": "issue",
        "check_name": d.code,
        "description": f"{d.code} {d.message}",
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": LEVELS[d.severity].gitlab,
        "location": {
            "path": display_path(d.path, root),
            "lines": {"begin": d.line, "end": max(d.line, d.end_line)},
        },
    }


class Report(Reporter):
    def __init__(self, out: IO[str], context: ReportContext) -> None:
        super().__init__(out, context)
        self.issues = JsonArray(out)
        self.fingerprints = Fingerprints(context.root)

    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        root = self.context.root
        ids = self.fingerprints.of(path, diagnostics)
        for d, fingerprint in zip(diagnostics, ids, strict=True):
            self.issues.append(issue(d, fingerprint, root))

    def finish(self) -> None:
        self.issues.close()
        self.out.write("\n")
