"""Inline suppression comments in the front matter.

``key: value  # seedlint: disable=SL201`` silences codes on its own line,
``# seedlint: disable-next-line=SL201,SL207`` on the next line with content, and
``# seedlint: disable-file=SL205`` (before the first field) in the whole file. Codes or
rule names are separated by commas. Comments are found in the decoded text with the
parser's spans, so a ``#`` inside a quoted or block text is never taken for one. An
unused (SL301), unknown (SL302) or malformed (SL303) suppression is itself reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import rules
from .diagnostics import Diagnostic, Severity
from .rules._support import value_at

if TYPE_CHECKING:
    from .config import Config
    from .parse import Document

UNUSED, UNKNOWN, INVALID, TOO_MANY = "SL301", "SL302", "SL303", "SL304"
META_CODES = frozenset((UNUSED, UNKNOWN, INVALID, TOO_MANY))
# Codes read from one comment: real ones name a few; a comment naming thousands (each
# then an unused or unknown code to report) is reported once, and the rest ignored
MAX_CODES = 32

_MARKER = re.compile(r"#[ \t]*seedlint[ \t]*:", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"#[ \t]*seedlint[ \t]*:[ \t]*(?P<kind>[A-Za-z-]*)[ \t]*"
    r"(?:=(?P<codes>[^#]*))?"
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_CODE = re.compile(r"[^,\s]+")
_KINDS = ("disable", "disable-next-line", "disable-file")
_VALUE_STARTS = ":-?[{,"  # after these (or at the start of a line) a quote opens a text


@dataclass
class Suppression:
    """One comment: which codes it silences, on which line (``None``: the whole file)."""

    line: int  # the comment's 1-based file line
    target: int | None
    codes: dict[str, tuple[int, int]]  # code -> its 1-based columns in the comment
    used: set[str] = field(default_factory=set)

    def covers(self, diagnostic: Diagnostic) -> bool:
        return diagnostic.code in self.codes and (
            self.target is None or self.target == diagnostic.line
        )


@dataclass
class _Line:
    number: int  # 1-based file line
    start: int  # offset in the text
    content: str  # without the line break


def comment_column(line: str) -> int | None:
    """The 0-based column where a YAML comment starts on ``line``, outside quoted text."""
    quote = None
    index = 0
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if quote is not None:
            if char == quote and quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2
                continue
            if char == quote:
                quote = None
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
        elif char in "\"'":
            before = line[:index].rstrip(" \t")
            if not before or before[-1] in _VALUE_STARTS:
                quote = char
        index += 1
    return None


def _lines(doc: Document) -> Iterator[_Line]:
    text, front = doc.text, doc.front
    number = doc.line_offset + 1
    for match in _LINE.finditer(text, front.yaml_start, front.yaml_end):
        if match.start() == match.end():
            return
        yield _Line(number, match.start(), match.group(0).rstrip("\r\n"))
        number += 1


class _TextValues:
    """The spans of a document's scalars (keys and values), sorted, to tell whether an
    offset falls inside one (quoted, multi-line or block text) by bisection: scalars
    never overlap, and a file may hold thousands of comments."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        spans = []
        for pointer, span in (*doc.values.items(), *doc.keys.items()):
            if pointer.endswith("/<<") or isinstance(value_at(doc.data, pointer), (dict, list)):
                continue  # a collection (or a merged one) holds comments
            spans.append((span[4], span[5]))
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.spans = spans

    def holds(self, offset: int) -> bool:
        """Whether ``offset`` falls inside a scalar (not after a block indicator)."""
        from bisect import bisect_right

        text = self.doc.text
        index = bisect_right(self.starts, offset)
        # a key and its value may start at one offset (an empty key): look at both
        for start, end in self.spans[max(0, index - 2) : index]:
            if not start <= offset < end:
                continue
            header_end = text.find("\n", start, offset + 1)
            if text[start] in "|>" and header_end == -1:
                continue  # a comment after a block scalar's indicator
            return True
        return False


