"""seedlint: lint the YAML front matter of content records against a JSON Schema and rules.

>>> from seedlint import lint_text
>>> [d.code for d in lint_text("---\\ntitle: x\\n---\\n")][:2]
['SL101', 'SL101']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeAlias

from .config import Config, ConfigError
from .diagnostics import Diagnostic, Edit, Fix, Severity

if TYPE_CHECKING:
    from .rules import Rule, RuleContext, rule
    from .schema import CompiledSchema
    from .schemafile import SchemaError

__version__ = "0.1.0"
__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "Edit",
    "Fix",
    "Rule",
    "RuleContext",
    "SchemaError",
    "Severity",
    "lint_file",
    "lint_paths",
    "lint_text",
    "load_schema",
    "rule",
    "__version__",
]


# Loaded on first use: a run served from the cache needs neither the rules nor the schema code
_LAZY_EXPORTS = {
    "Rule": "rules",
    "RuleContext": "rules",
    "rule": "rules",
    "SchemaError": "schemafile",
}


def __getattr__(name: str) -> object:
    module = _LAZY_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


SchemaArgument: TypeAlias = "str | os.PathLike[str] | CompiledSchema | None"


def _with_schema(config: Config | None, schema: SchemaArgument) -> Config:
    """The config, with ``schema`` (a name or a path) in place of its own schemas."""
    from .schema import CompiledSchema

    config = config or Config()
    if schema is not None and not isinstance(schema, CompiledSchema):
        from dataclasses import replace

        config = replace(config, schema=os.fspath(schema), schemas=())
    return config


def _compiled(schema: SchemaArgument) -> CompiledSchema | None:
    from .schema import CompiledSchema

    return schema if isinstance(schema, CompiledSchema) else None


def load_schema(
    name_or_path: str | os.PathLike[str] = "news", engine: str = "auto", formats: str = "assert"
) -> CompiledSchema:
    """Load and compile a schema: a built-in name (``news``, ``event``, ``learning``,
    ``organization``) or a path. Compiled once per process and reused. ``formats`` is
    ``assert`` (formats are checked) or ``annotate`` (they are not).

    Raises :class:`SchemaError` when the file is not JSON, not a valid schema, or has a
    reference that leaves it and its companion files (nothing is ever fetched).
    """
    from .schema import load_schema as load

    return load(name_or_path, engine, formats)


def lint_text(
    text: str | bytes,
    path: str | None = None,
    schema: str | os.PathLike[str] | CompiledSchema | None = None,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Lint one record given as text (or bytes) and return its diagnostics, sorted.

    ``path`` names the record in diagnostics (and picks the schema and the file-name date
    rule); ``schema`` is a built-in name, a path or a schema from :func:`load_schema`.
    """
    from .linter import lint_bytes

    data = text.encode("utf-8") if isinstance(text, str) else text
    return lint_bytes(
        data, path or "<text>", _with_schema(config, schema), _compiled(schema)
    ).diagnostics


def lint_file(
    path: str | os.PathLike[str],
    schema: str | os.PathLike[str] | CompiledSchema | None = None,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Lint one file; a file that cannot be read gives an ``SL012`` diagnostic."""
    from .runner import lint_one

    return lint_one(os.fspath(path), _with_schema(config, schema), _compiled(schema)).diagnostics


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    schema: str | os.PathLike[str] | CompiledSchema | None = None,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Lint files and directories (walked for ``include`` globs) and return all diagnostics."""
    from .runner import discover, lint_one

    config = _with_schema(config, schema)
    found = discover([os.fspath(p) for p in paths], config)
    diagnostics = list(found.problems)
    for file in found.files:
        diagnostics.extend(lint_one(file, config, _compiled(schema)).diagnostics)
    return sorted(diagnostics, key=lambda d: d.sort_key)
