"""The commands behind the command line: ``check``, ``rules``, ``rule``, ``init`` and
``schema docs``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TextIO

from .config import Config, ConfigError, Settings
from .diagnostics import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Diagnostic, Severity, SourceLines
from .schemafile import SchemaError

if TYPE_CHECKING:
    from datetime import datetime

    from .diagnostics import LintResult
    from .fixer import FixReport
    from .online.run import OnlineRun
    from .report import ReportContext, Reporter, Tally


def _fail(message: str) -> int:
    from .escaping import printable  # a path in the message may hold ESC, BEL, bidi

    shown = "\n".join(map(printable, message.split("\n")))
    print(f"seedlint: error: {shown}", file=sys.stderr)
    return EXIT_USAGE


def parse_now(text: str) -> datetime:
    """``2024-01-01T00:00:00Z`` (or any ISO 8601 form) -> an aware datetime in UTC.

    Raises :class:`ValueError` with a message for the user when ``text`` is not one."""
    from datetime import datetime, timezone

    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"--now {text!r} is not a date-time; write it as 2024-01-01T00:00:00Z"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def check_arguments(args: argparse.Namespace) -> None:
    """Resolve the selectors (rule names become codes) and parse ``--now`` before any
    file is read; raises ValueError with the message for the user."""
    from .selectors import resolve

    for option in ("select", "ignore", "extend_select"):
        value = getattr(args, option, None)
        if value is not None:
            flag = "--" + option.replace("_", "-")
            setattr(args, option, list(resolve(value, flag)))
    if getattr(args, "now", None):
        args.now_value = parse_now(args.now)


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
    if getattr(args, "formats", None):
        changes["formats"] = args.formats
    if args.now:
        changes["now"] = getattr(args, "now_value", None) or parse_now(args.now)
    from .online.options import with_flags

    online = with_flags(config.online, args)
    if online != config.online:
        changes["online"] = online
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
    if glob_match(config.relative(path), config.include):
        return True
    from .site import DATA_SUFFIXES, site_of

    site = site_of(path) if path.endswith(DATA_SUFFIXES) else None
    return site is not None and site.place(path).kind == "data"  # _data/*.yml


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


@dataclass
class _Run:
    """What ``check`` has found and linted so far, handed from one step to the next."""

    files: list[str]
    order: list[str]
    to_lint: list[str]
    problems: list[Diagnostic]
    linted: Iterable[LintResult]
    stdin_data: bytes | None = None
    stdin_result: LintResult | None = None
    online: OnlineRun | None = None


def _lint_stdin(args: argparse.Namespace, settings: Settings) -> tuple[bytes, LintResult]:
    from .linter import lint_bytes

    name = args.stdin_filename or "-"
    data = sys.stdin.buffer.read()
    return data, lint_bytes(data, name, settings.config_for(name))


def _start_run(
    args: argparse.Namespace, settings: Settings, paths: list[str], reporter: type[Reporter]
) -> _Run:
    """Discover the files, read standard input, and start linting in the reporters' order."""
    from . import report
    from .runner import discover, iter_lint_files, lint_files

    settings.check_schemas()
    found = discover([p for p in paths if p != "-"], settings)
    stdin_data: bytes | None = None
    stdin_result: LintResult | None = None
    if "-" in paths:
        stdin_data, stdin_result = _lint_stdin(args, settings)
    files = [stdin_result.path] if stdin_result is not None else []
    files.extend(found.files)
    # a path that could not be used (missing, unreadable) counts among the checked
    files.extend(dict.fromkeys(p.path for p in found.problems if p.path not in found.files))
    # Reporters take the files in their order, so the files are linted in that order
    order = report.report_order(files, {d.path for d in found.problems}, reporter.in_path_order)
    to_lint = _among(order, found.files)
    lint = lint_files if args.fix or args.diff else iter_lint_files
    linted = lint(to_lint, settings, jobs=args.jobs, cache_dir=_cache_dir(args, settings))
    return _Run(files, order, to_lint, found.problems, linted, stdin_data, stdin_result)


def _check_online(args: argparse.Namespace, settings: Settings, run: _Run, fmt: str) -> None:
    if not any(config.online.enabled for config in settings.configs()):
        return
    from .online.run import check_online, progress_stream

    run.online = check_online(
        run.to_lint,
        settings,
        cache_dir=_cache_dir(args, settings),
        progress=progress_stream(fmt not in ("text", "concise"), args.quiet),
    )
    run.linted = run.online.merged(run.linted, settings, fixing=bool(args.fix or args.diff))


