"""Property-based fuzzing: byte-level and line-level mutations of real records never raise,
never produce an internal error, keep every position inside the file, and lint the same
way twice.

The suite runs a few hundred mutations; ``pytest -m fuzz -s`` runs the long campaign
(``SEEDLINT_FUZZ_COUNT`` mutations, 20,000 by default) and prints its figures.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW, RECORDS, positions_outside
from seedlint import Config, Diagnostic
from seedlint.config import parse_now
from seedlint.linter import lint_bytes

FIXTURES = sorted(RECORDS.iterdir())
SOURCES = {path.name: path.read_bytes() for path in FIXTURES}
CONFIG = Config(now=parse_now(NOW))

BYTE_OPS = ("insert", "delete", "overwrite", "flip", "duplicate", "truncate")
LINE_OPS = ("drop", "duplicate", "swap", "indent", "dedent", "insert", "splice", "crlf", "join")
# Fragments that YAML, the front-matter splitter or the decoder treat specially.
TOKENS = (
    b"- ",
    b"? ",
    b": ",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"<<: [*a, *a]",
    b"&a [*a]",
    b"!!python/object/apply:os.system ['true']",
    b"!custom ",
    b"!!binary ",
    b"!!int ",
    b"\t",
    b"---",
    b"--- x",
    b"...",
    b"%YAML 1.1",
    b"[",
    b"]",
    b"{",
    b"}",
    b"'",
    b'"',
    b"|",
    b">-",
    b"#",
    b"\xff",
    b"\x00",
    b"\r",
    b"\x07",
    "\u2028".encode(),
    "\x85".encode(),
    b"\xef\xbb\xbf",
    b"1: x",
    b"? [a, b]\n: c",
    b"yes",
    b"0o17",
    b"1_000",
    b"~",
    b"null",
    b"@",
    b"`",
    b"\\",
    b"%",
    b'"\\ud800"',
    b"[" * 300,
    "é€𝄞".encode(),
)


def mutate_bytes(data: bytes, op: str, where: int, payload: bytes) -> bytes:
    """One byte-level mutation at ``where`` (taken modulo the length)."""
    at = where % (len(data) + 1)
    if op == "insert":
        return data[:at] + payload + data[at:]
    if op == "delete":
        return data[:at] + data[at + len(payload) + 1 :]
    if op == "overwrite":
        return data[:at] + payload + data[at + len(payload) :]
    if op == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ (payload[0] if payload else 0x80)]) + data[at + 1 :]
    if op == "duplicate":
        return data[:at] + data[at : at + 8 * len(payload) + 1] + data[at:]
    if op == "truncate":
        return data[:at]
    return data


def mutate_lines(data: bytes, op: str, where: int, token: int) -> bytes:
    """One line-level mutation of the line ``where`` (modulo the number of lines)."""
    lines = data.splitlines(keepends=True) or [b""]
    at = where % len(lines)
    line = lines[at]
    fragment = TOKENS[token % len(TOKENS)]
    if op == "drop":
        del lines[at]
    elif op == "duplicate":
        lines.insert(at, line)
    elif op == "swap" and at + 1 < len(lines):
        lines[at], lines[at + 1] = lines[at + 1], line
    elif op == "indent":
        lines[at] = b"  " + line
    elif op == "dedent":
        lines[at] = line[2:] if line.startswith(b"  ") else line.lstrip(b" ")
    elif op == "insert":
        lines.insert(at, fragment + b"\n")
    elif op == "splice":  # the fragment inside the line, after its key when it has one
        cut = line.find(b": ") + 2 if b": " in line else len(line) // 2
        lines[at] = line[:cut] + fragment + line[cut:]
    elif op == "crlf":
        lines[at] = line.rstrip(b"\r\n") + b"\r\n"
    elif op == "join":
        lines[at] = line.rstrip(b"\r\n")
    return b"".join(lines)


def check(data: bytes, name: str) -> list[Diagnostic]:
    """Lint twice and check the properties; returns the diagnostics."""
    path = f"_news/{name}"
    first = lint_bytes(data, path, CONFIG).diagnostics
    second = lint_bytes(data, path, CONFIG).diagnostics
    assert [(d, d.fix) for d in first] == [(d, d.fix) for d in second], "not deterministic"
    assert [d for d in first if d.code == "SL000"] == [], "an internal error"
    assert positions_outside(first, data) == []
    return first


byte_mutations = st.lists(
    st.tuples(st.sampled_from(BYTE_OPS), st.integers(0, 1 << 20), st.binary(max_size=8)),
    min_size=1,
    max_size=4,
)
line_mutations = st.lists(
    st.tuples(st.sampled_from(LINE_OPS), st.integers(0, 1 << 16), st.integers(0, len(TOKENS) - 1)),
    min_size=1,
    max_size=4,
)
FUZZ_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FUZZ_SETTINGS
@given(name=st.sampled_from(sorted(SOURCES)), mutations=byte_mutations)
def test_byte_mutations(name: str, mutations: list[tuple[str, int, bytes]]) -> None:
    data = SOURCES[name]
    for mutation in mutations:
        data = mutate_bytes(data, *mutation)
    check(data, name)


@FUZZ_SETTINGS
@given(name=st.sampled_from(sorted(SOURCES)), mutations=line_mutations)
def test_line_mutations(name: str, mutations: list[tuple[str, int, int]]) -> None:
    data = SOURCES[name]
    for mutation in mutations:
        data = mutate_lines(data, *mutation)
    check(data, name)


def test_the_unmutated_fixtures_are_valid() -> None:
    """The starting points are clean, so what the fuzzer finds comes from the mutations."""
    for name, data in SOURCES.items():
        assert [d for d in check(data, name) if d.severity.value == "error"] == [], name


def random_mutant(rng: random.Random) -> tuple[str, bytes]:
    """A fixture with one to four random mutations of one kind (for the long run)."""
    name = rng.choice(sorted(SOURCES))
    data = SOURCES[name]
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.5:
            payload = rng.randbytes(rng.randint(0, 8))
            data = mutate_bytes(data, rng.choice(BYTE_OPS), rng.getrandbits(20), payload)
        else:
            data = mutate_lines(
                data, rng.choice(LINE_OPS), rng.getrandbits(16), rng.randrange(len(TOKENS))
            )
    return name, data


@pytest.mark.fuzz
def test_long_fuzz_run(tmp_path: Path) -> None:
    count = int(os.environ.get("SEEDLINT_FUZZ_COUNT", "20000"))
    seed = int(os.environ.get("SEEDLINT_FUZZ_SEED", "20261121"))
    rng = random.Random(seed)
    failures: list[str] = []
    diagnostics = 0
    started = time.perf_counter()
    for index in range(count):
        name, data = random_mutant(rng)
        try:
            diagnostics += len(check(data, name))
        except Exception as error:  # noqa: BLE001 - every failure is counted and kept
            kept = tmp_path / f"failure-{index}-{name}"
            kept.write_bytes(data)
            failures.append(f"#{index} {name}: {type(error).__name__}: {error} (kept in {kept})")
    elapsed = time.perf_counter() - started
    print(
        f"\nfuzz: {count} mutations (seed {seed}), {len(failures)} failures, "
        f"{diagnostics} diagnostics, {elapsed:.1f} s ({count / elapsed:.0f} mutations/s)"
    )
    assert failures == [], "\n".join(failures[:20])
