"""seedlint's diagnostics as LSP diagnostics: ranges in the negotiated encoding, the
severity, the code with a link to its documentation, and the line a message names."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from lsprotocol import types

from ..diagnostics import Diagnostic, Severity
from .positions import LineMap

SOURCE = "seedlint"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# "first defined on line 4", "already listed on line 12", "(line 7)"
_NAMED_LINE = re.compile(r"\bline (\d+)\b")


def to_range(lines: LineMap, diagnostic: Diagnostic) -> types.Range:
    start = lines.from_seedlint(diagnostic.line, diagnostic.column)
    end = lines.from_seedlint(diagnostic.end_line, diagnostic.end_column)
    return types.Range(types.Position(*start), types.Position(*end))


def line_range(lines: LineMap, line: int) -> types.Range:
    """The text of a 1-based line, without its indentation."""
    text = lines.line_text(line - 1)
    indent = len(text) - len(text.lstrip(" \t"))
    start = lines.from_character(line - 1, indent)
    end = lines.from_character(line - 1, len(text))
    return types.Range(types.Position(*start), types.Position(*end))


class RuleDocs:
    """Each rule's documentation as a Markdown file, written on first use, so that a
    diagnostic's code links to it (``codeDescription``) and an editor opens it offline;
    the text is the same ``seedlint rule CODE`` prints."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._links: dict[str, str | None] = {}

    def link(self, code: str) -> str | None:
        if code not in self._links:
            self._links[code] = self._write(code)
        return self._links[code]

    def _write(self, code: str) -> str | None:
        text = rule_markdown(code)
        if text is None:
            return None
        try:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="seedlint-rules-"))
            page = self._folder / f"{code}.md"
            page.write_text(text, encoding="utf-8")
        except OSError:
            return None
        return page.as_uri()

    def close(self) -> None:
        if self._folder is not None:
            for page in self._folder.glob("*.md"):
                page.unlink(missing_ok=True)
            try:
                os.rmdir(self._folder)
            except OSError:
                pass


def rule_markdown(code: str) -> str | None:
    """A rule's documentation as ``seedlint rule CODE`` prints it, in Markdown."""
    from ..rules import get

    found = get(code)
    if found is None:
        return None
    summary = found.summary[0].upper() + found.summary[1:] if found.summary else ""
    return (
        f"# {found.code} {found.name}\n\n"
        f"Default severity: {found.severity.value}. Fix: {found.fix or 'none'}.\n\n"
        f"{summary}.\n\n{found.doc}\n"
    )


def to_lsp(lines: LineMap, diagnostic: Diagnostic, uri: str, docs: RuleDocs) -> types.Diagnostic:
    """One diagnostic for the client."""
    link = docs.link(diagnostic.code)
    related = None
    named = _NAMED_LINE.search(diagnostic.message)
    if named is not None:
        line = int(named.group(1))
        if line != diagnostic.line and 1 <= line <= len(lines.starts):
            related = [
                types.DiagnosticRelatedInformation(
                    types.Location(uri, line_range(lines, line)),
                    f"line {line}, named in the message",
                )
            ]
    return types.Diagnostic(
        range=to_range(lines, diagnostic),
        message=diagnostic.message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        related_information=related,
    )


def problem_diagnostic(message: str) -> types.Diagnostic:
    """A configuration or schema that stops linting, shown on the first line."""
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 3)),
        message=f"seedlint cannot lint this file: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
