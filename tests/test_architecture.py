"""The layer rules of the README's "Architecture" section hold on seedlint's source, and
the checker (tools/architecture.py) finds each kind of breach it is there to find."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "architecture.py"


@pytest.fixture(scope="module")
def architecture() -> ModuleType:
    spec = importlib.util.spec_from_file_location("architecture", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["architecture"] = module
    spec.loader.exec_module(module)
    return module


def test_seedlint_keeps_every_layer_rule(architecture: ModuleType) -> None:
    """No import cycle; no module that parses, validates, runs workers or stores the
    cache reaches a reporter; argparse only in the command-line package; no function
    above complexity 15 (radon) and no module above 600 lines."""
    assert architecture.breaches() == []


def _package(root: Path, files: dict[str, str]) -> Path:
    package = root / "seedlint"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return package


def test_the_checker_finds_each_kind_of_breach(architecture: ModuleType, tmp_path: Path) -> None:
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(16))
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "config.py": "from . import site\n",
            "site.py": "def later():\n    from .config import x\n",
            "cache.py": "from .run import plan\n",
            "run/__init__.py": "",
            "run/plan.py": "from ..report import text\n",
            "report/__init__.py": "",
            "report/text.py": "",
            "linter.py": "import argparse\n",
            "cli/__init__.py": "import argparse\n",
            "rules.py": f"def judge(x):\n{branches}    return -1\n",
            "big.py": "x = 1\n" * 601,
        },
    )
    found = architecture.breaches(package)
    assert "import cycle: seedlint.config <-> seedlint.site" in found
    assert "argparse outside the command line: seedlint.linter" in found
    assert not [line for line in found if "seedlint.cli" in line]
    assert "seedlint.cache reaches a reporter: seedlint.report.text" in found
    assert "seedlint.run.plan reaches a reporter: seedlint.report.text" in found
    assert "seedlint/rules.py:1: judge has complexity 17" in found
    assert "seedlint.big: 601 lines (at most 600)" in found
    assert len(found) == 6


def test_imports_for_annotations_only_are_not_dependencies(
    architecture: ModuleType, tmp_path: Path
) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "linter.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from .report import Reporter\n"
            ),
            "report/__init__.py": "from .. import linter\n",
        },
    )
    assert architecture.breaches(package) == []
