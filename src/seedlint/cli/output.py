"""What every command prints the same way: an error line, and whether to use colour."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ..diagnostics import EXIT_USAGE


def fail(message: str) -> int:
    """Say ``seedlint: error: ...`` on standard error; returns the usage exit status."""
    from ..escaping import printable  # a path in the message may hold ESC, BEL, bidi

    shown = "\n".join(map(printable, message.split("\n")))
    print(f"seedlint: error: {shown}", file=sys.stderr)
    return EXIT_USAGE


def use_color(choice: str, stream: TextIO) -> bool:
    """``--color`` wins; then a non-empty FORCE_COLOR or NO_COLOR; then whether it is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and bool(stream.isatty())
