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
from dataclasses import dataclass, field
from typing import Any, Iterator

from .diagnostics import Diagnostic, Severity
from .frontmatter import FrontMatter

# Raw spans are (line, column, end_line, end_column, start, end): 0-based lines and
# columns relative to the YAML block, character offsets relative to the whole text.
RawSpan = tuple[int, int, int, int, int, int]

IMPLICIT = "?"  # the tag our resolver gives every untagged node: we resolve it ourselves
_YAML_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile input from exhausting time or memory.

    The defaults let every real record through with a wide margin (real records nest 6
    levels deep, use no aliases and stay under 150 KB).
    """

    max_file_size: int = 10 * 1024 * 1024
    max_depth: int = 200
    max_aliases: int = 1000
    max_nodes: int = 2_000_000


# The C composer recurses once per nesting level; past a few ten thousand levels it
# overflows the C stack, so depth is checked before composing whenever it might be high.
MAX_SUPPORTED_DEPTH = 5000

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
_STRUCTURE_PREFIX = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")


def yaml11_reading(text: str) -> Any:
    """What YAML 1.1 (Jekyll's Psych) makes of a plain scalar that YAML 1.2 reads as text.

    Returns ``NotImplemented`` when both versions agree.
    """
    lowered = text.lower()
    if lowered in _YAML11_BOOLS:
        return _YAML11_BOOLS[lowered]
    first = text[:1]
    if not (first.isdigit() or first in "+-"):
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


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer_parts(pointer: str) -> list[str]:
    return [unescape_pointer_token(t) for t in pointer.split("/")[1:]] if pointer else []


@dataclass
class Document:
    """A parsed front matter: the data, and where each part of it came from."""

    path: str
    front: FrontMatter
    data: Any = None
    values: dict[str, RawSpan] = field(default_factory=dict)  # pointer -> value node
    keys: dict[str, RawSpan] = field(default_factory=dict)  # pointer -> its key in the mapping
    yaml11: dict[str, tuple[str, Any, Any]] = field(default_factory=dict)  # (text, 1.2, 1.1)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    line_offset: int = 1  # the YAML block starts on file line 2

    @property
    def text(self) -> str:
        return self.front.text

    def diagnostic(
        self, span: RawSpan, code: str, message: str, pointer: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        line, column, end_line, end_column, _, _ = span
        offset = self.line_offset
        return Diagnostic(
            self.path, line + offset + 1, column + 1, end_line + offset + 1, end_column + 1,
            code, severity, message, pointer,
        )

    def span(self, pointer: str) -> RawSpan:
        """The span of the value at ``pointer``, or of its nearest indexed ancestor."""
        while pointer not in self.values:
            if not pointer:
                return self.whole_span()
            pointer = pointer.rsplit("/", 1)[0]
        return self.values[pointer]

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


def _nth_line(text: str, line: int) -> str:
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end != -1 else len(text)].rstrip("\r")


def _nesting_bound(yaml: str) -> int:
    """A cheap upper bound of the nesting depth (block indentation plus flow brackets)."""
    block = max(map(len, _STRUCTURE_PREFIX.findall(yaml)), default=0)
    depth = flow = 0
    if "[" in yaml or "{" in yaml:
        for bracket in _BRACKETS.findall(yaml):
            depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
            flow = max(flow, depth)
    return 2 * block + flow + 2


def _parser_class() -> tuple[type, str]:
    """The C parser (clib, or clibz with newer ruamel.yaml); pure Python as the fallback."""
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]

        return CParser, "clib"
    except ImportError:
        pass
    try:
        from _ruamel_yaml_clibz import CParser  # type: ignore[import-not-found]

        return CParser, "clibz"
    except ImportError:
        pass
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.parser import Parser
    from ruamel.yaml.reader import Reader
    from ruamel.yaml.scanner import Scanner

    class PureParser(Reader, Scanner, Parser, Composer):  # type: ignore[misc]
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

        class NodeLoader(base):  # type: ignore[misc, valid-type]
            """Composes nodes only: every untagged node gets the IMPLICIT tag."""

            def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
                return IMPLICIT

            def descend_resolver(self, *args: Any) -> None:
                pass

            def ascend_resolver(self, *args: Any) -> None:
                pass

            # the pure-Python parser asks for these
            processing_version = (1, 2)
            tags: dict[str, str] = {}
            yaml_version = (1, 2)

        _parser = (NodeLoader, backend)
    return _parser


class _LimitExceeded(Exception):
    def __init__(self, span: RawSpan, message: str) -> None:
        super().__init__(message)
        self.span = span
        self.message = message


def _mark_span(mark: Any, yaml_start: int) -> RawSpan:
    return (mark.line, mark.column, mark.line, mark.column, yaml_start + mark.index,
            yaml_start + mark.index)


def _check_depth(loader_class: type, yaml: str, limits: Limits, yaml_start: int) -> None:
    """Walk the event stream (iteratively, no recursion) and stop at the first level too deep."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    loader = loader_class(yaml)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                return
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    raise _LimitExceeded(
                        _mark_span(event.start_mark, yaml_start),
                        f"nesting deeper than {limits.max_depth} levels (the max-depth limit)",
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif event.__class__.__name__ == "StreamEndEvent":
                return
    finally:
        _dispose(loader)


def _dispose(loader: Any) -> None:
    try:
        loader.dispose()
    except Exception:  # noqa: BLE001 - a half-built parser may fail to dispose
        pass


def _syntax_diagnostic(doc: Document, error: Exception) -> Diagnostic:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if problem is None:
        problem = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable YAML"
    message = f"YAML syntax error: {problem}"
    if context and context_mark is not None and context_mark is not mark:
        message += f" ({context} on line {context_mark.line + doc.line_offset + 1})"
    elif context:
        message += f" ({context})"
    if "expected a single document" in message or "but found another document" in message:
        message += "; the front matter must hold one YAML mapping"
    if mark is None:
        return doc.diagnostic(doc.whole_span(), "SL001", message)
    # ReaderError marks index bytes/characters but has no usable line: find it
    line = getattr(mark, "line", None)
    column = getattr(mark, "column", None)
    if line is None or column is None:
        return doc.diagnostic(doc.whole_span(), "SL001", message)
    span = _mark_span(mark, doc.front.yaml_start)
    return doc.diagnostic(span, "SL001", message)


def parse(front: FrontMatter, path: str, limits: Limits = Limits()) -> Document:
    """Parse the front matter of ``front`` into a :class:`Document`."""
    doc = Document(path, front)
    yaml = front.yaml
    loader_class, _ = _loader_class()
    try:
        if _nesting_bound(yaml) > min(limits.max_depth, MAX_SUPPORTED_DEPTH):
            _check_depth(loader_class, yaml, limits, front.yaml_start)
        loader = loader_class(yaml)
        gc_was_enabled = gc.isenabled()
        gc.disable()  # the node tree is acyclic; collection passes only cost time
        try:
            root = loader.get_single_node()
        finally:
            _dispose(loader)
            if gc_was_enabled:
                gc.enable()
    except _LimitExceeded as exceeded:
        doc.diagnostics.append(doc.diagnostic(exceeded.span, "SL009", exceeded.message))
        return doc
    except RecursionError:
        doc.diagnostics.append(doc.diagnostic(
            doc.whole_span(), "SL009",
            f"nesting deeper than {limits.max_depth} levels (the max-depth limit)"))
        return doc
    except Exception as error:  # noqa: BLE001 - any parser failure is a syntax diagnostic
        doc.diagnostics.append(_syntax_diagnostic(doc, error))
        return doc
    if root is None:
        doc.diagnostics.append(doc.diagnostic(
            doc.whole_span(), "SL005",
            "the front matter is empty; it must be a YAML mapping of the record's fields"))
        return doc
    builder = _Builder(doc, limits)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    old_limit = sys.getrecursionlimit()
    if old_limit < 4 * limits.max_depth + 200:
        sys.setrecursionlimit(4 * limits.max_depth + 200)
    try:
        doc.data = builder.build(root, "", 0)
    except _LimitExceeded as exceeded:
        doc.data = None
        doc.diagnostics.append(doc.diagnostic(exceeded.span, "SL009", exceeded.message))
        return doc
    finally:
        sys.setrecursionlimit(old_limit)
        if gc_was_enabled:
            gc.enable()
    if not isinstance(doc.data, dict) and root.__class__.__name__ != "MappingNode":
        kind = "a list" if isinstance(doc.data, list) else (
            "empty" if doc.data is None else f"the scalar {_short(doc.data)}")
        doc.diagnostics.append(doc.diagnostic(
            doc.values.get("", doc.whole_span()), "SL006",
            f"the front matter must be a mapping of field names to values; it is {kind}"))
        doc.data = None
    return doc


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


class _Builder:
    """One recursive pass from nodes to data, filling the span index as it goes."""

    def __init__(self, doc: Document, limits: Limits) -> None:
        self.doc = doc
        self.limits = limits
        self.yaml_start = doc.front.yaml_start
        self.seen: dict[int, tuple[Any, int]] = {}  # id(collection node) -> (data, size)
        self.aliases = 0
        self.nodes = 0
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.scalar_cls, self.seq_cls, self.map_cls = ScalarNode, SequenceNode, MappingNode

    def span_of(self, node: Any) -> RawSpan:
        start, end = node.start_mark, node.end_mark
        offset = self.yaml_start
        return (start.line, start.column, end.line, end.column,
                offset + start.index, offset + end.index)

    def build(self, node: Any, pointer: str, depth: int) -> Any:
        span = self.span_of(node)
        self.doc.values[pointer] = span
        cls = node.__class__
        if cls is self.scalar_cls:
            self.nodes += 1
            return self.scalar(node, pointer, span)
        if depth >= self.limits.max_depth:
            raise _LimitExceeded(
                span, f"nesting deeper than {self.limits.max_depth} levels (the max-depth limit)")
        key = id(node)
        if key in self.seen:  # an alias of a collection: share the data, count its size
            data, size = self.seen[key]
            self.aliases += 1
            self.nodes += size
            if self.aliases > self.limits.max_aliases:
                raise _LimitExceeded(span, f"more than {self.limits.max_aliases} aliases "
                                           "(the max-aliases limit)")
            self.check_nodes(span)
            return data
        before = self.nodes
        self.tag_check(node, pointer, span)
        if cls is self.map_cls:
            data: Any = self.mapping(node, pointer, depth)
        else:
            data = [self.build(item, f"{pointer}/{index}", depth + 1)
                    for index, item in enumerate(node.value)]
        self.nodes += 1
        self.check_nodes(span)
        self.seen[key] = (data, self.nodes - before)
        return data

    def check_nodes(self, span: RawSpan) -> None:
        if self.nodes > self.limits.max_nodes:
            raise _LimitExceeded(span, f"the data expands to more than {self.limits.max_nodes} "
                                       "values (the max-nodes limit; an alias bomb?)")

    def tag_check(self, node: Any, pointer: str, span: RawSpan) -> str | None:
        """Report explicit tags that are not plain data; return the standard type name."""
        tag = node.tag
        if tag == IMPLICIT or tag is None:
            return None
        tag = str(tag)
        if tag.startswith(_YAML_TAG):
            name = tag[len(_YAML_TAG):]
            if name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp",
                        "omap", "set", "merge", "value"):
                return name
            if name == "binary":
                self.doc.diagnostics.append(self.doc.diagnostic(
                    span, "SL010", "the !!binary tag is not text data; it is checked as its "
                    "base64 text", pointer, Severity.WARNING))
                return "binary"
            shown = "!!" + name
        elif tag == "!":
            return "str"
        else:
            shown = tag
        danger = " (it would run code in an unsafe loader)" if "python/" in tag else ""
        self.doc.diagnostics.append(self.doc.diagnostic(
            span, "SL010", f"unsupported tag {shown}{danger}; it is never constructed, the "
            "value is checked as plain data", pointer))
        return None

    def scalar(self, node: Any, pointer: str, span: RawSpan) -> Any:
        value = node.value
        tag = node.tag
        if tag == IMPLICIT:
            if node.style:  # quoted or block: always text ('' or None is plain)
                return value
            resolved = resolve_plain(value) if value else None
            if value and (value[0] in "0123456789+-ynoYNO"):
                yaml11 = yaml11_reading(value) if resolved.__class__ is str else _octal11(value, resolved)
                if yaml11 is not NotImplemented:
                    self.doc.yaml11[pointer] = (value, resolved, yaml11)
            return resolved
        name = self.tag_check(node, pointer, span)
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

    def mapping(self, node: Any, pointer: str, depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merges: list[Any] = []
        doc = self.doc
        scalar_cls = self.scalar_cls
        for key_node, value_node in node.value:
            if key_node.__class__ is not scalar_cls:
                key_span = self.span_of(key_node)
                doc.diagnostics.append(doc.diagnostic(
                    key_span, "SL011", "a mapping key must be plain text, not a "
                    f"{'list' if key_node.__class__ is self.seq_cls else 'mapping'}", pointer))
                continue
            key = key_node.value
            if key == "<<" and not key_node.style and key_node.tag == IMPLICIT:
                merges.append(value_node)
                continue
            child = f"{pointer}/{escape_pointer_token(key)}" if ("/" in key or "~" in key) \
                else f"{pointer}/{key}"
            key_span = self.span_of(key_node)
            if key in first_line:
                doc.diagnostics.append(doc.diagnostic(
                    key_span, "SL002",
                    f"duplicate key '{key}' (first defined on line "
                    f"{first_line[key] + doc.line_offset + 1}); YAML keeps only one of them",
                    child))
            else:
                first_line[key] = key_span[0]
            doc.keys[child] = key_span
            data[key] = self.build(value_node, child, depth + 1)
        for merge in merges:
            self.merge(data, merge, pointer, depth)
        return data

    def merge(self, data: dict[str, Any], node: Any, pointer: str, depth: int) -> None:
        """YAML 1.1 merge keys (``<<: *base``), as Jekyll applies them: own keys win."""
        sources = node.value if node.__class__ is self.seq_cls else [node]
        for source in sources:
            if source.__class__ is not self.map_cls:
                self.doc.diagnostics.append(self.doc.diagnostic(
                    self.span_of(source), "SL011",
                    "a merge key '<<' must refer to a mapping or a list of mappings", pointer))
                continue
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise _LimitExceeded(self.span_of(source), f"more than {self.limits.max_aliases} "
                                     "aliases (the max-aliases limit)")
            merged = self.build(source, pointer + "/<<", depth + 1)
            for key, value in merged.items():
                if key not in data:
                    data[key] = value
                    child = f"{pointer}/{escape_pointer_token(key)}"
                    self.doc.values.setdefault(child, self.span_of(source))


def iter_pointers(data: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every (pointer, value) pair of ``data``, depth first (for rules walking the tree)."""
    yield pointer, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_pointers(value, f"{pointer}/{escape_pointer_token(str(key))}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_pointers(value, f"{pointer}/{index}")
