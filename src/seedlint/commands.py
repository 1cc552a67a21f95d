"""The commands behind the command line: ``check``, ``rules`` and ``rule``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, TextIO

from .cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .config import Config, ConfigError, Settings
from .diagnostics import Diagnostic, Severity
from .schema import SchemaError

if TYPE_CHECKING:
    from .linter import LintResult
    from .report import ReportContext


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


def _read_paths(args: argparse.Namespace, settings: Settings) -> list[str]:
    paths = list(args.paths)
    if args.files_from:
        paths.extend(p for p in _listed_paths(args.files_from) if _is_record(p, settings))
        if not paths:
            return []  # an empty change list lints nothing
    elif not paths:
        paths = ["."]
    return paths


def _listed_paths(source: str) -> list[str]:
    """The paths in a ``--files-from`` list: one per line, or NUL-separated (``git diff -z``)."""
    if source == "-":
        text = sys.stdin.read()
    else:
        with open(source, encoding="utf-8", newline="") as handle:
            text = handle.read()
    entries = text.split("\0") if "\0" in text else text.splitlines()
    return [entry.strip() for entry in entries if entry.strip()]


def _is_record(path: str, settings: Settings) -> bool:
    """Whether a listed path is one seedlint lints: a list of changed files names code too."""
    from .config import glob_match

    config = settings.config_for(path)
    return any(glob_match(config.relative(path), pattern) for pattern in config.include)


def _use_color(args: argparse.Namespace, stream: TextIO) -> bool:
    """``--color`` wins; then a non-empty FORCE_COLOR or NO_COLOR; then whether it is a terminal."""
    choice: str = args.color
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and bool(stream.isatty())


def check(args: argparse.Namespace) -> int:
    from . import report
    from .config import load_settings
    from .linter import lint_bytes
    from .runner import discover, lint_files

    try:
        settings = load_settings(args.config, isolated=args.isolated)
        settings = settings.map(lambda config: apply_cli_overrides(config, args))
        paths = _read_paths(args, settings)
    except (ConfigError, ValueError, OSError) as error:
        return _fail(str(error))
    fmt = args.format or "text"
    results = []
    stdin_data: bytes | None = None
    try:
        settings.check_schemas()
        files: list[str] = []
        stdin_requested = "-" in paths
        found = discover([p for p in paths if p != "-"], settings)
        files.extend(found.files)
        diagnostics: list[Diagnostic] = list(found.problems)
        if stdin_requested:
            name = args.stdin_filename or "-"
            config = settings.config_for(name)
            stdin_data = sys.stdin.buffer.read()
            results.append(lint_bytes(stdin_data, name, config))
            files.insert(0, name)
        results.extend(lint_files(found.files, settings, jobs=args.jobs,
                                  cache_dir=_cache_dir(args, settings)))
    except SchemaError as error:
        return _fail(str(error))
    except ConfigError as error:
        return _fail(str(error))
    fixing = None
    if args.fix or args.diff:
        from .fixer import apply_fixes

        fixing = apply_fixes(results, args, settings, stdin_data)
        if fixing.exit_status is not None:
            return fixing.exit_status
    for result in results:
        diagnostics.extend(result.diagnostics)
    diagnostics.sort(key=lambda d: d.sort_key)
    out = sys.stderr if fixing is not None and fixing.stdout_taken else sys.stdout
    fail_rank = min(settings.fail_on_rank(), Severity.ERROR.rank)
    context = report.ReportContext(
        files=files, line_text=_line_reader(results), statistics=args.statistics,
        quiet=args.quiet, fail_on=next(s for s in Severity if s.rank == fail_rank),
        color=_use_color(args, out) and not args.output)
    written = _write_report(fmt, diagnostics, context, args, out)
    if written is not None:
        return written
    failed = any(d.severity.rank >= fail_rank for d in diagnostics)
    if fixing is not None and fixing.write_failed:
        return EXIT_USAGE
    return EXIT_FAILED if failed else EXIT_OK


def _cache_dir(args: argparse.Namespace, settings: Settings) -> str | None:
    """``--cache-dir``, else the configured or default one; ``None`` without a cache."""
    if args.no_cache:
        return None
    from .cache import default_cache_dir

    return args.cache_dir or default_cache_dir(settings.config_for_discovery())


def _line_reader(results: list[LintResult]) -> Callable[[str, int], str | None]:
    """Source lines for the text format's excerpts, lines counted as positions count them.

    Results from the cache or a worker process carry no document: their text is read
    again, only for the files that have diagnostics, and only the last one is kept
    (diagnostics come sorted by path), so memory does not grow with the run.
    """
    from .frontmatter import LINE_BREAK
    from .source import _nth_line

    texts: dict[str, str | None] = {
        r.path: r.document.text for r in results if r.document is not None}
    last_read: list[tuple[str, list[str] | None]] = [("", None)]

    def line_text(path: str, line: int) -> str | None:
        if path in texts:
            text = texts[path]
            return None if text is None else _nth_line(text, line)
        if last_read[0][0] != path:
            text = _disk_text(path)
            last_read[0] = (path, None if text is None else
                            text.split("\n") if "\r" not in text else LINE_BREAK.split(text))
        lines = last_read[0][1]
        if lines is None:
            return None
        return lines[line - 1] if 0 < line <= len(lines) else ""

    return line_text


def _disk_text(path: str) -> str | None:
    """A file's decoded text without its BOM, or ``None`` when it cannot be read so."""
    from .frontmatter import BOM
    from .runner import read

    data = read(path)  # safe with FIFOs and devices
    try:
        return None if isinstance(data, Diagnostic) else data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError:
        return None


def _write_report(
    fmt: str, diagnostics: list[Diagnostic], context: ReportContext, args: argparse.Namespace,
    out: TextIO,
) -> int | None:
    """Print the report, or write it to ``--output`` and print only the summary.

    Returns an exit status when the report cannot be written.
    """
    from .report import render
    from .report.text import Style, closing, statistics

    rendered = render(fmt, diagnostics, context)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(rendered)
        except OSError as error:
            return _fail(f"cannot write {args.output}: {error.strerror or error}")
        if not args.quiet:
            color = _use_color(args, out)
            out.write(closing(diagnostics, len(context.files), Style(color)) + "\n")
    else:
        out.write(rendered)
    if args.statistics and fmt not in ("text", "concise") and diagnostics:
        print(statistics(diagnostics), file=sys.stderr)
    return None


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
