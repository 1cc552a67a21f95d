"""Load and compile a JSON Schema once; turn its validation errors into diagnostics.

jsonschema-rs compiles and validates; its registry resolves every reference (see
:mod:`seedlint.schemarefs`). Each error it reports carries its kind and that kind's fields
(the missing ``property``, the ``unexpected`` field names, the ``types``...), the instance
path and the keyword's absolute location: :mod:`seedlint.schemamessages` builds the
messages from those alone, never by evaluating the schema again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic
from .schemafile import SchemaError as SchemaError  # re-exported: this module's API too
from .schemafile import digest, read_schema, schema_file
from .schemafile import schema_digest as schema_digest
from .schemafile import schema_dir as _schema_dir
from .schemamessages import describe as describe
from .schemamessages import readable_path as readable_path
from .schemamessages import short as short
from .schemamessages import to_pointer as to_pointer
from .schemarefs import LocalDocuments, first_line, registry_for

if TYPE_CHECKING:
    from .parse import Document

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def schema_dir() -> Path:
    """The bundled schemas: inside the installed package, or ``schemas/`` of a checkout."""
    return Path(_schema_dir())


def schema_path(name_or_path: str | os.PathLike[str]) -> Path:
    """A built-in schema name (``news``) or a file path -> the schema file."""
    return Path(schema_file(name_or_path))


@dataclass(frozen=True)
class ValidationFailure:
    """One error as the engine reported it: the error's kind (``required``,
    ``additionalProperties``...), the instance's place, the schema object holding the
    keyword, the failing value, and the kind's own fields (``property``, ``unexpected``,
    ``types``, ``limit``, ``options``...)."""

    keyword: str
    pointer: tuple[str | int, ...]
    subschema: dict[str, Any]
    instance: Any
    details: Mapping[str, Any] = field(default_factory=dict)
    schema_keyword: str = ""  # the keyword in the schema (``dependentRequired`` for ``required``)


FORMAT_MODES = ("assert", "annotate")


class CompiledSchema:
    """A schema compiled by jsonschema-rs; build it with :func:`load_schema`."""

    def __init__(
        self,
        schema: dict[str, Any] | bool,
        source: str,
        engine: str = "auto",
        formats: str = "assert",
        path: str | None = None,
        schema_digest: str | None = None,
    ) -> None:
        self.schema = schema
        self.source = source
        self.digest = schema_digest or digest(schema)
        self.engine = _pick_engine(engine)
        if formats not in FORMAT_MODES:
            raise ValueError(f"unknown format mode {formats!r}: use assert or annotate")
        self.formats = formats
        self._holders: dict[str, dict[str, Any]] = {}
        self._compile(path)

    def _compile(self, path: str | None) -> None:
        import jsonschema_rs

        from .formats import FORMATS

        documents = LocalDocuments(path)
        self._registry = registry_for(self.schema, documents, self.source)
        _check_against_meta_schema(self.schema, self.source, self._registry)
        try:
            self._validator = jsonschema_rs.validator_for(
                self.schema,
                validate_formats=self.formats == "assert",
                formats=dict(FORMATS),
                registry=self._registry,
                retriever=documents.retrieve,
                base_uri=documents.base_uri,
            )
        except Exception as error:  # noqa: BLE001 - any compile failure is the schema's
            if documents.refused:
                raise documents.refusal(self.source) from None
            raise SchemaError(
                f"{self.source}: not a usable JSON Schema: {first_line(error)}"
            ) from None
        self._resolver = self._registry.resolver(documents.base_uri)

    def errors(self, data: Any) -> list[ValidationFailure]:
        """Every error jsonschema-rs reports for ``data``, engine-neutral.

        Data the engine cannot take (nested deeper than its 255 levels, when the
        max-depth limit allows more) is one failure at the root, ``engineLimit``."""
        try:
            return [self._failure(error, data) for error in self._validator.iter_errors(data)]
        except ValueError as error:  # raised while converting the data, before validating
            return [ValidationFailure("engineLimit", (), {}, data, {"error": first_line(error)})]

    def _failure(self, error: Any, data: Any) -> ValidationFailure:
        kind = error.kind
        pointer = tuple(error.instance_path)
        path = [part for part in error.schema_path if isinstance(part, str)]
        instance = _walk_data(data, pointer)
        if kind.name == "falseSchema" and path[-1:] == ["additionalProperties"]:
            # jsonschema-rs's error for `additionalProperties: false` with no `properties`
            # or `patternProperties` beside it: at the mapping, naming none of its fields,
            # all of which are unexpected
            if isinstance(instance, dict):
                return ValidationFailure(
                    "additionalProperties",
                    pointer,
                    self._holder(error.absolute_keyword_location, "additionalProperties"),
                    instance,
                    {"unexpected": list(instance)},
                    "additionalProperties",
                )
        return ValidationFailure(
            kind.name,
            pointer,
            self._holder(error.absolute_keyword_location, kind.name),
            instance,
            kind.as_dict(),
            path[-1] if path else kind.name,
        )

    def _holder(self, location: str | None, keyword: str) -> dict[str, Any]:
        """The schema object holding the failed keyword, looked up by the engine's own
        resolver at the keyword's absolute location (``...#/properties/a/type``)."""
        if not location or keyword == "falseSchema":
            return {}
        uri, _, fragment = location.partition("#")
        tokens = fragment.split("/")[1:]
        while tokens and tokens[-1].isdigit():  # dependentRequired/0
            tokens.pop()
        parent = uri + "#" + "".join("/" + token for token in tokens[:-1])
        if parent not in self._holders:
            try:
                found = self._resolver.lookup(parent).contents
            except Exception:  # noqa: BLE001 - no holder: messages do without it
                found = {}
            self._holders[parent] = found if isinstance(found, dict) else {}
        return self._holders[parent]

    def validate(self, doc: Document) -> list[Diagnostic]:
        """Diagnostics for ``doc.data``, each at the span of the value or key at fault."""
        from .schemamessages import diagnostics_for

        return diagnostics_for(self.errors(doc.data), doc)


