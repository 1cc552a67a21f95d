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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

from . import jekyll
from .config import Limits
from .diagnostics import (
    Diagnostic,
    Fix,
    Severity,
    escape_pointer_token,
    pointer_parts,
    pointer_token,
)
from .frontmatter import LINE_BREAK, FrontMatter, position
from .jekyll import resolve_plain

# Raw spans are (line, column, end_line, end_column, start, end): 0-based lines and
# columns relative to the YAML block, character offsets relative to the whole text.
RawSpan = tuple[int, int, int, int, int, int]

IMPLICIT = "?"  # the tag our resolver gives every untagged node: we resolve it ourselves
_YAML_TAG = "tag:yaml.org,2002:"


_COMPOSER_SAFE_DEPTH = 1000

# Every node is introduced by one of these (a line start, an indicator or a flow
# separator), and each one introduces at most two nodes (a collection and its first entry).
_NODE_INTRODUCERS = ("\n", "\r", "-", ":", ",", "[", "{", "?")
# A directive line (%YAML, %TAG): only allowed before a document, not inside one.
_DIRECTIVE = re.compile(r"^%[^\r\n]*", re.MULTILINE)
# libyaml also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors and
# seedlint break them at \n, \r\n and \r only, so marks are recomputed from their offsets
# when the text holds one of these.
_LIBYAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


@dataclass
class Document:
    """A parsed front matter: the data, and where each part of it came from."""

    path: str
    front: FrontMatter
    data: Any = None
    # Scalars that YAML 1.2 tools and Jekyll read differently, by pointer; ``data`` holds
    # what the configured Jekyll reads (see seedlint.jekyll).
    yaml11: dict[str, jekyll.Divergence] = field(default_factory=dict)
    flavour: jekyll.Flavour = jekyll.DEFAULT_FLAVOUR
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
    # id(mapping node) -> its key text -> (key node, value node), the last of duplicate
    # keys winning: made once per mapping a walk goes through, so that finding the spans
    # of n diagnostics costs O(n * depth), not O(n * keys)
    _key_tables: dict[int, dict[str, tuple[Any, Any]]] = field(
        default_factory=dict, repr=False, compare=False
    )

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
                table = self._key_tables.get(id(node))
                if table is None:
                    scalar = classes.scalar  # the last of duplicate keys wins, as in data
                    table = {k.value: (k, v) for k, v in node.value if k.__class__ is scalar}
                    self._key_tables[id(node)] = table
                found = table.get(token)
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
        # a block mapping ends where the next item starts: end at its own last character
        end, end_line, end_column = span[5], span[2], span[3]
        while end > span[4] and text[end - 1] in " \t\r\n":
            end -= 1
        if end != span[5]:
            end_line -= text.count("\n", end, span[5]) + (
                text.count("\r", end, span[5]) - text.count("\r\n", end, span[5])
            )
            end_column = end - (max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1)
        return (line, column, end_line, end_column, index, end)

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
    if _pure_wanted:
        return _pure_parser_class(), "pure"
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
    return _pure_parser_class(), "pure"


def _pure_parser_class() -> type:
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

    return PureParser


_parser: tuple[type, str] | None = None
_pure_parser: tuple[type, str] | None = None
_pure_wanted = False  # set while _loader_class builds the pure-Python loader


def parser_backend() -> str:
    """Which YAML parser runs: ``clib``, ``clibz`` or ``pure``."""
    return _loader_class()[1]


@lru_cache(maxsize=1)
def _implicit_tag(tag_class: type) -> Any:
    return tag_class(suffix=IMPLICIT)


