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
else:
    # The annotations of the public functions name CompiledSchema; importing its module
    # here would load the schema compiler on every run (a cached run never needs it).
    # This stand-in resolves the annotations (typing.get_type_hints) and answers
    # isinstance() like the real class.
    class _CompiledSchemaType(type):
        def __instancecheck__(cls, instance: object) -> bool:
            from .schema import CompiledSchema as real

            return isinstance(instance, real)

    class CompiledSchema(metaclass=_CompiledSchemaType):
        """A schema compiled by :func:`load_schema` (``seedlint.schema.CompiledSchema``)."""


from ._version import __version__

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
    "load_config",
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
    from .run import lint_source

    # a lone surrogate is kept as the bytes it stands for: SL007 there, not an exception
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    name = path or "<text>"
    return lint_source(data, name, _with_schema(config, schema), _compiled(schema)).diagnostics


def lint_file(
    path: str | os.PathLike[str],
    schema: str | os.PathLike[str] | CompiledSchema | None = None,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Lint one file; a file that cannot be read gives an ``SL012`` diagnostic."""
    from .diagnostics import file_diagnostic
    from .run import lint_one

    name = os.fspath(path)
    if not os.path.lexists(name):
        return [file_diagnostic(name, "SL012", "no such file or directory")]
    return lint_one(name, _with_schema(config, schema), _compiled(schema)).diagnostics


def lint_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    schema: str | os.PathLike[str] | CompiledSchema | None = None,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Lint files and directories (walked for ``include`` globs) and return all diagnostics.

    ``paths`` is one path (a ``str`` or ``PathLike``) or several. In a Jekyll site each
    record gets the schema of its collection (see ``Config.schema_for``)."""
    from .config import Settings
    from .run import CheckOptions, check

    config = _with_schema(config, schema)
    listed = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    # in this process, without the result cache; URL outcomes cached only where
    # cache-dir says (the online pass)
    cache_dir = os.path.join(config.root or ".", config.cache_dir) if config.cache_dir else None
    options = CheckOptions(
        paths=[os.fspath(p) for p in listed],  # no stdin: "-" names a file
        jobs=1,
        cache_dir=cache_dir,
        cache_results=False,
        schema=_compiled(schema),
    )
    run = check(Settings(config), options)
    diagnostics = [d for found in run.by_file() for d in found.diagnostics]
    return sorted(diagnostics, key=lambda d: d.sort_key)


def load_config(path: str | os.PathLike[str] = ".") -> Config:
    """The settings that apply to ``path`` (a file or folder): those of the nearest
    ``seedlint.toml`` or ``pyproject.toml`` with a ``[tool.seedlint]`` table, upward, as
    ``seedlint check`` uses them; the defaults when there is none.

    Raises :class:`ConfigError` when that file cannot be used."""
    from .config import Settings

    name = os.fspath(path)
    return Settings().config_for(os.path.join(name, "x") if os.path.isdir(name) else name)