def _fix(args: argparse.Namespace, settings: Settings, run: _Run) -> FixReport:
    """Apply ``--fix``/``--diff``; ``run`` then holds the results after the fixes."""
    from .fixer import FixOptions, apply_fixes

    results = [run.stdin_result] if run.stdin_result is not None else []
    results.extend(run.linted)
    options = FixOptions(
        bool(args.unsafe_fixes), bool(args.diff), bool(args.quiet), bool(args.show_fixes)
    )
    fixing = apply_fixes(results, options, settings, run.stdin_data)
    if fixing.exit_status is not None:
        return fixing
    if run.stdin_result is not None:
        run.stdin_result = results.pop(0)
    run.linted = results if run.online is None else run.online.after_fixes(results, settings)
    return fixing


def _report(
    args: argparse.Namespace,
    settings: Settings,
    run: _Run,
    fixing: FixReport | None,
    reporter: type[Reporter],
) -> int:
    """Write the report and return the exit status."""
    from . import report

    fmt = args.format or "text"
    out = sys.stderr if fixing is not None and fixing.stdout_taken else sys.stdout
    fail_rank = min(settings.fail_on_rank(), Severity.ERROR.rank)
    context = report.ReportContext(
        files=run.files,
        statistics=args.statistics,
        quiet=args.quiet,
        fail_on=next(s for s in Severity if s.rank == fail_rank),
        color=_use_color(args, out) and not args.output,
    )
    by_file = _by_file(run.order, run.to_lint, run.stdin_result, run.linted, run.problems)
    try:
        tally = _write_report(fmt, reporter, context, by_file, args, out)
    except SchemaError as error:  # found only while validating (see linter._validated)
        return _fail(str(error))
    if tally is None:
        return EXIT_USAGE
    _note_collections_without_schema(run.to_lint, settings, fmt, args, out)
    failed = tally.worst is not None and tally.worst.rank >= fail_rank
    if fixing is not None and fixing.write_failed:
        return EXIT_USAGE
    return EXIT_FAILED if failed else EXIT_OK


def check(args: argparse.Namespace) -> int:
    from . import report
    from .config import load_settings

    try:
        check_arguments(args)
        settings = load_settings(args.config, isolated=args.isolated)
        settings = settings.map(lambda config: apply_cli_overrides(config, args))
        paths = _read_paths(args, settings)
    except (ConfigError, ValueError, OSError) as error:
        return _fail(str(error))
    fmt = args.format or "text"
    reporter = report.reporter_class(fmt)
    try:
        run = _start_run(args, settings, paths, reporter)
        _check_online(args, settings, run, fmt)
    except (SchemaError, ConfigError) as error:
        return _fail(str(error))
    fixing = None
    if args.fix or args.diff:
        fixing = _fix(args, settings, run)
        if fixing.exit_status is not None:
            return fixing.exit_status
    return _report(args, settings, run, fixing, reporter)


def _note_collections_without_schema(
    files: Sequence[str], settings: Settings, fmt: str, args: argparse.Namespace, out: TextIO
) -> None:
    """Say once, after the summary, which collections were linted without a schema."""
    if args.quiet:
        return
    from .config import glob_match, resolve_schema
    from .site import collections_without_schema, no_schema_note

    def schema_for(path: str) -> str | None:
        config = settings.config_for(path)
        relative = config.relative(path) if config.schemas else ""
        if any(glob_match(relative, mapping.files) for mapping in config.schemas):
            return None  # the configuration says so: front matter only is a choice
        return resolve_schema(config, path)

    labels = collections_without_schema(files, schema_for)
    if labels:
        stream = out if fmt in ("text", "concise") and not args.output else sys.stderr
        print(no_schema_note(labels), file=stream)


def _cache_dir(args: argparse.Namespace, settings: Settings) -> str | None:
    """``--cache-dir``, else the configured or default one; ``None`` without a cache."""
    if args.no_cache:
        return None
    from .cache import default_cache_dir

    return args.cache_dir or default_cache_dir(settings.config_for_discovery())


def _among(order: Sequence[str], files: Sequence[str]) -> list[str]:
    """The ``files`` in ``order``."""
    wanted = set(files)
    return [path for path in order if path in wanted]


def _by_file(
    order: Sequence[str],
    to_lint: Sequence[str],
    stdin_result: LintResult | None,
    linted: Iterable[LintResult],
    problems: Sequence[Diagnostic],
) -> Iterator[tuple[str, list[Diagnostic], SourceLines | None]]:
    """Each path of the report in ``order`` with its diagnostics, sorted, and the source
    lines they touch: the record read from stdin, the linted file (``linted`` follows
    ``to_lint``, ``order`` without the paths that are not linted files) and the problems
    of discovery under that path.

    A file is linted only when the reporter asks for it (see ``iter_lint_files``).
    """
    results = iter(linted)
    problems_of: dict[str, list[Diagnostic]] = {}
    for problem in problems:
        problems_of.setdefault(problem.path, []).append(problem)
    next_linted, linted_count = 0, len(to_lint)
    for path in order:
        parts = [stdin_result] if stdin_result is not None and stdin_result.path == path else []
        if next_linted < linted_count and to_lint[next_linted] == path:
            parts.append(next(results))
            next_linted += 1
        found = _merged(parts, problems_of.get(path))
        yield path, found, _merged_source(parts) if found else None