def _loader_class(pure: bool = False) -> tuple[type, str]:
    """The loader (composer) class and its backend; ``pure``: the pure-Python one."""
    global _parser, _pure_parser, _pure_wanted
    if pure:
        if _pure_parser is None:
            saved, _parser, _pure_wanted = _parser, None, True
            try:
                _pure_parser = _loader_class()
            finally:
                _parser, _pure_wanted = saved, False
        return _pure_parser
    if _parser is None:
        base, backend = _parser_class()
        from ruamel.yaml.tag import Tag

        class NodeLoader(base):  # type: ignore[misc, valid-type]
            """Composes nodes only: every untagged node gets the IMPLICIT tag."""

            # One shared Tag: ruamel wraps a str tag in a new Tag per node, and reading
            # ``node.tag`` then decodes it per node (together ~20% of the parse time).
            IMPLICIT_TAG: Tag = _implicit_tag(Tag)  # one for both loaders: compared by identity

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
            f"the character {shown} is not allowed in YAML ({error.reason}): Jekyll cannot "
            "read the front matter either and publishes the record without it; remove it",
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
            "a second YAML document starts here (a '---' line followed by text is a "
            "document marker, not the closing delimiter): Jekyll reads only the first "
            "document and silently drops everything from here to the closing '---'; the "
            "front matter must be one YAML mapping",
        )
    directive = _DIRECTIVE.search(yaml, 0, index + 1)
    if "document start" in problem and directive is not None:
        before = yaml[: directive.start()].strip()
        dropped = (
            "everything from here to the closing '---'"
            if before
            else "the whole front matter (the record gets no fields)"
        )
        return doc.diagnostic(
            _offset_span(yaml, directive.start(), doc.front.yaml_start),
            "SL001",
            f"the directive '{directive.group(0).strip()}' cannot appear inside the front "
            f"matter: it ends the YAML document, and Jekyll silently drops {dropped}; "
            "remove the line",
        )
    if "undefined alias" in problem or "found undefined alias" in str(error):
        name = yaml[index:].split(None, 1)[0] if yaml[index:].strip() else "*"
        return doc.diagnostic(
            span,
            "SL001",
            f"undefined alias {name} (no anchor of that name before it): upstream Jekyll reads "
            "nil here, and Debian's Jekyll cannot read the front matter at all (it publishes "
            "the record without it); define the anchor first or write the value",
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


def parse(
    front: FrontMatter,
    path: str,
    limits: Limits = _DEFAULT_LIMITS,
    flavour: jekyll.Flavour = jekyll.DEFAULT_FLAVOUR,
) -> Document:
    """Parse the front matter of ``front`` into a :class:`Document`, its data as the
    ``flavour`` of Jekyll reads it."""
    # a data file (_data/*.yml) is all YAML: no opening "---" line before it
    doc = Document(path, front, line_offset=0 if front.yaml_start == 0 else 1, flavour=flavour)
    inner_bom = yaml_bom_at(front)
    if inner_bom is not None:
        doc.diagnostics.append(
            doc.diagnostic(
                _offset_span(front.yaml, inner_bom, front.yaml_start),
                "SL001",
                "a byte-order mark (U+FEFF) at the start of a line of the front matter: "
                "Jekyll's YAML reader skips it and reads the line one column to the right, "
                "so it silently drops the fields after it (or the whole front matter); "
                "remove it",
            )
        )
    # posts are read another way, and a data file (_data/*.yml) is read whole by the YAML
    # loader, which skips a BOM: no harm there
    if front.has_bom and front.yaml_start != 0 and "/_posts/" not in "/" + path.replace("\\", "/"):
        doc.diagnostics.append(_bom_diagnostic(doc))
    yaml = front.yaml
    libyaml_only_breaks = any(map(yaml.__contains__, _LIBYAML_ONLY_BREAKS))
    if libyaml_only_breaks:
        doc.line_index = LineIndex(front.text)
    try:
        root, loader_class = _compose_as_jekyll(yaml, limits, libyaml_only_breaks, front)
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
                "the front matter is empty: Jekyll publishes the record with no fields; it "
                "must be a YAML mapping of the record's fields",
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
                f"the front matter must be a mapping of field names to values; it is {kind}: "
                "Jekyll cannot use it (a collection record or post is published without its "
                "fields, a page fails the build)",
            )
        )
        doc.data = None
    return doc


