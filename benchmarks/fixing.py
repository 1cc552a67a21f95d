"""``--fix`` over many files: in worker processes against file after file in one.

Usage::

    python benchmarks/fixing.py [FOLDER] [--rounds N]

Each record of ``FOLDER`` (the repository's real records by default), copied with its
``published: false`` written ``published: no`` (SL204, a safe fix), is fixed by
``seedlint check --fix --no-cache``, with ``--jobs 1`` (every file linted again and
fixed in turn, in one process) and with one job per CPU (those lints in worker
processes), on fresh copies, taking turns. It prints the median wall times and their
paired ratio, and checks that both runs wrote the same bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "tests" / "data" / "records"


def copies(source: Path, target: Path, times: int) -> None:
    target.mkdir(parents=True)
    records = sorted(p for p in source.iterdir() if p.is_file())
    for number in range(times):
        for record in records:
            text = record.read_text(encoding="utf-8").replace("published: false", "published: no")
            (target / f"{record.stem}-{number}{record.suffix}").write_text(text, encoding="utf-8")


def fix(folder: Path, jobs: int) -> float:
    command = [sys.executable, "-m", "seedlint", "check", "--isolated", "--no-cache", "-q"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--jobs", str(jobs), "--fix", str(folder)], env=env, capture_output=True
    )
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode(errors="replace")[-500:])
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=RECORDS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--times", type=int, default=1, help="copies of each record")
    args = parser.parse_args()
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    figures: dict[int, list[float]] = {1: [], jobs: []}
    ratios = []
    with tempfile.TemporaryDirectory() as scratch:
        original = Path(scratch) / "original"
        copies(args.folder, original, args.times)
        for round_number in range(args.rounds):
            order = list(figures) if round_number % 2 == 0 else list(reversed(figures))
            wrote = {}
            for count in order:
                folder = Path(scratch) / f"round{round_number}-jobs{count}"
                shutil.copytree(original, folder)
                figures[count].append(fix(folder, count))
                wrote[count] = {p.name: p.read_bytes() for p in folder.iterdir()}
            assert wrote[1] == wrote[jobs], "the two runs wrote different bytes"
            ratios.append(figures[jobs][-1] / figures[1][-1])
        files = len(list(original.iterdir()))
    for count, times in figures.items():
        print(f"--fix, --jobs {count}: {statistics.median(times):.2f} s wall ({files} files)")
    print(f"paired ratio jobs {jobs} / jobs 1: {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
