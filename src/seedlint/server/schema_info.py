"""What a JSON Schema says about a place in a record: the subschemas at a path of keys
and list items, the fields a mapping may have, a field's title, type and values.

Follows local ``$ref``s and merges the branches of ``allOf``, ``anyOf`` and ``oneOf``
(a field any branch allows is offered). No LSP types here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..schemafile import resolve_local

_MAX_DEPTH = 32  # $ref chains and nested branches followed at most (a cycle stops here)


def resolved(root: dict[str, Any], schema: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """``schema`` and the schemas it brings in (``$ref``, ``allOf``/``anyOf``/``oneOf``)."""
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return
    yield schema
    reference = schema.get("$ref")
    if isinstance(reference, str) and reference.startswith("#"):
        try:
            yield from resolved(root, resolve_local(root, reference), depth + 1)
        except LookupError:  # a reference to nothing: nothing to show
            pass
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(keyword) or ():
            yield from resolved(root, branch, depth + 1)


def at_path(root: dict[str, Any], path: Sequence[str | None]) -> list[dict[str, Any]]:
    """The schemas that apply at ``path`` (keys, and ``None`` for a list item)."""
    current = list(resolved(root, root))
    for step in path:
        following: list[dict[str, Any]] = []
        for schema in current:
            if step is None:
                items = schema.get("items")
                if isinstance(items, dict):
                    following.extend(resolved(root, items))
            else:
                properties = schema.get("properties")
                if isinstance(properties, dict) and step in properties:
                    following.extend(resolved(root, properties[step]))
        current = following
    return current


@dataclass(frozen=True)
class Field:
    """A field a mapping may have: its name, schema(s), and whether it is required."""

    name: str
    schemas: tuple[dict[str, Any], ...]
    required: bool


def fields(root: dict[str, Any], path: Sequence[str | None]) -> list[Field]:
    """The fields the schema allows in the mapping at ``path``, in schema order."""
    order: dict[str, list[dict[str, Any]]] = {}
    required: set[str] = set()
    for schema in at_path(root, path):
        properties = schema.get("properties")
        if isinstance(properties, dict):
            for name, value in properties.items():
                order.setdefault(name, []).extend(resolved(root, value))
        names = schema.get("required")
        if isinstance(names, list):
            required.update(n for n in names if isinstance(n, str))
    return [Field(name, tuple(found), name in required) for name, found in order.items()]


def first(schemas: Sequence[dict[str, Any]], keyword: str) -> Any:
    """The first value of ``keyword`` among the schemas, or ``None``."""
    return next((s[keyword] for s in schemas if keyword in s), None)


def types(schemas: Sequence[dict[str, Any]]) -> list[str]:
    """The JSON types the schemas name (``type``, a string or a list)."""
    found: list[str] = []
    for schema in schemas:
        value = schema.get("type")
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and name not in found:
                found.append(name)
    return found


def values(schemas: Sequence[dict[str, Any]]) -> list[Any]:
    """The values a field may take when the schema lists them: ``enum``, ``const``,
    or ``true``/``false`` for a boolean."""
    found: list[Any] = []
    for schema in schemas:
        for value in list(schema.get("enum") or ()) + (
            [schema["const"]] if "const" in schema else []
        ):
            if value not in found:
                found.append(value)
    if not found and "boolean" in types(schemas):
        found = [True, False]
    return found
