"""One file through the pipeline: bytes -> front matter -> document -> schema and rules.

Every stage reports problems as diagnostics; nothing here raises on bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone

from . import frontmatter, rules
from .config import Config, resolve_schema
from .diagnostics import Diagnostic, LintResult, Severity, file_diagnostic
from .parse import Document, parse
from .schema import CompiledSchema, load_schema
from .schemafile import SchemaError
from .site import DATA_SUFFIXES, FRONT_MATTER_ONLY
from .snippets import source_lines, source_lines_of_bytes


def lint_bytes(
    data: bytes,
    path: str,
    config: Config,
    schema: CompiledSchema | None = None,
) -> LintResult:
    """Lint one file's bytes. ``schema`` defaults to the one the config maps ``path`` to.

    The result keeps the source lines its diagnostics touch (see ``snippets``)."""
    limits = config.limits
    if len(data) > limits.max_file_size:
        return LintResult(
            path,
            [
                file_diagnostic(
                    path,
                    "SL009",
                    f"the file is {len(data):,} bytes, more than the max-file-size limit "
                    f"of {limits.max_file_size:,} bytes; no real record is that large",
                )
            ],
        )
    try:
        text, has_bom = frontmatter.decode(data, path)
    except frontmatter.DecodeProblem as problem:  # binary, or not UTF-8
        result = finish(LintResult(path, [problem.diagnostic]), config)
        result.source = source_lines_of_bytes(data, result.diagnostics)
        return result
    return _with_source(_lint_text(text, has_bom, path, config, schema), text)


def _with_source(result: LintResult, text: str) -> LintResult:
    if result.diagnostics:
        result.source = source_lines(text, result.diagnostics)
    return result


def _front_of(text: str, has_bom: bool, path: str) -> frontmatter.FrontMatter:
    """The front matter to parse; raises :class:`frontmatter.DecodeProblem`."""
    if path.endswith(DATA_SUFFIXES):  # a data file (_data/*.yml): all of it is YAML
        return frontmatter.FrontMatter(text, 0, len(text), len(text), has_bom)
    return frontmatter.split(text, has_bom, path)


def _lint_text(
    text: str, has_bom: bool, path: str, config: Config, schema: CompiledSchema | None
) -> LintResult:
    limits = config.limits
    try:
        front = _front_of(text, has_bom, path)
    except frontmatter.DecodeProblem as problem:
        return finish(LintResult(path, [problem.diagnostic]), config)
    doc = parse(front, path, limits, config.jekyll_yaml)  # type: ignore[arg-type]
    found = list(doc.diagnostics)
    name = None if schema is not None else resolve_schema(config, path)
    if name == FRONT_MATTER_ONLY or (schema is not None and schema.source == FRONT_MATTER_ONLY):
        # Jekyll takes an empty front matter (``---`` then ``---``) on a page or a
        # document with no schema, and a data file that is a list
        allowed = ("SL005", "SL006") if path.endswith(DATA_SUFFIXES) else ("SL005",)
        found = [d for d in found if d.code not in allowed]
    if isinstance(doc.data, dict):
        if schema is None:
            schema = load_schema(name or "news", config.engine, config.formats)
        from_schema = _validated(schema, doc)
        now = config.now or datetime.now(timezone.utc)
        ctx = rules.RuleContext(doc, config, now, schema=schema)
        selected = [r for r in rules.checks() if config.is_selected(r.code)]
        found.extend(_supersede(from_schema, rules.run(ctx, selected)))
        return finish(LintResult(path, found, doc, sorted(ctx.dependencies)), config)
    return finish(LintResult(path, found, doc), config)


def _validated(schema: CompiledSchema, doc: Document) -> list[Diagnostic]:
    """The schema's diagnostics; a failure of the schema itself (a ``$ref`` that cannot
    be resolved, a ``$ref`` cycle that never reaches the data) is a :class:`SchemaError`,
    reported once for the run, not an internal error on every file."""
    try:
        return schema.validate(doc)
    except RecursionError:
        if _depth(doc.data) >= _DEEP_DATA:
            raise  # deep data: this file's problem (SL000), not the schema's
        raise SchemaError(
            f"{schema.source}: the schema cannot be used: a $ref cycle that never reaches "
            "the data (validation recurses without end)"
        ) from None
    except Exception as error:
        if type(error).__module__.split(".")[0] in ("referencing", "jsonschema"):
            raise SchemaError(f"{schema.source}: the schema cannot be used: {error}") from None
        raise


_DEEP_DATA = 32  # far deeper than any real record (5 levels), far below max-depth


def _depth(data: object) -> int:
    """How deep lists and mappings nest in ``data`` (iteratively: it may be deep)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            stack.extend((item, depth + 1) for item in value)
    return deepest


def _supersede(from_schema: list[Diagnostic], from_rules: list[Diagnostic]) -> list[Diagnostic]:
    """The schema's and the rules' diagnostics, where a rule that explains a schema error
    better replaces it at the same pointer."""
    superseding = {r.code for r in rules.all_rules() if r.supersedes_schema}
    at_pointer = {d.pointer: d for d in from_schema}
    replaced: set[str] = set()
    merged: list[Diagnostic] = []
    for diagnostic in from_rules:
        if diagnostic.code in superseding and diagnostic.pointer in at_pointer:
            replaced.add(diagnostic.pointer)
            worst = at_pointer[diagnostic.pointer].severity
            if worst.rank > diagnostic.severity.rank:
                diagnostic = replace(diagnostic, severity=worst)
        merged.append(diagnostic)
    return [d for d in from_schema if d.pointer not in replaced] + merged


def finish(result: LintResult, config: Config) -> LintResult:
    """Apply suppression comments, selection and severity overrides; sort; drop repeats."""
    diagnostics: Iterable[Diagnostic] = result.diagnostics
    if result.document is not None:
        from .suppression import apply_suppressions

        diagnostics = apply_suppressions(list(diagnostics), result.document, config)
    final: dict[tuple[object, ...], Diagnostic] = {}
    for diagnostic in diagnostics:
        if not config.is_selected(diagnostic.code):
            continue
        severity = config.severity_for(diagnostic.code, diagnostic.severity)
        if severity is not diagnostic.severity:
            diagnostic = replace(diagnostic, severity=severity)
        final.setdefault(diagnostic.sort_key + (diagnostic.pointer,), diagnostic)
    result.diagnostics = _capped(sorted(final.values(), key=lambda d: d.sort_key), config)
    return result


TOO_MANY_DIAGNOSTICS = "SL017"


def _capped(diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """At most ``max-diagnostics``; the rest become one SL017 where the first left out is."""
    cap = config.limits.max_diagnostics
    if len(diagnostics) <= cap or not config.is_selected(TOO_MANY_DIAGNOSTICS):
        return diagnostics if len(diagnostics) <= cap else diagnostics[:cap]
    first = diagnostics[cap]
    left = len(diagnostics) - cap
    return [
        *diagnostics[:cap],
        replace(
            first,
            code=TOO_MANY_DIAGNOSTICS,
            severity=config.severity_for(TOO_MANY_DIAGNOSTICS, Severity.WARNING),
            message=f"more than {cap:,} problems in this file (the max-diagnostics limit): "
            f"the {left:,} from here on are not shown",
            pointer="",
            fix=None,
        ),
    ]
