"""Syntax errors explained: where the problem began (an unclosed quote or bracket, a
directive, a second document) and what Jekyll does with such a front matter."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic
from .backend import dispose, node_loader, parser_backend
from .document import Document, RawSpan, offset_span

# A directive line (%YAML, %TAG): only allowed before a document, not inside one.
_DIRECTIVE = re.compile(r"^%[^\r\n]*", re.MULTILINE)


def _reader_error_span(doc: Document, error: Any) -> RawSpan:
    """A span at the character the reader refused (the C reader counts UTF-8 bytes)."""
    yaml = doc.front.yaml
    offset = error.position
    if parser_backend() != "pure":
        offset = len(yaml.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    return offset_span(yaml, offset, doc.front.yaml_start)


class _ParserError(NamedTuple):
    """A parser's error, at a known offset of the YAML text."""

    problem: str
    offset: int  # where the parser stopped
    span: RawSpan  # of ``offset``
    mark: Any  # the parser's mark there
    context: str | None
    context_mark: Any
    text: str  # the whole error as the parser words it


def syntax_diagnostic(doc: Document, error: Exception) -> Diagnostic:
    """SL001 for an error of the parser, explained where its cause is known."""
    from ruamel.yaml.reader import ReaderError

    if isinstance(error, ReaderError):
        return _reader_diagnostic(doc, error)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None)
    if problem is None:
        problem = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable YAML"
    index = getattr(mark, "index", None)
    if not isinstance(index, int):
        return doc.diagnostic(doc.whole_span(), "SL001", f"YAML syntax error: {problem}")
    parser_error = _ParserError(
        problem,
        index,
        offset_span(doc.front.yaml, index, doc.front.yaml_start),
        mark,
        getattr(error, "context", None),
        getattr(error, "context_mark", None),
        str(error),
    )
    for explained in _EXPLANATIONS:
        found = explained(doc, parser_error)
        if found is not None:
            return found
    return _as_the_parser_says(doc, parser_error)


def _reader_diagnostic(doc: Document, error: Any) -> Diagnostic:
    """SL001 at a character YAML does not allow."""
    character = error.character
    shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return doc.diagnostic(
        _reader_error_span(doc, error),
        "SL001",
        f"the character {shown} is not allowed in YAML ({error.reason}): Jekyll cannot "
        "read the front matter either and publishes the record without it; remove it",
    )


def _second_document(doc: Document, error: _ParserError) -> Diagnostic | None:
    if "another document" not in error.problem:
        return None
    return doc.diagnostic(
        error.span,
        "SL001",
        "a second YAML document starts here (a '---' line followed by text is a "
        "document marker, not the closing delimiter): Jekyll reads only the first "
        "document and silently drops everything from here to the closing '---'; the "
        "front matter must be one YAML mapping",
    )


def _directive_inside(doc: Document, error: _ParserError) -> Diagnostic | None:
    if "document start" not in error.problem:
        return None
    yaml = doc.front.yaml
    directive = _DIRECTIVE.search(yaml, 0, error.offset + 1)
    if directive is None:
        return None
    before = yaml[: directive.start()].strip()
    dropped = (
        "everything from here to the closing '---'"
        if before
        else "the whole front matter (the record gets no fields)"
    )
    return doc.diagnostic(
        offset_span(yaml, directive.start(), doc.front.yaml_start),
        "SL001",
        f"the directive '{directive.group(0).strip()}' cannot appear inside the front "
        f"matter: it ends the YAML document, and Jekyll silently drops {dropped}; "
        "remove the line",
    )


def _undefined_alias(doc: Document, error: _ParserError) -> Diagnostic | None:
    if "undefined alias" not in error.problem and "found undefined alias" not in error.text:
        return None
    rest = doc.front.yaml[error.offset :]
    name = rest.split(None, 1)[0] if rest.strip() else "*"
    return doc.diagnostic(
        error.span,
        "SL001",
        f"undefined alias {name} (no anchor of that name before it): upstream Jekyll reads "
        "nil here, and Debian's Jekyll cannot read the front matter at all (it publishes "
        "the record without it); define the anchor first or write the value",
    )


def _earlier_cause(doc: Document, error: _ParserError) -> Diagnostic | None:
    yaml = doc.front.yaml
    culprit = _likely_cause(yaml, error.offset, error.context, error.context_mark)
    if culprit is None:
        return None
    start, why = culprit
    return doc.diagnostic(
        offset_span(yaml, start, doc.front.yaml_start),
        "SL001",
        f"YAML syntax error: {why}; the parser stopped on line "
        f"{error.span[0] + doc.line_offset + 1}: {error.problem}",
    )


# The explanations of a syntax error, the first that applies wins
_EXPLANATIONS: tuple[Callable[[Document, _ParserError], Diagnostic | None], ...] = (
    _second_document,
    _directive_inside,
    _undefined_alias,
    _earlier_cause,
)


def _as_the_parser_says(doc: Document, error: _ParserError) -> Diagnostic:
    """The parser's own words, with its context and a hint at a tab."""
    message = f"YAML syntax error: {error.problem}"
    context, context_mark = error.context, error.context_mark
    if context and context_mark is not None and context_mark is not error.mark:
        context_line = offset_span(doc.front.yaml, context_mark.index, 0)[0]
        message += f" ({context} on line {context_line + doc.line_offset + 1})"
    elif context:
        message += f" ({context})"
    if doc.front.yaml[error.offset : error.offset + 1] == "\t":
        message += "; tabs cannot indent YAML, use spaces"
    return doc.diagnostic(error.span, "SL001", message)


def _likely_cause(
    yaml: str, index: int, context: str | None, context_mark: Any
) -> tuple[int, str] | None:
    """Where a syntax error began when the parser only notices it later: an unclosed quote
    or bracket. Returns (offset, explanation), or None to keep the parser's position."""
    if context == "while scanning a quoted scalar" and context_mark is not None:
        return context_mark.index, "the quoted value that starts here is never closed"
    if context and "flow" in context and context_mark is not None:
        opener = context_mark.index
        if opener < len(yaml) and not _is_closed(yaml, opener):  # the mark may be at the end
            return opener, f"the '{yaml[opener]}' that opens here is never closed"
    quoted = _first_runaway_quote(yaml, index)
    if quoted is not None:
        return quoted.start_mark.index, (
            "the quoted value that starts here is not closed on its line (it runs on to "
            f"line {quoted.end_mark.line + 2})"
        )
    return None


_BRACKETS = re.compile(r"[\[\]{}]")


def _is_closed(yaml: str, opener: int) -> bool:
    """Whether the bracket at ``opener`` has a matching closing bracket later on."""
    depth = 0
    for bracket in _BRACKETS.findall(yaml, opener):
        depth += 1 if bracket in "[{" else -1
        if depth == 0:
            return True
    return False


def _first_runaway_quote(yaml: str, index: int) -> Any:
    """The first quoted scalar spanning lines that ends just before ``index``.

    A missing closing quote shifts the pairing of every later quote, so the value that
    lost its quote is the first of the multi-line quoted values near the error.
    """
    loader_class, _ = node_loader()
    loader = loader_class(yaml)
    error_line = yaml.count("\n", 0, index)
    try:
        while True:
            token = loader.get_token()
            if token is None or token.start_mark.index > index:
                return None
            if (
                getattr(token, "style", None) in ('"', "'")
                and token.start_mark.line < token.end_mark.line
                and token.end_mark.line >= error_line - 2
            ):
                return token
    except Exception:  # noqa: BLE001 - the scanner fails at (or after) the error: stop there
        return None
    finally:
        dispose(loader)
