"""The registry's start-up: plugins are looked for without importlib.metadata when no
installed distribution can declare one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from seedlint.plugins import ENTRY_POINT_GROUP, NO_PLUGINS_VARIABLE, plugins_may_exist


@pytest.fixture(autouse=True)
def plugins_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests look for plugins: the switch the suite sets (conftest.py) is taken out."""
    monkeypatch.delenv(NO_PLUGINS_VARIABLE)


def distribution(folder: Path, name: str, entry_points: str | None) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Name: {name}\nVersion: 1.0\n", encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_no_distribution_declares_the_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distribution(tmp_path, "tool", "[console_scripts]\ntool = tool:main\n")
    distribution(tmp_path, "bare", None)
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    assert not plugins_may_exist()


def test_a_distribution_declares_the_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distribution(tmp_path, "tool", "[console_scripts]\ntool = tool:main\n")
    distribution(tmp_path, "Shout_Rules", f"[{ENTRY_POINT_GROUP}]\nshout = shout:RULES\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert plugins_may_exist()


def test_a_zip_on_the_path_may_hold_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip archive
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert plugins_may_exist()


def test_seedlint_no_plugins_says_none_may_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distribution(tmp_path, "Shout_Rules", f"[{ENTRY_POINT_GROUP}]\nshout = shout:RULES\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    monkeypatch.setenv(NO_PLUGINS_VARIABLE, "1")
    assert not plugins_may_exist()
