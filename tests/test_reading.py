"""Bounded reading: a file over ``max-file-size`` is refused before a byte of it is read,
and nothing seedlint opens (a record, a schema, a configuration, an image, the cache
index) may be a FIFO or a device that blocks or never ends. A failure in one file is that
file's diagnostic, never the end of the run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import NOW, SMALL, png
from seedlint import Config, lint_file
from seedlint.cache import LAYOUT, ResultCache, read_index
from seedlint.config import ConfigError, load_config
from seedlint.run import reading
from seedlint.schemafile import SchemaError, read_schema

ROOT = Path(__file__).resolve().parents[1]
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@pytest.fixture
def within_10_s() -> Iterator[None]:
    """Fail, instead of hanging, when a read blocks (on a FIFO) or never ends."""
    import signal

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("still reading after 10 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def python(script: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def test_read_bounded_refuses_before_reading(tmp_path: Path, within_10_s: None) -> None:
    from seedlint.safeio import NotRegularFile, TooLarge, read_bounded

    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(5000)
    with pytest.raises(TooLarge) as refused:
        read_bounded(str(big), 4999)
    assert (refused.value.size, refused.value.limit) == (5000, 4999)
    assert read_bounded(str(big), 5000)[0] == bytes(5000)
    assert read_bounded(str(big), 10, truncate=True)[0] == bytes(10)
    with pytest.raises(NotRegularFile):
        read_bounded("/dev/zero", 1 << 20)
    with pytest.raises(NotRegularFile):
        read_bounded(str(tmp_path), 10)


@pytest.mark.skipif(sys.platform != "linux", reason="sparse files and /proc rusage")
def test_a_2_gb_sparse_file_is_refused_in_little_memory_and_the_others_reported(
    tmp_path: Path,
) -> None:
    """The run goes on, ``lint_file`` does not raise, and memory stays small: the run is
    limited to 1 GB of address space, so reading the file would fail."""
    huge = tmp_path / "_news" / "2020-01-01-huge.md"
    huge.parent.mkdir()
    with open(huge, "wb") as handle:
        handle.write(b"---\ntitle: x\n")
        handle.truncate(2 * 1024**3)
    good = tmp_path / "_news" / SMALL.name
    shutil.copy(SMALL, good)
    done = python(
        f"""
        import json, resource, sys
        # the sparse file is 2 GB: reading it would need twice this
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2, 1536 * 1024**2))
        from seedlint import lint_file
        from seedlint.cli import main
        one = lint_file({str(huge)!r})
        status = main(["check", "--isolated", "--no-cache", "--now", {NOW!r}, "--jobs", "1",
                       "--format", "json", "-o", {str(tmp_path / "out.json")!r},
                       {str(huge.parent)!r}])
        # this process's own high-water mark: ru_maxrss also counts the RSS that the
        # parent (pytest) had when it forked this process, before the exec
        status_lines = open("/proc/self/status").read().splitlines()
        peak = int(next(l for l in status_lines if l.startswith("VmHWM:")).split()[1]) // 1024
        print(json.dumps([[d.code for d in one], status, peak]))
        """
    )
    assert done.returncode == 0, done.stderr
    codes, status, peak_mb = json.loads(done.stdout.splitlines()[-1])
    assert codes == ["SL009"] and status == 1
    assert peak_mb < 300
    report = json.loads((tmp_path / "out.json").read_text())
    by_path = {}
    for d in report:
        by_path.setdefault(d["path"], []).append(d["code"])
    assert by_path[str(huge)] == ["SL009"]
    assert str(good) not in by_path  # linted, and clean
    assert "max-file-size" in next(d["message"] for d in report if d["path"] == str(huge))


def test_a_memory_error_is_the_files_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "x.md"
    record.write_text("---\ntitle: x\n---\n")

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(reading, "read_bounded", exhausted)
    found = lint_file(record)
    assert [(d.code, d.line) for d in found] == [("SL012", 1)]
    assert "out of memory" in found[0].message
    from seedlint import linter

    monkeypatch.undo()
    monkeypatch.setattr(linter.frontmatter, "decode", exhausted)
    assert [d.code for d in lint_file(record)] == ["SL000"]


@needs_fifo
def test_a_fifo_or_device_schema_is_refused(tmp_path: Path, within_10_s: None) -> None:
    fifo = tmp_path / "schema.json"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        with pytest.raises(SchemaError, match="not a regular file"):
            read_schema(path)


@needs_fifo
def test_a_fifo_configuration_is_refused(tmp_path: Path, within_10_s: None) -> None:
    os.mkfifo(tmp_path / "seedlint.toml")
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(str(tmp_path / "seedlint.toml"))


@needs_fifo
def test_a_fifo_or_device_cache_index_is_no_index(tmp_path: Path, within_10_s: None) -> None:
    cache = ResultCache(str(tmp_path / "cache"))
    context = cache.context(Config(), "x")
    folder = tmp_path / "cache" / LAYOUT
    folder.mkdir(parents=True)
    os.mkfifo(folder / f"{context}.index")
    assert read_index(str(folder / f"{context}.index")) == {}
    os.remove(folder / f"{context}.index")
    os.symlink("/dev/zero", folder / f"{context}.index")
    assert read_index(str(folder / f"{context}.index")) == {}


@needs_fifo
def test_special_files_never_hang_the_command_line(tmp_path: Path) -> None:
    """A FIFO schema and a FIFO cache index, in a subprocess that must end in 10 s."""
    record = tmp_path / "2020-04-13-x.md"
    shutil.copy(SMALL, record)
    os.mkfifo(tmp_path / "schema.json")
    done = python(
        f"""
        import sys
        from seedlint.cli import main
        sys.exit(main(["check", "--isolated", "--no-cache", "--schema",
                       {str(tmp_path / "schema.json")!r}, {str(record)!r}]))
        """,
        timeout=10,
    )
    assert done.returncode == 2 and "not a regular file" in done.stderr
    cache = tmp_path / "cache"
    first = python(
        f"""
        import sys
        from seedlint.cli import main
        sys.exit(main(["check", "--isolated", "--now", {NOW!r}, "--cache-dir",
                       {str(cache)!r}, {str(record)!r}]))
        """,
        timeout=10,
    )
    assert first.returncode == 0, first.stderr
    for index in (cache / LAYOUT).glob("*.index"):
        index.unlink()
        os.mkfifo(index)
    again = python(
        f"""
        import sys
        from seedlint.cli import main
        sys.exit(main(["check", "--isolated", "--now", {NOW!r}, "--cache-dir",
                       {str(cache)!r}, {str(record)!r}]))
        """,
        timeout=10,
    )
    assert again.returncode == 0, again.stderr


def test_an_image_header_is_read_as_a_bounded_hunk(tmp_path: Path, within_10_s: None) -> None:
    from seedlint.rules.images import _image_size

    image = tmp_path / "logo.png"
    image.write_bytes(png(50, 40) + bytes(3 << 20))  # a header, then 3 MB of anything
    found = image.stat()
    assert _image_size(str(image), found.st_mtime_ns, found.st_size) == (50, 40)
    assert _image_size("/dev/zero", 0, 0) is None


def test_standard_input_is_read_within_max_file_size(tmp_path: Path) -> None:
    """A record on stdin over max-file-size is SL009 without being read to its end; with
    --fix it goes to stdout as it came, every byte of it."""
    from cli_runner import run_cli_process

    (tmp_path / "seedlint.toml").write_text("[tool.seedlint.limits]\nmax-file-size = 1000\n")
    record = b"---\ntitle: x\npublished: yes\n---\n" + b"a" * 5000 + b"\n"
    name = ["--stdin-filename", "_news/2020-01-01-x.md", "-"]
    checked = run_cli_process("check", *name, cwd=tmp_path, stdin=record)
    assert checked.status == 1
    assert checked.stdout.splitlines()[0] == (
        "_news/2020-01-01-x.md:1:1: SL009 [error] standard input holds more than the "
        "max-file-size limit of 1,000 bytes; no real record is that large"
    )
    fixed = run_cli_process("check", "--fix", *name, cwd=tmp_path, stdin=record)
    assert (fixed.status, fixed.stdout_bytes) == (1, record)
