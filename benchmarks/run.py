"""Benchmark seedlint against check-jsonschema on the same records and the same schema.

Usage (from a checkout, after ``pip install -e '.[bench]'``)::

    python benchmarks/run.py                 # the shared news corpus, else a generated one
    python benchmarks/run.py --corpus DIR    # any folder of records
    python benchmarks/run.py --quick         # one round, no 4x scale: a smoke run

Every figure is the median of ``--rounds`` runs, each a fresh process; the tools take turns
within a round so that a busy machine slows both alike, and each ratio is also given
"paired": the median of the ratios within each round. It prints:

- cold: the whole corpus without cache, ``--jobs N`` (every CPU) and ``--jobs 1``, against
  check-jsonschema on the same front matter;
- warm: the same run again with the result cache (each round takes the median of five
  runs: a sub-second run is at the mercy of the host's noise), and the first run that
  fills it;
- one file (the pre-commit case) against check-jsonschema on that file;
- peak memory of the whole process tree (the sum of each process's proportional set size,
  sampled from /proc; on systems without /proc, the largest process from getrusage);
- 1x, 2x and 4x the corpus (files copied) to show that time grows linearly and memory
  stays flat.

check-jsonschema cannot read Markdown, so it gets the front matter of each record as a
``.yaml`` file in a temporary folder. It does not know seedlint's own formats (``http-url``,
``utc-date-time``, ``domain-name``: unknown formats pass unchecked), so it gets a copy of
the schema where they become ``uri``, ``date-time`` and ``hostname``: both tools check every
URL, date and host. Real URLs with spaces then fail ``uri`` in check-jsonschema: it reports
errors where seedlint reports warnings, which costs it no extra time worth counting.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_NEWS = REPO.parent / "shared" / "corpus"
RECORDS = REPO / "tests" / "data" / "records"
PEER_FORMATS = {"http-url": "uri", "utc-date-time": "date-time", "domain-name": "hostname"}
SAMPLE_SECONDS = 0.05


# --- measuring one command -------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float  # the process tree's peak memory (see _TreeMemory)
    parent_mb: float  # the peak of the process started (seedlint's main process)
    worker_mb: float  # the peak of its largest descendant (a worker), 0 without one
    status: int


class _TreeMemory:
    """Samples the memory of a process and its descendants until stopped.

    Each process counts its proportional set size (shared pages split between the
    processes sharing them, so forked workers are not counted twice); without
    ``smaps_rollup``, its resident set size.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self.parent_kb = 0
        self.worker_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> _TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            parent, *descendants = [_memory_kb(pid) for pid in _tree(self.pid)]
            self.peak_kb = max(self.peak_kb, parent + sum(descendants))
            self.parent_kb = max(self.parent_kb, parent)
            self.worker_kb = max([self.worker_kb, *descendants])
            self._stop.wait(SAMPLE_SECONDS)


