"""The commands behind the command line: ``check``, ``rules`` and ``rule``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from datetime import datetime, timezone
from typing import TextIO

from .cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .config import Config, ConfigError
from .diagnostics import Diagnostic, Severity
from .schema import SchemaError


def _fail(message: str) -> int:
    print(f"seedlint: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def parse_now(text: str) -> datetime:
    """``2024-01-01T00:00:00Z`` (or any ISO 8601 form) -> an aware datetime in UTC."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def apply_cli_overrides(config: Config, args: argparse.Namespace) -> Config:
    """Command-line flags win over the configuration file."""
    changes: dict[str, object] = {}
    if args.schema:
        changes.update(schema=args.schema, schemas=())
    if args.select is not None:
        changes["select"] = tuple(args.select)
    if args.ignore is not None:
        changes["ignore"] = tuple(config.ignore) + tuple(args.ignore)
    if args.extend_select is not None:
        changes["extend_select"] = tuple(config.extend_select) + tuple(args.extend_select)
    if args.fail_on:
        changes["fail_on"] = Severity(args.fail_on)
    if args.engine:
        changes["engine"] = args.engine
    if args.now:
        changes["now"] = parse_now(args.now)
    return replace(config, **changes) if changes else config  # type: ignore[arg-type]


def _read_paths(args: argparse.Namespace) -> list[str]:
    paths = list(args.paths)
    if args.files_from:
        handle = sys.stdin if args.files_from == "-" else open(args.files_from, encoding="utf-8")
        with handle if handle is not sys.stdin else _nullcontext(handle) as lines:
            paths.extend(line.strip() for line in lines if line.strip())
        if not paths:
            return []  # an empty change list lints nothing
    elif not paths:
        paths = ["."]
    return paths


class _nullcontext:
    def __init__(self, value: TextIO) -> None:
        self.value = value

    def __enter__(self) -> TextIO:
        return self.value

    def __exit__(self, *exc: object) -> None:
        return None


def _use_color(args: argparse.Namespace, stream: TextIO) -> bool:
    if args.color == "always" or os.environ.get("FORCE_COLOR"):
        return args.color != "never"
    if args.color == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def check(args: argparse.Namespace) -> int:
    from . import report
    from .config import load_settings
    from .linter import lint_bytes
    from .runner import discover, lint_files

    try:
        settings = load_settings(args.config, isolated=args.isolated)
        settings = settings.map(lambda config: apply_cli_overrides(config, args))
        paths = _read_paths(args)
    except (ConfigError, ValueError, OSError) as error:
        return _fail(str(error))
    fmt = args.format or "text"
    results = []
    try:
        settings.check_schemas()
        files: list[str] = []
        stdin_requested = "-" in paths
        found = discover([p for p in paths if p != "-"], settings.config_for_discovery())
        files.extend(found.files)
        diagnostics: list[Diagnostic] = list(found.problems)
        if stdin_requested:
            name = args.stdin_filename or "-"
            config = settings.config_for(name)
            results.append(lint_bytes(sys.stdin.buffer.read(), name, config))
            files.insert(0, name)
        results.extend(lint_files(found.files, settings, jobs=args.jobs,
                                  cache_dir=None if args.no_cache else args.cache_dir))
    except SchemaError as error:
        return _fail(str(error))
    except ConfigError as error:
        return _fail(str(error))
    if args.fix or args.diff:
        from .fixer import apply_fixes

        status = apply_fixes(results, args, settings)
        if status is not None:
            return status
    for result in results:
        diagnostics.extend(result.diagnostics)
    diagnostics.sort(key=lambda d: d.sort_key)
    sources = {r.path: r.document.text for r in results if r.document is not None}

    def line_text(path: str, line: int) -> str:
        from .source import _nth_line

        text = sources.get(path)
        return _nth_line(text, line) if text is not None else ""

    out = sys.stdout
    context = report.ReportContext(
        files=files, line_text=line_text, statistics=args.statistics,
        color=_use_color(args, out) and not args.output)
    rendered = report.render(fmt, diagnostics, context)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(rendered)
        except OSError as error:
            return _fail(f"cannot write {args.output}: {error.strerror or error}")
        if fmt != "text" and not args.quiet:
            from .report.concise import summary

            print(summary(diagnostics, len(files)), file=sys.stderr)
    else:
        out.write(rendered)
    if args.statistics and fmt not in ("text", "concise"):
        from .report.text import statistics

        print(statistics(diagnostics), file=sys.stderr)
    fail_rank = min(settings.fail_on_rank(), Severity.ERROR.rank)
    failed = any(d.severity.rank >= fail_rank for d in diagnostics)
    return EXIT_FAILED if failed else EXIT_OK


def rules(args: argparse.Namespace) -> int:
    from .rules import all_rules

    listed = all_rules()
    if args.format == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value,
                           "summary": r.summary, "fix": r.fix, "origin": r.origin}
                          for r in listed], indent=2))
        return EXIT_OK
    for item in listed:
        fix = f" [fix: {item.fix}]" if item.fix else ""
        print(f"{item.code}  {item.name:<28} {item.severity.value:<8} {item.summary}{fix}")
    return EXIT_OK


def rule(args: argparse.Namespace) -> int:
    from .rules import get

    found = get(args.code)
    if found is None:
        return _fail(f"unknown rule {args.code!r}; `seedlint rules` lists them")
    print(f"# {found.code} {found.name}\n")
    print(f"Default severity: {found.severity.value}. Fix: {found.fix or 'none'}.\n")
    print(found.summary[0].upper() + found.summary[1:] + ".\n")
    if found.doc:
        print(found.doc)
    return EXIT_OK
