"""Hostile input: the cheap pre-checks that decide whether the event stream must be
walked before composing, that walk (depth and node count, building nothing), and the
room on the stack the builder needs for ``max-depth`` levels."""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from ..limits import Limits
from .backend import dispose
from .document import RawSpan, offset_span

_COMPOSER_SAFE_DEPTH = 1000

# Every node is introduced by one of these (a line start, an indicator or a flow
# separator), and each one introduces at most two nodes (a collection and its first entry).
_NODE_INTRODUCERS = ("\n", "\r", "-", ":", ",", "[", "{", "?")


def _node_bound(yaml: str) -> int:
    """A cheap upper bound of the number of nodes, before aliases are expanded.

    No node takes less than half a character, and every node is introduced by a line
    break, an indicator or a flow separator, each introducing at most two nodes (a
    collection and its first entry).
    """
    by_length = 2 * len(yaml) + 2
    return min(by_length, 2 * sum(map(yaml.count, _NODE_INTRODUCERS)) + 2)


def needs_structure_check(yaml: str, limits: Limits, other_breaks: bool) -> bool:
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


class LimitExceeded(Exception):
    def __init__(self, span: RawSpan, message: str) -> None:
        super().__init__(message)
        self.span = span
        self.message = message


def _mark_span(mark: Any, yaml: str, yaml_start: int) -> RawSpan:
    return offset_span(yaml, mark.index, yaml_start)


def depth_exceeded(limits: Limits) -> str:
    return f"nesting deeper than {limits.max_depth} levels (the max-depth limit)"


def nodes_exceeded(limits: Limits) -> str:
    return (
        f"the front matter has more than {limits.max_nodes:,} nodes (keys and values, "
        "aliases expanded; the max-nodes limit)"
    )


def check_structure(loader_class: type, yaml: str, limits: Limits, yaml_start: int) -> None:
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
                    raise LimitExceeded(
                        _mark_span(event.start_mark, yaml, yaml_start), depth_exceeded(limits)
                    )
            elif isinstance(event, events.CollectionEndEvent):
                depth -= 1
            elif event is None or cls is events.StreamEndEvent:
                return
            if nodes > limits.max_nodes:
                raise LimitExceeded(
                    _mark_span(event.start_mark, yaml, yaml_start), nodes_exceeded(limits)
                )
    finally:
        dispose(loader)


@contextmanager
def deep_and_uncollected(limits: Limits) -> Iterator[None]:
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
