"""A rule shipped by another installed package runs like a built-in one.

The package in tests/data/plugin is built and installed with pip into a throwaway folder;
seedlint runs in a subprocess with that folder on its path, as in a repository that
installed the plugin next to seedlint.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import CliResult, run_cli_process
from seedlint.plugins import NO_PLUGINS_VARIABLE

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SHOUTING = "---\ntitle: AZURE IS GREAT\nheat: 1\n---\nBody.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin, built from its pyproject and installed into a folder of its own."""
    source = tmp_path_factory.mktemp("plugin-source")
    shutil.copytree(DATA / "plugin", source, dirs_exist_ok=True)  # pip builds in the tree
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        timeout=600,
    )
    assert (target / "seedlint_example_rules.py").is_file()
    return target


@pytest.fixture
def record(tmp_path: Path) -> Path:
    shutil.copy(DATA / "report" / "schema.json", tmp_path / "schema.json")
    path = tmp_path / "shouting.md"
    path.write_text(SHOUTING, encoding="utf-8")
    return path


def on_the_path(site: Path, shut_out: bool = False) -> dict[str, str | None]:
    """The environment changes that put the plugin's folder (and seedlint's sources) on
    Python's path, and that let plugins load unless ``shut_out``."""
    return {
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT / "src")]),
        NO_PLUGINS_VARIABLE: "1" if shut_out else None,
    }


def seedlint(site: Path, cwd: Path, *args: str, shut_out: bool = False) -> CliResult:
    return run_cli_process(*args, cwd=cwd, env=on_the_path(site, shut_out))


def check(site: Path, record: Path, *args: str, shut_out: bool = False) -> CliResult:
    return seedlint(
        site,
        record.parent,
        "check",
        "--isolated",
        "--no-cache",
        "--schema",
        "schema.json",
        "--format",
        "concise",
        *args,
        record.name,
        shut_out=shut_out,
    )


def test_the_plugin_rule_runs(site: Path, record: Path) -> None:
    result = check(site, record)
    assert result.status == 0, result.stderr  # a warning does not fail the run
    assert (
        "shouting.md:2:8: EX101 [warning] the title 'AZURE IS GREAT' is all capitals; "
        "write it in sentence case"
    ) in result.stdout.splitlines()


def test_the_plugin_rule_can_be_selected_ignored_and_regraded(site: Path, record: Path) -> None:
    selected = check(site, record, "--select", "EX101")
    assert [line.split(": ")[1].split()[0] for line in selected.stdout.splitlines()[:-1]] == [
        "EX101"
    ]
    ignored = check(site, record, "--ignore", "EX1")
    assert ignored.status == 0 and "EX101" not in ignored.stdout
    assert check(site, record, "--fail-on", "warning").status == 1


def test_the_plugin_rule_is_listed_and_explained(site: Path, record: Path) -> None:
    listed = json.loads(seedlint(site, record.parent, "rules", "--format", "json").stdout)
    plugin = next(item for item in listed if item["code"] == "EX101")
    assert plugin["name"] == "shouting-title" and plugin["severity"] == "warning"
    assert plugin["origin"] != "seedlint"
    explained = seedlint(site, record.parent, "rule", "shouting-title")
    assert explained.status == 0 and "## Use instead" in explained.stdout


def test_the_library_runs_the_plugin_rule_too(site: Path, record: Path) -> None:
    code = (
        "import sys, seedlint; "
        "found = seedlint.lint_file(sys.argv[1], schema=sys.argv[2]); "
        "print([(d.code, d.line, d.column) for d in found if d.code == 'EX101'])"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT / "src")]))
    env.pop(NO_PLUGINS_VARIABLE)
    result = subprocess.run(
        [sys.executable, "-c", code, str(record), str(record.parent / "schema.json")],
        cwd=record.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.stdout.strip() == "[('EX101', 2, 8)]", result.stderr


def test_seedlint_no_plugins_shuts_the_plugin_out(site: Path, record: Path) -> None:
    assert "EX101" in check(site, record).stdout
    shut_out = check(site, record, shut_out=True)
    assert shut_out.status == 0 and "EX101" not in shut_out.stdout
    assert shut_out.stdout == "All checks passed (1 file checked).\n"
    unknown = seedlint(site, record.parent, "rule", "EX101", shut_out=True)
    assert unknown.status == 2 and "unknown rule" in unknown.stderr
