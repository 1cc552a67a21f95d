"""A crash in one file is that file's SL000, in small runs too; what reaches a terminal or
a CI log carries no raw control character; the library takes any input; the cache marks
only its own folder; a schema that fails while validating is one error, not one per file.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from cli_runner import run_cli, run_cli_process
from conftest import NOW, SMALL
from seedlint import Diagnostic, Severity, lint_paths, lint_text
from seedlint.cache import LAYOUT, ResultCache
from seedlint.report.github import command

ROOT = Path(__file__).resolve().parents[1]

CRASHER = """
    import os, signal
    from seedlint import Rule, Severity, rules
    rules.all_rules()

    def crash(ctx):
        if "crash" in os.path.basename(ctx.doc.path):
            os.kill(os.getpid(), signal.SIGSEGV)  # as a crash in native code would

    rules.register(Rule("TCR001", "crash-rule", Severity.WARNING, "crashes", check=crash))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the forked child is Linux's")
@pytest.mark.parametrize("jobs", ["2", "4"])
def test_a_native_crash_in_a_small_run_is_that_files_sl000(tmp_path: Path, jobs: str) -> None:
    names = ["2020-04-13-a.md", "2020-04-13-crash.md", "2020-04-13-z.md"]
    for name in names:
        shutil.copy(SMALL, tmp_path / name)
    done = run_cli_process(
        "check",
        "--isolated",
        "--no-cache",
        "--now",
        NOW,
        "--jobs",
        jobs,
        "--format",
        "json",
        *(str(tmp_path / name) for name in names),
        env={"PYTHONPATH": str(ROOT / "src")},
        prelude=textwrap.dedent(CRASHER),
    )
    assert done.status == 1, done.stderr
    report = json.loads(done.stdout)  # whole, valid JSON
    assert [(Path(d["path"]).name, d["code"]) for d in report] == [(names[1], "SL000")]
    assert "crashed" in report[0]["message"]


def diagnostic(message: str, path: str = "a.md") -> Diagnostic:
    return Diagnostic(path, 2, 1, 2, 5, "SL102", Severity.ERROR, message)


@pytest.mark.parametrize(
    "hostile", ["\x1b[31m", "\x07", "\x00", "\x9b", "\u202e", "\u2066", "\x85", "\u2028"]
)
def test_the_github_format_carries_no_raw_control_character(hostile: str) -> None:
    line = command(diagnostic(f"unknown field 'a{hostile}b'", f"x{hostile}.md"), ".")
    assert hostile not in line
    assert all(c.isprintable() for c in line)
    assert line.startswith("::error file=x")


def test_a_line_break_in_a_github_message_stays_an_escape() -> None:
    assert command(diagnostic("one\ntwo%"), ".").endswith("::one%0Atwo%25")


def test_paths_on_stderr_are_escaped(tmp_path: Path) -> None:
    missing = str(tmp_path / "bell\x07\x1b[2J.md")
    result = run_cli("check", "--isolated", "--no-cache", "--schema", missing, str(SMALL))
    assert result.status == 2
    err = result.stderr
    assert "\x07" not in err and "\x1b" not in err and "␇␛[2J" in err


@pytest.mark.parametrize(
    "text",
    ["---\ntitle: \ud800\n---\n", "\udcff", "---\n\udc80: x\n---\n", "\ud83d\ude00"],
)
def test_lint_text_never_raises_on_a_str(text: str) -> None:
    found = lint_text(text)
    assert found and all(d.line >= 1 for d in found)


@pytest.mark.parametrize("data", [b"\xff\xfe\x00", b"---\n\x00\n---\n", bytearray(b"---\n")])
def test_lint_text_never_raises_on_bytes(data: bytes) -> None:
    assert lint_text(data)


def test_lint_paths_takes_one_path_given_as_a_string(tmp_path: Path) -> None:
    record = tmp_path / "2020-04-13-x.md"
    shutil.copy(SMALL, record)
    (tmp_path / "2020-04-14-y.md").write_text("no front matter\n")
    assert lint_paths(str(record)) == lint_paths([record])
    assert {d.path for d in lint_paths(str(tmp_path))} == {str(tmp_path / "2020-04-14-y.md")}


def test_the_cache_writes_its_markers_only_into_a_folder_it_made(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    repository.mkdir()
    (repository / "keep.txt").write_text("mine")
    existing = ResultCache(str(repository))
    existing.store(existing.context(_config(), "s"), str(SMALL), None, "h", [], [], None)
    existing.save()
    assert sorted(p.name for p in repository.iterdir()) == ["keep.txt", LAYOUT]
    made = ResultCache(str(tmp_path / "new-cache"))
    made.store(made.context(_config(), "s"), str(SMALL), None, "h", [], [], None)
    made.save()
    assert {".gitignore", "CACHEDIR.TAG"} <= {p.name for p in (tmp_path / "new-cache").iterdir()}


def _config():  # type: ignore[no-untyped-def]
    from seedlint import Config

    return Config()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_ref_cycle_is_no_internal_error(tmp_path: Path, jobs: str) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"properties": {"title": {"$ref": "#/properties/title"}}}))
    records = []
    for name in ("2020-01-01-a.md", "2020-01-02-b.md"):
        shutil.copy(SMALL, tmp_path / name)
        records.append(str(tmp_path / name))
    result = run_cli(
        "check", "--isolated", "--no-cache", "--jobs", jobs, "--schema", str(schema), *records
    )
    status = result.status
    out, err = result.stdout, result.stderr
    # jsonschema-rs follows the cycle lazily: it never reaches the data, so nothing fails;
    # what must never happen is an internal error on every file
    assert (status, err) == (0, "")
    assert "SL000" not in out


@pytest.mark.parametrize(
    "text",
    [
        "---\nprovider:\n images: n\nprovider:\n n:\n---",
        "---\nx:\n - y\nx:\n z: on\n---\n",
        "---\nprovider:\n n: yes\nprovider: [no]\n---\n",
        "---\na: 012\na:\n b: off\n---\n",
    ],
)
def test_duplicated_keys_give_no_internal_error(text: str) -> None:
    found = lint_text(text)
    assert "SL000" not in {d.code for d in found}
    assert "SL002" in {d.code for d in found}
