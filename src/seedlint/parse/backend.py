"""Every ruamel.yaml-specific trick of the parser, in one place.

Why: ruamel's C parser and composer (libyaml) give every node its marks at a fraction of
the cost of the pure-Python loader; the tricks below then cut the composer's per-node
cost. Measured with ``benchmarks/parser_tricks.py`` (CPU time of ``parse()`` over 500
real news records, each trick taken away in turn; 2-core machine, December 2026):
- the C parser: the pure-Python fallback is ~18x slower;
- no cyclic garbage collection while composing (the node tree is acyclic): with the
  collector on, parse() takes ~9% longer;
- node subclasses with one flat ``__init__``, swapped into the C module's globals for one
  compose under a lock, the originals always put back (see :func:`compose`): 2-4%;
- one shared ``Tag`` for every untagged node (ruamel makes and decodes one per node:
  together ~20% of the parse time when it was written) and builtins as the resolver's
  per-node hooks (no Python frame per node): the builder relies on the shared tag's
  identity, so these are not taken away by the benchmark.
``tests/test_parser_backend.py`` checks that the C parser runs, that the pure fallback
gives the same data, spans and diagnostics, and that the C module gets its classes back.
"""

from __future__ import annotations

import gc
import sys
import threading
from functools import lru_cache
from typing import Any, NamedTuple

IMPLICIT = "?"  # the tag our resolver gives every untagged node: we resolve it ourselves


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
_pure_wanted = False  # set while node_loader builds the pure-Python loader


def parser_backend() -> str:
    """Which YAML parser runs: ``clib``, ``clibz`` or ``pure``."""
    return node_loader()[1]


def reset_parser() -> None:
    """Forget the chosen parser: the next parse chooses again from the C extensions that
    import then (for a test that hides them, and shows them again)."""
    global _parser
    _parser = None


@lru_cache(maxsize=1)
def _implicit_tag(tag_class: type) -> Any:
    return tag_class(suffix=IMPLICIT)


def node_loader(pure: bool = False) -> tuple[type, str]:
    """The loader (composer) class and its backend; ``pure``: the pure-Python one."""
    global _parser, _pure_parser, _pure_wanted
    if pure:
        if _pure_parser is None:
            saved, _parser, _pure_wanted = _parser, None, True
            try:
                _pure_parser = node_loader()
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

            NODE_CLASSES: NodeClasses  # the classes of the nodes it makes (see compose)

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


def compose(loader_class: type, yaml: str) -> Any:
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
            dispose(loader)
            if gc_was_enabled:
                gc.enable()


_NODE_CLASS_NAMES = NodeClasses("ScalarNode", "SequenceNode", "MappingNode")


def _set_node_classes(module: Any, classes: NodeClasses) -> None:
    for name, cls in zip(_NODE_CLASS_NAMES, classes, strict=True):
        setattr(module, name, cls)


def dispose(loader: Any) -> None:
    try:
        loader.dispose()
    except Exception:  # noqa: BLE001 - a half-built parser may fail to dispose
        pass
