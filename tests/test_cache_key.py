"""The cache key covers everything a result depends on: each element of the key listed in
the README, changed alone, makes the result computed again. And the racy check looks at
ctime as well as mtime, which tools that restore an mtime cannot set back.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SMALL
from seedlint import Config, Rule, Severity, rules
from seedlint.cache import RACY_WINDOW_NS, ResultCache, trusted_stat
from seedlint.cache import context as cache_context
from seedlint.config import Limits
from seedlint.digests import new_digest
from seedlint.run import lint_files, plan, worker


def same_size_edit(path: Path, old: bytes, new: bytes) -> None:
    """Rewrite ``path`` with ``old`` replaced by ``new`` (same length), its mtime put back
    as ``touch -r``, ``cp -p`` or ``rsync -t`` would."""
    assert len(old) == len(new)
    before = path.stat()
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns


# --- the racy check -------------------------------------------------------------------


class FakeStat:
    def __init__(self, mtime_ns: int, ctime_ns: int) -> None:
        self.st_size, self.st_ino = 10, 1
        self.st_mtime_ns, self.st_ctime_ns = mtime_ns, ctime_ns


def test_the_racy_check_takes_the_later_of_mtime_and_ctime() -> None:
    now = time.time_ns()
    old = now - 100 * RACY_WINDOW_NS
    # an mtime put back long ago, a ctime of now: the file was just written
    assert trusted_stat(FakeStat(old, now - 1000), now) is None  # type: ignore[arg-type]
    assert trusted_stat(FakeStat(old, old), now) == (10, old, old, 1)  # type: ignore[arg-type]


def test_a_same_size_edit_with_its_mtime_restored_is_never_served_stale(tmp_path: Path) -> None:
    """On a filesystem with 1-second timestamps a second write can keep size, mtime and
    ctime: the run right after a write must therefore not trust the stat data."""
    record = tmp_path / "2020-04-13-x.md"
    shutil.copy(SMALL, record)
    old = time.time_ns() - 3600 * 10**9
    os.utime(record, ns=(old, old))
    config = Config(now=None)
    first = lint_files([str(record)], config, jobs=1, cache_dir=str(tmp_path / "c"))
    assert "SL102" not in {d.code for d in first[0].diagnostics}
    same_size_edit(record, b"heat:", b"hear:")
    second = lint_files([str(record)], config, jobs=1, cache_dir=str(tmp_path / "c"))
    assert "SL102" in {d.code for d in second[0].diagnostics}  # 'hear' is unknown


# --- each element of the context ------------------------------------------------------


def context_of(config: Config | None = None, schema: str = "s") -> str:
    return ResultCache("unused").context(config or Config(), schema)


def test_the_schema_the_config_and_the_limits_are_in_the_key() -> None:
    base = context_of()
    assert context_of(schema="t") != base
    assert context_of(Config(ignore=("SL201",))) != base
    assert context_of(Config(limits=Limits(max_diagnostics=5))) != base
    assert context_of() == base


def test_an_edit_of_a_seedlint_module_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A same-size edit with the mtime put back (its ctime changes)."""
    package = tmp_path / "package"
    package.mkdir()
    (package / "rule.py").write_text("LIMIT = 10\n")
    digest = new_digest()
    cache_context.update_with_tree(digest, str(package))
    before = digest.hexdigest()
    time.sleep(0.01)
    same_size_edit(package / "rule.py", b"10", b"11")
    digest = new_digest()
    cache_context.update_with_tree(digest, str(package))
    assert digest.hexdigest() != before