class _Reader:
    """Reads the suppression comments of one document, collecting its own problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.suppressions: list[Suppression] = []
        self.problems: list[Diagnostic] = []
        self.problem_lines: set[int] = set()

    def problem(self, code: str, line: int, columns: tuple[int, int], message: str) -> None:
        self.problem_lines.add(line)
        self.problems.append(
            Diagnostic(
                self.doc.path, line, columns[0], line, columns[1], code, Severity.WARNING, message
            )
        )

    def read(self) -> None:
        seen_content = False
        lines = list(_lines(self.doc))
        # the number of the next line with YAML after each line (None: none), made once
        next_yaml: list[int | None] = [None] * len(lines)
        found: int | None = None
        for index in range(len(lines) - 1, -1, -1):
            next_yaml[index] = found
            content = lines[index].content.strip()
            if content and not content.startswith("#"):
                found = lines[index].number
        text_values: _TextValues | None = None
        for index, line in enumerate(lines):
            column = comment_column(line.content)
            has_content = bool(line.content[:column].strip())
            match = None if column is None else _DIRECTIVE.match(line.content, column)
            if match is not None:
                if text_values is None:
                    text_values = _TextValues(self.doc)
                if not text_values.holds(line.start + match.start()):
                    self.directive(line, match, has_content, seen_content, next_yaml[index])
            seen_content = seen_content or has_content

    def directive(
        self,
        line: _Line,
        match: re.Match[str],
        has_content: bool,
        seen_content: bool,
        next_yaml: int | None,
    ) -> None:
        whole = (match.start() + 1, len(line.content.rstrip()) + 1)
        kind = match.group("kind").lower()
        if kind not in _KINDS:
            written = f"'{match.group('kind')}'" if kind else "with no directive"
            self.problem(
                INVALID,
                line.number,
                whole,
                f"unknown seedlint comment {written}; use "
                "disable=CODES, disable-next-line=CODES or disable-file=CODES",
            )
            return
        codes = self.codes(line, match)
        if not codes and not self.problems_on(line.number):
            self.problem(
                INVALID,
                line.number,
                whole,
                f"'{kind}' names no code; write {kind}=SL201 (codes separated by commas)",
            )
            return
        if kind == "disable" and not has_content:
            self.problem(
                INVALID,
                line.number,
                whole,
                "'disable' applies to the line it ends, and this line has no field; "
                "on a line of its own use disable-next-line",
            )
            return
        if kind == "disable-file" and (seen_content or has_content):
            self.problem(
                INVALID,
                line.number,
                whole,
                "'disable-file' must be at the top of the front matter, before the first field",
            )
            return
        target: int | None = line.number
        if kind == "disable-next-line":
            target = next_yaml
            if target is None:
                self.problem(
                    INVALID, line.number, whole, "'disable-next-line' has no line of YAML after it"
                )
                return
        elif kind == "disable-file":
            target = None
        if codes:
            self.suppressions.append(Suppression(line.number, target, codes))

    def problems_on(self, line: int) -> bool:
        return line in self.problem_lines

    def codes(self, line: _Line, match: re.Match[str]) -> dict[str, tuple[int, int]]:
        """The known codes of a directive; unknown ones are reported (SL302)."""
        found: dict[str, tuple[int, int]] = {}
        if match.group("codes") is None:
            return found
        for count, token in enumerate(
            _CODE.finditer(line.content, match.start("codes"), match.end("codes"))
        ):
            columns = (token.start() + 1, token.end() + 1)
            if count == MAX_CODES:
                self.problem(
                    TOO_MANY,
                    line.number,
                    columns,
                    f"more than {MAX_CODES} codes in one seedlint comment; this code and "
                    "the ones after it are ignored",
                )
                break
            known = rules.get(token.group(0))
            if known is None:
                self.problem(
                    UNKNOWN,
                    line.number,
                    columns,
                    f"unknown rule '{token.group(0)}' in a seedlint comment; "
                    "`seedlint rules` lists the codes",
                )
            else:
                found[known.code] = columns
        return found


def apply_suppressions(
    diagnostics: list[Diagnostic],
    doc: Document,
    config: Config,
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; report unused, unknown and malformed suppressions."""
    front = doc.front
    if not _MARKER.search(doc.text, front.yaml_start, front.yaml_end):
        return diagnostics
    reader = _Reader(doc)
    reader.read()
    # by target line (None: the whole file): a diagnostic looks at its line's only
    by_target: dict[int | None, list[Suppression]] = {}
    for suppression in reader.suppressions:
        by_target.setdefault(suppression.target, []).append(suppression)
    whole_file = by_target.get(None, [])

    def covering_of(diagnostic: Diagnostic) -> list[Suppression]:
        near = by_target.get(diagnostic.line, [])
        return [s for s in (*near, *whole_file) if s.covers(diagnostic)]

    kept = []
    for diagnostic in diagnostics:
        covering = covering_of(diagnostic)
        for suppression in covering:
            suppression.used.add(diagnostic.code)
        if not covering:
            kept.append(diagnostic)
    meta = list(reader.problems)
    for suppression in reader.suppressions:
        for code, (start, end) in suppression.codes.items():
            if code in suppression.used or code in META_CODES or not config.is_selected(code):
                continue
            where = (
                "in this file" if suppression.target is None else f"on line {suppression.target}"
            )
            meta.append(
                Diagnostic(
                    doc.path,
                    suppression.line,
                    start,
                    suppression.line,
                    end,
                    UNUSED,
                    Severity.WARNING,
                    f"unused suppression: there is no {code} {where}; remove it from the comment",
                )
            )
    return kept + [d for d in meta if not covering_of(d)]
