"""jsonschema-rs and python-jsonschema give identical diagnostics on the same records."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import lint
from defects import broken_records, valid_records
from seedlint.diagnostics import Diagnostic
from seedlint.schema import load_schema

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("jsonschema_rs") is None,
    reason="jsonschema-rs is not installed: one engine only",
)


def _as_dicts(diagnostics: list[Diagnostic]) -> list[dict[str, object]]:
    return [d.to_dict() for d in diagnostics]


def test_each_engine_is_the_one_asked_for() -> None:
    assert load_schema("news", "rs").engine == "rs"
    assert load_schema("news", "python").engine == "python"
    assert load_schema("news", "auto").engine == "rs"  # the fast one when installed


@pytest.mark.parametrize(("name", "text"), valid_records(), ids=lambda v: str(v)[:40])
def test_valid_records_pass_in_both_engines(name: str, text: str) -> None:
    fast = lint(text, f"_news/{name}.md", engine="rs")
    reference = lint(text, f"_news/{name}.md", engine="python")
    assert _as_dicts(fast) == _as_dicts(reference)
    assert not [d for d in fast if d.code.startswith("SL1")]


def test_broken_records_give_identical_diagnostics_in_both_engines() -> None:
    differing = []
    codes: set[str] = set()
    for name, text in broken_records():
        path = f"_news/{name}.md"
        fast = lint(text, path, engine="rs")
        reference = lint(text, path, engine="python")
        if _as_dicts(fast) != _as_dicts(reference):
            differing.append(name)
        codes.update(d.code for d in reference)
    assert differing == []
    # the defects reach the schema in every way it reports
    assert {"SL101", "SL102", "SL103", "SL104", "SL105", "SL106", "SL107"} <= codes
