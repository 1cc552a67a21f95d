"""A schema file: found (a built-in name or a path), read, and checked as far as it can
be without a validator.

This is what a run needs to key its cache (a schema's digest): a run whose results all
come from the cache imports neither the validation engines nor :mod:`seedlint.schema`.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from .digests import hex_digest

# The schemas seedlint ships (schemas/NAME.schema.json), by the names a configuration uses
BUILTIN_SCHEMAS = ("news", "event", "learning", "organization", "front-matter")


class SchemaError(Exception):
    """The schema cannot be used: not JSON, not a valid schema, or a reference that leaves it."""


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


def check_without_validator(schema: Any, source: str) -> None:
    """The check that needs no validator: a JSON Schema is an object or a boolean.

    References are resolved by the engine when the schema compiles (:mod:`seedlint.schemarefs`):
    only it knows where ``$id``, ``$anchor`` and ``$dynamicAnchor`` lead."""
    if not isinstance(schema, (dict, bool)):
        raise SchemaError(f"{source}: a JSON Schema must be a JSON object, true or false")


# A "$ref" or "$dynamicRef" whose value does not start with "#" may lead to a companion file
# (a .json file next to the schema): then their content is part of the schema's digest.
_OUTWARD_REF = re.compile(rb'"\$(?:ref|dynamicRef)"\s*:\s*"(?!#)')


def companion_files(path: str) -> list[str]:
    """The ``.json`` files next to a schema file (itself excluded), sorted: the local
    documents its references may reach."""
    folder = os.path.dirname(os.path.abspath(path))
    own = os.path.basename(path)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [
        os.path.join(folder, name)
        for name in names
        if name.endswith(".json") and name != own and os.path.isfile(os.path.join(folder, name))
    ]


def _companions_digest(path: str) -> str:
    parts = []
    for companion in companion_files(path):
        try:
            with open(companion, "rb") as handle:
                parts.append(os.path.basename(companion) + ":" + hex_digest(handle.read()))
        except OSError:
            continue
    return hex_digest("\n".join(parts).encode())


def digest(schema: dict[str, Any] | bool) -> str:
    return hex_digest(json.dumps(schema, sort_keys=True).encode("utf-8"))


# (resolved path, hash of the bytes) -> the schema as JSON data, its digest, and whether it
# may refer to companion files (their content, read on every call, is then part of it)
_read: dict[tuple[str, str], tuple[dict[str, Any] | bool, str, bool]] = {}


def read_schema(
    name_or_path: str | os.PathLike[str],
) -> tuple[tuple[str, str], dict[str, Any] | bool, str]:
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
        except RecursionError:
            raise SchemaError(f"{source}: the schema nests too deeply to be read") from None
        check_without_validator(schema, source)
        _read[key] = (schema, digest(schema), bool(_OUTWARD_REF.search(raw)))
    schema, own, outward = _read[key]
    return key, schema, hex_digest((own + _companions_digest(path)).encode()) if outward else own


def schema_digest(name_or_path: str | os.PathLike[str]) -> str:
    """What identifies a schema's content (``CompiledSchema.digest``), without
    compiling it: a run whose results all come from the cache never needs a validator.
    Raises :class:`SchemaError` for what can be found wrong without one."""
    return read_schema(name_or_path)[2]


def resolve_local(root: Any, ref: str) -> Any:
    """What ``ref`` points to inside the schema ``root`` (``#/$defs/x``, ``#anchor``, an
    embedded ``$id``), resolved by the ``referencing`` library as validation resolves it.
    Raises :class:`LookupError` when it points to nothing or leaves the document (nothing
    is ever fetched). For the readers of a schema's text: hover, completion, field docs."""
    from referencing import Registry
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012

    base = "urn:seedlint:schema"
    if isinstance(root, dict) and isinstance(root.get("$id"), str):
        base = root["$id"]
    try:
        resource = DRAFT202012.create_resource(root)
        resolver = Registry().with_resource(base, resource).resolver(base_uri=base)
        return resolver.lookup(ref).contents
    except (Unresolvable, ValueError, TypeError) as error:
        raise LookupError(ref) from error
