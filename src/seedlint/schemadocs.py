"""``seedlint schema docs``: a Markdown field reference of a schema, for contributors."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any, NamedTuple

_EXAMPLE_WIDTH = 60


class Field(NamedTuple):
    """One row of the reference."""

    name: str  # provider.name, images[].url
    type: str
    required: bool
    format: str
    description: str
    example: str


# A reference is for people: a schema whose $refs fan out (a tree of references, each
# used several times) would otherwise make millions of rows
MAX_ROWS = 2000


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
    """``node`` with a local ``$ref`` followed (one level at a time), and the ``$ref``s
    followed to reach it."""
    from .schemafile import resolve_local

    refs: frozenset[str] = frozenset()
    seen = 0
    while isinstance(node.get("$ref"), str) and seen < 20:
        try:
            target = resolve_local(schema, node["$ref"])
        except LookupError:  # points to nothing: document the node as it is
            break
        refs |= {node["$ref"]}
        if not isinstance(target, dict):
            break
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node, refs


def _type(node: dict[str, Any]) -> str:
    kinds = node.get("type")
    if isinstance(kinds, list):
        return " or ".join(map(str, kinds))
    if kinds:
        return str(kinds)
    if "enum" in node:
        return "one of the values"
    if "const" in node:
        return "constant"
    branches = node.get("anyOf") or node.get("oneOf")
    if branches:
        return " or ".join(_type(b) for b in branches if isinstance(b, dict))
    return "any"


def _example(node: dict[str, Any], examples: dict[str, Any], name: str) -> str:
    if name in examples:
        value = examples[name]
    elif isinstance(node.get("examples"), list) and node["examples"]:
        value = node["examples"][0]
    elif "default" in node:
        value = node["default"]
    else:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > _EXAMPLE_WIDTH:
        text = text[: _EXAMPLE_WIDTH - 1] + "…"
    return text


def fields(schema: dict[str, Any], examples: dict[str, Any] | None = None) -> Iterator[Field]:
    """Every field of the schema, depth first, in the order the schema lists them (at
    most :data:`MAX_ROWS`); a field whose schema is one of its own parents' (a recursive
    ``$ref``) is listed, not opened again."""
    node, refs = _resolve(schema, schema)
    yield from itertools.islice(_fields(schema, node, "", examples or {}, refs), MAX_ROWS)


def _fields(
    root: dict[str, Any],
    node: dict[str, Any],
    prefix: str,
    examples: dict[str, Any],
    refs: frozenset[str],
) -> Iterator[Field]:
    required = node.get("required")
    required = set(required) if isinstance(required, list) else set()
    properties = node.get("properties")
    for key, child in properties.items() if isinstance(properties, dict) else ():
        if not isinstance(child, dict):
            continue
        child, followed = _resolve(root, child)
        name = f"{prefix}{key}"
        fmt = str(child.get("format", ""))
        if "enum" in child:
            fmt = (fmt + "; " if fmt else "") + "one of " + ", ".join(map(str, child["enum"]))
        yield Field(
            name,
            _type(child),
            key in required,
            fmt,
            str(child.get("description", "")),
            _example(child, examples, name),
        )
        if not followed & refs:  # else a $ref back to a parent: listed, not opened again
            yield from _children(root, child, name, examples, refs | followed)


def _children(
    root: dict[str, Any],
    child: dict[str, Any],
    name: str,
    examples: dict[str, Any],
    refs: frozenset[str],
) -> Iterator[Field]:
    if "properties" in child:
        yield from _fields(root, child, name + ".", examples, refs)
    items = child.get("items")
    if isinstance(items, dict):
        items, followed = _resolve(root, items)
        if "properties" in items and not followed & refs:
            yield from _fields(root, items, name + "[].", examples, refs | followed)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(schema: dict[str, Any], source: str, examples: dict[str, Any] | None = None) -> str:
    """The Markdown reference: a heading, the description and one row per field."""
    title = schema.get("title") or source
    lines = [f"# {title}", ""]
    if schema.get("description"):
        lines += [str(schema["description"]), ""]
    lines += [
        f"Fields of `{source}`; a field inside a list is written `list[].field`.",
        "",
        "| field | type | required | format | description | example |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in fields(schema, examples):
        example = f"`{_cell(row.example)}`" if row.example else ""
        lines.append(
            f"| `{_cell(row.name)}` | {_cell(row.type)} | {'yes' if row.required else 'no'} | "
            f"{_cell(row.format)} | {_cell(row.description)} | {example} |"
        )
    return "\n".join(lines) + "\n"


def examples_from(records: list[Any]) -> dict[str, Any]:
    """The first value of each field in real records, by the name the reference uses."""
    from .infer import values_by_place

    found: dict[str, Any] = {}
    for place, values in values_by_place(records).items():
        if values.has_example and not isinstance(values.example, (dict, list)):
            name = place.lstrip("/").replace("/[]/", "[].").replace("/", ".")
            found.setdefault(name.removesuffix(".[]"), values.example)
    return found
