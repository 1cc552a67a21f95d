"""``--fix`` and ``--diff``: apply rules' fixes at the parser's spans (issue #7)."""

from __future__ import annotations

from typing import Any


def apply_fixes(results: list[Any], args: Any, settings: Any) -> int | None:
    raise NotImplementedError("--fix is not available yet")
