"""Load and compile a JSON Schema once; turn its validation errors into diagnostics.

Two engines give the same verdicts: jsonschema-rs (fast, the default when installed) and
python-jsonschema (the reference and the fallback). Both report (keyword, location,
subschema, instance); messages are built here from that alone, so they are identical
whichever engine ran, and written for a contributor rather than as a schema dump.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, escape_pointer_token
from .schemafile import SchemaError as SchemaError  # re-exported: this module's API too
from .schemafile import digest, read_schema, resolve_local, schema_file
from .schemafile import schema_digest as schema_digest
from .schemafile import schema_dir as _schema_dir

if TYPE_CHECKING:
    from .source import Document

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def schema_dir() -> Path:
    """The bundled schemas: inside the installed package, or ``schemas/`` of a checkout."""
    return Path(_schema_dir())


def schema_path(name_or_path: str | os.PathLike[str]) -> Path:
    """A built-in schema name (``news``) or a file path -> the schema file."""
    return Path(schema_file(name_or_path))


@dataclass(frozen=True)
class ValidationFailure:
    """One validation error, engine-neutral: what failed, where, against what."""

    keyword: str
    pointer: tuple[str | int, ...]
    subschema: dict[str, Any]
    instance: Any


class CompiledSchema:
    """A schema compiled for one engine; build it with :func:`load_schema`."""

    def __init__(self, schema: dict[str, Any], source: str, engine: str = "auto") -> None:
        self.schema = schema
        self.source = source
        self.digest = digest(schema)
        self.engine = _pick_engine(engine)
        self._validate: Callable[[Any], Iterable[ValidationFailure]] = (
            self._compile_rs() if self.engine == "rs" else self._compile_python()
        )

    # --- engines -------------------------------------------------------------------
    def _compile_rs(self) -> Callable[[Any], Iterable[ValidationFailure]]:
        import jsonschema_rs

        from .formats import FORMATS

        try:
            validator = jsonschema_rs.validator_for(
                self.schema, validate_formats=True, formats=dict(FORMATS)
            )
        except Exception as error:  # noqa: BLE001 - any compile failure is the schema's
            raise SchemaError(f"{self.source}: not a usable JSON Schema: {error}") from None
        root = self.schema

        def errors(data: Any) -> Iterator[ValidationFailure]:
            for error in validator.iter_errors(data):
                path = list(error.schema_path)
                keyword_at = max(
                    (
                        i
                        for i, part in enumerate(path)
                        if isinstance(part, str)
                        and not (i > 0 and path[i - 1] in _MAP_KEYWORDS)
                        and part != "$ref"
                    ),
                    default=len(path) - 1,
                )
                subschema = _walk(root, path[:keyword_at])
                yield ValidationFailure(
                    str(path[keyword_at]),
                    tuple(error.instance_path),
                    subschema,
                    _walk_data(data, error.instance_path),
                )

        return errors

    def _compile_python(self) -> Callable[[Any], Iterable[ValidationFailure]]:
        from jsonschema import Draft202012Validator, FormatChecker, validators

        from .formats import FORMATS

        checker = FormatChecker()
        for name, check in FORMATS.items():
            checker.checks(name)(check)
        cls = validators.validator_for(self.schema, default=Draft202012Validator)
        validator = cls(self.schema, format_checker=checker)

        def errors(data: Any) -> Iterator[ValidationFailure]:
            for error in validator.iter_errors(data):
                yield ValidationFailure(
                    str(error.validator),
                    tuple(error.absolute_path),
                    error.schema if isinstance(error.schema, dict) else {},
                    error.instance,
                )

        return errors

    def errors(self, data: Any) -> list[ValidationFailure]:
        try:
            return list(self._validate(data))
        except Exception:  # noqa: BLE001 - e.g. NaN the fast engine cannot take
            if self.engine == "rs":
                return list(self._compile_python()(data))
            raise

    def validate(self, doc: Document) -> list[Diagnostic]:
        """Diagnostics for ``doc.data``, each at the span of the value or key at fault."""
        seen: set[tuple[str, str, str]] = set()
        found: list[Diagnostic] = []
        for error in self.errors(doc.data):
            for diagnostic in _diagnostics_for(error, doc):
                key = (diagnostic.pointer, diagnostic.code, diagnostic.message)
                if key not in seen:
                    seen.add(key)
                    found.append(diagnostic)
        return _merge_typos(found)


def _merge_typos(found: list[Diagnostic]) -> list[Diagnostic]:
    """A misspelt required key is one fault: report it at the typo, not also as missing."""
    missing = {d.pointer: d for d in found if d.code == "SL101"}
    merged: list[Diagnostic] = []
    absorbed: set[str] = set()
    for diagnostic in found:
        if diagnostic.code == "SL102" and "; did you mean '" in diagnostic.message:
            suggestion = diagnostic.message.rsplit("; did you mean '", 1)[1].rstrip("?'")
            target = diagnostic.pointer.rsplit("/", 1)[0] + "/" + escape_pointer_token(suggestion)
            if target in missing:
                absorbed.add(target)
                diagnostic = replace(
                    diagnostic,
                    message=diagnostic.message + f" (the required field '{suggestion}' is missing)",
                )
        merged.append(diagnostic)
    return [d for d in merged if not (d.code == "SL101" and d.pointer in absorbed)]


_MAP_KEYWORDS = frozenset(
    ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
)


def _walk(root: Any, path: list[Any]) -> dict[str, Any]:
    node = root
    for part in path:
        if isinstance(node, dict) and part == "$ref" and "$ref" in node:
            node = resolve_local(root, node["$ref"])
            continue
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return {}
    return node if isinstance(node, dict) else {}


def _walk_data(data: Any, path: Iterable[Any]) -> Any:
    for part in path:
        data = data[part]
    return data


def _pick_engine(engine: str) -> str:
    if engine not in ("auto", "rs", "python"):
        raise ValueError(f"unknown engine {engine!r}: use auto, rs or python")
    if engine == "auto":
        try:
            import jsonschema_rs  # noqa: F401
        except ImportError:
            return "python"
        return "rs"
    return engine


def _check_against_meta_schema(schema: dict[str, Any], source: str, engine: str) -> None:
    dialect = schema.get("$schema", DRAFT_2020_12)
    if not (_pick_engine(engine) == "rs" and _valid_for_rs(schema, dialect)):
        _check_with_jsonschema(schema, source, dialect)


def _valid_for_rs(schema: dict[str, Any], dialect: Any) -> bool:
    """The fast meta-schema check; python-jsonschema (~0.2 s to import) then only runs to
    explain a schema that fails it, or to judge a dialect jsonschema-rs does not know."""
    import jsonschema_rs

    return (
        isinstance(dialect, str)
        and dialect.rstrip("#") in _RS_DIALECTS
        and jsonschema_rs.meta.is_valid(schema)
    )


_RS_DIALECTS = frozenset(
    (
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2019-09/schema",
        "http://json-schema.org/draft-07/schema",
        "http://json-schema.org/draft-06/schema",
        "http://json-schema.org/draft-04/schema",
    )
)


def _check_with_jsonschema(schema: dict[str, Any], source: str, dialect: Any) -> None:
    try:
        from jsonschema import validators
        from jsonschema.exceptions import SchemaError as JsonSchemaError

        cls = validators.validator_for(schema, default=validators.Draft202012Validator)
        if dialect not in (cls.META_SCHEMA.get("$id"), cls.META_SCHEMA.get("$id", "").rstrip("#")):
            if dialect.rstrip("#") != cls.META_SCHEMA.get("$id", "").rstrip("#"):
                raise SchemaError(f"{source}: unknown $schema dialect {dialect!r}")
        cls.check_schema(schema)
    except JsonSchemaError as error:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        raise SchemaError(
            f"{source}: not a valid JSON Schema at {where}: {error.message}"
        ) from None


_compiled: dict[tuple[str, str, str], CompiledSchema] = {}


def load_schema(
    name_or_path: str | os.PathLike[str] = "news", engine: str = "auto"
) -> CompiledSchema:
    """Load, check and compile a schema (a built-in name or a path), once per process."""
    (path, raw_hash), schema, _ = read_schema(name_or_path)
    key = (path, raw_hash, engine)
    if key not in _compiled:
        source = str(name_or_path)
        _check_against_meta_schema(schema, source, engine)
        _compiled[key] = CompiledSchema(schema, source, engine)
    return _compiled[key]


# --- messages ------------------------------------------------------------------------


def readable_path(parts: Iterable[str | int]) -> str:
    """``("related", 3, "webUrl")`` -> ``related[3].webUrl``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.replace("_", "a").replace("-", "a").isalnum():
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
    return text


