"""YAML text -> plain JSON-like data plus a JSON-pointer -> span index.

Parsing uses ruamel.yaml's C-backed parser and composer (libyaml): every node keeps its
start and end marks at a fraction of the cost of the pure-Python round-trip loader. One
pass then turns nodes into data, resolving plain scalars with the YAML 1.2 core schema
(timestamps stay text) and noting where YAML 1.1 (Jekyll) would read a scalar otherwise.
Syntax errors, duplicate keys, tags that must not be constructed and exceeded limits are
diagnostics, never exceptions.
"""

from __future__ import annotations

import gc
import re
import sys
import threading
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from .config import Limits
from .diagnostics import Diagnostic, Severity, escape_pointer_token, pointer_parts, pointer_token
from .frontmatter import LINE_BREAK, FrontMatter, position

# Raw spans are (line, column, end_line, end_column, start, end): 0-based lines and
# columns relative to the YAML block, character offsets relative to the whole text.
RawSpan = tuple[int, int, int, int, int, int]

IMPLICIT = "?"  # the tag our resolver gives every untagged node: we resolve it ourselves
_YAML_TAG = "tag:yaml.org,2002:"


_COMPOSER_SAFE_DEPTH = 1000

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_INF = frozenset((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"))
_NEG_INF = frozenset(("-.inf", "-.Inf", "-.INF"))
_NAN = frozenset((".nan", ".NaN", ".NAN"))
_YAML11_BOOLS = {"yes": True, "y": True, "on": True, "no": False, "n": False, "off": False}
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+")
_OCTAL11 = re.compile(r"[-+]?0[0-7_]+")
_BINARY11 = re.compile(r"[-+]?0b[01_]+")
_UNDERSCORED = re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?")
# Plain scalars that YAML 1.1 may read otherwise start with one of these (see yaml11_reading)
_YAML11_STARTS = frozenset("0123456789+-ynoYNO")
# Every node is introduced by one of these (a line start, an indicator or a flow
# separator), and each one introduces at most two nodes (a collection and its first entry).
_NODE_INTRODUCERS = ("\n", "\r", "-", ":", ",", "[", "{", "?")
# A directive line (%YAML, %TAG): only allowed before a document, not inside one.
_DIRECTIVE = re.compile(r"^%[^\r\n]*", re.MULTILINE)
# libyaml also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors and
# seedlint break them at \n, \r\n and \r only, so marks are recomputed from their offsets
# when the text holds one of these.
_LIBYAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


def yaml11_reading(text: str) -> Any:
    """What YAML 1.1 (Jekyll's Psych) makes of a plain scalar that YAML 1.2 reads as text.

    Returns ``NotImplemented`` when both versions agree.
    """
    first = text[:1]
    if not (first.isdigit() or first in "+-"):
        lowered = text.lower()
        return _YAML11_BOOLS[lowered] if lowered in _YAML11_BOOLS else NotImplemented
    if "T" in text or " " in text:  # timestamps and text: no YAML 1.1 number has either
        return NotImplemented
    sign = -1 if first == "-" else 1
    digits = text.lstrip("+-").replace("_", "")
    if _SEXAGESIMAL.fullmatch(text):
        value = 0
        for part in digits.split(":"):
            value = value * 60 + int(part or "0")
        return sign * value
    if _BINARY11.fullmatch(text):
        return sign * int(digits[2:] or "0", 2)
    if _UNDERSCORED.fullmatch(text):
        return sign * (float(digits) if "." in digits else int(digits))
    return NotImplemented


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted) scalar with the YAML 1.2 core schema, timestamps as text."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return text
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(text):
            try:
                return int(text)
            except ValueError:  # more digits than Python converts: keep the text
                return text
        if text.startswith("0o") and len(text) > 2:
            try:
                return int(text[2:], 8)
            except ValueError:
                return text
        if text.startswith("0x") and len(text) > 2:
            try:
                return int(text[2:], 16)
            except ValueError:
                return text
        if _FLOAT.fullmatch(text):
            return float(text)
        if text in _INF:
            return float("inf")
        if text in _NEG_INF:
            return float("-inf")
        if text in _NAN:
            return float("nan")
    return text


def _octal11(text: str, resolved: Any) -> Any:
    """YAML 1.1 reads a leading-zero integer as octal; 1.2 as decimal."""
    if isinstance(resolved, int) and not isinstance(resolved, bool) and _OCTAL11.fullmatch(text):
        digits = text.lstrip("+-").replace("_", "")
        if len(digits) > 1:
            value = int(digits, 8)
            return -value if text.startswith("-") else value
    return NotImplemented


@dataclass
class Document:
    """A parsed front matter: the data, and where each part of it came from."""

    path: str
    front: FrontMatter
    data: Any = None
    yaml11: dict[str, tuple[str, Any, Any]] = field(default_factory=dict)  # (text, 1.2, 1.1)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    line_offset: int = 1  # the YAML block starts on file line 2
    # Set when libyaml's line numbers cannot be trusted (NEL, LS or PS in the YAML):
    # positions then come from the spans' character offsets.
    line_index: LineIndex | None = None
    # Spans come from the node tree when first asked for: most files are clean and never
    # ask (that saves about half of the parse), the others ask for a few pointers, each
    # found by walking down the tree. The whole index is built when iterated, or when
    # aliases or merge keys make the walk and the index differ.
    # (root node, limits, the classes of its nodes)
    _nodes: tuple[Any, Limits, Any] | None = field(default=None, repr=False, compare=False)
    _walkable: bool = field(default=False, repr=False, compare=False)
    _values: dict[str, RawSpan] | None = field(default=None, repr=False, compare=False)
    _keys: dict[str, RawSpan] | None = field(default=None, repr=False, compare=False)

    @property
    def values(self) -> Mapping[str, RawSpan]:
        """JSON pointer -> the span of its value."""
        return _SpanIndex(self, of_keys=False)

    @property
    def keys(self) -> Mapping[str, RawSpan]:
        """JSON pointer -> the span of the key that holds it in its mapping."""
        return _SpanIndex(self, of_keys=True)

    def _index(self) -> tuple[dict[str, RawSpan], dict[str, RawSpan]]:
        """The whole index (values, keys), built on first use; the nodes are then freed."""
        if self._values is None or self._keys is None:
            self._values, self._keys = {}, {}
            if self._nodes is not None:
                (root, limits, classes), self._nodes = self._nodes, None
                with _deep_and_uncollected(limits):
                    try:
                        _Builder(self, limits, classes, index=True).build(root, "", 0)
                    except (_LimitExceeded, RecursionError):
                        pass  # the first pass reported it; the index keeps what came before
        return self._values, self._keys

    def _walk(self, pointer: str) -> tuple[Any, Any] | None:
        """(value node, key node or None) at ``pointer``, as the index would record them;
        None when the index would not have it."""
        assert self._nodes is not None
        node, key_node, classes = self._nodes[0], None, self._nodes[2]
        for token in pointer_parts(pointer):
            kind = node.__class__
            if kind is classes.mapping:  # (no merge key here: documents with one are not walked)
                found = None
                for key, value in node.value:  # the last of duplicate keys wins, as in data
                    if key.__class__ is classes.scalar and key.value == token:
                        found = (key, value)
                if found is None:
                    return None
                key_node, node = found
            elif (
                kind is classes.sequence
                and token.isdigit()
                and str(int(token)) == token
                and int(token) < len(node.value)
            ):
                key_node, node = None, node.value[int(token)]
            else:
                return None
        return node, key_node

    @property
    def text(self) -> str:
        return self.front.text

    def diagnostic(
        self,
        span: RawSpan,
        code: str,
        message: str,
        pointer: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        line, column, end_line, end_column, start, end = span
        if self.line_index is not None:
            line, column = self.line_index.position(start)
            end_line, end_column = self.line_index.position(end)
            return Diagnostic(
                self.path,
                line + 1,
                column + 1,
                end_line + 1,
                end_column + 1,
                code,
                severity,
                message,
                pointer,
            )
        offset = self.line_offset
        return Diagnostic(
            self.path,
            line + offset + 1,
            column + 1,
            end_line + offset + 1,
            end_column + 1,
            code,
            severity,
            message,
            pointer,
        )

    def span(self, pointer: str) -> RawSpan:
        """The span of the value at ``pointer``, or of its nearest indexed ancestor."""
        values = self.values
        while (span := values.get(pointer)) is None:
            if not pointer:
                return self.whole_span()
            pointer = pointer.rsplit("/", 1)[0]
        return span

    def key_span(self, pointer: str) -> RawSpan:
        """The span of the key that holds ``pointer`` (the value span for list items)."""
        return self.keys.get(pointer) or self.span(pointer)

    def item_span(self, pointer: str) -> RawSpan:
        """For a list item: a span starting at its ``- `` indicator; else the value span."""
        span = self.span(pointer)
        text = self.text
        index = span[4] - 1
        line, column = span[0], span[1]
        while index >= self.front.yaml_start and text[index] in " \t\r\n":
            if text[index] == "\n":
                line -= 1
            index -= 1
        if index < self.front.yaml_start or text[index] != "-" or line < 0:
            return span
        if line != span[0]:
            column = index - (text.rfind("\n", 0, index) + 1)
        else:
            column -= span[4] - index
        return (line, column, span[2], span[3], index, span[5])

    def whole_span(self) -> RawSpan:
        """The opening ``---`` line, for file-level problems."""
        return (-1, 0, -1, 3, 0, 3)

    def line_text(self, line: int) -> str:
        """The text of a 1-based file line (for reporters' source excerpts)."""
        return _nth_line(self.text, line)


class _SpanIndex(Mapping[str, RawSpan]):
    """A read-only view of a document's value or key spans (see :class:`Document`)."""

    def __init__(self, doc: Document, of_keys: bool) -> None:
        self.doc = doc
        self.of_keys = of_keys

    def __getitem__(self, pointer: str) -> RawSpan:
        doc = self.doc
        if doc._values is None and doc._walkable and doc._nodes is not None:
            found = doc._walk(pointer)
            node = None if found is None else found[self.of_keys]
            if node is None:
                raise KeyError(pointer)
            start, end, offset = node.start_mark, node.end_mark, doc.front.yaml_start
            return (
                start.line,
                start.column,
                end.line,
                end.column,
                offset + start.index,
                offset + end.index,
            )
        return doc._index()[self.of_keys][pointer]

    def __iter__(self) -> Iterator[str]:
        return iter(self.doc._index()[self.of_keys])

    def __len__(self) -> int:
        return len(self.doc._index()[self.of_keys])


class LineIndex:
    """0-based (line, column) of character offsets; lines break at \\n, \\r\\n and \\r."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = array("q", [0])  # 8 bytes a line, even for millions of lines
        self.starts.extend(match.end() for match in LINE_BREAK.finditer(text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]


class _LineCursor:
    """The lines of one text, asked for in increasing order as reporters do: each call
    walks on from the line before, so a whole report costs one pass over the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.number = 1
        self.start = 0

    def line(self, number: int) -> str:
        if number < self.number:
            self.number, self.start = 1, 0
        text = self.text
        while self.number < number:
            found = LINE_BREAK.search(text, self.start)
            if found is None:
                return ""
            self.number += 1
            self.start = found.end()
        end = LINE_BREAK.search(text, self.start)
        return text[self.start : end.start() if end else len(text)]


_last_cursor: _LineCursor | None = None


def _nth_line(text: str, line: int) -> str:
    """Line ``line`` (1-based) of ``text``, without its line break ("" past the end)."""
    global _last_cursor
    if _last_cursor is None or _last_cursor.text is not text:
        _last_cursor = _LineCursor(text)
    return _last_cursor.line(line)


def _node_bound(yaml: str) -> int:
    """A cheap upper bound of the number of nodes, before aliases are expanded.

    No node takes less than half a character, and every node is introduced by a line
    break, an indicator or a flow separator, each introducing at most two nodes (a
    collection and its first entry).
    """
    by_length = 2 * len(yaml) + 2
    return min(by_length, 2 * sum(map(yaml.count, _NODE_INTRODUCERS)) + 2)


def _needs_structure_check(yaml: str, limits: Limits, other_breaks: bool) -> bool:
    """Whether the YAML may hold too many nodes, or nest deeper than the C composer can
    take, so that the event stream must be checked before composing.

    ``other_breaks``: the text holds line breaks besides LF and CRLF.
    """
    if 2 * len(yaml) + 2 > limits.max_nodes and _node_bound(yaml) > limits.max_nodes:
        return True
    if 2 * len(yaml) + 2 <= _COMPOSER_SAFE_DEPTH:  # the depth is at most the node count
        return False
    other_breaks = other_breaks or ("\r" in yaml and yaml.count("\r") != yaml.count("\r\n"))
    return _may_nest_deeper(yaml, _COMPOSER_SAFE_DEPTH, other_breaks)


def _may_nest_deeper(yaml: str, depth: int, other_breaks: bool) -> bool:
    """Cheap and safe: False only when ``yaml`` cannot nest deeper than ``depth``.

    A flow level needs an opening bracket (closing ones are not subtracted: a quoted
    ``"]]]"`` would hide real depth); a block level needs at most two characters of some
    line's leading blanks and indicators (``- ``, ``? ``, ``: ``).
    """
    prefix = (depth - yaml.count("[") - yaml.count("{") - 2) // 2 + 1
    if prefix <= 0:
        return True
    at_start, after_break = _deep_prefix(prefix, other_breaks)
    return at_start.match(yaml) is not None or after_break.search(yaml) is not None


@lru_cache(maxsize=16)
def _deep_prefix(length: int, other_breaks: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for a run of ``length`` blanks and indicators at the start of the text and
    of a line, which a structural prefix that long is (a literal ``\\n`` first, when the
    text has no other line break, is what makes the search fast)."""
    run = rf"[-?: \t]{{{length}}}"
    breaks = r"[\r\n\x85\u2028\u2029]" if other_breaks else r"\n"
    return re.compile(run), re.compile(breaks + run)


def _parser_class() -> tuple[type, str]:
    """The C parser (clib, or clibz with newer ruamel.yaml); pure Python as the fallback."""
    try:
        from _ruamel_yaml import CParser

        return CParser, "clib"
    except ImportError:
        pass
    try:
        from _ruamel_yaml_clibz import CParser

        return CParser, "clibz"
    except ImportError:
        pass
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.parser import Parser
    from ruamel.yaml.reader import Reader
    from ruamel.yaml.scanner import Scanner

    class PureParser(Reader, Scanner, Parser, Composer):
        max_depth = 0  # ruamel >= 0.19 asks; 0 leaves nesting limits to parse()

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream, loader=self)
            Scanner.__init__(self, loader=self)
            Parser.__init__(self, loader=self)
            Composer.__init__(self, loader=self)

        @property
        def resolver(self) -> Any:
            return self

        def compose_document(self) -> Any:  # no anchors kept across documents
            return Composer.compose_document(self)

    return PureParser, "pure"


_parser: tuple[type, str] | None = None


def parser_backend() -> str:
    """Which YAML parser runs: ``clib``, ``clibz`` or ``pure``."""
    return _loader_class()[1]


def _loader_class() -> tuple[type, str]:
    global _parser
    if _parser is None:
        base, backend = _parser_class()
        from ruamel.yaml.tag import Tag

        class NodeLoader(base):  # type: ignore[misc, valid-type]
            """Composes nodes only: every untagged node gets the IMPLICIT tag."""

            # One shared Tag: ruamel wraps a str tag in a new Tag per node, and reading
            # ``node.tag`` then decodes it per node (together ~20% of the parse time).
            IMPLICIT_TAG = Tag(suffix=IMPLICIT)

            def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
                return self.IMPLICIT_TAG

            # Called around every node and nothing to do: builtins that take the same
            # arguments and run without a Python frame (not bound: they are not functions).
            descend_resolver = slice  # (parent, index)
            ascend_resolver = tuple  # ()

            NODE_CLASSES: NodeClasses  # the classes of the nodes it makes (see _compose)

            # the pure-Python parser asks for these
            processing_version = (1, 2)
            tags: dict[str, str] = {}
            yaml_version = (1, 2)

        NodeLoader.NODE_CLASSES = (
            _original_node_classes() if backend == "pure" else _fast_node_classes()
        )
        _parser = (NodeLoader, backend)
    return _parser


class NodeClasses(NamedTuple):
    scalar: Any
    sequence: Any
    mapping: Any


def _original_node_classes() -> NodeClasses:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    return NodeClasses(ScalarNode, SequenceNode, MappingNode)


def _fast_node_classes() -> NodeClasses:
    """Subclasses of ruamel's node classes, each built by one flat ``__init__`` (ruamel's
    take two calls with keyword arguments): the C composer makes one per node."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from ruamel.yaml.tag import Tag

    def init_node(
        self: Any,
        tag: Any,
        value: Any,
        start_mark: Any = None,
        end_mark: Any = None,
        style: Any = None,
        comment: Any = None,
        anchor: Any = None,
    ) -> None:
        """What ruamel's ``__init__`` does; ``style`` is a collection's ``flow_style``."""
        self.ctag = tag if isinstance(tag, Tag) else Tag(suffix=tag)
        self.value = value
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.comment = comment
        self.anchor = anchor
        if self.__class__ is FastScalarNode:
            self.style = style
        else:
            self.flow_style = style
            if self.__class__ is FastMappingNode:
                self.merge = None

    class FastScalarNode(ScalarNode):
        __slots__ = ()
        __init__ = init_node

    class FastSequenceNode(SequenceNode):
        __slots__ = ()
        __init__ = init_node

    class FastMappingNode(MappingNode):
        __slots__ = ()
        __init__ = init_node

    return NodeClasses(FastScalarNode, FastSequenceNode, FastMappingNode)


_compose_lock = threading.Lock()


def _compose(loader_class: type, yaml: str) -> Any:
    """The root node of ``yaml`` (``None`` when empty), composed in C when available.

    The C composer creates nodes through its module's globals ``ScalarNode``,
    ``SequenceNode`` and ``MappingNode``: for this call they are
    ``loader_class.NODE_CLASSES``, subclasses that behave the same (so a thread composing
    with ruamel meanwhile still gets proper nodes) and are built faster; the originals are
    put back whatever happens. The lock keeps two threads of seedlint from swapping at
    once (one would restore while the other composes).
    """
    fast: NodeClasses = loader_class.NODE_CLASSES  # type: ignore[attr-defined]
    module = sys.modules.get(loader_class.__mro__[1].__module__)
    gc_was_enabled = gc.isenabled()
    with _compose_lock:
        original = NodeClasses(*(getattr(module, name, None) for name in _NODE_CLASS_NAMES))
        swap = fast != original and all(
            replaced is not None and issubclass(cls, replaced)
            for cls, replaced in zip(fast, original, strict=True)
        )
        loader = loader_class(yaml)
        gc.disable()  # the node tree is acyclic; collection passes only cost time
        try:
            if swap:
                _set_node_classes(module, fast)
            return loader.get_single_node()
        finally:
            if swap:
                _set_node_classes(module, original)
            _dispose(loader)
            if gc_was_enabled:
                gc.enable()


_NODE_CLASS_NAMES = NodeClasses("ScalarNode", "SequenceNode", "MappingNode")


def _set_node_classes(module: Any, classes: NodeClasses) -> None:
    for name, cls in zip(_NODE_CLASS_NAMES, classes, strict=True):
        setattr(module, name, cls)


class _LimitExceeded(Exception):
    def __init__(self, span: RawSpan, message: str) -> None:
        super().__init__(message)
        self.span = span
        self.message = message


def _offset_span(yaml: str, index: int, yaml_start: int) -> RawSpan:
    """A zero-width span at character ``index`` of the YAML block."""
    index = max(0, min(index, len(yaml)))
    line, column = position(yaml, index)
    return (line - 1, column - 1, line - 1, column - 1, yaml_start + index, yaml_start + index)


def _mark_span(mark: Any, yaml: str, yaml_start: int) -> RawSpan:
    return _offset_span(yaml, mark.index, yaml_start)


def _depth_exceeded(limits: Limits) -> str:
    return f"nesting deeper than {limits.max_depth} levels (the max-depth limit)"


def _nodes_exceeded(limits: Limits) -> str:
    return (
        f"the front matter has more than {limits.max_nodes:,} nodes (keys and values, "
        "aliases expanded; the max-nodes limit)"
    )


def _check_structure(loader_class: type, yaml: str, limits: Limits, yaml_start: int) -> None:
    """Walk the event stream (iteratively, building nothing) and stop at the first level
    too deep or the first node too many, before the C composer recurses or allocates."""
    from ruamel.yaml import events

    loader = loader_class(yaml)
    depth = nodes = 0
    try:
        while True:
            event = loader.get_event()
            cls = event.__class__
            if cls is events.ScalarEvent or cls is events.AliasEvent:
                nodes += 1
            elif isinstance(event, events.CollectionStartEvent):
                depth += 1
                nodes += 1
                if depth > limits.max_depth:
                    raise _LimitExceeded(
                        _mark_span(event.start_mark, yaml, yaml_start), _depth_exceeded(limits)
                    )
            elif isinstance(event, events.CollectionEndEvent):
                depth -= 1
            elif event is None or cls is events.StreamEndEvent:
                return
            if nodes > limits.max_nodes:
                raise _LimitExceeded(
                    _mark_span(event.start_mark, yaml, yaml_start), _nodes_exceeded(limits)
                )
    finally:
        _dispose(loader)


def _dispose(loader: Any) -> None:
    try:
        loader.dispose()
    except Exception:  # noqa: BLE001 - a half-built parser may fail to dispose
        pass


def _reader_error_span(doc: Document, error: Any) -> RawSpan:
    """A span at the character the reader refused (the C reader counts UTF-8 bytes)."""
    yaml = doc.front.yaml
    offset = error.position
    if parser_backend() != "pure":
        offset = len(yaml.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    return _offset_span(yaml, offset, doc.front.yaml_start)


def _syntax_diagnostic(doc: Document, error: Exception) -> Diagnostic:
    from ruamel.yaml.reader import ReaderError

    if isinstance(error, ReaderError):
        character = error.character
        shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
        return doc.diagnostic(
            _reader_error_span(doc, error),
            "SL001",
            f"the character {shown} is not allowed in YAML ({error.reason}); remove it",
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if problem is None:
        problem = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable YAML"
    yaml = doc.front.yaml
    index = getattr(mark, "index", None)
    if not isinstance(index, int):
        return doc.diagnostic(doc.whole_span(), "SL001", f"YAML syntax error: {problem}")
    span = _offset_span(yaml, index, doc.front.yaml_start)
    if "another document" in problem:
        return doc.diagnostic(
            span,
            "SL001",
            "a second YAML document starts here (a '---' "
            "line followed by text is a document marker, not the closing "
            "delimiter); the front matter must hold one YAML mapping",
        )
    directive = _DIRECTIVE.search(yaml, 0, index + 1)
    if "document start" in problem and directive is not None:
        return doc.diagnostic(
            _offset_span(yaml, directive.start(), doc.front.yaml_start),
            "SL001",
            f"the directive '{directive.group(0).strip()}' cannot appear inside the front "
            "matter; remove the line",
        )
    culprit = _likely_cause(yaml, index, context, context_mark)
    if culprit is not None:
        start, why = culprit
        return doc.diagnostic(
            _offset_span(yaml, start, doc.front.yaml_start),
            "SL001",
            f"YAML syntax error: {why}; the parser stopped on line "
            f"{span[0] + doc.line_offset + 1}: {problem}",
        )
    message = f"YAML syntax error: {problem}"
    if context and context_mark is not None and context_mark is not mark:
        context_line = _offset_span(yaml, context_mark.index, 0)[0]
        message += f" ({context} on line {context_line + doc.line_offset + 1})"
    elif context:
        message += f" ({context})"
    if yaml[index : index + 1] == "\t":
        message += "; tabs cannot indent YAML, use spaces"
    return doc.diagnostic(span, "SL001", message)


def _likely_cause(
    yaml: str, index: int, context: str | None, context_mark: Any
) -> tuple[int, str] | None:
    """Where a syntax error began when the parser only notices it later: an unclosed quote
    or bracket. Returns (offset, explanation), or None to keep the parser's position."""
    if context == "while scanning a quoted scalar" and context_mark is not None:
        return context_mark.index, "the quoted value that starts here is never closed"
    if context and "flow" in context and context_mark is not None:
        opener = context_mark.index
        if not _is_closed(yaml, opener):
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
    loader_class, _ = _loader_class()
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
        _dispose(loader)


_DEFAULT_LIMITS = Limits()


def parse(front: FrontMatter, path: str, limits: Limits = _DEFAULT_LIMITS) -> Document:
    """Parse the front matter of ``front`` into a :class:`Document`."""
    doc = Document(path, front)
    yaml = front.yaml
    libyaml_only_breaks = any(map(yaml.__contains__, _LIBYAML_ONLY_BREAKS))
    if libyaml_only_breaks:
        doc.line_index = LineIndex(front.text)
    loader_class, _ = _loader_class()
    try:
        if _needs_structure_check(yaml, limits, libyaml_only_breaks):
            _check_structure(loader_class, yaml, limits, front.yaml_start)
        root = _compose(loader_class, yaml)
    except _LimitExceeded as exceeded:
        doc.diagnostics.append(doc.diagnostic(exceeded.span, "SL009", exceeded.message))
        return doc
    except RecursionError:
        doc.diagnostics.append(doc.diagnostic(doc.whole_span(), "SL009", _depth_exceeded(limits)))
        return doc
    except Exception as error:  # noqa: BLE001 - any parser failure is a syntax diagnostic
        doc.diagnostics.append(_syntax_diagnostic(doc, error))
        return doc
    if root is None:
        doc.diagnostics.append(
            doc.diagnostic(
                doc.whole_span(),
                "SL005",
                "the front matter is empty; it must be a YAML mapping of the record's fields",
            )
        )
        return doc
    doc._nodes = (root, limits, loader_class.NODE_CLASSES)  # type: ignore[attr-defined]
    doc._walkable = True  # until the builder meets an alias of a collection or a merge
    try:
        with _deep_and_uncollected(limits):
            doc.data = _Builder(doc, limits, doc._nodes[2]).build(root, "", 0)
    except _LimitExceeded as exceeded:
        doc._walkable = False
        doc.data = None
        doc.diagnostics.append(doc.diagnostic(exceeded.span, "SL009", exceeded.message))
        return doc
    except RecursionError:  # the caller's own stack was already deep
        doc._walkable = False
        doc.data = None
        doc.diagnostics.append(doc.diagnostic(doc.whole_span(), "SL009", _depth_exceeded(limits)))
        return doc
    if not isinstance(doc.data, dict) and root.__class__ is not doc._nodes[2].mapping:
        kind = (
            "a list"
            if isinstance(doc.data, list)
            else ("empty" if doc.data is None else f"the scalar {_short(doc.data)}")
        )
        doc.diagnostics.append(
            doc.diagnostic(
                doc.values.get("", doc.whole_span()),
                "SL006",
                f"the front matter must be a mapping of field names to values; it is {kind}",
            )
        )
        doc.data = None
    return doc


@contextmanager
def _deep_and_uncollected(limits: Limits) -> Iterator[None]:
    """Room on the stack for ``limits.max_depth`` levels, and no cyclic GC passes (the
    node tree is acyclic: collections would only cost time)."""
    gc_was_enabled = gc.isenabled()
    gc.disable()
    old_limit = sys.getrecursionlimit()
    if old_limit < 4 * limits.max_depth + 200:
        sys.setrecursionlimit(4 * limits.max_depth + 200)
    try:
        yield
    finally:
        sys.setrecursionlimit(old_limit)
        if gc_was_enabled:
            gc.enable()


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


class _Builder:
    """One recursive pass from nodes to data.

    The first pass builds the data and reports problems; spans are computed only for
    those. A second pass over the same nodes (``index=True``) fills the pointer -> span
    index, when something first asks for a span (see :class:`Document`).
    """

    def __init__(
        self, doc: Document, limits: Limits, classes: NodeClasses, index: bool = False
    ) -> None:
        self.doc = doc
        self.limits = limits
        self.index = index
        # the index pass repeats the first pass's findings: they go nowhere
        self.diagnostics: list[Diagnostic] = [] if index else doc.diagnostics
        self.yaml11: dict[str, tuple[str, Any, Any]] = {} if index else doc.yaml11
        self.yaml_start = doc.front.yaml_start
        self.seen: dict[int, tuple[Any, int]] = {}  # id(collection node) -> (data, size)
        self.tags: dict[int, str | None] = {}  # id(tagged node) -> its type name, reported
        self.aliases = 0
        self.nodes = 0
        self.key_of_value: tuple[str, Any] = ("", None)  # (pointer, key node) being built
        self.scalar_cls, self.seq_cls, self.map_cls = classes
        self.implicit = _loader_class()[0].IMPLICIT_TAG  # type: ignore[attr-defined] # by identity

    def span_of(self, node: Any) -> RawSpan:
        start, end = node.start_mark, node.end_mark
        offset = self.yaml_start
        return (
            start.line,
            start.column,
            end.line,
            end.column,
            offset + start.index,
            offset + end.index,
        )

    def build(self, node: Any, pointer: str, depth: int) -> Any:
        if self.index:
            self.doc._values[pointer] = self.span_of(node)  # type: ignore[index]
        cls = node.__class__
        if cls is self.scalar_cls:
            self.nodes += 1
            return self.scalar(node, pointer)
        if depth >= self.limits.max_depth:
            raise _LimitExceeded(self.span_of(node), _depth_exceeded(self.limits))
        key = id(node)
        known = self.seen.get(key)
        if known is not None:  # an alias of a collection: share the data, count its size
            self.doc._walkable = False  # the index stops at the alias, a walk would not
            data, size = known
            key_pointer, key_node = self.key_of_value
            # the alias (its key), not its anchor
            where = self.span_of(key_node if key_pointer == pointer else node)
            if size < 0:
                raise _LimitExceeded(
                    where,
                    "this alias refers to a collection that contains "
                    "it: the data would be infinitely deep",
                )
            self.aliases += 1
            self.nodes += size
            if self.aliases > self.limits.max_aliases:
                raise _LimitExceeded(
                    where, f"more than {self.limits.max_aliases} aliases (the max-aliases limit)"
                )
            self.check_nodes(where)
            return data
        before = self.nodes
        self.seen[key] = (None, -1)  # being built: an alias met before the end is recursive
        self.tag_check(node, pointer)
        if cls is self.map_cls:
            data = self.mapping(node, pointer, depth)
        else:
            data = self.items(node, pointer, depth)
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            self.check_nodes(self.span_of(node))
        self.seen[key] = (data, self.nodes - before)
        return data

    def check_nodes(self, span: RawSpan) -> None:
        if self.nodes > self.limits.max_nodes:
            hint = "; its aliases repeat data, as an alias bomb does" if self.aliases else ""
            raise _LimitExceeded(span, _nodes_exceeded(self.limits) + hint)

    def tag_check(self, node: Any, pointer: str) -> str | None:
        """Report explicit tags that are not plain data; return the standard type name."""
        if node.ctag is self.implicit or node.ctag is None:
            return None
        key = id(node)
        if key not in self.tags:  # an alias of a tagged scalar: reported once, at the node
            self.tags[key] = self._tag_name(node, pointer)
        return self.tags[key]

    def _tag_name(self, node: Any, pointer: str) -> str | None:
        tag = str(node.tag)
        if tag.startswith(_YAML_TAG):
            name = tag[len(_YAML_TAG) :]
            if name in (
                "str",
                "int",
                "float",
                "bool",
                "null",
                "map",
                "seq",
                "timestamp",
                "omap",
                "set",
                "merge",
                "value",
            ):
                return name
            if name == "binary":
                self.diagnostics.append(
                    self.doc.diagnostic(
                        self.span_of(node),
                        "SL010",
                        "the !!binary tag makes the value raw bytes "
                        "(Jekyll decodes the base64 text), not text; remove the tag. The value is "
                        "checked as its base64 text",
                        pointer,
                    )
                )
                return "binary"
            shown = "!!" + name
        elif tag == "!":
            return "str"
        else:
            shown = tag
        danger = " (it would run code in an unsafe loader)" if "python/" in tag else ""
        self.diagnostics.append(
            self.doc.diagnostic(
                self.span_of(node),
                "SL010",
                f"unsupported tag {shown}{danger}; it is never "
                "constructed, the value is checked as plain data",
                pointer,
            )
        )
        return None

    def scalar(self, node: Any, pointer: str) -> Any:
        if node.ctag is self.implicit:
            return self.untagged(node, pointer, None)
        value = node.value
        name = self.tag_check(node, pointer)
        if name == "int" or name == "float":
            resolved = resolve_plain(value.strip()) if value.strip() else None
            if name == "float" and isinstance(resolved, int) and not isinstance(resolved, bool):
                return float(resolved)
            return resolved
        if name == "bool":
            resolved = resolve_plain(value)
            return resolved
        if name == "null":
            return None
        return value

    def untagged(self, node: Any, parent: str, token: str | int | None) -> Any:
        """The value of a scalar without a tag, at ``parent/token`` (``parent`` itself when
        ``token`` is None): that pointer is made only for a YAML 1.1 note, rarely."""
        value = node.value
        if node.style:  # quoted or block: always text ('' or None is plain)
            return value
        if not value:
            return None
        resolved = resolve_plain(value)
        if value[0] in _YAML11_STARTS:
            pointer = parent if token is None else f"{parent}/{pointer_token(token)}"
            self.note_yaml11(pointer, value, resolved)
        return resolved

    def note_yaml11(self, pointer: str, value: str, resolved: Any) -> None:
        """Record a plain scalar that YAML 1.1 (Jekyll) reads otherwise than YAML 1.2."""
        if resolved.__class__ is str:
            yaml11 = yaml11_reading(value)
        elif "0" in value[:2]:  # an octal in YAML 1.1: 012, -012
            yaml11 = _octal11(value, resolved)
        else:
            return
        if yaml11 is not NotImplemented:
            self.yaml11[pointer] = (value, resolved, yaml11)

    def items(self, node: Any, pointer: str, depth: int) -> list[Any]:
        data: list[Any] = []
        append = data.append
        scalar_cls, implicit, indexing = self.scalar_cls, self.implicit, self.index
        for index, item in enumerate(node.value):
            if indexing or item.__class__ is not scalar_cls or item.ctag is not implicit:
                append(self.build(item, f"{pointer}/{index}", depth + 1))
            else:  # build() in short: most items are text
                self.nodes += 1
                append(self.untagged(item, pointer, index))
        return data

    def mapping(self, node: Any, pointer: str, depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        merges: list[Any] = []
        doc = self.doc
        scalar_cls, implicit, indexing = self.scalar_cls, self.implicit, self.index
        pairs = node.value
        self.nodes += len(pairs)  # the keys
        for key_node, value_node in pairs:
            if key_node.__class__ is not scalar_cls:
                self.diagnostics.append(
                    doc.diagnostic(
                        self.span_of(key_node),
                        "SL011",
                        "a mapping key must be plain text, not a "
                        f"{'list' if key_node.__class__ is self.seq_cls else 'mapping'}",
                        pointer,
                    )
                )
                continue
            key = key_node.value
            if key_node.ctag is not implicit:
                self.tag_check(key_node, pointer)
            elif key == "<<" and not key_node.style:
                merges.append(value_node)
                continue
            if key in data:
                self.duplicate(pairs, key_node, f"{pointer}/{escape_pointer_token(key)}")
            if not indexing and value_node.__class__ is scalar_cls and value_node.ctag is implicit:
                # build() in short, without the value's pointer: most values
                self.nodes += 1
                data[key] = self.untagged(value_node, pointer, key)
                continue
            child = f"{pointer}/{escape_pointer_token(key)}"
            if indexing:
                doc._keys[child] = self.span_of(key_node)  # type: ignore[index]
            self.key_of_value = (child, key_node)
            data[key] = self.build(value_node, child, depth + 1)
        if merges:
            self.doc._walkable = False  # merged keys point at their source mapping
        for merge in merges:
            self.merge(data, merge, pointer, depth)
        return data

    def duplicate(self, pairs: list[tuple[Any, Any]], key_node: Any, pointer: str) -> None:
        """SL002 at a key met before in the same mapping (the first one named by line)."""
        key = key_node.value
        first = next(
            k
            for k, _ in pairs
            if k.__class__ is self.scalar_cls
            and k.value == key
            and not (key == "<<" and not k.style and k.ctag is self.implicit)
        )
        doc = self.doc
        self.diagnostics.append(
            doc.diagnostic(
                self.span_of(key_node),
                "SL002",
                f"duplicate key '{key}' (first defined on line "
                f"{first.start_mark.line + doc.line_offset + 1}); YAML keeps only one of them",
                pointer,
            )
        )

    def merge(self, data: dict[str, Any], node: Any, pointer: str, depth: int) -> None:
        """YAML 1.1 merge keys (``<<: *base``), as Jekyll applies them: own keys win."""
        sources = node.value if node.__class__ is self.seq_cls else [node]
        for source in sources:
            if source.__class__ is not self.map_cls:
                self.diagnostics.append(
                    self.doc.diagnostic(
                        self.span_of(source),
                        "SL011",
                        "a merge key '<<' must refer to a mapping or a list of mappings",
                        pointer,
                    )
                )
                continue
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise _LimitExceeded(
                    self.span_of(source),
                    f"more than {self.limits.max_aliases} aliases (the max-aliases limit)",
                )
            merged = self.build(source, pointer + "/<<", depth + 1)
            self.nodes += len(merged)  # the copied keys: many merges of a big mapping add up
            self.check_nodes(self.span_of(source))
            for key, value in merged.items():
                if key not in data:
                    data[key] = value
                    child = f"{pointer}/{escape_pointer_token(key)}"
                    if self.index:
                        self.doc._values.setdefault(  # type: ignore[union-attr]
                            child, self.span_of(source)
                        )


def iter_pointers(data: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every (pointer, value) pair of ``data``, depth first (for rules walking the tree)."""
    # An explicit stack: nested generators re-yield every value once per level.
    stack = [(pointer, data)]
    pop, push = stack.pop, stack.extend
    while stack:
        pointer, data = pop()
        yield pointer, data
        cls = data.__class__
        if cls is dict or isinstance(data, dict):
            push(
                reversed(
                    [
                        (f"{pointer}/{escape_pointer_token(str(key))}", value)
                        for key, value in data.items()
                    ]
                )
            )
        elif cls is list or isinstance(data, list):
            push(reversed([(f"{pointer}/{index}", value) for index, value in enumerate(data)]))
