"""What isolating a small run costs: the same ``seedlint check`` of a few records with
``--jobs 1`` (in-process: a crash in native code ends the run) and with the default
(one forked child: a crash is that file's SL000), in fresh processes taking turns.

Usage: ``python benchmarks/isolation.py [--rounds N] [RECORD...]`` (default: the records
in tests/data/records). Prints the median and the best times and their ratios (the best
is the least disturbed by other work on the machine).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "tests" / "data" / "records"


def timed(arguments: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(arguments, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("records", nargs="*")
    args = parser.parse_args()
    records = args.records or sorted(str(p) for p in RECORDS.glob("*.md"))
    base = [sys.executable, "-m", "seedlint", "check", "--no-cache", "--quiet"]
    for files in (records[:1], records):
        timings: dict[str, list[float]] = {"in-process": [], "forked": []}
        for round_ in range(args.rounds):
            order = ("in-process", "forked") if round_ % 2 else ("forked", "in-process")
            for mode in order:  # each goes first half the time
                jobs = "1" if mode == "in-process" else "2"
                timings[mode].append(timed([*base, "--jobs", jobs, *files]))
        for figure in (statistics.median, min):
            inside, forked = figure(timings["in-process"]), figure(timings["forked"])
            print(
                f"{len(files)} file(s), {figure.__name__}: in-process {inside * 1000:.0f} ms, "
                f"forked child {forked * 1000:.0f} ms, ratio {forked / inside:.3f} "
                f"({(forked - inside) * 1000:+.1f} ms)"
            )


if __name__ == "__main__":
    main()
