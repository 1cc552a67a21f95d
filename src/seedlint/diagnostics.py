"""The one result type every stage produces and every reporter consumes, and the result
of one file."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .parse import Document


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

# The exit status of a run: nothing at or above --fail-on, problems found, or a usage error
# (a bad option, an unusable configuration or schema)
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


# --- JSON pointers (RFC 6901): where a diagnostic's value is in the data ---------------


def pointer_token(key: str | int) -> str:
    """A key or list index as a JSON-pointer token."""
    return str(key) if isinstance(key, int) else escape_pointer_token(key)


def escape_pointer_token(token: str) -> str:
    if "~" not in token and "/" not in token:  # nearly always: skip building copies
        return token
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer_parts(pointer: str) -> list[str]:
    return [unescape_pointer_token(t) for t in pointer.split("/")[1:]] if pointer else []


# --- diagnostics ------------------------------------------------------------------------


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
    removes_bom: bool = False  # the fix (also) drops the file's UTF-8 byte-order mark


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


def last_line(d: Diagnostic) -> int:
    """The last line that holds a character of ``d``'s span: a span that ends at the start
    of a line does not reach it."""
    line, end_line = d.line, d.end_line
    if end_line > line:
        return end_line - 1 if d.end_column <= 1 else end_line
    return line


@dataclass(frozen=True)
class SourceLines:
    """The plain text of the lines of a file that its diagnostics touch, by 1-based line
    number, without line breaks; a line past the end of the file is ``""``. How they look
    (gutter, carets, colour, width) is a reporter's business.

    Of a span longer than ``2 * EDGE`` lines only the first and last ``EDGE`` are kept:
    enough to show where it starts and ends, and a result stays small however far a span
    reaches (the cache keeps it).
    """

    EDGE: ClassVar[int] = 3
    lines: Mapping[int, str]


def touched_line_numbers(diagnostics: Iterable[Diagnostic]) -> list[int]:
    """The numbers of the lines :class:`SourceLines` keeps for ``diagnostics``, sorted."""
    edge = SourceLines.EDGE
    wanted: set[int] = set()
    for d in diagnostics:
        first, last = d.line, last_line(d)
        if last - first < 2 * edge:
            wanted.update(range(first, last + 1))
        else:
            wanted.update(range(first, first + edge))
            wanted.update(range(last - edge + 1, last + 1))
    return sorted(wanted)


def file_diagnostic(
    path: str, code: str, message: str, line: int = 1, column: int = 1
) -> Diagnostic:
    """A zero-width diagnostic at one position, for problems that are not about a value."""
    return Diagnostic(path, line, column, line, column, code, Severity.ERROR, message)


@dataclass
class LintResult:
    """The diagnostics of one file, and the parsed document when there was one."""

    path: str
    diagnostics: list[Diagnostic]
    document: Document | None = None
    # files besides the record that the result depends on (see RuleContext.dependencies)
    dependencies: list[str] = field(default_factory=list)
    # the source lines the diagnostics touch; None when the file's text is unknown
    source: SourceLines | None = None
