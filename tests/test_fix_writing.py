"""``--fix`` never loses an edit: each real file is fixed once, an edit saved by another
program while fixing is kept, hard links are not broken, a killed run leaves the old file
or the new one and its temporary file is removed by the next run, and a fix keeps the
anchor or tag in front of the value it fixes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_runner import CliResult, run_cli, run_cli_process
from conftest import NOW, RECORDS
from defects import DEFECTS

SPACED = DEFECTS["spaced-date"]  # a safe fix: `2020-11-05 07:30:00Z` -> `...T07:30:00Z`


def fixable(folder: Path, name: str = "2020-04-13-x.md") -> Path:
    """A real record with one safe fix to make."""
    source = (
        RECORDS / "2020-04-13-azure-machine-learningnew-log-streaming-feature-is-now-available.md"
    )
    text = SPACED(source.read_text(encoding="utf-8"))
    assert (
        "publishedDateTime: 2020" in text and "T" not in text.split("publishedDateTime: ")[1][:12]
    )
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def check(*args: str) -> CliResult:
    return run_cli("check", "--isolated", "--no-cache", "--now", NOW, *args)


def fixed_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert "publishedDateTime: 2020-04-13T" in text
    return text


def test_a_symlink_and_its_target_are_fixed_once(tmp_path: Path) -> None:
    record = fixable(tmp_path)
    link = tmp_path / "link.md"
    link.symlink_to(record.name)
    result = check("--fix", "--format", "json", str(record), str(link))
    assert result.status == 0
    fixed_text(record)
    assert link.is_symlink()
    assert json.loads(result.stdout) == []


def test_two_spellings_of_one_path_are_fixed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = fixable(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = check("--fix", "--format", "json", record.name, str(record))
    assert result.status == 0
    fixed_text(record)
    assert json.loads(result.stdout) == []


def _other_edit(path: Path) -> bytes:
    data = path.read_bytes().replace(b"title:", b"title: Edited elsewhere.", 1)
    path.write_bytes(data)
    return data


def test_an_edit_saved_while_the_temporary_file_is_written_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = fixable(tmp_path)
    theirs: list[bytes] = []
    real = os.fsync

    def meanwhile(descriptor: int) -> None:
        real(descriptor)  # the first: the temporary file, just written
        if not theirs:
            theirs.append(_other_edit(record))  # an editor saves while seedlint writes

    monkeypatch.setattr(os, "fsync", meanwhile)
    result = check("--fix", str(record))
    assert result.status == 2
    assert record.read_bytes() == theirs[0]
    assert "changed while it was being fixed" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [record.name]


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_an_edit_saved_between_the_last_check_and_the_rename_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The narrowest window: after the last check, before the swap. The swap is undone."""
    from seedlint import writing

    record = fixable(tmp_path)
    theirs: list[bytes] = []
    real = writing.exchange_paths

    def late(first: str, second: str) -> bool:
        if not theirs:
            # an editor replaces the file by a rename, as most do
            other = tmp_path / "editor-save"
            other.write_bytes(record.read_bytes().replace(b"title:", b"title: Late edit.", 1))
            theirs.append(other.read_bytes())
            os.replace(other, record)
        return real(first, second)

    monkeypatch.setattr(writing, "exchange_paths", late)
    result = check("--fix", str(record))
    assert result.status == 2
    assert record.read_bytes() == theirs[0]
    assert "changed while it was being fixed" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [record.name]


def test_a_file_with_hard_links_is_refused_and_its_links_kept(tmp_path: Path) -> None:
    record = fixable(tmp_path)
    other = tmp_path / "other-name.md"
    os.link(record, other)
    before = record.read_bytes()
    result = check("--fix", str(record))
    assert result.status == 2
    assert record.read_bytes() == before and os.path.samefile(record, other)
    assert "hard links" in result.stderr


def test_a_fix_keeps_an_anchor_and_a_comment(tmp_path: Path) -> None:
    record = fixable(tmp_path)
    text = record.read_text(encoding="utf-8")
    text = text.replace("\n---\n", "\npublished: &p no  # hidden for now\n---\n", 1)
    record.write_text(text, encoding="utf-8")
    check("--fix", str(record))
    assert "\npublished: &p false  # hidden for now\n" in record.read_text(encoding="utf-8")


TEMP_SUFFIX = ".seedlint-tmp"


def stale_temporary(folder: Path, name: str, pid: int) -> Path:
    path = folder / f".{name}.{pid}.abc123{TEMP_SUFFIX}"
    path.write_text("half")
    return path


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_run_removes_a_dead_runs_temporary_files(tmp_path: Path) -> None:
    record = fixable(tmp_path)
    dead = stale_temporary(tmp_path, record.name, dead_pid())
    older = tmp_path / f".{record.name}.k2j4{TEMP_SUFFIX}"  # the naming of old versions
    older.write_text("half")
    alive = stale_temporary(tmp_path, record.name, os.getppid())  # a live process's
    assert check(str(tmp_path)).status == 1  # a plain run over the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([record.name, alive.name])
    dead = stale_temporary(tmp_path, record.name, dead_pid())
    assert check("--fix", str(record)).status == 0  # a --fix run of one file
    assert not dead.exists() and alive.exists()
    from seedlint.writing import remove_stale_temporaries

    assert remove_stale_temporaries([str(tmp_path)]) == []


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_sigkill_at_random_moments_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    """``--fix`` over copies of real records, killed at random moments: each file holds
    its old bytes or its fixed bytes, and the next run leaves no temporary file."""
    folder = tmp_path / "_news"
    folder.mkdir()
    names = [f"2020-04-{day:02d}-x.md" for day in range(1, 13)]
    for name in names:
        fixable(folder, name)
    old = {name: (folder / name).read_bytes() for name in names}
    reference = tmp_path / "reference"
    shutil.copytree(folder, reference)
    arguments = ["check", "--isolated", "--no-cache", "--now", NOW, "--jobs", "1", "--fix"]
    started = time.perf_counter()
    run_cli_process(*arguments, str(reference))
    duration = time.perf_counter() - started  # the kills fall within a run's time
    new = {name: (reference / name).read_bytes() for name in names}
    assert all(new[name] != old[name] for name in names)
    chance = random.Random(17)
    kills = 0
    for _ in range(10):
        for name in names:
            (folder / name).write_bytes(old[name])
        # started by hand, to be killed while it runs
        run = subprocess.Popen(
            [sys.executable, "-m", "seedlint", *arguments, str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chance.uniform(0.3, 1.0) * duration)
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            kills += 1
        run.wait()
        for name in names:
            assert (folder / name).read_bytes() in (old[name], new[name]), name
    done = run_cli_process(*arguments, str(folder))
    assert done.status == 0, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # no temporary file
    assert all((folder / name).read_bytes() == new[name] for name in names)
    assert kills >= 1
