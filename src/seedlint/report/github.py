"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``; warnings
and infos become ``::warning`` and ``::notice``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, SourceLines
from . import Reporter
from .common import LEVELS, display_path, printable


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects, and make every other
    character that would steer the log's terminal (ESC, BEL, NUL, C1 controls, line
    separators, bidi overrides) a visible stand-in (see ``common.printable``)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus the separators ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(diagnostic: Diagnostic, root: str) -> str:
    d = diagnostic
    properties = {
        "file": display_path(d.path, root),
        "line": d.line,
        "col": d.column,
        "endLine": d.end_line,
        "endColumn": d.end_column,
        "title": d.code,
    }
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{LEVELS[d.severity].github} {joined}::{escape_data(d.message)}"


class Report(Reporter):
    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        self.out.write("".join(command(d, self.context.root) + "\n" for d in diagnostics))
