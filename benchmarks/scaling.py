"""Time per diagnostic as one file's diagnostics grow from 1,000 to 16,000: it must stay
flat (linear work per file). Each shape is linted by ``seedlint check`` in a fresh
process (``--no-cache``, text format with excerpts, to /dev/null); the figures are the
median of ``--rounds`` runs, and the ratios compare sizes measured in the same run.

Usage: ``python benchmarks/scaling.py [--rounds N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZES = (1000, 4000, 16000)


def unknown_keys(count: int) -> str:
    return "---\ntitle: x\n" + "".join(f"k{i}: v\n" for i in range(count)) + "---\n"


def one_long_line(count: int) -> str:
    return "---\n{title: x, " + ", ".join(f"k{i}: v" for i in range(count)) + "}\n---\n"


def suppression_codes(count: int) -> str:
    return (
        "---\ntitle: x  # seedlint: disable=" + ",".join(f"x{i}" for i in range(count)) + "\n---\n"
    )


def comment_lines(count: int) -> str:
    lines = "".join(f"k{i}: v  # seedlint: disable=SL102,SL999\n" for i in range(count))
    return "---\ntitle: x\n" + lines + "---\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "unknown keys": unknown_keys,
    "one long line": one_long_line,
    "codes in one comment": suppression_codes,
    "a comment per line": comment_lines,
}


def run(path: str) -> float:
    command = [sys.executable, "-m", "seedlint", "check", "--no-cache", "--isolated", path]
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        startup = statistics.median(run(os.devnull) for _ in range(args.rounds))
        print(f"start-up (no file): {startup:.2f} s")
        for name, make in SHAPES.items():
            times = {}
            for size in SIZES:
                path = Path(folder) / f"{size}.md"
                path.write_text(make(size), encoding="utf-8")
                times[size] = statistics.median(run(str(path)) for _ in range(args.rounds))
            figures = ", ".join(f"{size:,}: {times[size]:.2f} s" for size in SIZES)
            print(
                f"{name}: {figures}; t(16k)/t(4k) = {times[16000] / times[4000]:.2f} "
                f"(linear: <= 4, the bound: 6, quadratic: 16)"
            )


if __name__ == "__main__":
    main()
