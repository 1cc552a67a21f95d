"""What Jekyll makes of a whole file: a record, a record without front matter, or a
static file; and the front matter each loader builds (merge keys, aliases, tags).

Not on the hot path: seedlint's parser (``parse.builder.Builder``) builds the same reading from
the same rules (:mod:`.scalars` and :func:`merge_key`) while it indexes spans; this
module reads a text on its own, for the fix-safety check and the tests.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any

from .ruby import Lost
from .scalars import STR_TAG, Flavour, alias_value, collection_tag_refused, scalar

# Jekyll's Utils.has_yaml_header? (on the first line, read as bytes) and
# Document::YAML_FRONT_MATTER_REGEXP; Ruby's \s is [ \t\r\n\f\v].
HEADER = re.compile(rb"---[ \t\r\n\f\v]*\r?\n")
FRONT_MATTER = re.compile(
    r"\A(---[ \t\r\n\f\v]*\n.*?\n?)^((---|\.\.\.)[ \t\r\n\f\v]*$\n?)", re.S | re.M
)


class Outcome(str, enum.Enum):
    DOCUMENT = "document"  # a page or collection document with its front matter
    NO_FRONT_MATTER = "document without front matter"  # published, its fields ignored
    STATIC_FILE = "static file"  # copied raw into the site, front matter included


@dataclass(frozen=True)
class Reading:
    """What Jekyll reads: the outcome, the front matter (Ruby values mapped to Python)
    and, when the front matter is lost, Ruby's reason."""

    outcome: Outcome
    data: Any = None  # a dict; None or False for an empty front matter (no fields)
    reason: str = ""
    rest_dropped: bool = False  # YAML after the first document, silently ignored


def read_file(data: bytes, flavour: Flavour) -> Reading:
    """A file's bytes as Jekyll reads them (a collection document or page)."""
    first_line = data.split(b"\n", 1)[0] + (b"\n" if b"\n" in data else b"")
    if not HEADER.fullmatch(first_line):
        return Reading(Outcome.STATIC_FILE, reason="the first line is not '---'")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return Reading(Outcome.NO_FRONT_MATTER, reason="ArgumentError: invalid byte sequence")
    found = FRONT_MATTER.match(text)
    if found is None:
        return Reading(Outcome.NO_FRONT_MATTER, reason="no closing '---' line")
    return read_front_matter(found.group(1), flavour)


def read_front_matter(yaml_text: str, flavour: Flavour) -> Reading:
    """The front matter Jekyll's loader builds from ``yaml_text`` (the opening ``---``
    line may be included, as Jekyll passes it) and what Jekyll then does with it."""
    if not yaml_text.startswith("---"):
        yaml_text = "---\n" + yaml_text
    try:
        root, rest_dropped = _first_document(yaml_text)
        if root is None:  # an empty front matter: a document with no fields
            return Reading(Outcome.DOCUMENT, rest_dropped=rest_dropped)
        data = (_SafeYAML() if flavour == "safe_yaml" else _Psych()).build(root)
    except Lost as lost:
        return Reading(Outcome.NO_FRONT_MATTER, reason=lost.reason)
    except RecursionError:
        return Reading(Outcome.NO_FRONT_MATTER, reason="SystemStackError: stack level too deep")
    if data is None or data is False:  # `merge_data! if data_file`: no fields, no error
        return Reading(Outcome.DOCUMENT, data, rest_dropped=rest_dropped)
    if not isinstance(data, dict):  # Document#merge_categories! calls other.key?
        return Reading(
            Outcome.NO_FRONT_MATTER,
            data,
            f"NoMethodError: undefined method `key?' for {type(data).__name__}",
            rest_dropped,
        )
    return Reading(Outcome.DOCUMENT, data, rest_dropped=rest_dropped)


@dataclass
class Node:
    kind: str  # "scalar", "mapping", "sequence", "alias"
    tag: str | None = None
    anchor: str | None = None
    value: str = ""
    style: str | None = None
    children: list[Node] = field(default_factory=list)


def _parser(text: str, pure: bool = False) -> Any:
    if not pure:
        try:
            from _ruamel_yaml import CParser

            return CParser(text)
        except ImportError:  # pragma: no cover - the pure-Python parser gives the same events
            pass
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).parse(text)


