"""A JSON Schema inferred from a collection's own records (for ``seedlint init``).

genson (https://github.com/wolverdude/GenSON) builds the shape: the types of each field,
nested objects and lists, and ``required`` (the keys present in every object). seedlint
then adds what genson does not: formats it can recognise in every value (``date-time``,
``uri``, ``hostname``, ``email``), enums for small closed sets of texts, examples and a
description on every field, and ``additionalProperties: false`` so that a misspelt key is
caught. The result is checked against the records themselves: a format that one of them
does not meet is dropped, so every record the schema was made from passes it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
# A closed set: at most this many distinct texts, each seen at least twice on average
ENUM_MAX = 8
ENUM_MIN_REPEAT = 2
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s]*")
_HOSTNAME = re.compile(
    r"(?=.{1,253}\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_EMAIL = re.compile(r"[^@\s]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
FORMATS = (("date-time", _DATE_TIME), ("uri", _URI), ("email", _EMAIL), ("hostname", _HOSTNAME))


class InferenceUnavailable(RuntimeError):
    """genson is not installed (``pip install 'seedlint[init]'``)."""


@dataclass
class _Values:
    """What the records hold at one place of the schema (``/provider/name``, lists as
    ``[]``): the texts, how many objects had the field, an example."""

    texts: list[str] = field(default_factory=list)
    others: int = 0
    example: Any = None
    has_example: bool = False


def _walk(data: Any, place: str, found: dict[str, _Values]) -> None:
    values = found.setdefault(place, _Values())
    if not values.has_example and data not in (None, "", [], {}):
        values.example, values.has_example = data, True
    if isinstance(data, dict):
        for key, value in data.items():
            _walk(value, f"{place}/{key}", found)
    elif isinstance(data, list):
        for item in data:
            _walk(item, f"{place}/[]", found)
    elif isinstance(data, str):
        values.texts.append(data)
    else:
        values.others += 1


def values_by_place(records: Iterable[Any]) -> dict[str, _Values]:
    """The values of every record by place: ``""`` the record, ``/images/[]/url``..."""
    found: dict[str, _Values] = {}
    for record in records:
        _walk(record, "", found)
    return found


def infer_schema(records: list[dict[str, Any]], title: str, engine: str = "auto") -> dict[str, Any]:
    """A Draft 2020-12 schema every one of ``records`` passes (see the module's doc)."""
    try:
        from genson import SchemaBuilder  # type: ignore[import-untyped]
    except ImportError:
        raise InferenceUnavailable(
            "inferring a schema needs genson: pip install 'seedlint[init]'"
        ) from None
    builder = SchemaBuilder(schema_uri=False)
    for record in records:
        builder.add_object(record)
    schema: dict[str, Any] = builder.to_schema()
    found = values_by_place(records)
    _refine(schema, "", found, len(records))
    schema = {
        "$schema": JSON_SCHEMA,
        "title": title,
        "description": (
            f"Front matter of the {title} records; inferred by `seedlint init` from "
            f"{len(records)} of them. Edit the descriptions, formats and enums as you see fit."
        ),
        **schema,
    }
    _drop_what_records_fail(schema, records, engine)
    return schema


def _refine(node: dict[str, Any], place: str, found: dict[str, _Values], total: int) -> None:
    """Formats, enums, descriptions, examples and closed objects, depth first."""
    kinds = node.get("type")
    if kinds == ["integer", "number"] or kinds == ["number", "integer"]:
        node["type"] = "number"
    for branch in node.get("anyOf", ()):
        _refine(branch, place, found, total)
    if node.get("type") == "object" or "properties" in node:
        _refine_object(node, place, found, total)
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        _refine(node["items"], f"{place}/[]", found, total)
        node["items"].setdefault("description", "One entry of the list.")
    values = found.get(place)
    if values is not None:
        _constrain_by_values(node, values)


def _refine_object(node: dict[str, Any], place: str, found: dict[str, _Values], total: int) -> None:
    required = set(node.get("required", ()))
    for key, child in node.get("properties", {}).items():
        child_place = f"{place}/{key}"
        _refine(child, child_place, found, total)
        child["description"] = _description(key, child, key in required)
    if "properties" in node:
        node["additionalProperties"] = False
    if "required" in node:
        node["required"] = sorted(node["required"])


def _constrain_by_values(node: dict[str, Any], values: _Values) -> None:
    """A format or enum from the texts seen at this place, and one example value."""
    if node.get("type") == "string" and values.texts and not values.others:
        _text_constraints(node, values.texts)
    example = values.example
    scalars = isinstance(example, list) and not any(isinstance(i, (dict, list)) for i in example)
    if values.has_example and (scalars or not isinstance(example, (dict, list))):
        if _finite(example):  # JSON has no NaN or infinity
            node["examples"] = [example]


def _finite(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return not any(isinstance(item, float) and not math.isfinite(item) for item in items)


def _text_constraints(node: dict[str, Any], texts: list[str]) -> None:
    for name, pattern in FORMATS:
        if all(pattern.fullmatch(text) for text in texts):
            node["format"] = name
            return
    distinct = sorted(set(texts))
    if len(distinct) <= ENUM_MAX and len(texts) >= max(ENUM_MIN_REPEAT * len(distinct), 4):
        node["enum"] = distinct


def _type_name(node: dict[str, Any]) -> str:
    kinds = node.get("type")
    if isinstance(kinds, list):
        return " or ".join(kinds)
    if kinds is None and "anyOf" in node:
        return " or ".join(_type_name(branch) for branch in node["anyOf"])
    return str(kinds or "any value")


def _description(key: str, node: dict[str, Any], required: bool) -> str:
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_-]+", " ", key).strip().lower() or key
    text = f"The {words}: {_type_name(node)}"
    if "format" in node:
        text += f" ({node['format']})"
    if "enum" in node:
        text += ", one of " + ", ".join(map(str, node["enum"]))
    text += "; in every record." if required else "; optional."
    return text[0].upper() + text[1:]


def _drop_what_records_fail(schema: dict[str, Any], records: list[Any], engine: str) -> None:
    """Remove the formats, enums (a recogniser is looser than the validator in corner
    cases) and other keywords some record does not meet, until every record passes."""
    from .schema import CompiledSchema

    for _ in range(100):
        compiled = CompiledSchema(schema, "inferred", engine)
        failures = [failure for record in records for failure in compiled.errors(record)]
        if not failures:
            return
        changed = False
        for failure in failures:
            for node in _nodes_at(schema, failure.pointer):
                # the keyword that failed (a format, an enum; a type such as a number that
                # JSON cannot hold, NaN): the schema says less, and the records pass
                for keyword in {"format", "enum", failure.keyword}:
                    if keyword in node:
                        del node[keyword]
                        changed = True
        if not changed:
            break
    # what is left cannot be told apart: accept any value rather than fail the records
    schema.pop("additionalProperties", None)
    schema.pop("required", None)
    schema.pop("properties", None)


def _nodes_at(schema: dict[str, Any], path: Iterable[str | int]) -> Iterator[dict[str, Any]]:
    """The schema nodes (with their ``anyOf`` branches) describing the value at ``path``."""
    nodes = [schema]
    for part in path:
        following: list[dict[str, Any]] = []
        for node in nodes:
            for branch in [node, *node.get("anyOf", ())]:
                if isinstance(part, int) and isinstance(branch.get("items"), dict):
                    following.append(branch["items"])
                elif isinstance(part, str) and part in branch.get("properties", {}):
                    following.append(branch["properties"][part])
        nodes = following
    for node in nodes:
        yield node
        yield from node.get("anyOf", ())
