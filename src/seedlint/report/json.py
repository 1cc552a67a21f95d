"""``--format json``: a JSON array of diagnostics (path, positions, code, severity, message)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from ..diagnostics import Diagnostic, SourceLines
from . import ReportContext, Reporter
from .common import JsonArray


class Report(Reporter):
    def __init__(self, out: IO[str], context: ReportContext) -> None:
        super().__init__(out, context)
        self.array = JsonArray(out)

    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        for d in diagnostics:
            self.array.append(d.to_dict())

    def finish(self) -> None:
        self.array.close()
        self.out.write("\n")