def _merged(parts: Sequence[LintResult], problems: list[Diagnostic] | None) -> list[Diagnostic]:
    """The diagnostics of a path's results and discovery problems, sorted."""
    if len(parts) == 1 and problems is None:  # nearly always
        return list(parts[0].diagnostics)  # sorted already (see linter.finish)
    found = [d for part in parts for d in part.diagnostics]
    found.extend(problems or ())
    found.sort(key=lambda d: d.sort_key)
    return found


def _merged_source(parts: Sequence[LintResult]) -> SourceLines | None:
    """The source lines of a path's results: one result's (nearly always), or those of
    all (the record read from stdin under a linted file's name: its lines first)."""
    if len(parts) == 1:
        return parts[0].source
    found = [part.source for part in parts if part.source is not None]
    if len(found) < 2:
        return found[0] if found else None
    lines: dict[int, str] = {}
    for source in reversed(found):
        lines.update(source.lines)
    return SourceLines(lines)


def _write_report(
    fmt: str,
    reporter_class: type[Reporter],
    context: ReportContext,
    by_file: Iterable[tuple[str, list[Diagnostic], SourceLines | None]],
    args: argparse.Namespace,
    out: TextIO,
) -> Tally | None:
    """Write the report as the files come, or to ``--output`` and print only the summary.

    Returns the counts of the run, or ``None`` when the report cannot be written.
    """
    from .report.common import copy_spool, spool
    from .report.text import Style, closing, statistics

    # --output gets the finished report: a run that fails leaves the last one in place
    target = spool() if args.output else out
    reporter = reporter_class(target, context)
    for path, diagnostics, source in by_file:
        reporter.add(path, diagnostics, source)
    reporter.finish()
    tally = reporter.tally
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
                copy_spool(target, handle)
        except OSError as error:
            _fail(f"cannot write {args.output}: {error.strerror or error}")
            return None
        if not args.quiet:
            color = _use_color(args, out)
            out.write(closing(tally, len(context.files), Style(color)) + "\n")
    if args.statistics and fmt not in ("text", "concise") and tally.total:
        print(statistics(tally), file=sys.stderr)
    return tally


def rules(args: argparse.Namespace) -> int:
    from .rules import all_rules

    listed = all_rules()
    if args.format == "json":
        print(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.value,
                        "summary": r.summary,
                        "fix": r.fix,
                        "origin": r.origin,
                    }
                    for r in listed
                ],
                indent=2,
            )
        )
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


def init(args: argparse.Namespace) -> int:
    """``seedlint init``: see :mod:`seedlint.init`."""
    from .infer import InferenceUnavailable
    from .init import InitError, init_site

    try:
        result = init_site(args.path, force=args.force)
    except (InitError, InferenceUnavailable, ConfigError, SchemaError) as error:
        return _fail(str(error))
    for collection in result.collections:
        how = "inferred from its records" if collection.inferred is not None else "built in"
        if collection.schema == "front-matter":
            how = "no record could be read: front matter only"
        count = len(collection.records)
        print(f"{collection.glob}: {collection.schema} ({how}; {count} records)")
        for path in collection.unreadable:
            print(f"  {path}: not read (it has errors `seedlint check` shows)")
    for path in result.schema_files:
        print(f"wrote {path}")
    print(f"wrote {result.config_file}")
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    """``seedlint schema docs SCHEMA``: a Markdown field reference."""
    if args.schema_command != "docs":
        return _fail("which schema command? `seedlint schema docs SCHEMA`")
    from .init import read_record
    from .runner import discover
    from .schemadocs import examples_from, render
    from .schemafile import read_schema

    try:
        _, document, _ = read_schema(args.schema)
    except SchemaError as error:
        return _fail(str(error))
    if not isinstance(document, dict):
        return _fail(f"{args.schema}: the boolean schema {str(document).lower()} has no fields")
    records = []
    if args.records:
        found = discover(args.records, Config())
        records = [read_record(path) for path in found.files]
    examples = examples_from([r for r in records if isinstance(r, dict)])
    sys.stdout.write(render(document, args.schema, examples))
    return EXIT_OK


def server(args: argparse.Namespace) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        return _fail("the language server needs pygls: pip install 'seedlint[server]'")
    from .server import serve

    return serve()
