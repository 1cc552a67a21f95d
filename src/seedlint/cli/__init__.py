"""The command line: argparse (:mod:`.arguments`) and the commands, each a call into the
library's layers; nothing below this package sees argparse."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..diagnostics import EXIT_FAILED, EXIT_USAGE
from .arguments import build_parser

if TYPE_CHECKING:
    import argparse

__all__ = ["main", "run"]


def run() -> int:
    """The console script and ``python -m seedlint``: :func:`main` in a process of its own."""
    return main(own_process=True)


def main(argv: Sequence[str] | None = None, *, own_process: bool = False) -> int:
    """Run the command line; returns the exit status (0 clean, 1 failures, 2 usage).

    ``own_process``: nothing else runs in this process, so ``check`` may tune it (see
    seedlint.run.collect_rarely).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if own_process and args.command == "check":
        from ..run import collect_rarely

        collect_rarely()
    try:
        return _command(args.command)(args)
    except KeyboardInterrupt:
        print("seedlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_FAILED
    except Exception as error:  # noqa: BLE001 - a user gets one line, never a traceback
        if os.environ.get("SEEDLINT_DEBUG"):
            raise
        from ..escaping import printable

        print(
            printable(
                f"seedlint: internal error: {type(error).__name__}: {error}; please report "
                "it (SEEDLINT_DEBUG=1 shows the traceback)"
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    if name == "check":
        from .check import check

        return check
    from . import commands

    found: Callable[[argparse.Namespace], int] = getattr(commands, name)
    return found