@pytest.fixture
def site_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path holding the metadata of an installed jsonschema."""
    folder = tmp_path / "site-packages"
    info = folder / "jsonschema-4.26.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Name: jsonschema\nVersion: 4.26.0\n")
    (info / "RECORD").write_text("jsonschema/__init__.py,sha256=abc,10\n")
    monkeypatch.setattr(sys, "path", [*sys.path, str(folder)])
    return folder


@pytest.mark.parametrize("distribution", ["jsonschema", "jsonschema_rs", "ruamel.yaml"])
def test_an_upgrade_of_a_runtime_dependency_changes_the_key(
    site_packages: Path, distribution: str
) -> None:
    info = site_packages / f"{distribution}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Version: 1.0\n")
    before = cache_context.installed_signature()
    assert cache_context.installed_signature() == before  # stable while nothing changes
    info.rename(site_packages / f"{distribution}-1.1.dist-info")
    assert cache_context.installed_signature() != before


def test_a_reinstall_or_an_edit_of_a_dependencys_metadata_changes_the_key(
    site_packages: Path,
) -> None:
    before = cache_context.installed_signature()
    time.sleep(0.01)
    same_size_edit(site_packages / "jsonschema-4.26.0.dist-info" / "RECORD", b"abc", b"abd")
    assert cache_context.installed_signature() != before


def test_the_dependency_part_of_the_key_reaches_the_context(
    site_packages: Path,
) -> None:
    before = context_of()
    (site_packages / "jsonschema-4.26.0.dist-info").rename(
        site_packages / "jsonschema-4.27.0.dist-info"
    )
    assert context_of() != before


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A rule registered by a package whose rule module imports a helper module."""
    package = tmp_path / "plugin_site" / "keyplugin"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "helper.py").write_text("WORD = 'azure'\n")
    (package / "rules.py").write_text(
        "from keyplugin.helper import WORD\ndef check(ctx):\n    return []\n"
    )
    monkeypatch.syspath_prepend(str(package.parent))
    import importlib

    module = importlib.import_module("keyplugin.rules")
    rules.all_rules()
    rule = Rule(
        "TKP001",
        "key-plugin",
        Severity.WARNING,
        "a test rule",
        check=module.check,
        origin="keyplugin.rules",
    )
    rules.register(rule)
    yield package
    rules.unregister(rule.code)
    for name in [m for m in sys.modules if m.startswith("keyplugin")]:
        del sys.modules[name]


def test_an_edit_of_a_plugins_helper_module_changes_the_key(plugin: Path) -> None:
    before = cache_context.rules_signature()
    assert cache_context.rules_signature() == before
    time.sleep(0.01)
    same_size_edit(plugin / "helper.py", b"azure", b"azurf")
    assert cache_context.rules_signature() != before


def test_every_key_element_is_listed_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### What the cache key holds", 1)[1].split("\n#", 1)[0]
    for element in (
        "seedlint's version",
        "runtime dependencies",
        "plugin",
        "schema",
        "configuration",
        "UTC day",
        "Python version",
        "ctime",
    ):
        assert element in section, element


def test_a_result_is_computed_again_when_the_key_changes(
    tmp_path: Path, site_packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: the same file, served from the cache, then linted again after an
    upgrade of a dependency."""
    record = tmp_path / "2020-04-13-x.md"
    shutil.copy(SMALL, record)
    old = time.time_ns() - 3600 * 10**9
    os.utime(record, ns=(old, old))
    linted: list[str] = []
    real = worker.Worker.lint

    def counting(self: worker.Worker, task: plan.Task) -> worker.Outcome:
        linted.append(task.path)
        return real(self, task)

    monkeypatch.setattr(worker.Worker, "lint", counting)
    folder = str(tmp_path / "cache")
    later = type("Later", (), {"time_ns": staticmethod(lambda: time.time_ns() + 10**11)})
    monkeypatch.setattr(worker, "time", later)  # the file's ctime is outside the racy window
    lint_files([str(record)], Config(), jobs=1, cache_dir=folder)
    lint_files([str(record)], Config(), jobs=1, cache_dir=folder)
    assert linted == [str(record)]
    (site_packages / "jsonschema-4.26.0.dist-info").rename(
        site_packages / "jsonschema-4.27.0.dist-info"
    )
    lint_files([str(record)], Config(), jobs=1, cache_dir=folder)
    assert linted == [str(record)] * 2
