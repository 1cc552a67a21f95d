"""Nodes to data: one recursive pass that resolves each scalar as the configured Jekyll
reads it (plain scalars with seedlint.jekyll; YAML 1.2 readings kept where they differ),
applies merge keys, counts nodes and aliases against the limits, and reports duplicate
keys, tags and values Jekyll cannot read. A second pass fills a document's span index."""

from __future__ import annotations

import itertools
import re
from typing import Any

from .. import jekyll
from ..diagnostics import Diagnostic, Severity, escape_pointer_token, pointer_token
from ..jekyll import resolve_plain
from ..limits import Limits
from .backend import NodeClasses, node_loader
from .document import Document, NodeTree, RawSpan, node_span
from .limits import LimitExceeded, deep_and_uncollected, depth_exceeded, nodes_exceeded

_YAML_TAG = "tag:yaml.org,2002:"


_NOT_TEXT_STARTS = jekyll.NOT_TEXT_STARTS
# A quoted or block scalar written with the non-specific tag `!` (its properties first):
# libyaml reports it plain-implicit, so both loaders read it as a plain scalar.
_NON_SPECIFIC = re.compile(r"(?:&\S+\s+)?!(?:<!>)?\s+(?:&\S+\s+)?['\"|>]")
_NON_SPECIFIC_ANYWHERE = re.compile(r"!(?:<!>)?\s+(?:&\S+\s+)?['\"|>]")
_SPECIAL_WORDS = jekyll.SPECIAL_WORDS
# SPECIAL_WORDS in every casing: `key in` it is `key.lower() in SPECIAL_WORDS` (no other
# character lowers to their ASCII letters), and costs no hashing: a key is hashed anyway
_SPECIAL_SPELLINGS = frozenset(
    "".join(letters)
    for word in jekyll.SPECIAL_WORDS
    for letters in itertools.product(*((c, c.upper()) for c in word))
)
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


def short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