def _walk_data(data: Any, path: Iterable[Any]) -> Any:
    for part in path:
        data = data[part]
    return data


def _pick_engine(engine: str) -> str:
    if engine == "python":
        raise ValueError(
            "the python engine was removed: it disagreed with the JSON Schema test suite "
            "(regular expressions, formats); jsonschema-rs is seedlint's engine"
        )
    if engine not in ("auto", "rs"):
        raise ValueError(f"unknown engine {engine!r}: use auto or rs")
    return "rs"


def _check_against_meta_schema(schema: dict[str, Any] | bool, source: str, registry: Any) -> None:
    """jsonschema-rs checks the schema against its dialect's meta-schema; python-jsonschema
    (~0.2 s to import) then only runs to explain a schema that fails it."""
    import jsonschema_rs

    if isinstance(schema, bool):
        return
    try:
        valid = jsonschema_rs.meta.is_valid(schema, registry=registry)
    except Exception as error:  # noqa: BLE001 - an unknown dialect, on one line
        raise SchemaError(f"{source}: {first_line(error)}") from None
    if not valid:
        _explain_with_jsonschema(schema, source)
        raise SchemaError(f"{source}: not a valid JSON Schema for its $schema dialect")


def _explain_with_jsonschema(schema: dict[str, Any], source: str) -> None:
    try:
        from jsonschema import validators
        from jsonschema.exceptions import SchemaError as JsonSchemaError

        cls = validators.validator_for(schema, default=validators.Draft202012Validator)
        cls.check_schema(schema)
    except JsonSchemaError as error:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        raise SchemaError(
            f"{source}: not a valid JSON Schema at {where}: {error.message}"
        ) from None


_compiled: dict[tuple[str, str, str, str], CompiledSchema] = {}


def load_schema(
    name_or_path: str | os.PathLike[str] = "news", engine: str = "auto", formats: str = "assert"
) -> CompiledSchema:
    """Load, check and compile a schema (a built-in name or a path), once per process.

    ``formats``: ``assert`` (the default) checks every ``format``; ``annotate`` checks none,
    as the 2020-12 specification's default does."""
    (path, _), schema, schema_hash = read_schema(name_or_path)
    key = (path, schema_hash, engine, formats)
    if key not in _compiled:
        _compiled[key] = CompiledSchema(
            schema, str(name_or_path), engine, formats, path, schema_hash
        )
    return _compiled[key]
