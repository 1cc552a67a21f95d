"""The one result type every stage produces and every reporter consumes."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """How bad a diagnostic is; ``error`` fails the run by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Edit:
    """Replace the characters ``start:end`` of the decoded file text with ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A way to make a diagnostic go away by editing the file."""

    message: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place of one file.

    Lines and columns are 1-based and count characters; line 1 is the opening ``---``.
    ``end_line``/``end_column`` point just past the span. ``pointer`` is the JSON pointer
    of the offending value (``""`` for a file-level problem).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: Severity
    message: str
    pointer: str = ""
    fix: Fix | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The public, serialisable fields (the ``json`` output format)."""
        data = asdict(self)
        del data["fix"]
        data["severity"] = self.severity.value
        return data

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)
