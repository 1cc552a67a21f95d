"""``--format json``: one JSON array of diagnostic objects."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..diagnostics import Diagnostic
from . import ReportContext


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"
