"""``--format gitlab``: a GitLab Code Quality report (a JSON array of Code Climate issues).

Fields per GitLab's documentation: ``description``, ``check_name``, ``fingerprint``,
``severity`` (info, minor, major, critical, blocker), ``location.path`` (relative to the
repository root) and ``location.lines.begin``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic
from . import ReportContext
from .common import LEVELS, display_path, fingerprints


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


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    ids = fingerprints(diagnostics, context.root)
    pairs = zip(diagnostics, ids, strict=True)
    issues = [issue(d, fingerprint, context.root) for d, fingerprint in pairs]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
