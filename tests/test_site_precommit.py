"""The real ``pre-commit`` on a monorepo: the Jekyll site in ``docs/`` with its
``docs/seedlint.toml``, run from the git root as pre-commit runs hooks.

The hook is this checkout's own definition (``.pre-commit-hooks.yaml``: its file filter,
``require_serial``) run as a ``repo: local`` hook with this environment's seedlint, so no
network and no new virtual environment are needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_cli
from test_site import make_site

ROOT = Path(__file__).resolve().parents[1]


def _run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def monorepo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    from ruamel.yaml import YAML

    home = tmp_path / "home"
    home.mkdir()
    (home / "gitconfig").write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home / "cache"),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        NO_COLOR="1",
    )
    repo = tmp_path / "repo"
    make_site(repo / "docs")
    assert run_cli("init", str(repo / "docs")).status == 0  # docs/seedlint.toml, docs/schemas/
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "seedlint")
    local = {
        "id": "seedlint",
        "name": "seedlint",
        "language": "system",
        "entry": f"{sys.executable} -m seedlint check --no-cache",
        "types_or": hook["types_or"],
        "files": hook["files"],
        "require_serial": hook["require_serial"],
    }
    import json

    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - " + json.dumps(local) + "\n",
        encoding="utf-8",
    )
    _run(repo, env, "git", "init", "-q")
    _run(repo, env, "git", "add", "-A")
    return repo, env


def pre_commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run(repo, env, sys.executable, "-m", "pre_commit", "run", "--all-files", "-v")


def test_the_hook_uses_the_docs_configuration_from_the_git_root(
    monorepo: tuple[Path, dict[str, str]],
) -> None:
    repo, env = monorepo
    passed = pre_commit(repo, env)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    # 15 records and pages, the 3 topic data files included; one run, one summary
    assert output.count("All checks passed (15 files checked).") == 1, output
    assert "Found" not in output

    sample = repo / "docs" / "_samples" / "power-apps-community-hud-app.md"
    sample.write_text(sample.read_text(encoding="utf-8").replace("heat: 50\n", ""))
    event = repo / "docs" / "_events" / "2020-08-20-virtual-machines-live-demo-and-qa.md"
    event.write_text(event.read_text(encoding="utf-8").replace("startDateTime:", "startDate:"))
    _run(repo, env, "git", "add", "-A")
    failed = pre_commit(repo, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "docs/_samples/power-apps-community-hud-app.md:2:1: SL101 [error] missing " in output
    assert "required field 'heat'" in output  # the inferred schema of docs/_samples
    assert "SL102 [error] unknown field 'startDate'; did you mean 'startDateTime'?" in output
    assert output.count("Found ") == 1, output
    assert "Found 2 errors in 2 of 15 files." in output
