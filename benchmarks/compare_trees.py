"""CPU time of ``seedlint check`` from two source trees, taking turns: a before/after pair.

Usage::

    python benchmarks/compare_trees.py BEFORE/src AFTER/src FOLDER [--rounds N]

Each round lints ``FOLDER`` once without cache (``--jobs 1``, the cold figure), again from
a result cache filled beforehand (the warm figure, the median of five runs) and one of its
files five times without cache (the one-file figure, the median of five), with each tree's
code on ``PYTHONPATH`` and the order alternating from round to round. Times are the CPU seconds
(user + system) of the ``seedlint`` process, which a busy shared machine disturbs far less
than wall time; both trees are byte-compiled first (into a cache folder outside them), as
an installed package is. It prints the medians and the paired ratios (AFTER / BEFORE).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile


def cpu_seconds(env: dict[str, str], args: list[str], cache_dir: str | None = None) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cache = ["--cache-dir", cache_dir] if cache_dir else ["--no-cache"]
    command = [sys.executable, "-m", "seedlint", "check", "--isolated", *cache, "--quiet"]
    done = subprocess.run(
        [*command, *args], env=env, capture_output=True, cwd=tempfile.gettempdir()
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode(errors="replace")[-500:])
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("folder")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    one = os.path.join(args.folder, sorted(os.listdir(args.folder))[0])
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "seedlint-compare-pyc")
    trees = {"before": args.before, "after": args.after}
    envs = {name: dict(base, PYTHONPATH=tree) for name, tree in trees.items()}
    for env in envs.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", env["PYTHONPATH"]], env=env)
    caches = {name: tempfile.mkdtemp(prefix=f"seedlint-compare-{name}-") for name in envs}
    for name, env in envs.items():  # filled once: a tree's own cache (its code is in the key)
        cpu_seconds(env, [args.folder], caches[name])
    kinds = ("cold", "warm", "one")
    figures: dict[str, dict[str, list[float]]] = {n: {k: [] for k in kinds} for n in envs}
    ratios: dict[str, list[float]] = {kind: [] for kind in kinds}
    for round_number in range(args.rounds):
        order = ["before", "after"] if round_number % 2 == 0 else ["after", "before"]
        for name in order:
            env = envs[name]
            figures[name]["cold"].append(cpu_seconds(env, ["--jobs", "1", args.folder]))
            warm = [cpu_seconds(env, [args.folder], caches[name]) for _ in range(5)]
            figures[name]["warm"].append(statistics.median(warm))
            figures[name]["one"].append(
                statistics.median(cpu_seconds(env, [one]) for _ in range(5))
            )
        for kind in kinds:
            ratios[kind].append(figures["after"][kind][-1] / figures["before"][kind][-1])
    for name in envs:
        cold, warm, single = (statistics.median(figures[name][k]) for k in kinds)
        print(f"{name}: cold {cold:.2f} s CPU, warm {warm:.3f} s CPU, one file {single:.3f} s CPU")
    cold, warm, single = (statistics.median(ratios[k]) for k in kinds)
    print(f"paired ratio after/before: cold {cold:.3f}, warm {warm:.3f}, one file {single:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
