"""Shared fixtures: real records copied from the content repos, and the shared corpus."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from seedlint import Config, Diagnostic, lint_text
from seedlint.plugins import NO_PLUGINS_VARIABLE

# The suite checks seedlint's own rules, so a rule plugin installed next to it must not
# change what it sees, here or in the processes it starts (set before any test module
# loads the rules). tests/test_plugin.py takes it out to load its plugin.
os.environ[NO_PLUGINS_VARIABLE] = "1"

DATA = Path(__file__).parent / "data"
RECORDS = DATA / "records"
SMALL = RECORDS / "2020-04-13-azure-machine-learningnew-log-streaming-feature-is-now-available.md"
RELATED = RECORDS / "000_097239ad54a2e97d.txt"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
NOW = "2026-01-01T00:00:00Z"
# The fields of a diagnostic in the JSON formats, in their order
DIAGNOSTIC_FIELDS = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "severity",
    "message",
    "pointer",
]


def real_records() -> list[Path]:
    return sorted(RECORDS.iterdir())


def lint(text: str, path: str = "_news/2020-04-13-x.md", **config: object) -> list[Diagnostic]:
    """Lint with a fixed clock, so date rules are deterministic."""
    from seedlint.config import parse_now

    config.setdefault("now", parse_now(NOW))
    return lint_text(text, path, config=Config(**config))  # type: ignore[arg-type]


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity.value == "error"]


def where(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in diagnostics]


def corpus_files() -> list[Path]:
    """The shared corpus' news records and seeds; a sample unless SEEDLINT_CORPUS_SAMPLE=all."""
    if not SHARED.is_dir():
        pytest.skip(
            f"the shared corpus is not present at {SHARED} (only in the development workspace)"
        )
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


def of(code: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics with one code."""
    return [d for d in diagnostics if d.code == code]


def line_with(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line containing ``needle`` (line 1 is ``---``)."""
    matches = [number for number, line in enumerate(text.split("\n"), 1) if needle in line]
    return matches[nth - 1]


def apply_fix(text: str, diagnostic: Diagnostic) -> str:
    """``text`` with the edits of the diagnostic's fix applied."""
    assert diagnostic.fix is not None, f"{diagnostic.code} has no fix"
    for edit in sorted(diagnostic.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def positions_outside(diagnostics: list[Diagnostic], data: bytes) -> list[str]:
    """The diagnostics whose start or end is not inside the file: a line that exists (line 1
    in an empty file) and a column at most one past that line's last character. Lines
    break at LF, CRLF and CR; undecodable bytes count one column each."""
    import re

    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    outside = []
    for d in diagnostics:
        for line, column in ((d.line, d.column), (d.end_line, d.end_column)):
            if not (1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1):
                outside.append(
                    f"{d.code} at {d.line}:{d.column}-{d.end_line}:{d.end_column} "
                    f"({len(lines)} lines): {d.message}"
                )
                break
    return outside


def png(width: int, height: int) -> bytes:
    """A minimal PNG (signature, IHDR, IEND) of the given size, for the image rules."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