class Builder:
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
        # the span index, filled by the index pass (``index=True``)
        self.values: dict[str, RawSpan] = {}
        self.keys: dict[str, RawSpan] = {}
        # False once an alias of a collection, a merge key or an !!omap makes the data
        # differ from the node tree (see Document.keep_nodes)
        self.walkable = True
        self.implicit = node_loader()[0].IMPLICIT_TAG  # type: ignore[attr-defined] # by identity

    def span_of(self, node: Any) -> RawSpan:
        return node_span(node, self.yaml_start)

    def build(self, node: Any, pointer: str, depth: int) -> Any:
        if self.index:
            self.values[pointer] = self.span_of(node)
        cls = node.__class__
        if cls is self.scalar_cls:
            self.nodes += 1
            return self.scalar(node, pointer)
        if depth >= self.limits.max_depth:
            raise LimitExceeded(self.span_of(node), depth_exceeded(self.limits))
        key = id(node)
        known = self.seen.get(key)
        if known is not None:  # an alias of a collection: share the data, count its size
            self.walkable = False  # the index stops at the alias, a walk would not
            data, size = known
            key_pointer, key_node = self.key_of_value
            # the alias (its key), not its anchor
            where = self.span_of(key_node if key_pointer == pointer else node)
            if size < 0:
                raise LimitExceeded(
                    where,
                    "this alias refers to a collection that contains "
                    "it: the data would be infinitely deep",
                )
            self.aliases += 1
            self.nodes += size
            if self.aliases > self.limits.max_aliases:
                raise LimitExceeded(
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
            raise LimitExceeded(span, nodes_exceeded(self.limits) + hint)

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
            self.lose(node, pointer, f"the value {_shown_tag(tag)} {short(value)}", reading)
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
        self.walkable = False  # (pointers follow the list; the data is a mapping)
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
        scalar_cls, implicit, indexing = self.scalar_cls, self.implicit, self.index
        # the class of the values built in short: none in the index pass (it needs spans)
        short_cls = None if indexing else scalar_cls
        pairs = node.value
        self.nodes += len(pairs)  # the keys
        for key_node, value_node in pairs:
            if key_node.__class__ is not scalar_cls:
                self.key_not_scalar(key_node, pointer)
                continue
            key = key_node.value
            if (
                key_node.ctag is not implicit
                or key == "<<"
                or (
                    not key_node.style
                    and (not key or key[0] in _NOT_TEXT_STARTS or key in _SPECIAL_SPELLINGS)
                )
            ):  # (jekyll.obviously_text inlined: keys are nearly all plain names)
                merged_now = self.read_key(data, (key_node, value_node), pointer, depth, merged)
                if merged_now is not None:
                    merged = merged_now
                    continue
            if key in data:
                self.repeated_key(pairs, key_node, pointer, merged)
            if value_node.__class__ is short_cls and value_node.ctag is implicit:
                # build() in short, without the value's pointer: most values
                self.nodes += 1
                data[key] = self.untagged(value_node, pointer, key)
                continue
            child = f"{pointer}/{escape_pointer_token(key)}"
            if indexing:
                self.keys[child] = self.span_of(key_node)
            self.key_of_value = (child, key_node)
            data[key] = self.build(value_node, child, depth + 1)
        return data

    def key_not_scalar(self, key_node: Any, pointer: str) -> None:
        """SL011: a list or mapping as a key."""
        kind = "list" if key_node.__class__ is self.seq_cls else "mapping"
        self.diagnostics.append(
            self.doc.diagnostic(
                self.span_of(key_node),
                "SL011",
                f"a mapping key must be plain text, not a {kind}",
                pointer,
            )
        )

    def read_key(
        self,
        data: dict[str, Any],
        pair: tuple[Any, Any],
        pointer: str,
        depth: int,
        merged: set[str] | None,
    ) -> set[str] | None:
        """A key Jekyll may read as something else than its text. A merge key ``<<`` is
        applied: returns the keys merged so far. Otherwise None (an ordinary key), after
        SL015 when Jekyll does not read the key as its text."""
        key_node = pair[0]
        is_merge, read_as = self.key_reading(key_node, pointer)
        if is_merge:
            return self.merge(data, pair, pointer, depth, merged)
        if not (read_as.__class__ is str and read_as == key_node.value):
            self.key_not_text(key_node, pointer, read_as)
        return None

    def repeated_key(
        self, pairs: list[tuple[Any, Any]], key_node: Any, pointer: str, merged: set[str] | None
    ) -> None:
        """A key already in the data: a duplicate (SL002) unless a merge put it there; the
        notes about the value it replaces go."""
        key = key_node.value
        child = f"{pointer}/{escape_pointer_token(key)}"
        if merged is None or key not in merged:
            self.duplicate(pairs, key_node, child)
        self.forget(child)

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
        self.walkable = False  # merged keys point at their merge key
        merged = set() if merged is None else merged
        key_node, node = pair
        is_alias = id(node) in self.seen
        value = self.build(node, pointer + "/<<", depth + 1)
        self.check_merge_size(node, value)
        if self.flavour == "safe_yaml":
            sources = self.safe_yaml_merge_sources(node, pointer, value, is_alias)
        else:
            sources = self.psych_merge_sources(data, node, pointer, value, is_alias)
        for source in sources:
            for key, item in source.items():
                child = f"{pointer}/{escape_pointer_token(key)}"
                if key in data:
                    self.forget(child)
                data[key] = item
                merged.add(key)
                if self.index:
                    self.values[child] = self.span_of(key_node)
        return merged

    def safe_yaml_merge_sources(
        self, node: Any, pointer: str, value: Any, is_alias: bool
    ) -> list[dict[str, Any]]:
        """What SafeYAML merges: an alias of a mapping, nothing else."""
        if isinstance(value, dict) and (node.__class__ is not self.map_cls or is_alias):
            return [value]
        self.safe_yaml_merge_problem(node, pointer, value)
        return []

    def psych_merge_sources(
        self, data: dict[str, Any], node: Any, pointer: str, value: Any, is_alias: bool
    ) -> list[dict[str, Any]]:
        """What Psych merges, the last one first (the first of a list wins): a mapping,
        or a list of mappings written in place. Anything else is an ordinary field."""
        if isinstance(value, dict) and node.__class__ is self.map_cls:
            return [value]
        if (
            not is_alias  # Psych merges a list written in place, not an alias of one
            and isinstance(value, list)
            and all(isinstance(v, dict) for v in value)
        ):
            return list(reversed(value))
        self.merge_note(node, pointer, "Debian's Jekyll keeps it as an ordinary field '<<'")
        data["<<"] = value
        return []

    def check_merge_size(self, node: Any, value: Any) -> None:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise LimitExceeded(
                self.span_of(node),
                f"more than {self.limits.max_aliases} aliases (the max-aliases limit)",
            )
        self.nodes += len(value) if isinstance(value, (dict, list)) else 1
        self.check_nodes(self.span_of(node))

    def safe_yaml_merge_problem(self, node: Any, pointer: str, value: Any) -> None:
        if isinstance(value, dict):  # an inline mapping: SafeYAML merges it while empty
            self.merge_note(
                node,
                pointer,
                "upstream Jekyll merges nothing here (it merges a mapping written in place "
                "before reading its keys); write the keys themselves, or merge an alias (*name)",
            )
            return
        kind = "a list" if isinstance(value, list) else jekyll.describe(value)
        self.lose(
            node,
            pointer,
            f"a merge key '<<' whose value is {kind} (it merges only an alias of a mapping)",
            jekyll.Lost("TypeError: no implicit conversion into Hash"),
        )

    def merge_note(self, node: Any, pointer: str, message: str) -> None:
        self.diagnostics.append(
            self.doc.diagnostic(self.span_of(node), "SL016", message, pointer, Severity.ERROR)
        )


def build_index(doc: Document, nodes: NodeTree) -> tuple[dict[str, RawSpan], dict[str, RawSpan]]:
    """The whole span index (values, keys) of ``doc``, from its nodes (see Document)."""
    builder = Builder(doc, nodes.limits, nodes.classes, index=True)
    with deep_and_uncollected(nodes.limits):
        try:
            builder.build(nodes.root, "", 0)
        except (LimitExceeded, RecursionError):
            pass  # the first pass reported it; the index keeps what came before
    return builder.values, builder.keys
