"""The parser's entry point: a front matter in, a :class:`Document` out, its data as
Jekyll reads it. Syntax errors, duplicate keys, tags that must not be constructed and
exceeded limits are diagnostics, never exceptions."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .. import jekyll
from ..diagnostics import Diagnostic, Fix
from ..frontmatter import FrontMatter
from ..limits import Limits
from .backend import compose, node_loader
from .builder import Builder, build_index, short
from .document import Document, LineIndex, NodeTree, RawSpan, offset_span
from .limits import (
    LimitExceeded,
    check_structure,
    deep_and_uncollected,
    depth_exceeded,
    needs_structure_check,
)
from .syntax import syntax_diagnostic

# libyaml also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors and
# seedlint break them at \n, \r\n and \r only, so marks are recomputed from their offsets
# when the text holds one of these.
_LIBYAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


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
    doc.diagnostics.extend(_byte_order_marks(doc))
    nodes = _compose(doc, limits)
    if nodes is not None and _build(doc, nodes):
        _require_mapping(doc, nodes)
    return doc


def _byte_order_marks(doc: Document) -> list[Diagnostic]:
    """SL001 at a byte-order mark inside the front matter, SL013 at one before it."""
    front = doc.front
    found = []
    inner_bom = yaml_bom_at(front)
    if inner_bom is not None:
        found.append(
            doc.diagnostic(
                offset_span(front.yaml, inner_bom, front.yaml_start),
                "SL001",
                "a byte-order mark (U+FEFF) at the start of a line of the front matter: "
                "Jekyll's YAML reader skips it and reads the line one column to the right, "
                "so it silently drops the fields after it (or the whole front matter); "
                "remove it",
            )
        )
    # posts are read another way, and a data file (_data/*.yml) is read whole by the YAML
    # loader, which skips a BOM: no harm there
    if (
        front.has_bom
        and front.yaml_start != 0
        and "/_posts/" not in "/" + doc.path.replace("\\", "/")
    ):
        found.append(_bom_diagnostic(doc))
    return found


def _compose(doc: Document, limits: Limits) -> NodeTree | None:
    """The front matter's nodes; None, with the diagnostic that says why, when there are
    none (a syntax error, an exceeded limit, an empty front matter)."""
    front = doc.front
    libyaml_only_breaks = any(map(front.yaml.__contains__, _LIBYAML_ONLY_BREAKS))
    if libyaml_only_breaks:
        doc.line_index = LineIndex(front.text)
    try:
        root, loader_class = _compose_as_jekyll(front.yaml, limits, libyaml_only_breaks, front)
    except LimitExceeded as exceeded:
        doc.diagnostics.append(doc.diagnostic(exceeded.span, "SL009", exceeded.message))
        return None
    except RecursionError:
        doc.diagnostics.append(doc.diagnostic(doc.whole_span(), "SL009", depth_exceeded(limits)))
        return None
    except Exception as error:  # noqa: BLE001 - any parser failure is a syntax diagnostic
        doc.diagnostics.append(syntax_diagnostic(doc, error))
        return None
    if root is None:
        doc.diagnostics.append(
            doc.diagnostic(
                doc.whole_span(),
                "SL005",
                "the front matter is empty: Jekyll publishes the record with no fields; it "
                "must be a YAML mapping of the record's fields",
            )
        )
        return None
    return NodeTree(root, limits, loader_class.NODE_CLASSES, build_index)  # type: ignore[attr-defined]


def _build(doc: Document, nodes: NodeTree) -> bool:
    """Build the data Jekyll reads into ``doc``; False, with an SL009, when a limit stops it."""
    builder = Builder(doc, nodes.limits, nodes.classes)
    try:
        with deep_and_uncollected(nodes.limits):
            doc.data = builder.build(nodes.root, "", 0)
    except LimitExceeded as exceeded:
        _stopped(doc, nodes, exceeded.span, exceeded.message)
        return False
    except RecursionError:  # the caller's own stack was already deep
        _stopped(doc, nodes, doc.whole_span(), depth_exceeded(nodes.limits))
        return False
    doc.keep_nodes(nodes, walkable=builder.walkable)
    return True


def _stopped(doc: Document, nodes: NodeTree, span: RawSpan, message: str) -> None:
    """A limit stopped the build: no data, an SL009 where it stopped."""
    doc.keep_nodes(nodes, walkable=False)
    doc.data = None
    doc.diagnostics.append(doc.diagnostic(span, "SL009", message))


def _require_mapping(doc: Document, nodes: NodeTree) -> None:
    """SL006 when the data is not a mapping: Jekyll cannot use it (the data goes)."""
    if isinstance(doc.data, dict) or nodes.root.__class__ is nodes.classes.mapping:
        return
    kind = (
        "a list"
        if isinstance(doc.data, list)
        else ("empty" if doc.data is None else f"the scalar {short(doc.data)}")
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


def _compose_as_jekyll(
    yaml: str, limits: Limits, libyaml_only_breaks: bool, front: FrontMatter
) -> tuple[Any, type]:
    """The root node and the loader class that composed it. The C parser bundles an older
    libyaml than Jekyll's (0.2.5), which refuses a ':' inside a plain scalar in a flow
    collection (`[a:b]`, `{url: http://x}`); the pure-Python parser reads those as
    libyaml 0.2.5 does, so such a text is composed again by it (only then: it is slower)."""
    loader_class, backend = node_loader()
    try:
        if needs_structure_check(yaml, limits, libyaml_only_breaks):
            check_structure(loader_class, yaml, limits, front.yaml_start)
        return compose(loader_class, yaml), loader_class
    except Exception as error:  # noqa: BLE001 - re-raised unless it is that one refusal
        if backend == "pure" or getattr(error, "problem", None) != "found unexpected ':'":
            raise
    loader_class, _ = node_loader(pure=True)
    if needs_structure_check(yaml, limits, libyaml_only_breaks):
        check_structure(loader_class, yaml, limits, front.yaml_start)
    return compose(loader_class, yaml), loader_class


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
