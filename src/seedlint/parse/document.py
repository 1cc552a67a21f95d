"""The parsed front matter: its data, its diagnostics, and where each part came from.

A :class:`Document` keeps the composed node tree and finds the span of a JSON pointer in
it only when asked (see its comments); :class:`LineIndex` turns character offsets into
positions when libyaml's own line numbers cannot be trusted.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import jekyll
from ..diagnostics import Diagnostic, Severity, pointer_parts
from ..frontmatter import LINE_BREAK, FrontMatter, position

if TYPE_CHECKING:
    from ..limits import Limits
    from .backend import NodeClasses

# Raw spans are (line, column, end_line, end_column, start, end): 0-based lines and
# columns relative to the YAML block, character offsets relative to the whole text.
RawSpan = tuple[int, int, int, int, int, int]
SpanTables = tuple[dict[str, RawSpan], dict[str, RawSpan]]  # (values, keys) by pointer


class NodeTree(NamedTuple):
    """A composed front matter's nodes, kept for its span index (see :class:`Document`)."""

    root: Any
    limits: Limits
    classes: NodeClasses  # the classes of its nodes
    # builds the whole index (seedlint.parse.builder.build_index): passed in, so that this
    # model does not import the builder
    build_index: Callable[[Document, NodeTree], SpanTables]


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
    _nodes: NodeTree | None = field(default=None, repr=False, compare=False)
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

    def keep_nodes(self, nodes: NodeTree, walkable: bool) -> None:
        """Keep the node tree, to find spans in when asked. ``walkable``: no alias of a
        collection, merge key or ``!!omap`` makes a walk down the tree and the index differ."""
        self._nodes = nodes
        self._walkable = walkable

    def _index(self) -> SpanTables:
        """The whole index (values, keys), built on first use; the nodes are then freed."""
        if self._values is None or self._keys is None:
            self._values, self._keys = {}, {}
            if self._nodes is not None:
                nodes, self._nodes = self._nodes, None
                self._values, self._keys = nodes.build_index(self, nodes)
        return self._values, self._keys

    def _walk(self, pointer: str) -> tuple[Any, Any] | None:
        """(value node, key node or None) at ``pointer``, as the index would record them;
        None when the index would not have it."""
        assert self._nodes is not None
        node, key_node, classes = self._nodes.root, None, self._nodes.classes
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
            return node_span(node, doc.front.yaml_start)
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


def node_span(node: Any, yaml_start: int) -> RawSpan:
    """A node's span from its parser marks, offsets counted in the whole file's text."""
    start, end = node.start_mark, node.end_mark
    return (
        start.line,
        start.column,
        end.line,
        end.column,
        yaml_start + start.index,
        yaml_start + end.index,
    )


def offset_span(yaml: str, index: int, yaml_start: int) -> RawSpan:
    """A zero-width span at character ``index`` of the YAML block."""
    index = max(0, min(index, len(yaml)))
    line, column = position(yaml, index)
    return (line - 1, column - 1, line - 1, column - 1, yaml_start + index, yaml_start + index)
