"""``seedlint check --online`` over real records against a local HTTP server: the time and
the number of requests of a cold run (nothing cached) and of a cached one, next to the
offline check of the same records (the peer measured in the same run).

Usage (from a checkout, after ``pip install -e '.[test]'``)::

    python benchmarks/online.py                  # 200 records of the shared news corpus
    python benchmarks/online.py --records 500 --corpus DIR

Each record is copied with its URLs rewritten to point at the server (127.0.0.1 only),
one local URL per distinct original, so the records keep their real repetition of URLs:
- an image becomes a PNG header padded to 1 MB, of the size the record declares, except
  one image in 20 that is a pixel wider (an SL220 warning);
- a link answers 200, except one in 25 that answers 404 (SL222) and one in 30 that
  redirects permanently (SL223).
Every run is a fresh ``python -m seedlint`` process, each figure the median of
``--rounds`` rounds in which the runs take turns; all the URLs are on one host, so the
per-host limit (4 requests in flight) bounds the rate, as it would for one real CDN.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from online_server import Server  # noqa: E402
from seedlint.config import Config  # noqa: E402
from seedlint.online.options import DEFAULT_LINK_FIELDS  # noqa: E402
from seedlint.online.urls import image_refs, link_refs, parse  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus"


def local_urls(records: list[str], base: str) -> dict[str, str]:
    """Each distinct remote URL of the records -> the local URL that stands for it."""
    mapping: dict[str, str] = {}
    config = Config()
    for text in records:
        doc = parse(text.encode(), "x.md", config)
        if doc is None:
            continue
        for ref in image_refs(doc.data, config):
            if ref.url not in mapping:
                n = len(mapping)
                width, height = ref.width or 100, ref.height or 100
                width += n % 20 == 0
                mapping[ref.url] = f"{base}/img/{width}x{height}.png?hdr=1&mb=1&n={n}"
        for ref in link_refs(doc.data, DEFAULT_LINK_FIELDS):
            if ref.url not in mapping:
                n = len(mapping)
                if n % 25 == 0:
                    mapping[ref.url] = f"{base}/status/404?n={n}"
                elif n % 30 == 0:
                    mapping[ref.url] = f"{base}/redirect/301?to=/ok%3Fn%3D{n}&n={n}"
                else:
                    mapping[ref.url] = f"{base}/ok?n={n}"
    return mapping


def rewrite(text: str, mapping: dict[str, str]) -> str:
    # the longest first: a URL may be the start of another one
    for url in sorted((u for u in mapping if u in text), key=len, reverse=True):
        text = text.replace(url, mapping[url])
    return text


def seedlint(folder: Path, cache: Path, *flags: str) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "seedlint", "check", "--format", "json", "--cache-dir", str(cache)]
        + list(flags)
        + [str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"seedlint failed: {done.stderr}")
    counts: dict[str, int] = {}
    for diagnostic in json.loads(done.stdout):
        counts[diagnostic["code"]] = counts.get(diagnostic["code"], 0) + 1
    return elapsed, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=3, help="each figure is the median")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*/_news/*.md")) or sorted(args.corpus.glob("**/*.md"))
    if not files:
        raise SystemExit(f"no records under {args.corpus}")
    chosen = random.Random(19).sample(files, min(args.records, len(files)))
    texts = [path.read_text(encoding="utf-8") for path in chosen]
    with Server() as server, tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "_news"
        folder.mkdir()
        mapping = local_urls(texts, server.base)
        references = 0
        for path, text in zip(chosen, texts, strict=True):
            references += sum(text.count(url) for url in mapping if url in text)
            (folder / path.name).write_text(rewrite(text, mapping), encoding="utf-8")
        runs = (
            ("offline, no cache", ("--no-cache",)),
            ("online, cold", ("--online",)),  # a fresh cache folder each round
            ("online, cached", ("--online",)),
            ("offline, cached", ()),
        )
        times: dict[str, list[float]] = {name: [] for name, _ in runs}
        seen: dict[str, tuple[int, dict[str, int]]] = {}
        for round_ in range(args.rounds):
            cache = Path(temporary) / f"cache-{round_}"
            for name, flags in runs:  # the runs take turns: a busy machine slows all alike
                server.stats.reset()
                elapsed, counts = seedlint(folder, cache, *flags)
                online = {code: n for code, n in sorted(counts.items()) if code[:4] == "SL22"}
                times[name].append(elapsed)
                seen[name] = (server.stats.count(), online)
        rows = [(name, statistics.median(times[name]), *seen[name]) for name, _ in runs]
    print(
        f"{len(chosen)} records, {references} URL references, {len(mapping)} distinct URLs "
        f"(images and links) on one local host"
    )
    offline = rows[0][1]
    print(f"{'run':<20} {'seconds':>8} {'x offline':>10} {'requests':>9}  online diagnostics")
    for name, elapsed, requests, online in rows:
        print(f"{name:<20} {elapsed:8.2f} {elapsed / offline:10.2f} {requests:9d}  {online}")


if __name__ == "__main__":
    main()
