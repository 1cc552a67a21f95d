"""Shared fixtures: real records copied from the content repos, and the shared corpus."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from seedlint import Config, Diagnostic, lint_text

DATA = Path(__file__).parent / "data"
RECORDS = DATA / "records"
SMALL = RECORDS / "2020-04-13-azure-machine-learningnew-log-streaming-feature-is-now-available.md"
RELATED = RECORDS / "000_097239ad54a2e97d.txt"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
NOW = "2026-01-01T00:00:00Z"


def real_records() -> list[Path]:
    return sorted(RECORDS.iterdir())


def lint(text: str, path: str = "_news/2020-04-13-x.md", **config: object) -> list[Diagnostic]:
    """Lint with a fixed clock, so date rules are deterministic."""
    from seedlint.commands import parse_now

    config.setdefault("now", parse_now(NOW))
    return lint_text(text, path, config=Config(**config))  # type: ignore[arg-type]


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity.value == "error"]


def where(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in diagnostics]


def corpus_files() -> list[Path]:
    """The shared corpus' news records and seeds; a sample unless SEEDLINT_CORPUS_SAMPLE=all."""
    if not SHARED.is_dir():
        pytest.skip(f"the shared corpus is not present at {SHARED} (only in the development workspace)")
    files = sorted(SHARED.glob("*/_news/*.md")) + sorted((SHARED / "seeds").iterdir())
    sample = os.environ.get("SEEDLINT_CORPUS_SAMPLE", "400")
    if sample != "all":
        files = random.Random(20261121).sample(files, min(int(sample), len(files)))
    return files


@pytest.fixture
def small_record() -> str:
    return SMALL.read_text(encoding="utf-8")


@pytest.fixture
def related_record() -> str:
    return RELATED.read_text(encoding="utf-8")
