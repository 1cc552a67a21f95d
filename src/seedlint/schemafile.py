"""A schema file: found (a built-in name or a path), read, and checked as far as it can
be without a validator.

This is what a run needs to key its cache (a schema's digest): a run whose results all
come from the cache imports neither the validation engines nor :mod:`seedlint.schema`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from .config import BUILTIN_SCHEMAS
from .diagnostics import escape_pointer_token
from .digests import hex_digest


class SchemaError(Exception):
    """The schema cannot be used: not JSON, not a valid schema, or a remote reference."""


def schema_dir() -> str:
    """The bundled schemas: inside the installed package, or ``schemas/`` of a checkout."""
    packaged = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
    if os.path.isdir(packaged):
        return packaged
    checkout = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    return os.path.join(checkout, "schemas")


def schema_file(name_or_path: str | os.PathLike[str]) -> str:
    """A built-in schema name (``news``) or a file path -> the schema file."""
    text = os.fspath(name_or_path)
    if text in BUILTIN_SCHEMAS:
        return os.path.join(schema_dir(), f"{text}.schema.json")
    return os.path.normpath(text) if text else text


def _remote_refs(schema: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if (
                key in ("$ref", "$dynamicRef")
                and isinstance(value, str)
                and not value.startswith("#")
            ):
                yield where or "/", value
            yield from _remote_refs(value, f"{where}/{escape_pointer_token(str(key))}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _remote_refs(value, f"{where}/{index}")


def resolve_local(root: dict[str, Any], ref: str) -> Any:
    node: Any = root
    for token in ref.lstrip("#").split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def check_without_validator(schema: Any, source: str) -> None:
    """The checks that need no validator: a JSON object, no remote ``$ref``, and every
    local ``$ref`` points to something."""
    if not isinstance(schema, dict):
        raise SchemaError(f"{source}: a JSON Schema must be a JSON object")
    for where, ref in _remote_refs(schema):
        raise SchemaError(
            f"{source}: remote $ref {ref!r} at {where} is not allowed: seedlint never fetches "
            "schemas over the network; inline it under $defs and use '#/$defs/...'"
        )
    for where, ref in _local_refs(schema):
        try:
            resolve_local(schema, ref)
        except (KeyError, IndexError, ValueError, TypeError):
            raise SchemaError(f"{source}: $ref {ref!r} at {where} points to nothing") from None


def _local_refs(schema: Any, where: str = "") -> Iterator[tuple[str, str]]:
    for place, ref in _all_refs(schema, where):
        if ref.startswith("#/") or ref == "#":
            yield place, ref


def _all_refs(schema: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str):
                yield where or "/", value
            yield from _all_refs(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _all_refs(value, f"{where}/{index}")


def digest(schema: dict[str, Any]) -> str:
    return hex_digest(json.dumps(schema, sort_keys=True).encode("utf-8"))


# (resolved path, hash of the bytes) -> the schema as JSON data and its digest
_read: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}


def read_schema(
    name_or_path: str | os.PathLike[str],
) -> tuple[tuple[str, str], dict[str, Any], str]:
    """A schema file's key (its resolved path and the hash of its bytes), its JSON and its
    digest, checked as far as it can be without a validator; once per content."""
    path = schema_file(name_or_path)
    source = str(name_or_path)
    from .safeio import MAX_SCHEMA_SIZE, read_bounded

    try:
        raw = read_bounded(path, MAX_SCHEMA_SIZE)[0]
    except OSError as error:
        raise SchemaError(f"{source}: cannot read the schema: {error.strerror or error}") from None
    key = (os.path.realpath(path), hex_digest(raw))
    if key not in _read:
        try:
            schema = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise SchemaError(f"{source}: the schema is not UTF-8 text") from None
        except json.JSONDecodeError as error:
            raise SchemaError(
                f"{source}:{error.lineno}:{error.colno}: the schema is not valid JSON: {error.msg}"
            ) from None
        check_without_validator(schema, source)
        _read[key] = (schema, digest(schema))
    return (key, *_read[key])


def schema_digest(name_or_path: str | os.PathLike[str]) -> str:
    """What identifies a schema's content (``CompiledSchema.digest``), without
    compiling it: a run whose results all come from the cache never needs a validator.
    Raises :class:`SchemaError` for what can be found wrong without one."""
    return read_schema(name_or_path)[2]
