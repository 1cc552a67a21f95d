"""The command line's arguments: argparse's parser for every command."""

from __future__ import annotations

import argparse
import functools
import os
import sys

from ..report import FORMATS


def _codes(value: str) -> list[str]:
    """Comma-separated selectors; they are checked (and names made codes) by the command."""
    return [part.strip() for part in value.split(",") if part.strip()]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, as wide as the terminal, found without ``shutil``: argparse
    makes a formatter for each argument, and ``shutil`` brings the compression modules
    (~3 ms on every run, help or not)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_width())


@functools.cache
def _terminal_width() -> int:
    """What argparse would take: ``COLUMNS``, else the terminal's width, minus 2."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
            columns = 0
    return (columns if columns > 0 else 80) - 2


def _online_flags(check: argparse.ArgumentParser) -> None:
    from ..online.options import host_limit, parse_duration, seconds

    online = check.add_argument_group("online checks (the 'online' extra)")
    online.add_argument(
        "--online", action="store_true", help="fetch remote images and links to check them"
    )
    online.add_argument(
        "--online-host-limit", type=host_limit, metavar="N", help="requests in flight per host (4)"
    )
    online.add_argument(
        "--online-timeout", type=seconds, metavar="SECONDS", help="per request (10)"
    )
    online.add_argument(
        "--online-deadline", type=seconds, metavar="SECONDS", help="for all the fetches (600)"
    )
    online.add_argument(
        "--online-max-age",
        type=parse_duration,
        metavar="AGE",
        help="how long a URL's answer is cached: 7d (default), 12h, 30m, 0",
    )


def build_parser() -> argparse.ArgumentParser:
    from .._version import __version__

    parser = argparse.ArgumentParser(
        prog="seedlint",
        description="Lint the YAML front matter of content records.",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"seedlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        formatter_class=_HelpFormatter,
        help="lint files and directories",
        description="Lint records. Directories are walked for *.md, *.markdown, *.html and "
        "*.txt files (the include setting), skipping hidden folders.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories; '-' reads one record from stdin",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name of the record read from stdin (for messages and config)",
    )
    check.add_argument(
        "--files-from",
        metavar="FILE",
        help="read more paths, one per line, from FILE ('-' for stdin)",
    )
    check.add_argument(
        "--schema",
        metavar="SCHEMA",
        help="a schema file, or a built-in name (news, event, learning, organization)",
    )
    check.add_argument(
        "--config",
        metavar="FILE",
        help="use this pyproject.toml or seedlint.toml instead of discovering one",
    )
    check.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    check.add_argument(
        "--format", choices=FORMATS, default=None, help="output format (default: text)"
    )
    check.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the report to FILE; the terminal still gets a summary",
    )
    check.add_argument("--statistics", action="store_true", help="print counts per code")
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="only these codes, prefixes or rule names (comma-separated, ALL for all)",
    )
    check.add_argument(
        "--ignore", type=_codes, metavar="CODES", help="skip these codes or prefixes"
    )
    check.add_argument(
        "--extend-select", type=_codes, metavar="CODES", help="add these codes to the selection"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="the lowest severity that makes the run fail (default: error)",
    )
    check.add_argument(
        "--now",
        metavar="TIMESTAMP",
        help="the current time for date rules, e.g. 2024-01-01T00:00:00Z",
    )
    check.add_argument(
        "--engine",
        choices=("auto", "rs"),
        default=None,
        help="the JSON Schema engine: jsonschema-rs (the only one)",
    )
    check.add_argument(
        "--formats",
        choices=("assert", "annotate"),
        default=None,
        help="check JSON Schema formats (assert, the default) or only annotate them",
    )
    check.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="worker processes (default: the CPU count)"
    )
    check.add_argument("--cache-dir", metavar="DIR", help="where results are cached")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too"
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff and change nothing"
    )
    check.add_argument("--show-fixes", action="store_true", help="list the fixes applied")
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour in text output (default: on a terminal; NO_COLOR/FORCE_COLOR)",
    )
    check.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only")
    _online_flags(check)

    init = commands.add_parser(
        "init",
        formatter_class=_HelpFormatter,
        help="write a configuration (and schemas) for the Jekyll site here",
        description="Map each collection of the Jekyll site at or above PATH to a built-in "
        "schema its records pass, or to one inferred from them (schemas/<collection>"
        ".schema.json), in pyproject.toml's [tool.seedlint] or seedlint.toml.",
    )
    init.add_argument("path", nargs="?", default=".", metavar="PATH", help="default: .")
    init.add_argument("--force", action="store_true", help="write over existing files")
    schema = commands.add_parser(
        "schema", formatter_class=_HelpFormatter, help="schema tools: docs"
    )
    schema_commands = schema.add_subparsers(dest="schema_command", metavar="COMMAND")
    docs = schema_commands.add_parser(
        "docs",
        formatter_class=_HelpFormatter,
        help="print a Markdown field reference of a schema",
    )
    docs.add_argument("schema", metavar="SCHEMA", help="a schema file or a built-in name")
    docs.add_argument(
        "--records",
        metavar="PATH",
        nargs="*",
        default=[],
        help="take each field's example from these records (files or folders)",
    )

    rules = commands.add_parser("rules", help="list every rule", formatter_class=_HelpFormatter)
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rule = commands.add_parser("rule", help="explain one rule", formatter_class=_HelpFormatter)
    rule.add_argument("code", metavar="CODE", help="a code (SL201) or a name")
    commands.add_parser(
        "server",
        help="run the language server (LSP over stdio) for editors",
        description="A language server over stdin/stdout: live diagnostics, quick fixes, "
        "hover and completion. Needs: pip install 'seedlint[server]'.",
        formatter_class=_HelpFormatter,
    )
    return parser
