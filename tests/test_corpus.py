"""Zero errors on the real records (the shared corpus when present, the copies in tests/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_files, real_records
from seedlint import Config, lint_file
from seedlint.config import parse_now

NOW = parse_now("2026-11-21T00:00:00Z")


@pytest.mark.parametrize("path", real_records(), ids=lambda p: p.name)
def test_copied_real_records_have_no_errors(path: Path) -> None:
    found = [d for d in lint_file(path, config=Config(now=NOW)) if d.severity.value == "error"]
    assert found == []


@pytest.mark.slow
def test_shared_corpus_has_no_errors() -> None:
    """Every _news record and both seeds: zero errors (a sample; SEEDLINT_CORPUS_SAMPLE=all)."""
    config = Config(now=NOW)
    false_positives = [
        f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
        for path in corpus_files()
        for d in lint_file(path, config=config)
        if d.severity.value == "error"
    ]
    assert false_positives == []
