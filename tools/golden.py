"""Golden outputs: what the command line prints and writes, byte for byte.

A refactor that must not change behaviour is checked by recording the outputs before it
and comparing after it:

    python tools/golden.py record /tmp/golden-before     # on the old code
    python tools/golden.py compare /tmp/golden-before    # on the new code: lists every difference

The digest of every output is also kept in the repository (``tests/data/golden.sha256``),
and ``tests/test_golden.py`` checks them on every test run; after a change of output that
is meant, ``python tools/golden.py digests tests/data/golden.sha256`` writes them anew.

The inputs are the repository's fixtures (examples/, tests/data/records, tests/data/report)
and a generated corpus (tests/defects.py: every real record with every defect that applies,
plus unreadable files). Each is linted in every output format, without cache, while filling
the cache and from it, with --statistics, --diff, --fix (on a copy, whose bytes are recorded)
and --fix --unsafe-fixes. Commands run in the input's folder, with relative paths; the
scratch folder's name is replaced with ``<WORK>`` (SARIF names its base folder), so outputs
do not depend on it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit")
NOW = "2026-01-01T00:00:00Z"


def _inputs(work: Path) -> dict[str, Path]:
    """Copies of the fixture folders, and the generated corpus, under ``work``."""
    inputs = {}
    for name, source in (
        ("examples", ROOT / "examples"),
        ("records", ROOT / "tests" / "data" / "records"),
        ("report", ROOT / "tests" / "data" / "report"),
    ):
        inputs[name] = work / name
        shutil.copytree(source, inputs[name])
    sys.path.insert(0, str(ROOT / "tests"))
    from defects import write_fixture_tree

    generated = work / "generated"
    generated.mkdir()
    write_fixture_tree(generated)
    inputs["generated"] = generated
    return inputs


def _runs() -> Iterator[tuple[str, list[str], bool]]:
    """``(name, arguments, cached)`` of each recorded command."""
    base = ["check", "--now", NOW, "--color", "never", "--jobs", "2"]
    for output in FORMATS:
        yield f"{output}-nocache", [*base, "--no-cache", "--format", output, "."], False
        yield f"{output}-fill", [*base, "--format", output, "."], True
        yield f"{output}-cached", [*base, "--format", output, "."], True
    yield "statistics", [*base, "--no-cache", "--statistics", "."], False
    yield "diff", [*base, "--no-cache", "--diff", "."], False


def _seedlint(arguments: list[str], cwd: Path, cache: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT / "src"))
    env.pop("FORCE_COLOR", None)
    if "--no-cache" not in arguments:
        arguments = [*arguments, "--cache-dir", str(cache)]
    return subprocess.run(
        [sys.executable, "-m", "seedlint", *arguments], cwd=cwd, env=env, capture_output=True
    )


def _tree_digest(folder: Path) -> bytes:
    """Each file's relative path and content digest, one line each, sorted."""
    lines = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and ".seedlint_cache" not in path.parts:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{path.relative_to(folder).as_posix()} {digest}\n")
    return "".join(lines).encode()


def record(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for name, folder in _inputs(work / "in").items():
            cache = work / f"cache-{name}"
            for run, arguments, _ in _runs():
                done = _seedlint(arguments, folder, cache)
                _write(out / name / run, done, work)
            for run, extra in (("fix", ["--fix"]), ("fix-unsafe", ["--fix", "--unsafe-fixes"])):
                copy = work / f"{name}-{run}"
                shutil.copytree(folder, copy)
                done = _seedlint(["check", "--now", NOW, "--no-cache", *extra, "."], copy, cache)
                _write(out / name / run, done, work)
                (out / name / run / "files").write_bytes(_tree_digest(copy))


def _write(folder: Path, done: subprocess.CompletedProcess[bytes], work: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    scratch = str(work).encode()
    (folder / "stdout").write_bytes(done.stdout.replace(scratch, b"<WORK>"))
    (folder / "stderr").write_bytes(done.stderr.replace(scratch, b"<WORK>"))
    (folder / "status").write_text(f"{done.returncode}\n")


def compare(golden: Path) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "fresh"
        record(fresh)
        differences = _differences(golden, fresh)
    for line in differences:
        print(line)
    print(f"{len(differences)} difference(s)")
    return 1 if differences else 0


def _differences(golden: Path, fresh: Path) -> list[str]:
    names = {p.relative_to(golden) for p in golden.rglob("*") if p.is_file()}
    names |= {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    differences = []
    for name in sorted(names):
        old, new = golden / name, fresh / name
        if not old.exists() or not new.exists():
            differences.append(f"{name}: only in {'the new run' if new.exists() else 'golden'}")
        elif old.read_bytes() != new.read_bytes():
            differences.append(f"{name}: differs")
    return differences


def digests() -> str:
    """Each output's name and SHA-256, one line each, sorted (see ``record``)."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "fresh"
        record(fresh)
        return _tree_digest(fresh).decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("record", "compare", "digests"))
    parser.add_argument("path", type=Path, help="a folder (record, compare), a file (digests)")
    args = parser.parse_args()
    if args.action == "record":
        record(args.path)
        return 0
    if args.action == "digests":
        args.path.write_text(digests(), encoding="utf-8")
        return 0
    return compare(args.path)


if __name__ == "__main__":
    sys.exit(main())