# The C parser's libyaml is older than Jekyll's (0.2.5): it refuses a ':' inside a plain
# scalar in a flow collection (`[a:b]`), which the pure-Python parser reads as Jekyll does.
_OLD_LIBYAML_REFUSAL = "Psych::SyntaxError: found unexpected ':'"


def _first_document(text: str) -> tuple[Node | None, bool]:
    try:
        return _first_document_parsed(text, pure=False)
    except Lost as lost:
        if lost.reason != _OLD_LIBYAML_REFUSAL:
            raise
    return _first_document_parsed(text, pure=True)


def _first_document_parsed(text: str, pure: bool) -> tuple[Node | None, bool]:
    """The node tree of the first YAML document (libyaml's events, as Ruby's Psych gets
    them), and whether anything follows it. A syntax error inside it is Lost."""
    from ruamel.yaml import events

    parser = _parser(text, pure)
    get = parser.get_event if hasattr(parser, "get_event") else iter(parser).__next__
    stack: list[Node] = []
    root: Node | None = None
    try:
        while True:
            event = get()
            if isinstance(event, events.DocumentEndEvent):
                break
            if isinstance(event, events.StreamEndEvent):
                return root, False
            node = _node_of(event)
            if node is None:
                if isinstance(event, events.CollectionEndEvent):
                    stack.pop()
                continue
            if stack:
                stack[-1].children.append(node)
            else:
                root = node
            if node.kind in ("mapping", "sequence"):
                stack.append(node)
    except Exception as error:  # noqa: BLE001 - libyaml's error is Psych::SyntaxError
        problem = getattr(error, "problem", None) or str(error).strip().splitlines()[0]
        raise Lost(f"Psych::SyntaxError: {problem}") from None
    try:
        following = get()
        rest = not isinstance(following, events.StreamEndEvent)
    except Exception:  # noqa: BLE001 - Ruby never parses past the first document
        rest = True
    return root, rest


def _node_of(event: Any) -> Node | None:
    from ruamel.yaml import events

    tag = event.tag if getattr(event, "tag", None) not in (None, "!") else None
    if isinstance(event, events.ScalarEvent):
        style = event.style or None
        if event.tag == "!":  # libyaml: plain-implicit, never quoted
            style = None
        return Node("scalar", tag, event.anchor, event.value, style)
    if isinstance(event, events.MappingStartEvent):
        return Node("mapping", tag, event.anchor)
    if isinstance(event, events.SequenceStartEvent):
        return Node("sequence", tag, event.anchor)
    if isinstance(event, events.AliasEvent):
        return Node("alias", anchor=event.anchor)
    return None


def _hashable(key: Any) -> Any:
    """A Ruby Hash key as a Python one (a list key becomes a tuple)."""
    if isinstance(key, list):
        return tuple(_hashable(item) for item in key)
    if isinstance(key, dict):
        return tuple((_hashable(k), _hashable(v)) for k, v in key.items())
    return key


class _SafeYAML:
    """SafeYAML::PsychHandler: values are made in document order and added to the
    collection being read; a collection is added (and merged, for ``<<``) when it starts,
    before its entries are read. The pending key is one for the whole document, not one per
    mapping: a nil key leaves none pending, so the value after it becomes the key, and a
    key still pending when a mapping ends takes the next value read, wherever it is."""

    def __init__(self) -> None:
        self.anchors: dict[str, Any] = {}
        self.stack: list[Any] = []
        self.key: Any = None  # @current_key
        self.result: Any = None

    def build(self, root: Node) -> Any:
        self.visit(root, root=True)
        return self.result

    def visit(self, node: Node, root: bool = False) -> None:
        if node.kind == "alias":
            self.add(alias_value(self.anchors.get(node.anchor or ""), "safe_yaml"))
            return
        if node.kind == "scalar":
            value = scalar(node.value, node.style, node.tag, "safe_yaml")
        else:
            value = [] if node.kind == "sequence" else {}
        if node.anchor is not None:
            self.anchors[node.anchor] = value
        if root:
            self.result = value
        else:
            self.add(value)
        if node.kind in ("sequence", "mapping"):
            self.stack.append(value)
            for child in node.children:
                self.visit(child)
            self.stack.pop()

    def add(self, value: Any) -> None:
        """``add_to_current_structure``, past the root."""
        current = self.stack[-1]
        if isinstance(current, list):
            current.append(value)
        elif self.key is None:
            self.key = value
        else:
            if self.key == "<<" and self.key.__class__ is str:
                if not isinstance(value, dict):
                    raise Lost(
                        f"TypeError: no implicit conversion of {_ruby_class(value)} into Hash"
                    )
                current.update(value)  # a mapping written in place is still empty here
            else:
                current[_hashable(self.key)] = value
            self.key = None