def _compose_as_jekyll(
    yaml: str, limits: Limits, libyaml_only_breaks: bool, front: FrontMatter
) -> tuple[Any, type]:
    """The root node and the loader class that composed it. The C parser bundles an older
    libyaml than Jekyll's (0.2.5), which refuses a ':' inside a plain scalar in a flow
    collection (`[a:b]`, `{url: http://x}`); the pure-Python parser reads those as
    libyaml 0.2.5 does, so such a text is composed again by it (only then: it is slower)."""
    loader_class, backend = _loader_class()
    try:
        if _needs_structure_check(yaml, limits, libyaml_only_breaks):
            _check_structure(loader_class, yaml, limits, front.yaml_start)
        return _compose(loader_class, yaml), loader_class
    except Exception as error:  # noqa: BLE001 - re-raised unless it is that one refusal
        if backend == "pure" or getattr(error, "problem", None) != "found unexpected ':'":
            raise
    loader_class, _ = _loader_class(pure=True)
    if _needs_structure_check(yaml, limits, libyaml_only_breaks):
        _check_structure(loader_class, yaml, limits, front.yaml_start)
    return _compose(loader_class, yaml), loader_class


# A U+FEFF that starts a line with content: libyaml skips it there, so the line reads one
# column to the right (Jekyll drops the fields after it, or the whole front matter).
# Elsewhere (inside a value, quoted or not) it is a character Jekyll keeps.
_LINE_START_BOM = re.compile("(?:^|(?<=[\r\n\x85\u2028\u2029]))\ufeff(?=[^\\s#])")


def yaml_bom_at(front: FrontMatter) -> int | None:
    """Where a U+FEFF starts a line of the YAML block (an editor's stray BOM), or None."""
    first = front.text.find("\ufeff", front.yaml_start, front.yaml_end)  # (nearly always -1)
    if first == -1:
        return None
    found = _LINE_START_BOM.search(front.text, first, front.yaml_end)
    return None if found is None else found.start() - front.yaml_start


def _bom_diagnostic(doc: Document) -> Diagnostic:
    """SL013: Jekyll looks for '---' in the first bytes; a BOM makes the file static."""
    found = doc.diagnostic(
        (-1, 0, -1, 3, 0, 3),
        "SL013",
        "the file starts with a UTF-8 byte-order mark: Jekyll does not see the opening "
        "'---', so it does not publish the record; it copies the file raw, front matter "
        "included, into the site as a static file; remove the byte-order mark",
    )
    return replace(found, fix=Fix("remove the byte-order mark", (), removes_bom=True))


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


