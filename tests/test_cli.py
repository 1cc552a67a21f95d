"""The command line: exit statuses, JSON fields, stdin, discovery, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_cli, run_cli_process
from conftest import DIAGNOSTIC_FIELDS, NOW, RECORDS, SMALL
from seedlint.report import FORMATS

CHECK = ("check", "--isolated", "--no-cache")  # every run: no config, no cache


def broken(tmp_path: Path, name: str = "2020-04-13-broken.md") -> Path:
    path = tmp_path / name
    path.write_text(
        SMALL.read_text(encoding="utf-8").replace("quality: 37", 'quality: "37"'), encoding="utf-8"
    )
    return path


def test_clean_records_exit_0() -> None:
    result = run_cli_process(*CHECK, "--now", NOW, "--format", "json", str(RECORDS))
    assert result.status == 0, result.stdout + result.stderr
    assert [d for d in json.loads(result.stdout) if d["severity"] == "error"] == []


def test_broken_record_exit_1_with_position(tmp_path: Path) -> None:
    path = broken(tmp_path)
    result = run_cli_process(*CHECK, "--now", NOW, "--format", "concise", str(path))
    assert result.status == 1
    assert f"{path}:8:10: SL103 quality: expected a whole number" in result.stdout


def test_json_has_exactly_the_documented_fields(tmp_path: Path) -> None:
    path = broken(tmp_path)
    result = run_cli_process(*CHECK, "--now", NOW, "--format", "json", str(path))
    data = json.loads(result.stdout)
    assert [list(d) for d in data] == [DIAGNOSTIC_FIELDS]
    assert data[0] | {"path": None} == {
        "path": None,
        "line": 8,
        "column": 10,
        "end_line": 8,
        "end_column": 14,
        "code": "SL103",
        "severity": "error",
        "pointer": "/quality",
        "message": "quality: expected a whole number, found the text '37'; remove the quotes "
        "to make it a number",
    }


def test_stdin_with_filename() -> None:
    text = SMALL.read_text(encoding="utf-8").replace("type: article", "type: 5")
    result = run_cli_process(
        *CHECK,
        "--now",
        NOW,
        "--format",
        "json",
        "--stdin-filename",
        "_news/2020-04-13-x.md",
        "-",
        stdin=text,
    )
    assert result.status == 1
    assert [(d["path"], d["line"], d["code"]) for d in json.loads(result.stdout)] == [
        ("_news/2020-04-13-x.md", 7, "SL103")
    ]


def test_directory_walk_skips_hidden_folders_and_other_extensions(tmp_path: Path) -> None:
    for name in ("a.md", "b.markdown", "c.html", "d.txt", ".hidden/e.md", "f.yml", "sub/g.md"):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("no front matter\n", encoding="utf-8")
    result = run_cli_process(*CHECK, "--format", "json", str(tmp_path))
    paths = [Path(d["path"]).relative_to(tmp_path).as_posix() for d in json.loads(result.stdout)]
    assert paths == ["a.md", "b.markdown", "c.html", "d.txt", "sub/g.md"]


def test_output_is_deterministic(tmp_path: Path) -> None:
    for name in ("z.md", "a.md", "m.md"):
        broken(tmp_path, name)
    first = run_cli_process(*CHECK, "--now", NOW, "--format", "json", str(tmp_path))
    second = run_cli_process(
        *CHECK,
        "--now",
        NOW,
        "--format",
        "json",
        str(tmp_path / "m.md"),
        str(tmp_path / "z.md"),
        str(tmp_path / "a.md"),
    )
    assert first.stdout == second.stdout
    assert [Path(d["path"]).name for d in json.loads(first.stdout)] == ["a.md", "m.md", "z.md"]


def test_invalid_schema_exit_2(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(
        '{"type": "object", "properties": {"a": {"type": "strin"}}}', encoding="utf-8"
    )
    result = run_cli_process("check", "--isolated", "--schema", str(schema), str(SMALL))
    assert result.status == 2
    assert str(schema) in result.stderr and "Traceback" not in result.stderr


def test_custom_schema(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "required": ["author"],
            }
        ),
        encoding="utf-8",
    )
    result = run_cli_process(
        *CHECK,
        "--schema",
        str(schema),
        "--select",
        "SL1",
        "--format",
        "concise",
        str(SMALL),
    )
    assert result.status == 1
    assert f"{SMALL}:2:1: SL101 missing required field 'author'" in result.stdout


def test_usage_error_exit_2() -> None:
    assert run_cli_process("check", "--format", "nope").status == 2
    assert run_cli_process().status == 2


def test_module_and_console_script() -> None:
    result = run_cli_process("--version")
    assert result.status == 0 and result.stdout.startswith("seedlint ")
    script = Path(sys.executable).with_name("seedlint")  # the installed console script
    done = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == result.stdout


# --- streaming: the report follows the files, whatever the jobs and the cache ---------------


def _tree(folder: Path) -> list[str]:
    """Records where the walk's order is not the report's: ``z.md`` is walked before
    ``sub/``, and reported after it; and a path that does not exist."""
    from defects import write_fixture_tree

    (folder / "sub").mkdir(parents=True)
    write_fixture_tree(folder / "sub")  # enough files for a pool of workers
    broken(folder, "z.md")
    old = 1_000_000_000
    for path in folder.rglob("*.md"):
        os.utime(path, (old, old))  # well before the run: the cache trusts the stat data
    return [str(folder), str(folder / "missing.md")]


@pytest.mark.parametrize("color", ["never", "always"])
def test_the_text_report_from_the_cache_is_the_fresh_one_byte_for_byte(
    color: str, tmp_path: Path
) -> None:
    """The cache keeps source lines, not excerpts: the report draws them the same."""
    paths = _tree(tmp_path / "t")
    odd = tmp_path / "t" / "odd.md"  # a tab, wide characters, a control, a long line
    odd.write_text(
        "---\ntitle: \t日本 \x07 x\nheat: hot\ndescription: " + "d" * 300 + " {\n---\n",
        encoding="utf-8",
    )
    os.utime(odd, (1_000_000_000, 1_000_000_000))
    outputs = []
    for options in (
        ["--no-cache", "--jobs", "1"],
        ["--cache-dir", str(tmp_path / "c"), "--jobs", "2"],  # fills the cache
        ["--cache-dir", str(tmp_path / "c"), "--jobs", "2"],
        ["--cache-dir", str(tmp_path / "c"), "--jobs", "1"],
    ):
        result = run_cli("check", "--isolated", "--now", NOW, "--color", color, *options, *paths)
        outputs.append((result.status, result.stdout))
    assert outputs == [outputs[0]] * 4
    out = outputs[0][1]
    assert ("\x1b[" in out) is (color == "always")
    assert "title: " in out and "\u2407" in out and "\u2026" in out  # the odd record's excerpts
    assert len(list((tmp_path / "c").rglob("*.index"))) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_whatever_the_jobs_and_the_cache(fmt: str, tmp_path: Path) -> None:
    paths = _tree(tmp_path / "t")
    outputs = []
    for options in (
        ["--no-cache", "--jobs", "1"],
        ["--no-cache", "--jobs", "2"],
        ["--cache-dir", str(tmp_path / "c"), "--jobs", "2"],
        ["--cache-dir", str(tmp_path / "c"), "--jobs", "1"],
    ):
        result = run_cli("check", "--isolated", "--now", NOW, "--format", fmt, *options, *paths)
        outputs.append((result.status, result.stdout))
    assert outputs[0][0] == 1 and outputs[0][1]
    assert outputs == [outputs[0]] * 4
    if fmt == "concise":
        reported = [line.split(":")[0] for line in outputs[0][1].splitlines()[:-1]]
        assert reported == sorted(reported)
        assert reported.index(str(tmp_path / "t" / "z.md")) > reported.index(
            next(p for p in reported if "sub" in p)
        )


def test_the_report_gets_each_file_before_the_next_is_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedlint import linter, report

    events: list[tuple[str, str]] = []
    real_lint = linter.lint_bytes
    real_reporter = report.reporter_class

    def lint(data: bytes, path: str, *args: object) -> object:
        events.append(("lint", path))
        return real_lint(data, path, *args)  # type: ignore[arg-type]

    def reporter(fmt: str) -> type[report.Reporter]:
        class Recording(real_reporter(fmt)):  # type: ignore[misc,valid-type]
            def add(self, path: str, diagnostics: object, source: object = None) -> None:
                events.append(("report", path))
                super().add(path, diagnostics, source)

        return Recording

    monkeypatch.setattr(linter, "lint_bytes", lint)
    monkeypatch.setattr(report, "reporter_class", reporter)
    files = [str(broken(tmp_path, f"{name}.md")) for name in "abc"]
    result = run_cli(*CHECK, "--now", NOW, "--jobs", "1", *files)
    assert result.status == 1
    assert events == [(kind, path) for path in files for kind in ("lint", "report")]
    assert result.stdout.endswith("Found 3 errors in 3 of 3 files.\n")


def test_excerpts_come_from_the_lint_not_from_reading_the_files_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedlint.run import reading

    paths = _tree(tmp_path / "t")
    expected = run_cli(*CHECK, "--now", NOW, *paths)
    read: list[str] = []
    real = reading.read_bounded
    monkeypatch.setattr(
        reading, "read_bounded", lambda path, limit: read.append(path) or real(path, limit)
    )
    arguments = ["check", "--isolated", "--now", NOW, "--cache-dir", str(tmp_path / "c")]
    for _ in range(2):  # linted, then from the cache (fresh files are hashed again)
        read.clear()
        result = run_cli(*arguments, "--jobs", "1", *paths)
        assert (result.status, result.stdout) == (expected.status, expected.stdout)
        # each file is read once, to lint or hash it: never again for its excerpts (a
        # file that is not UTF-8 has none; a missing path is not read)
        assert sorted(read) == sorted(set(read)) and read
        assert not [path for path in read if path.endswith("missing.md")]
