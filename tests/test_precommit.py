"""The `seedlint` pre-commit hook, run by the real `pre-commit` program on a throwaway repository.

`pre-commit try-repo` and `git commit` both install this repository into a fresh virtual
environment, as a content repository's hook would. The hook repository is a snapshot of
this checkout's working tree (committed and uncommitted files alike, ignored ones left
out), since pre-commit only sees what a git repository holds at a commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # installs seedlint into new virtual environments (about a minute)


def git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=120
    ).stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Git and pre-commit isolated from the user's configuration and caches."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    (home / "gitconfig").write_text("", encoding="utf-8")
    isolated = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT")) and key not in ("NO_COLOR",)
    }
    isolated.update(
        PRE_COMMIT_HOME=str(home / "cache"),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
    )
    return isolated


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """This checkout's working tree committed into a repository of its own, and its commit."""
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout, so there is no hook repository to install")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", env=env)
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q", env=env)
    git(snapshot, "add", "-A", env=env)
    git(snapshot, "commit", "-q", "-m", "snapshot", env=env)
    return snapshot, git(snapshot, "rev-parse", "HEAD", env=env).strip()


@dataclass
class Content:
    """A content repository with a good record, a broken one and a file that is no record."""

    repo: Path
    good: str  # paths relative to the repository
    broken: str
    broken_line: int  # where the broken record's defect is


@pytest.fixture
def content(tmp_path: Path, env: dict[str, str]) -> Content:
    examples = sorted((ROOT / "examples" / "_news").glob("*.md"))
    if not examples:
        pytest.skip("no bundled example record in examples/_news")
    repo = tmp_path / "content"
    (repo / "_news").mkdir(parents=True)
    record = examples[0].read_text(encoding="utf-8")
    good, bad = f"_news/{examples[0].name}", f"_news/{examples[0].stem}-broken.md"
    (repo / good).write_text(record, encoding="utf-8")
    # The first key repeated on the last front-matter line: a duplicate key (SL002) there.
    lines = record.split("\n")
    closing = lines.index("---", 1)
    lines.insert(closing, lines[1].split(":")[0] + ": again")
    (repo / bad).write_text("\n".join(lines), encoding="utf-8")
    (repo / "data.json").write_text("{}\n", encoding="utf-8")  # the hook's filter skips it
    git(repo, "init", "-q", env=env)
    return Content(repo, good, bad, closing + 1)


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_try_repo_fails_on_a_broken_record_and_passes_a_good_one(
    hook_repo: tuple[Path, str], content: Content, env: dict[str, str]
) -> None:
    repo, rev = hook_repo
    failed = pre_commit(
        content.repo,
        env,
        "try-repo",
        str(repo),
        "seedlint",
        "--ref",
        rev,
        "--files",
        content.broken,
        "data.json",
    )
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert f"{content.broken}:{content.broken_line}:1: SL002 [error]" in output
    assert "data.json:" not in output
    # data.json would fail (no front matter) if the hook's filter let it through.
    passed = pre_commit(
        content.repo,
        env,
        "try-repo",
        str(repo),
        "seedlint",
        "--ref",
        rev,
        "--files",
        content.good,
        "data.json",
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_git_commit_runs_the_hook(
    hook_repo: tuple[Path, str], content: Content, env: dict[str, str]
) -> None:
    repo, rev = hook_repo
    (content.repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: seedlint\n",
        encoding="utf-8",
    )
    installed = pre_commit(content.repo, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(*files: str) -> subprocess.CompletedProcess[str]:
        git(content.repo, "add", *files, env=env)
        return subprocess.run(
            ["git", "commit", "-m", "records"],
            cwd=content.repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    rejected = commit(".pre-commit-config.yaml", content.good, content.broken)
    assert rejected.returncode == 1, rejected.stdout + rejected.stderr
    assert f"{content.broken}:{content.broken_line}:1: SL002" in rejected.stdout + rejected.stderr
    head = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "HEAD"],
        cwd=content.repo,
        env=env,
        capture_output=True,
    )
    assert head.returncode != 0  # nothing was committed

    git(content.repo, "rm", "-q", "--cached", content.broken, env=env)
    accepted = commit(".pre-commit-config.yaml", content.good)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert git(content.repo, "log", "--format=%s", env=env).split() == ["records"]