_NOT_TEXT_STARTS = jekyll.NOT_TEXT_STARTS
# A quoted or block scalar written with the non-specific tag `!` (its properties first):
# libyaml reports it plain-implicit, so both loaders read it as a plain scalar.
_NON_SPECIFIC = re.compile(r"(?:&\S+\s+)?!(?:<!>)?\s+(?:&\S+\s+)?['\"|>]")
_NON_SPECIFIC_ANYWHERE = re.compile(r"!(?:<!>)?\s+(?:&\S+\s+)?['\"|>]")
_SPECIAL_WORDS = jekyll.SPECIAL_WORDS
_STANDARD_SCALAR_TAGS = frozenset(
    ("str", "int", "float", "bool", "null", "timestamp", "binary", "merge", "value")
)


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _yaml12_tagged(value: str, tag: str) -> Any:
    """A tagged scalar as YAML 1.2 tools read it (the tag decides; others keep the text)."""
    name = tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else ""
    if name in ("int", "float"):
        resolved = resolve_plain(value.strip()) if value.strip() else None
        if name == "float" and isinstance(resolved, int) and not isinstance(resolved, bool):
            return float(resolved)
        return resolved
    if name == "bool":
        return resolve_plain(value)
    if name == "null":
        return None
    return value


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
        self.flavour = doc.flavour
        self.lost_reported = index  # SL014 once per document, in the first pass
        self.scalar_anchors: set[int] = set()  # id() of anchored scalars met once
        # SafeYAML reads an alias of a text anew: only a text with an '&' has anchors
        self.anchors = not index and "&" in doc.front.yaml
        # a quoted scalar may carry the tag '!' (one search: titles hold many a '!')
        self.bangs = _NON_SPECIFIC_ANYWHERE.search(doc.front.yaml) is not None
        self.limits = limits
        self.index = index
        # the index pass repeats the first pass's findings: they go nowhere
        self.diagnostics: list[Diagnostic] = [] if index else doc.diagnostics
        self.yaml11: dict[str, jekyll.Divergence] = {} if index else doc.yaml11
        self.yaml_start = doc.front.yaml_start
        self.seen: dict[int, tuple[Any, int]] = {}  # id(collection node) -> (data, size)
        self.tagged: set[int] = set()  # id(tagged node) already reported: not once per alias
        self.aliases = 0
        self.nodes = 0
        self.key_of_value: tuple[str, Any] = ("", None)  # (pointer, key node) being built
        self.first_keys: dict[int, dict[str, Any]] = {}  # id(pairs) -> key -> first key node
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
            if self.flavour == "psych" and node.ctag is not self.implicit:
                data = self.omap(node, data, pointer)
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            self.check_nodes(self.span_of(node))
        self.seen[key] = (data, self.nodes - before)
        return data

    def check_nodes(self, span: RawSpan) -> None:
        if self.nodes > self.limits.max_nodes:
            hint = "; its aliases repeat data, as an alias bomb does" if self.aliases else ""
            raise _LimitExceeded(span, _nodes_exceeded(self.limits) + hint)

    def tag_check(self, node: Any, pointer: str) -> None:
        """Tags on a collection: Jekyll ignores them, or Debian's Jekyll refuses them."""
        if node.ctag is self.implicit or node.ctag is None:
            return
        tag = str(node.tag)
        refused = jekyll.collection_tag_refused(tag, node.__class__ is self.map_cls)
        if refused is not None and self.flavour == "psych":
            self.lose(node, pointer, f"the tag {_shown_tag(tag)}", refused)
            return
        if tag.startswith(_YAML_TAG) and tag[len(_YAML_TAG) :] in ("map", "seq"):
            return
        self.ignored_tag(node, pointer, tag, None, refused)

    def ignored_tag(
        self, node: Any, pointer: str, tag: str, reading: Any, other_lost: jekyll.Lost | None
    ) -> None:
        """SL010, a warning: a tag Jekyll ignores (or that only the other loader refuses)."""
        if id(node) in self.tagged:
            return  # an alias of a tagged node: reported once, at the node
        self.tagged.add(id(node))
        shown = _shown_tag(tag)
        message = f"the tag {shown} means nothing to Jekyll: it ignores it"
        if reading is not None:
            message += f" and reads {jekyll.describe(reading[0])}"
        if "python/" in tag:
            message += " (it is never constructed: an unsafe loader would run code)"
        if other_lost is not None:
            message += (
                f", but {jekyll.SHORT_NAMES[jekyll.other(self.flavour)]} cannot read it "
                f"({other_lost.reason}) and drops the whole front matter"
            )
        self.diagnostics.append(
            self.doc.diagnostic(
                self.span_of(node),
                "SL010",
                message + "; remove the tag",
                pointer,
                Severity.WARNING,
            )
        )

    def lose(self, node: Any, pointer: str, what: str, lost: jekyll.Lost) -> None:
        """SL014: the configured Jekyll cannot read the front matter (reported once)."""
        if self.lost_reported:
            return
        self.lost_reported = True
        self.diagnostics.append(
            self.doc.diagnostic(
                self.span_of(node),
                "SL014",
                f"{jekyll.FLAVOUR_NAMES[self.flavour]} cannot read {what} ({lost.reason}): "
                "Jekyll logs 'could not read file' and publishes the record without its "
                "front matter, so every field of it is lost",
                pointer,
            )
        )

    def readings(self, node: Any, tag: str | None) -> tuple[Any, Any]:
        """(the configured loader's reading, the other's) of a scalar node; ``Lost``
        where one cannot read it."""
        values = []
        for flavour in (self.flavour, jekyll.other(self.flavour)):
            try:
                values.append(jekyll.scalar(node.value, node.style or None, tag, flavour))
            except jekyll.Lost as lost:
                values.append(lost)
        return values[0], values[1]

    def scalar(self, node: Any, pointer: str) -> Any:
        if node.ctag is self.implicit:
            return self.untagged(node, pointer, None)
        value, tag = node.value, str(node.tag)
        yaml12 = _yaml12_tagged(value, tag)
        reading, other = self.readings(node, tag)
        if isinstance(reading, jekyll.Lost):
            self.lose(node, pointer, f"the value {_shown_tag(tag)} {_short(value)}", reading)
            return yaml12
        if isinstance(reading, bytes):
            self.diagnostics.append(
                self.doc.diagnostic(
                    self.span_of(node),
                    "SL010",
                    f"Jekyll decodes this {_shown_tag(tag)} value to bytes that are not UTF-8 "
                    "text: the page gets garbage; write the text itself",
                    pointer,
                )
            )
            return yaml12
        if tag.startswith(_YAML_TAG) and tag[len(_YAML_TAG) :] in _STANDARD_SCALAR_TAGS:
            if not (jekyll.same(yaml12, reading) and jekyll.same(reading, other)):
                self.note(pointer, jekyll.Divergence(value, yaml12, reading, other))
        else:
            lost = other if isinstance(other, jekyll.Lost) else None
            self.ignored_tag(node, pointer, tag, (reading,), lost)
        return jekyll.as_json(reading, value)

    def untagged(self, node: Any, parent: str, token: str | int | None) -> Any:
        """The value of a scalar without a tag, at ``parent/token`` (``parent`` itself when
        ``token`` is None): that pointer is made only when Jekyll reads it otherwise."""
        value = node.value
        if self.anchors and node.anchor is not None:
            return self.anchored(node, parent, token)
        if node.style:  # quoted or block: text ('' or None is plain), unless tagged '!'
            if self.bangs and _NON_SPECIFIC.match(self.doc.front.yaml, node.start_mark.index):
                return self.non_specific(node, parent, token)
            return value
        if not value:
            return None
        # jekyll.obviously_text(value), inlined: nearly every scalar is plain text
        if value[0] not in _NOT_TEXT_STARTS and (
            len(value) > 5 or value.lower() not in _SPECIAL_WORDS
        ):
            return value
        readings = jekyll.plain_readings(value)
        if readings.agree:
            return readings.yaml12
        pointer = parent if token is None else f"{parent}/{pointer_token(token)}"
        reading, other = jekyll.pick(readings, self.flavour)
        self.note(pointer, jekyll.Divergence(value, readings.yaml12, reading, other))
        if isinstance(reading, jekyll.Lost):
            self.lose(node, pointer, repr(value), reading)
            return readings.yaml12
        return jekyll.as_json(reading, value)

    def non_specific(self, node: Any, parent: str, token: str | int | None) -> Any:
        """A quoted or block scalar tagged `!`: text in YAML 1.2, a plain scalar to
        Jekyll (`! 'yes'` is true)."""
        value = node.value
        readings = jekyll.plain_readings(value)
        reading, other = jekyll.pick(readings, self.flavour)
        if not isinstance(reading, jekyll.Lost) and jekyll.same(value, reading):
            if jekyll.same(reading, other):
                return value
        pointer = parent if token is None else f"{parent}/{pointer_token(token)}"
        self.note(pointer, jekyll.Divergence(value, value, reading, other))
        if isinstance(reading, jekyll.Lost):
            self.lose(node, pointer, repr(value), reading)
            return value
        return jekyll.as_json(reading, value)

    def anchored(self, node: Any, parent: str, token: str | int | None) -> Any:
        """A scalar with an anchor: its alias reads as the anchor's value, except that
        SafeYAML guesses the type of an anchored text again (``&a "yes"``, ``*a``: true)."""
        key = id(node)
        node_anchor, node.anchor = node.anchor, None
        try:
            value = self.untagged(node, parent, token) if node.ctag is self.implicit else None
        finally:
            node.anchor = node_anchor
        if key not in self.scalar_anchors:
            self.scalar_anchors.add(key)
            return value
        flavours = (self.flavour, jekyll.other(self.flavour))
        readings = [
            r if isinstance(r, jekyll.Lost) else jekyll.alias_value(r, flavour)
            for r, flavour in zip(self.readings(node, None), flavours, strict=True)
        ]
        reading, other = readings
        yaml12 = node.value if node.style else jekyll.resolve_plain(node.value or "~")
        if not (jekyll.same(yaml12, reading) and jekyll.same(reading, other)):
            pointer = parent if token is None else f"{parent}/{pointer_token(token)}"
            self.note(pointer, jekyll.Divergence(node.value, yaml12, reading, other))
        if isinstance(reading, jekyll.Lost):
            return yaml12
        return jekyll.as_json(reading, node.value)

    def omap(self, node: Any, items: list[Any], pointer: str) -> Any:
        """Psych builds a Hash from a list tagged ``!!omap``: each entry's first key and
        last value."""
        if str(node.tag) not in ("!omap", "tag:yaml.org,2002:omap"):
            return items
        self.doc._walkable = False  # (pointers follow the list; the data is a mapping)
        data: dict[str, Any] = {}
        for item in items:
            if not isinstance(item, dict) or not item:
                lost = jekyll.Lost("NoMethodError: undefined method `first' for nil:NilClass")
                self.lose(node, pointer, "an !!omap entry that is not a mapping", lost)
                return items
            data[next(iter(item))] = list(item.values())[-1]
        return data

    def note(self, pointer: str, divergence: jekyll.Divergence) -> None:
        """Record a scalar that YAML 1.2 tools and Jekyll read differently."""
        if not self.index:
            self.yaml11[pointer] = divergence

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

    def key_reading(self, key_node: Any, pointer: str) -> tuple[bool, Any]:
        """(whether the key is a merge key ``<<`` for Jekyll, what Jekyll reads the key as)."""
        tag = None if key_node.ctag is self.implicit else str(key_node.tag)
        reading, _ = self.readings(key_node, tag)
        if isinstance(reading, jekyll.Lost):
            self.lose(key_node, pointer, f"the key {key_node.value!r}", reading)
            return False, key_node.value
        merge = reading == "<<" and reading.__class__ is str
        if merge and self.flavour == "psych":
            merge = tag != jekyll.STR_TAG
        return merge, reading

    def mapping(self, node: Any, pointer: str, depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        merged: set[str] | None = None  # keys that came from a merge, once one did
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
            if (
                key_node.ctag is not implicit
                or key == "<<"
                or (
                    not key_node.style
                    and (
                        not key
                        or key[0] in _NOT_TEXT_STARTS
                        or (len(key) <= 5 and key.lower() in _SPECIAL_WORDS)
                    )
                )
            ):  # (jekyll.obviously_text inlined: keys are nearly all plain names)
                is_merge, read_as = self.key_reading(key_node, pointer)
                if is_merge:
                    merged = self.merge(data, (key_node, value_node), pointer, depth, merged)
                    continue
                if not (read_as.__class__ is str and read_as == key):
                    self.key_not_text(key_node, pointer, read_as)
            if key in data:
                child = f"{pointer}/{escape_pointer_token(key)}"
                if merged is None or key not in merged:
                    self.duplicate(pairs, key_node, child)
                self.forget(child)
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
        return data

    def key_not_text(self, key_node: Any, pointer: str, read_as: Any) -> None:
        """SL015: Jekyll reads the key as something else than its text."""
        key = key_node.value
        self.diagnostics.append(
            self.doc.diagnostic(
                self.span_of(key_node),
                "SL015",
                f"{jekyll.FLAVOUR_NAMES[self.flavour]} reads the key {key} as "
                f"{jekyll.describe(read_as)}, not as the field name '{key}': the page has no "
                f"field '{key}'; quote the key",
                f"{pointer}/{escape_pointer_token(key)}",
            )
        )

    def forget(self, pointer: str) -> None:
        """A key met again replaces the value: notes about the old one go."""
        if self.yaml11 and not self.index:
            prefix = pointer + "/"
            for noted in [p for p in self.yaml11 if p == pointer or p.startswith(prefix)]:
                del self.yaml11[noted]

    def duplicate(self, pairs: list[tuple[Any, Any]], key_node: Any, pointer: str) -> None:
        """SL002 at a key met before in the same mapping (the first one named by line)."""
        key = key_node.value
        firsts = self.first_keys.get(id(pairs))
        if firsts is None:  # once per mapping: n duplicates cost O(n), not O(n * keys)
            firsts = self.first_keys[id(pairs)] = {}
            for k, _ in reversed(pairs):  # the earliest key of each value wins
                if k.__class__ is self.scalar_cls:
                    firsts[k.value] = k
        first = firsts[key]
        doc = self.doc
        self.diagnostics.append(
            doc.diagnostic(
                self.span_of(key_node),
                "SL002",
                f"duplicate key '{key}' (first defined on line "
                f"{first.start_mark.line + doc.line_offset + 1}); YAML keeps only one of them "
                "(Jekyll the last)",
                pointer,
            )
        )

    def merge(
        self,
        data: dict[str, Any],
        pair: tuple[Any, Any],
        pointer: str,
        depth: int,
        merged: set[str] | None,
    ) -> set[str]:
        """A merge key ``<<`` as the configured Jekyll applies it, where it stands: it
        overrides the keys before it, the keys after it override it. Merged values are
        found at the ``<<`` line."""
        self.doc._walkable = False  # merged keys point at their merge key
        merged = set() if merged is None else merged
        key_node, node = pair
        is_alias = id(node) in self.seen
        value = self.build(node, pointer + "/<<", depth + 1)
        self.check_merge_size(node, value)
        if self.flavour == "safe_yaml":
            if not isinstance(value, dict) or (node.__class__ is self.map_cls and not is_alias):
                return self.safe_yaml_merge_problem(data, node, pointer, value, merged)
            sources = [value]
        elif isinstance(value, dict) and node.__class__ is self.map_cls:
            sources = [value]
        elif (
            not is_alias  # Psych merges a list written in place, not an alias of one
            and isinstance(value, list)
            and all(isinstance(v, dict) for v in value)
        ):
            sources = list(reversed(value))  # the first of the list wins
        else:
            self.merge_note(node, pointer, "Debian's Jekyll keeps it as an ordinary field '<<'")
            data["<<"] = value
            return merged
        for source in sources:
            for key, item in source.items():
                child = f"{pointer}/{escape_pointer_token(key)}"
                if key in data:
                    self.forget(child)
                data[key] = item
                merged.add(key)
                if self.index:
                    self.doc._values[child] = self.span_of(key_node)  # type: ignore[index]
        return merged

    def check_merge_size(self, node: Any, value: Any) -> None:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise _LimitExceeded(
                self.span_of(node),
                f"more than {self.limits.max_aliases} aliases (the max-aliases limit)",
            )
        self.nodes += len(value) if isinstance(value, (dict, list)) else 1
        self.check_nodes(self.span_of(node))

    def safe_yaml_merge_problem(
        self, data: dict[str, Any], node: Any, pointer: str, value: Any, merged: set[str]
    ) -> set[str]:
        if isinstance(value, dict):  # an inline mapping: SafeYAML merges it while empty
            self.merge_note(
                node,
                pointer,
                "upstream Jekyll merges nothing here (it merges a mapping written in place "
                "before reading its keys); write the keys themselves, or merge an alias (*name)",
            )
            return merged
        kind = "a list" if isinstance(value, list) else jekyll.describe(value)
        self.lose(
            node,
            pointer,
            f"a merge key '<<' whose value is {kind} (it merges only an alias of a mapping)",
            jekyll.Lost("TypeError: no implicit conversion into Hash"),
        )
        return merged

    def merge_note(self, node: Any, pointer: str, message: str) -> None:
        self.diagnostics.append(
            self.doc.diagnostic(self.span_of(node), "SL016", message, pointer, Severity.ERROR)
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
