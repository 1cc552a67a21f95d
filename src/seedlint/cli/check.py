"""``seedlint check``: the arguments become settings and :class:`~seedlint.run.CheckOptions`,
the run layer does the work, and this module writes what it found: the report, the
fixes' diffs and summary, the collections linted without a schema."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from .. import report
from ..cache import default_cache_dir
from ..config import (
    Config,
    ConfigError,
    Settings,
    glob_match,
    load_settings,
    parse_now,
    resolve_schema,
)
from ..diagnostics import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Severity
from ..escaping import printable
from ..report.common import copy_spool, spool
from ..run import CheckOptions, CheckRun, FixOptions
from ..run import check as run_check
from ..schemafile import SchemaError
from ..selectors import resolve
from ..site import DATA_SUFFIXES, collections_without_schema, no_schema_note, site_of
from .output import fail, use_color

if TYPE_CHECKING:
    from ..report import ReportContext, Reporter, Tally
    from ..run.fixing import FixRun

_ONLINE_FLAGS = (
    ("online_host_limit", "host_limit"),
    ("online_timeout", "timeout"),
    ("online_deadline", "deadline"),
    ("online_max_age", "max_age"),
)


def check_arguments(args: argparse.Namespace) -> None:
    """Resolve the selectors (rule names become codes) and parse ``--now`` before any
    file is read; raises ValueError with the message for the user."""
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
    online = _online_overrides(args)
    if online:
        changes["online"] = replace(config.online, **online)  # type: ignore[arg-type]
    return replace(config, **changes) if changes else config  # type: ignore[arg-type]


def _online_overrides(args: argparse.Namespace) -> dict[str, object]:
    """The ``--online*`` flags given, as changes to the online options (they win)."""
    changes: dict[str, object] = {"enabled": True} if getattr(args, "online", False) else {}
    for flag, name in _ONLINE_FLAGS:
        value = getattr(args, flag, None)
        if value is not None:
            changes[name] = value
    return changes


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
    config = settings.config_for(path)
    if glob_match(config.relative(path), config.include):
        return True
    site = site_of(path) if path.endswith(DATA_SUFFIXES) else None
    return site is not None and site.place(path).kind == "data"  # _data/*.yml


def _cache_dir(args: argparse.Namespace, settings: Settings) -> str | None:
    """``--cache-dir``, else the configured or default one; ``None`` without a cache."""
    if args.no_cache:
        return None
    return str(args.cache_dir or default_cache_dir(settings.config_for_discovery()))


def _options(
    args: argparse.Namespace, settings: Settings, paths: list[str], reporter: type[Reporter]
) -> CheckOptions:
    fixing = None
    if args.fix or args.diff:
        fixing = FixOptions(unsafe_fixes=bool(args.unsafe_fixes), diff=bool(args.diff))
    progress = None
    if any(config.online.enabled for config in settings.configs()):
        from ..online.run import progress_stream

        progress = progress_stream(not reporter.for_people, args.quiet)
    return CheckOptions(
        paths=paths,
        stdin=_read_stdin(args, settings) if "-" in paths else None,
        stdin_name=args.stdin_filename or "-",
        in_path_order=reporter.in_path_order,
        jobs=args.jobs,
        cache_dir=_cache_dir(args, settings),
        fixing=fixing,
        progress=progress,
    )


def _read_stdin(args: argparse.Namespace, settings: Settings) -> bytes:
    """The record on standard input, up to one byte over ``max-file-size`` (that byte
    says it is too large: the rest is not read)."""
    limit = settings.config_for(args.stdin_filename or "-").limits.max_file_size
    return sys.stdin.buffer.read(limit + 1)


def check(args: argparse.Namespace) -> int:
    try:
        check_arguments(args)
        settings = load_settings(args.config, isolated=args.isolated)
        settings = settings.map(lambda config: apply_cli_overrides(config, args))
        paths = _read_paths(args, settings)
    except (ConfigError, ValueError, OSError) as error:
        return fail(str(error))
    reporter = report.reporter_class(args.format or "text")
    try:
        run = run_check(settings, _options(args, settings, paths, reporter))
    except (SchemaError, ConfigError) as error:
        return fail(str(error))
    if run.fixes is not None:
        _show_fixes(run.fixes, args, passes_through=run.stdin_too_large)
        if args.diff:
            return EXIT_FAILED if run.fixes.diffs else EXIT_OK
    return _report(args, settings, run, reporter)


def _show_fixes(fixes: FixRun, args: argparse.Namespace, passes_through: bool) -> None:
    """What fixing did: refused fixes and files not written (stderr), the fixed record
    read from stdin or the diffs (stdout), and the summary (stderr). ``passes_through``:
    the record on stdin is too large to lint; it goes to stdout as it is, all of it."""
    from ..run.fixing import WriteFailure

    for problem in fixes.problems:
        if isinstance(problem, WriteFailure):
            line = f"seedlint: error: cannot write the fixes to {problem.path}: {problem.reason}"
        else:
            d = problem.diagnostic
            line = f"{d.path}:{d.line}:{d.column}: {d.code} fix not applied: {problem.reason}"
        print(printable(line), file=sys.stderr)
    if fixes.stdout is not None:
        sys.stdout.buffer.write(fixes.stdout)
        if passes_through:
            import shutil

            shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
        sys.stdout.flush()
    if args.diff:
        sys.stdout.write("".join(fixes.diffs))
    if not args.quiet and any(o.applied for o in fixes.outcomes):
        described = _describe(fixes, "Would fix" if args.diff else "Fixed", args.show_fixes)
        print("\n".join(map(printable, described.split("\n"))), file=sys.stderr)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _describe(fixes: FixRun, verb: str, show: bool) -> str:
    """``Fixed 3 problems in 2 files.``, with counts per file and code when ``show``."""
    fixed = [o for o in fixes.outcomes if o.applied]
    total = sum(len(o.applied) for o in fixed)
    text = f"{verb} {_plural(total, 'problem')} in {_plural(len(fixed), 'file')}."
    if show:
        from ..rules import get

        for outcome in fixed:
            text += f"\n- {outcome.result.path}:"
            for code, count in sorted(Counter(d.code for d in outcome.applied).items()):
                known = get(code)
                text += f"\n    {count} x {code}" + (f" ({known.name})" if known else "")
    return text


def _report(
    args: argparse.Namespace, settings: Settings, run: CheckRun, reporter: type[Reporter]
) -> int:
    """Write the report and return the exit status."""
    stdout_taken = run.fixes is not None and run.fixes.stdout is not None
    out = sys.stderr if stdout_taken else sys.stdout
    fail_rank = min(settings.fail_on_rank(), Severity.ERROR.rank)
    context = report.ReportContext(
        files=run.files,
        statistics=args.statistics,
        quiet=args.quiet,
        fail_on=next(s for s in Severity if s.rank == fail_rank),
        color=use_color(args.color, out) and not args.output,
    )
    try:
        tally = _write_report(reporter, context, run, args, out)
    except SchemaError as error:  # found only while validating (see linter._validated)
        return fail(str(error))
    if tally is None:
        return EXIT_USAGE
    _note_collections_without_schema(run.to_lint, settings, reporter, args, out)
    failed = tally.worst is not None and tally.worst.rank >= fail_rank
    if run.fixes is not None and run.fixes.write_failed:
        return EXIT_USAGE
    return EXIT_FAILED if failed else EXIT_OK


def _note_collections_without_schema(
    files: list[str],
    settings: Settings,
    reporter: type[Reporter],
    args: argparse.Namespace,
    out: TextIO,
) -> None:
    """Say once, after the summary, which collections were linted without a schema."""
    if args.quiet:
        return

    def schema_for(path: str) -> str | None:
        config = settings.config_for(path)
        relative = config.relative(path) if config.schemas else ""
        if any(glob_match(relative, mapping.files) for mapping in config.schemas):
            return None  # the configuration says so: front matter only is a choice
        return resolve_schema(config, path)

    labels = collections_without_schema(files, schema_for)
    if labels:
        stream = out if reporter.for_people and not args.output else sys.stderr
        print(no_schema_note(labels), file=stream)


def _write_report(
    reporter_class: type[Reporter],
    context: ReportContext,
    run: CheckRun,
    args: argparse.Namespace,
    out: TextIO,
) -> Tally | None:
    """Write the report as the files come, or to ``--output`` and print only the summary.

    Returns the counts of the run, or ``None`` when the report cannot be written.
    """
    from ..report.text import Style, closing, statistics

    # --output gets the finished report: a run that fails leaves the last one in place
    target = spool() if args.output else out
    reporter = reporter_class(target, context)
    for path, diagnostics, source in run.by_file():
        reporter.add(path, diagnostics, source)
    reporter.finish()
    tally = reporter.tally
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
                copy_spool(target, handle)
        except OSError as error:
            fail(f"cannot write {args.output}: {error.strerror or error}")
            return None
        if not args.quiet:
            out.write(closing(tally, len(context.files), Style(use_color(args.color, out))) + "\n")
    if args.statistics and not reporter_class.for_people and tally.total:
        print(statistics(tally), file=sys.stderr)
    return tally