class _Psych:
    """Psych::Visitors::ToRuby under ``Psych.safe_load(permitted_classes: [Date, Time],
    aliases: true)``."""

    def __init__(self) -> None:
        self.anchors: dict[str, Any] = {}

    def register(self, node: Node, value: Any) -> Any:
        if node.anchor is not None:
            self.anchors[node.anchor] = value
        return value

    def build(self, node: Node) -> Any:
        if node.kind == "alias":
            if node.anchor not in self.anchors:
                raise Lost(f"Psych::BadAlias: Unknown alias: {node.anchor}")
            return self.anchors[node.anchor]
        if node.kind == "scalar":
            return self.register(node, scalar(node.value, node.style, node.tag, "psych"))
        if node.kind == "sequence":
            return self.sequence(node)
        return self.mapping(node)

    def sequence(self, node: Node) -> Any:
        tag = node.tag or ""
        if tag in ("!omap", "tag:yaml.org,2002:omap"):
            omap = self.register(node, {})
            for item in node.children:
                if item.kind != "mapping" or not item.children:
                    raise Lost("NoMethodError: undefined method `first' for nil:NilClass")
                omap[_hashable(self.build(item.children[0]))] = self.build(item.children[-1])
            return omap
        refused = collection_tag_refused(tag, mapping=False)
        if refused is not None:
            raise refused
        items = self.register(node, [])
        items.extend(self.build(child) for child in node.children)
        return items

    def mapping(self, node: Node) -> Any:
        tag = node.tag or ""
        refused = collection_tag_refused(tag, mapping=True)
        if refused is not None:
            raise refused
        mapping = self.register(node, {})
        for (key, value), key_node, value_node in zip(
            self.pairs(node), node.children[::2], node.children[1::2], strict=False
        ):
            if key == "<<" and key_node.tag != STR_TAG:
                self.merge(mapping, key, value, value_node)
            else:
                mapping[_hashable(key)] = value
        return mapping

    def pairs(self, node: Node) -> list[tuple[Any, Any]]:
        children = node.children
        return [
            (self.build(key), self.build(value))
            for key, value in zip(children[::2], children[1::2], strict=False)
        ]

    @staticmethod
    def merge(mapping: dict[Any, Any], key: Any, value: Any, value_node: Node) -> None:
        if value_node.kind in ("alias", "mapping") and isinstance(value, dict):
            mapping.update(value)
        elif value_node.kind == "sequence" and all(isinstance(v, dict) for v in value):
            merged: dict[Any, Any] = {}
            for source in reversed(value):
                merged.update(source)
            mapping.update(merged)
        else:
            mapping[key] = value  # TypeError rescued: kept as an ordinary "<<" entry


def _ruby_class(value: Any) -> str:
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    return {int: "Integer", float: "Float", str: "String", list: "Array"}.get(
        type(value), type(value).__name__
    )


def reading_change(before: str, after: str) -> str | None:
    """Which loader reads the front matter ``after`` otherwise than ``before`` (both
    YAML texts), in words; ``None`` when both loaders read them alike."""
    from .scalars import FLAVOURS, SHORT_NAMES, same

    for flavour in FLAVOURS:
        old, new = read_front_matter(before, flavour), read_front_matter(after, flavour)
        if old.outcome != new.outcome or old.rest_dropped != new.rest_dropped:
            return f"{SHORT_NAMES[flavour]} would read the record otherwise"
        if not same(old.data, new.data):
            return f"{SHORT_NAMES[flavour]} would read other values"
    return None
