"""What each of seedlint.parse.backend's tricks buys: parse() over real records with all of
them, then with one taken away at a time, in turns within each round.

    python benchmarks/parser_tricks.py                  # every 10th record of the corpus
    python benchmarks/parser_tricks.py --corpus DIR     # any folder of records

It prints the CPU time of parse() (front matter already split) as ratios to the run with
every trick: the composer's own node classes instead of the flat-``__init__`` ones, the
garbage collector left on while composing, and the pure-Python parser instead of the C one.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

from seedlint.frontmatter import FrontMatter, decode, split
from seedlint.parse import backend, parse

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _fronts(corpus: Path, count: int) -> list[tuple[FrontMatter, str]]:
    files = sorted(corpus.glob("*/_news/*.md")) or sorted(corpus.glob("**/*.md"))
    fronts = []
    for file in files[::10][:count]:
        text, has_bom = decode(file.read_bytes(), str(file))
        fronts.append((split(text, has_bom, str(file)), str(file)))
    return fronts


def _timed(fronts: list[tuple[FrontMatter, str]]) -> float:
    start = time.process_time()
    for front, path in fronts:
        parse(front, path)
    return time.process_time() - start


def _without(trick: str) -> Callable[[], None]:
    """Take one trick away; returns what puts it back."""
    loader = backend.node_loader()[0]
    if trick == "node classes":
        fast = loader.NODE_CLASSES
        loader.NODE_CLASSES = backend._original_node_classes()
        return lambda: setattr(loader, "NODE_CLASSES", fast)
    real = backend.gc
    backend.gc = types.SimpleNamespace(  # type: ignore[assignment]
        isenabled=gc.isenabled, disable=lambda: None, enable=gc.enable
    )
    return lambda: setattr(backend, "gc", real)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    fronts = _fronts(args.corpus, args.records)
    if not fronts:
        print(f"no records under {args.corpus}")
        return 1
    tricks = ("node classes", "collector off")
    times: dict[str, list[float]] = {name: [] for name in ("all", *tricks)}
    _timed(fronts)  # warm up
    for _ in range(args.rounds):
        times["all"].append(_timed(fronts))
        for trick in tricks:
            restore = _without(trick)
            try:
                times[trick].append(_timed(fronts))
            finally:
                restore()
    base = statistics.median(times["all"])
    print(f"{len(fronts)} records, parse() with every trick: {base * 1000:.0f} ms CPU")
    print(f"without the flat node classes: {statistics.median(times['node classes']) / base:.2f}x")
    print(f"with the collector on: {statistics.median(times['collector off']) / base:.2f}x")
    backend._parser = None
    for module in ("_ruamel_yaml", "_ruamel_yaml_clibz"):
        sys.modules[module] = None  # type: ignore[assignment]  # None: ImportError
    pure = statistics.median(_timed(fronts) for _ in range(3))
    print(f"the pure-Python parser ({backend.parser_backend()}): {pure / base:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