def _tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    pending.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _memory_kb(pid: int) -> int:
    for source, label in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(source) as handle:
                for line in handle:
                    if line.startswith(label):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def measure(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` once, output discarded; wall and CPU time, peak memory, status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    proc_available = os.path.isdir(f"/proc/{process.pid}")
    with _TreeMemory(process.pid) as memory:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(command[:6])} ... failed ({process.returncode}):\n"
            f"{stderr.decode(errors='replace')[-2000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc_available and memory.peak_kb:
        return Run(
            seconds,
            cpu,
            memory.peak_kb / 1024,
            memory.parent_kb / 1024,
            memory.worker_kb / 1024,
            process.returncode,
        )
    # no /proc: ru_maxrss (KiB on Linux, bytes on macOS), the largest child so far
    largest_mb = after.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(seconds, cpu, largest_mb, largest_mb, 0.0, process.returncode)


@dataclass
class Series:
    """Repeated runs of one command: medians are what the table shows."""

    label: str
    command: list[str]
    env: dict[str, str] | None = None
    runs: list[Run] = field(default_factory=list)
    prepare: list[str] | None = None  # run before each measured run, not measured
    # runs per round, of which the median counts: a sub-second run is at the mercy of
    # the host's noise, and more runs cost little
    repeat: int = 1

    def once(self) -> None:
        if self.prepare is not None:
            subprocess.run(self.prepare, stdout=subprocess.DEVNULL, check=False)
        runs = sorted(
            (measure(self.command, self.env) for _ in range(self.repeat)),
            key=lambda run: run.seconds,
        )
        self.runs.append(runs[len(runs) // 2])

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)

    @property
    def parent_mb(self) -> float:
        return max(r.parent_mb for r in self.runs)

    @property
    def worker_mb(self) -> float:
        return max(r.worker_mb for r in self.runs)


def rounds(series: list[Series], count: int) -> None:
    """Run every series ``count`` times, taking turns, and report progress on stderr."""
    for round_number in range(count):
        for item in series:
            item.once()
            print(
                f"  round {round_number + 1}/{count}: {item.label}: {item.runs[-1].seconds:.2f} s",
                file=sys.stderr,
                flush=True,
            )


# --- preparing the inputs --------------------------------------------------------------


def find_corpus(explicit: list[str]) -> tuple[list[Path], str]:
    """The records to lint and a description of where they come from."""
    if explicit:
        files = sorted(f for d in explicit for f in Path(d).rglob("*.md"))
        return files, ", ".join(explicit)
    news = sorted(SHARED_NEWS.glob("*/_news/*.md"))
    if news:
        return news, f"the shared news corpus ({SHARED_NEWS}/*/_news)"
    return [], "generated from tests/data/records"


def generate_corpus(folder: Path, copies: int) -> list[Path]:
    """Varied copies of the in-repo records: titles, numbers and URLs differ per copy."""
    folder.mkdir(parents=True)
    files = []
    for record in sorted(RECORDS.iterdir()):
        text = record.read_text(encoding="utf-8")
        for index in range(copies):
            varied = re.sub(
                r'^title: "(.*)"$', rf'title: "\1 (part {index})"', text, count=1, flags=re.M
            )
            varied = re.sub(r"^(quality|heat): \d+$", rf"\1: {index % 90}", varied, flags=re.M)
            varied = varied.replace("/updates/", f"/updates/{index}/", 1)
            target = folder / f"{record.stem}-{index:04d}.md"
            target.write_text(varied, encoding="utf-8", newline="")
            files.append(target)
    return files


def front_matter(text: str) -> str:
    """The YAML between the opening and closing ``---`` lines."""
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1:index])
    return "".join(lines[1:])


def yaml_copies(files: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    copies = []
    for index, file in enumerate(files):
        target = folder / f"{index:05d}-{file.stem}.yaml"
        target.write_text(front_matter(file.read_text(encoding="utf-8")), encoding="utf-8")
        copies.append(target)
    return copies


def peer_schema(schema: Path, target: Path) -> Path:
    """The schema with seedlint's own formats replaced by the standard ones."""
    text = schema.read_text(encoding="utf-8")
    for ours, standard in PEER_FORMATS.items():
        text = text.replace(f'"format": "{ours}"', f'"format": "{standard}"')
    target.write_text(text, encoding="utf-8")
    return target


def scaled(files: list[Path], folder: Path, factor: int) -> Path:
    """``factor`` copies of every file (hard links where possible) in one folder."""
    folder.mkdir(parents=True)
    for copy in range(factor):
        for index, file in enumerate(files):
            target = folder / f"{copy}-{index:05d}-{file.name}"
            try:
                os.link(file, target)
            except OSError:
                shutil.copyfile(file, target)
    return folder


def snapshot_package(workspace: Path) -> dict[str, str]:
    """A copy of seedlint's source to run from, so that editing the checkout while the
    benchmark runs neither changes what is measured nor invalidates the warm cache (its
    key includes the modules' modification times); the environment that runs it.

    The copy is byte-compiled, as an installed package is (pip compiles what it installs,
    check-jsonschema included): a checkout run with PYTHONDONTWRITEBYTECODE would compile
    every module on every start.
    """
    target = workspace / "package"
    shutil.copytree(
        REPO / "src" / "seedlint", target / "seedlint", ignore=shutil.ignore_patterns("__pycache__")
    )
    compileall.compile_dir(target, quiet=1)
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def typical_file(files: list[Path]) -> Path:
    """The file of median size (the pre-commit case lints one ordinary record)."""
    return sorted(files, key=lambda f: f.stat().st_size)[len(files) // 2]


# --- the report ------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            names = [
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            ]
        model = names[0] if names else model
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as handle:
            total_kb = int(handle.readline().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{model}, {os.cpu_count()} CPUs{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def tool_versions() -> str:
    found = []
    for module in ("seedlint", "check_jsonschema"):
        result = subprocess.run(
            [sys.executable, "-m", module, "--version"], capture_output=True, text=True
        )
        found.append(
            (result.stdout or result.stderr).strip().splitlines()[-1]
            if result.returncode == 0
            else f"{module}: not installed"
        )
    return "; ".join(found)


WARM_REPEAT = 5  # runs per round of the warm figures (see Series.repeat)


def paired_ratio(baseline: Series, series: Series) -> float:
    """The median of the ratios within each round: on a machine whose speed drifts (other
    load, a busy host), runs close in time are the fairer comparison."""
    return statistics.median(
        b.seconds / s.seconds for b, s in zip(baseline.runs, series.runs, strict=False)
    )


def row(
    label: str, series: Series, files: int, baseline: Series | None = None, ratio_label: str = ""
) -> str:
    ratio = (
        f"{baseline.seconds / series.seconds:5.1f}x (paired "
        f"{paired_ratio(baseline, series):4.1f}x) {ratio_label}"
        if baseline
        else ""
    )
    throughput = files / series.seconds
    return (
        f"{label:<44} {series.seconds:9.2f} {series.cpu_seconds:9.2f} {throughput:9.0f} "
        f"{series.peak_mb:9.0f}  {ratio}"
    )


HEADER = f"{'':<44} {'wall s':>9} {'cpu s':>9} {'files/s':>9} {'peak MB':>9}  ratio\n" + "-" * 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of records (repeatable); default: the shared news corpus",
    )
    parser.add_argument(
        "--schema",
        default=str(REPO / "schemas" / "news.schema.json"),
        help="the schema both tools use (default: the bundled news schema)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="seedlint's worker processes for the parallel figures",
    )
    parser.add_argument(
        "--generate",
        type=int,
        default=250,
        metavar="COPIES",
        help="copies of each in-repo record when no corpus is found",
    )
    parser.add_argument("--quick", action="store_true", help="one round and no 4x scale")
    parser.add_argument("--no-peer", action="store_true", help="skip check-jsonschema")
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    args = parser.parse_args()
    count = 1 if args.quick else args.rounds
    peer_installed = (
        subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--version"], capture_output=True
        ).returncode
        == 0
    )
    use_peer = peer_installed and not args.no_peer

    workspace = Path(tempfile.mkdtemp(prefix="seedlint-bench-"))
    try:
        files, origin = find_corpus(args.corpus)
        if not files:
            files = generate_corpus(workspace / "generated", args.generate)
        schema = Path(args.schema)
        seedlint = [
            sys.executable,
            "-m",
            "seedlint",
            "check",
            "--isolated",
            "--schema",
            str(schema),
        ]
        env = snapshot_package(workspace)
        one_file = typical_file(files)
        corpus_dir = scaled(files, workspace / "x1", 1)
        print(
            f"corpus: {len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB,"
            f" {origin}",
            file=sys.stderr,
        )

        cold = Series(
            f"seedlint, no cache, --jobs {args.jobs}",
            seedlint + ["--no-cache", "--jobs", str(args.jobs), str(corpus_dir)],
            env,
        )
        single_job = Series(
            "seedlint, no cache, --jobs 1",
            seedlint + ["--no-cache", "--jobs", "1", str(corpus_dir)],
            env,
        )
        cache_dir = workspace / "cache"
        first = Series(
            "seedlint, first run filling the cache",
            seedlint + ["--cache-dir", str(cache_dir), "--jobs", str(args.jobs), str(corpus_dir)],
            env,
            prepare=[
                sys.executable,
                "-c",
                f"import shutil; shutil.rmtree({str(cache_dir)!r}, True)",
            ],
        )
        warm = Series(
            "seedlint, warm cache",
            seedlint + ["--cache-dir", str(cache_dir), "--jobs", str(args.jobs), str(corpus_dir)],
            env,
            repeat=WARM_REPEAT,
        )
        concise = ["--format", "concise", "--jobs", str(args.jobs)]
        cold_concise = Series(
            "seedlint, no cache, --format concise",
            seedlint + ["--no-cache", *concise, str(corpus_dir)],
            env,
        )
        warm_concise = Series(
            "seedlint, warm cache, --format concise",
            seedlint + ["--cache-dir", str(cache_dir), *concise, str(corpus_dir)],
            env,
            repeat=WARM_REPEAT,
        )
        seed_one = Series(
            "seedlint, one file, no cache", seedlint + ["--no-cache", str(one_file)], env
        )
        whole = [cold, single_job, first, warm, cold_concise, warm_concise]
        singles = [seed_one]
        peer = peer_one = None
        if use_peer:
            yaml_files = yaml_copies(files, workspace / "yaml")
            peer_schema_file = peer_schema(schema, workspace / "peer.schema.json")
            check = [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--schemafile",
                str(peer_schema_file),
            ]
            peer = Series("check-jsonschema", check + [str(f) for f in yaml_files])
            one_yaml = yaml_files[files.index(one_file)]
            peer_one = Series("check-jsonschema, one file", check + [str(one_yaml)])
            whole.insert(0, peer)
            singles.insert(0, peer_one)
        rounds(whole, count)
        rounds(singles, max(count, 5))

        factors = [1, 2] if args.quick else [1, 2, 4]
        scales = {}
        for factor in factors:
            folder = corpus_dir if factor == 1 else scaled(files, workspace / f"x{factor}", factor)
            scales[factor] = Series(
                f"seedlint, {factor}x corpus, no cache, --jobs {args.jobs}",
                seedlint + ["--no-cache", "--jobs", str(args.jobs), str(folder)],
                env,
            )
        rounds(list(scales.values()), count)

        print(f"\nMachine: {machine()}\nTools: {tool_versions()}")
        print(
            f"Corpus: {len(files)} records ({origin}); median of {count} run(s) each "
            f"(warm: each round takes the median of {WARM_REPEAT}; one file: of 5 or more); "
            "peak MB = peak memory of the whole process tree"
        )
        if use_peer:
            print(
                "check-jsonschema reads .yaml copies of the front matter and a copy of the "
                "schema with http-url/utc-date-time/domain-name as uri/date-time/hostname"
            )
        elif not peer_installed:
            print("check-jsonschema is not installed (pip install -e '.[bench]'): no peer figures")
        print("\n" + HEADER)
        if peer is not None:
            print(row("check-jsonschema, whole corpus", peer, len(files)))
        print(row(cold.label, cold, len(files), peer, "faster than check-jsonschema"))
        print(row(single_job.label, single_job, len(files), peer, "faster than check-jsonschema"))
        print(row(first.label, first, len(files), cold, "of the cold run's speed"))
        print(row(warm.label, warm, len(files), cold, "faster than cold"))
        print(
            row(cold_concise.label, cold_concise, len(files), peer, "faster than check-jsonschema")
        )
        print(
            row(
                warm_concise.label,
                warm_concise,
                len(files),
                cold_concise,
                "faster than cold (concise)",
            )
        )
        if peer_one is not None:
            print(row("check-jsonschema, one file", peer_one, 1))
        print(row(seed_one.label, seed_one, 1, peer_one, "faster than check-jsonschema"))
        print(
            f"\n{'scale':<6} {'files':>7} {'wall s':>8} {'per 1x':>7} {'vs 1x':>7} "
            f"{'cpu s':>8} {'per 1x':>7} {'vs 1x':>7} {'peak MB':>8} {'main MB':>8} "
            f"{'worker MB':>9}"
        )
        base = scales[1]
        for factor, item in scales.items():
            wall, cpu = item.seconds / factor, item.cpu_seconds / factor
            print(
                f"{factor}x{'':<4} {factor * len(files):7d} {item.seconds:8.2f} {wall:7.2f} "
                f"{(wall / base.seconds - 1) * 100:+6.1f}% {item.cpu_seconds:8.2f} {cpu:7.2f} "
                f"{(cpu / base.cpu_seconds - 1) * 100:+6.1f}% {item.peak_mb:8.0f} "
                f"{item.parent_mb:8.0f} {item.worker_mb:9.0f}"
            )
        print(f"\n--jobs {args.jobs} vs --jobs 1: {single_job.seconds / cold.seconds:.2f}x")
        if args.json:
            figures = {
                s.label: [vars(r) for r in s.runs] for s in whole + singles + list(scales.values())
            }
            Path(args.json).write_text(
                json.dumps(
                    {
                        "machine": machine(),
                        "tools": tool_versions(),
                        "files": len(files),
                        "corpus": origin,
                        "runs": figures,
                    },
                    indent=2,
                )
            )
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