def to_pointer(parts: Iterable[str | int]) -> str:
    return "".join(f"/{escape_pointer_token(str(part))}" for part in parts)


def describe(value: Any) -> str:
    """A value as a contributor would name it."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {short(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def short(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else "'" + value.replace("'", "\\'") + "'"
    return text if len(text) <= limit else text[: limit - 4] + "...'"


_TYPE_NAMES = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


def _expected_types(types: Any) -> str:
    listed = types if isinstance(types, list) else [types]
    names = [_TYPE_NAMES.get(str(t), str(t)) for t in listed]
    return " or ".join(names)


def _field_label(subschema: dict[str, Any], name: str) -> str:
    prop = subschema.get("properties", {}).get(name)
    title = prop.get("title") if isinstance(prop, dict) else None
    return f" ({title})" if title and title.lower() != name.lower() else ""


def _suggest(name: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if name.lower() in lowered:
        return f"; did you mean '{lowered[name.lower()]}'?"
    import difflib

    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.7)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass
class _Context:
    doc: Document
    parts: tuple[str | int, ...]
    pointer: str = field(init=False)
    where: str = field(init=False)

    def __post_init__(self) -> None:
        self.pointer = to_pointer(self.parts)
        self.where = readable_path(self.parts)

    def prefix(self) -> str:
        return f"{self.where}: " if self.where else ""

    def at_value(self, code: str, message: str, pointer: str | None = None) -> Diagnostic:
        pointer = self.pointer if pointer is None else pointer
        span = self.doc.span(pointer)
        if span[4] == span[5] and pointer in self.doc.keys:  # empty value: point at its key
            span = self.doc.keys[pointer]
        return self.doc.diagnostic(span, code, message, pointer)

    def at_mapping(self, code: str, message: str, pointer: str) -> Diagnostic:
        """At the first line of the mapping (for a list item, its ``- ``), one character wide."""
        parts = self.parts
        if parts and isinstance(parts[-1], int):
            span = self.doc.item_span(self.pointer)
        else:
            span = self.doc.span(self.pointer)
        line, column, _, _, start, _ = span
        return self.doc.diagnostic(
            (line, column, line, column + 1, start, start + 1), code, message, pointer
        )


def _diagnostics_for(error: ValidationFailure, doc: Document) -> Iterator[Diagnostic]:
    ctx = _Context(doc, error.pointer)
    keyword, schema, instance = error.keyword, error.subschema, error.instance
    value = schema.get(keyword)
    prefix = ctx.prefix()
    if keyword == "required" and isinstance(instance, dict):
        for name in value or ():
            if name not in instance:
                yield ctx.at_mapping(
                    "SL101",
                    f"{prefix}missing required field '{name}'{_field_label(schema, name)}",
                    f"{ctx.pointer}/{escape_pointer_token(name)}",
                )
    elif keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(
        instance, dict
    ):
        known = list(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        import re

        for name in instance:
            if name in known or any(re.search(p, name) for p in patterns):
                continue
            pointer = f"{ctx.pointer}/{escape_pointer_token(name)}"
            span = doc.key_span(pointer)
            yield doc.diagnostic(
                span, "SL102", f"{prefix}unknown field '{name}'{_suggest(name, known)}", pointer
            )
    elif keyword == "type":
        yield ctx.at_value(
            "SL103",
            f"{prefix}expected {_expected_types(value)}, found {describe(instance)}"
            + _type_hint(instance, value),
        )
    elif keyword == "format":
        from .formats import FORMAT_EXPECTATIONS  # loaded with the validators

        expected = FORMAT_EXPECTATIONS.get(str(value), f"a valid {value}")
        yield ctx.at_value("SL104", f"{prefix}{short(instance)} is not {expected}")
    elif keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf"):
        relation = {
            "minimum": f"is below the minimum of {value}",
            "exclusiveMinimum": f"must be greater than {value}",
            "maximum": f"is above the maximum of {value}",
            "exclusiveMaximum": f"must be less than {value}",
            "multipleOf": f"is not a multiple of {value}",
        }[keyword]
        yield ctx.at_value("SL105", f"{prefix}{instance!r} {relation}")
    elif keyword in ("minLength", "maxLength"):
        if keyword == "minLength" and value == 1:
            message = f"{prefix}must not be empty"
        elif keyword == "minLength":
            message = f"{prefix}{short(instance)} is shorter than {value} characters"
        else:
            message = f"{prefix}{short(instance)} is longer than {value} characters"
        yield ctx.at_value("SL106", message)
    elif keyword in ("minItems", "maxItems"):
        if keyword == "minItems" and value == 1:
            message = f"{prefix}must list at least one entry"
        elif keyword == "minItems":
            message = f"{prefix}must list at least {value} entries, found {len(instance)}"
        else:
            message = f"{prefix}must list at most {value} entries, found {len(instance)}"
        yield ctx.at_value("SL107", message)
    elif keyword == "uniqueItems" and isinstance(instance, list):
        first: dict[str, int] = {}
        for index, item in enumerate(instance):
            marker = json.dumps(item, sort_keys=True, default=str)
            if marker in first:
                pointer = f"{ctx.pointer}/{index}"
                line = doc.diagnostic(doc.span(f"{ctx.pointer}/{first[marker]}"), "", "").line
                yield doc.diagnostic(
                    doc.item_span(pointer),
                    "SL107",
                    f"{readable_path(error.pointer + (index,))}: {short(item)} is already "
                    f"listed on line {line}",
                    pointer,
                )
            else:
                first[marker] = index
    elif keyword in ("enum", "const"):
        options: list[Any] = list(value or ()) if keyword == "enum" else [value]
        listed = ", ".join(short(o, 30) for o in options[:12])
        hint = (
            _suggest(instance, [o for o in options if isinstance(o, str)])
            if isinstance(instance, str)
            else ""
        )
        yield ctx.at_value("SL108", f"{prefix}{short(instance)} is not one of: {listed}{hint}")
    elif keyword == "pattern":
        what = schema.get("description") or f"the pattern {value}"
        yield ctx.at_value(
            "SL108",
            f"{prefix}{short(instance)} does not have the expected form ({what.rstrip('.')})",
        )
    else:
        failure = _OTHER.get(keyword, f"fails the schema keyword {keyword!r}")
        yield ctx.at_value("SL109", f"{prefix}{describe(instance)} {failure}")


_OTHER = {
    "anyOf": "matches none of the allowed forms",
    "oneOf": "must match exactly one of the allowed forms",
    "not": "is not allowed here",
    "false": "is not allowed here",
    "contains": "does not contain a required entry",
    "minProperties": "has too few fields",
    "maxProperties": "has too many fields",
    "dependentRequired": "lacks a field that another field requires",
    "propertyNames": "has a field name that is not allowed",
}


def _type_hint(instance: Any, expected: Any) -> str:
    types = expected if isinstance(expected, list) else [expected]
    if isinstance(instance, str) and ("integer" in types or "number" in types):
        try:
            float(instance)
            return "; remove the quotes to make it a number"
        except ValueError:
            return ""
    if isinstance(instance, float) and "integer" in types:
        return "; it must be a whole number"
    if isinstance(instance, str) and "boolean" in types and instance in ("true", "false"):
        return "; remove the quotes to make it true or false"
    return ""
