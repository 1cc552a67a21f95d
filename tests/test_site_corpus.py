"""The real content repos as whole Jekyll sites (all collections, ``_config.yml``, pages,
layouts, includes): no false error without configuration, nor after ``seedlint init``,
from the root and from inside every collection folder.

A sample of each folder by default; ``SEEDLINT_CORPUS_SAMPLE=all`` copies everything.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest

from cli_runner import run_cli
from conftest import SHARED

pytestmark = pytest.mark.slow

# The real defects of these records (every other error would be a false one): this
# learning record's webUrl is the site's own page (everyday.cc), not the provider's
# (powerapps911.com), so provider.domain cannot match it
REAL_DEFECTS = {
    (
        "everyday-cc-powerapps",
        "_learning/videos/powerapps911-create-a-large-sharepoint-online-list-for-power-apps-"
        "and-power-automate.md",
        16,
        "SL201",
    )
}


def _copy(source: Path, target: Path, sample: str) -> None:
    """The repo's files (hard links where possible), a sample of each folder."""
    pick = random.Random(20261202)
    for folder, _, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        keep = sorted(names)
        if sample != "all" and len(keep) > int(sample):
            keep = sorted(pick.sample(keep, int(sample)))
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in keep:
            try:
                os.link(Path(folder) / name, target / relative / name)
            except OSError:
                shutil.copy2(Path(folder) / name, target / relative / name)


def _site(tmp_path: Path, repo: str) -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared corpus is not present at {SHARED}")
    root = tmp_path / repo
    _copy(SHARED / repo, root, os.environ.get("SEEDLINT_CORPUS_SAMPLE", "25"))
    collections = sorted(p.name[1:] for p in root.iterdir() if p.name not in ("_data",))
    (root / "_config.yml").write_text(
        "title: Everyday\ncollections:\n"
        + "".join(f"  {name}:\n    output: true\n" for name in collections),
        encoding="utf-8",
    )
    (root / "index.md").write_text("---\nlayout: default\ntitle: Home\n---\n# Hi\n")
    (root / "404.html").write_text("---\npermalink: /404.html\n---\n<h1>Not found</h1>\n")
    (root / "_layouts").mkdir()
    (root / "_layouts" / "default.html").write_text("<html>{{ content }}</html>\n")
    (root / "_includes").mkdir()
    (root / "_includes" / "x.html").write_text("<nav>{{ site.title }}</nav>\n")
    return root


def _errors(repo: str, root: Path) -> set[tuple[str, str, int, str]]:
    result = run_cli("check", "--no-cache", "--jobs", "2", "--format", "json", ".")
    status = result.status
    found = json.loads(result.stdout)
    errors = {
        (repo, Path(os.path.abspath(d["path"])).relative_to(root).as_posix(), d["line"], d["code"])
        for d in found
        if d["severity"] == "error"
    }
    assert status == (1 if errors else 0)
    return errors


@pytest.mark.parametrize("repo", ["everyday-cc-azure", "everyday-cc-powerapps"])
def test_a_real_site_has_no_false_errors(
    repo: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _site(tmp_path, repo)
    expected = {d for d in REAL_DEFECTS if d[0] == repo and (root / d[1]).exists()}
    folders = [root] + sorted(
        p for p in root.glob("_*") if p.is_dir() and p.name not in ("_layouts", "_includes")
    )
    folders += sorted(p for p in (root / "_data").iterdir() if p.is_dir())

    def check_everywhere() -> None:
        for folder in folders:
            monkeypatch.chdir(folder)
            inside = {d for d in expected if (root / d[1]).is_relative_to(folder)}
            assert _errors(repo, root) == inside, folder

    check_everywhere()  # no configuration
    assert run_cli("init", str(root)).status == 0
    assert (root / "seedlint.toml").is_file()
    check_everywhere()  # the configuration and schemas init wrote
