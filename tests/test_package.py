"""The built wheel carries the schemas and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cli_runner import run_cli_process

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("seedlint-*.whl")
    return built


def test_wheel_contains_schemas_and_marker(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for schema in ("news", "event", "learning", "organization"):
        assert f"seedlint/schemas/{schema}.schema.json" in names
    assert "seedlint/py.typed" in names


def test_installed_wheel_lints_examples(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    # run from an empty folder with only the installed copy importable
    code = (
        "import seedlint, sys; from seedlint.schema import schema_dir; "
        "print(seedlint.__file__); print(schema_dir())"
    )
    env_path = str(target) + ":" + ":".join(p for p in sys.path if "site-packages" in p)
    shown = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": env_path},
        check=True,
    ).stdout.split()
    assert shown[0].startswith(str(target)) and shown[1].startswith(str(target))
    result = run_cli_process(
        "check",
        "--isolated",
        "--no-cache",
        "--format",
        "concise",
        str(ROOT / "examples"),
        cwd=tmp_path,
        env={"PYTHONPATH": env_path},
    )
    assert result.status == 0, result.stdout + result.stderr
