"""Where a schema's references lead, as jsonschema-rs resolves them; nothing is fetched.

jsonschema-rs's registry follows the specification inside one document (``$id`` absolute,
relative or URN, ``$anchor``, ``$dynamicAnchor``/``$dynamicRef``, JSON pointers with ``~0``,
``~1`` and percent-encoding) and knows the standard meta-schemas. A reference it cannot
resolve from those asks the retriever here, which answers only with a local companion
file: a ``.json`` file in the schema's folder, found by its file name (a relative ``$ref``
such as ``common.json#/$defs/x``) or by its own ``$id``. Anything else leaves the
schema's files and is refused with one line; seedlint never goes to the network.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .schemafile import SchemaError, companion_files


class LocalDocuments:
    """The documents a schema may reach: itself and its companion files, by URI."""

    def __init__(self, path: str | None) -> None:
        self.path = os.path.abspath(path) if path else None
        self.base_uri = Path(self.path).as_uri() if self.path else "urn:seedlint:schema"
        self.refused: list[str] = []
        self._by_uri: dict[str, Any] | None = None

    def retrieve(self, uri: str) -> Any:
        """The engine's retriever: a companion file's JSON, or refusal (never a fetch)."""
        found = self._documents().get(uri.split("#", 1)[0].rstrip("/"))
        if found is None:
            self.refused.append(uri)
            raise LookupError(f"{uri} is not a local file of this schema")
        return found

    def _documents(self) -> dict[str, Any]:
        if self._by_uri is None:
            self._by_uri = {}
            for file in companion_files(self.path) if self.path else ():
                try:
                    with open(file, "rb") as handle:
                        document = json.loads(handle.read().decode("utf-8"))
                except (OSError, ValueError, RecursionError):
                    continue  # not JSON: not a schema any reference can use
                self._by_uri[Path(file).as_uri()] = document
                own_id = document.get("$id") if isinstance(document, dict) else None
                if isinstance(own_id, str) and ":" in own_id:
                    self._by_uri.setdefault(own_id.split("#", 1)[0].rstrip("/"), document)
        return self._by_uri

    def refusal(self, source: str) -> SchemaError:
        uri = self.refused[0]
        return SchemaError(
            f"{source}: the reference to {uri} leaves this schema and seedlint never fetches "
            "schemas: save that schema as a .json file next to this one (it is found by its "
            "file name or its $id)"
        )


def registry_for(schema: dict[str, Any] | bool, documents: LocalDocuments, source: str) -> Any:
    """A jsonschema-rs registry holding ``schema`` and every local document it reaches."""
    import jsonschema_rs

    try:
        return jsonschema_rs.Registry([(documents.base_uri, schema)], retriever=documents.retrieve)
    except Exception as error:  # noqa: BLE001 - the engine's reason, on one line
        if documents.refused:
            raise documents.refusal(source) from None
        raise SchemaError(f"{source}: not a usable JSON Schema: {first_line(error)}") from None


def first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
