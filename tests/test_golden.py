"""Every output of the command line, byte for byte: each output format with and without
the cache, --statistics, --diff, --fix and --fix --unsafe-fixes, over the fixtures and a
generated corpus (see tools/golden.py), against the digests kept in tests/data/golden.sha256.

A change of output that is meant is recorded with
``python tools/golden.py digests tests/data/golden.sha256``; any other is a regression.
``python tools/golden.py record DIR`` before and ``compare DIR`` after a change show the
outputs themselves.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIGESTS = ROOT / "tests" / "data" / "golden.sha256"


def _golden_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("golden", ROOT / "tools" / "golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["golden"] = module
    spec.loader.exec_module(module)
    return module


def _lines(text: str) -> dict[str, str]:
    return dict(line.split(" ", 1) for line in text.splitlines())


def test_every_output_is_byte_for_byte_the_recorded_one() -> None:
    expected = _lines(DIGESTS.read_text(encoding="utf-8"))
    found = _lines(_golden_tool().digests())
    changed = sorted(
        name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name)
    )
    assert changed == [], f"outputs that changed: {changed}"
    assert (
        len(found) == 344
    )  # 4 inputs x (8 formats x 3 cache states + 4 runs), 3 files each, + 8 trees
