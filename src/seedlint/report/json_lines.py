"""``--format json-lines``: one JSON object per diagnostic, one per line (streamable)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..diagnostics import Diagnostic, SourceLines
from . import Reporter


def _dump(diagnostic: Diagnostic) -> str:
    # U+2028/U+2029 are escaped so that readers splitting on every line break still
    # see one object per line.
    text = json.dumps(diagnostic.to_dict(), ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class Report(Reporter):
    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        self.out.write("".join(_dump(d) + "\n" for d in diagnostics))
