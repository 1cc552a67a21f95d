"""One file through the pipeline: bytes -> front matter -> document -> schema and rules.

Every stage reports problems as diagnostics; nothing here raises on bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone

from . import frontmatter, rules, source
from .config import Config, resolve_schema
from .diagnostics import Diagnostic, LintResult, file_diagnostic
from .schema import CompiledSchema, load_schema

SCHEMA_CODE_PREFIX = "SL1"


def lint_bytes(
    data: bytes,
    path: str,
    config: Config,
    schema: CompiledSchema | None = None,
) -> LintResult:
    """Lint one file's bytes. ``schema`` defaults to the one the config maps ``path`` to."""
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
        front = frontmatter.split(text, has_bom, path)
    except frontmatter.DecodeProblem as problem:
        return finish(LintResult(path, [problem.diagnostic]), config)
    doc = source.parse(front, path, limits)
    found = list(doc.diagnostics)
    if isinstance(doc.data, dict):
        if schema is None:
            schema = load_schema(resolve_schema(config, path), config.engine, config.formats)
        found.extend(schema.validate(doc))
        now = config.now or datetime.now(timezone.utc)
        ctx = rules.RuleContext(doc, config, now, schema=schema)
        selected = [r for r in rules.checks() if config.is_selected(r.code)]
        found = _supersede(found, rules.run(ctx, selected))
        return finish(LintResult(path, found, doc, sorted(ctx.dependencies)), config)
    return finish(LintResult(path, found, doc), config)


def _supersede(found: list[Diagnostic], from_rules: list[Diagnostic]) -> list[Diagnostic]:
    """A rule that explains a schema error better replaces it at the same pointer."""
    superseding = {r.code for r in rules.all_rules() if r.supersedes_schema}
    schema_errors = {d.pointer: d for d in found if d.code.startswith(SCHEMA_CODE_PREFIX)}
    replaced: set[str] = set()
    merged: list[Diagnostic] = []
    for diagnostic in from_rules:
        if diagnostic.code in superseding and diagnostic.pointer in schema_errors:
            replaced.add(diagnostic.pointer)
            worst = schema_errors[diagnostic.pointer].severity
            if worst.rank > diagnostic.severity.rank:
                diagnostic = replace(diagnostic, severity=worst)
        merged.append(diagnostic)
    kept = [
        d for d in found if not (d.code.startswith(SCHEMA_CODE_PREFIX) and d.pointer in replaced)
    ]
    return kept + merged


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
    result.diagnostics = sorted(final.values(), key=lambda d: d.sort_key)
    return result
