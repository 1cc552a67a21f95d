"""Reliability properties over real records (tests/data/records), with byte-level
mutations, Unicode line separators and lone surrogates:

- linting never raises and never reports an internal error (SL000);
- every position is inside the file;
- a run with the cache gives exactly the result of a run without it, and so does the
  run served from the cache;
- ``--fix`` is idempotent (a second pass changes nothing) and byte-exact elsewhere (the
  body and every line no fix touched keep their bytes).

The default run tries a few dozen examples per property; ``pytest -m fuzz`` runs
``SEEDLINT_RELIABILITY_EXAMPLES`` (2,000 by default) each.
"""

from __future__ import annotations

import difflib
import os
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW, RECORDS, positions_outside
from defects import DEFECTS
from seedlint import Config, lint_text
from seedlint.cache import pack
from seedlint.config import parse_now
from seedlint.fixer import fix_result
from seedlint.linter import lint_bytes
from seedlint.run import lint_files

CONFIG = Config(now=parse_now(NOW))
SOURCES = {path.name: path.read_bytes() for path in sorted(RECORDS.iterdir())}
MD_SOURCES = {name: data for name, data in SOURCES.items() if name.endswith(".md")}
# Fragments that break lines for some readers and not others, and encoded surrogates
SPECIAL = (
    "\u2028".encode(),
    "\u2029".encode(),
    "\x85".encode(),
    b"\r",
    b"\r\n",
    "\ud800".encode("utf-8", "surrogatepass"),
    "\udfff".encode("utf-8", "surrogatepass"),
    b"\xed\xa0\x80\xed\xb0\x80",  # a surrogate pair, encoded one half at a time
    b"\x1b[31m",
    b"\x00",
    b"\xef\xbb\xbf",
    b": ",
    b"- ",
    b"&a ",
    b"*a",
    b"!!str ",
    b"'",
    b'"',
    b"#",
    b"# seedlint: disable=SL201,SL999",
)

mutation = st.tuples(
    st.sampled_from(("insert", "overwrite", "delete")),
    st.integers(0, 1 << 20),
    st.one_of(st.sampled_from(SPECIAL), st.binary(min_size=1, max_size=6)),
)


def mutate(data: bytes, mutations: list[tuple[str, int, bytes]]) -> bytes:
    for op, where, payload in mutations:
        at = where % (len(data) + 1)
        if op == "insert":
            data = data[:at] + payload + data[at:]
        elif op == "overwrite":
            data = data[:at] + payload + data[at + len(payload) :]
        else:
            data = data[:at] + data[at + len(payload) :]
    return data


EXAMPLES = int(os.environ.get("SEEDLINT_RELIABILITY_EXAMPLES", "2000"))
QUICK = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


def check_lint(data: bytes, name: str) -> None:
    found = lint_bytes(data, f"_news/{name}", CONFIG).diagnostics
    assert [d for d in found if d.code == "SL000"] == []
    assert positions_outside(found, data) == []


def check_cache(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        old = time.time_ns() - 3600 * 10**9
        os.utime(path, ns=(old, old))
        cache = str(Path(folder) / "cache")
        plain = lint_files([str(path)], CONFIG, jobs=1)
        filled = lint_files([str(path)], CONFIG, jobs=1, cache_dir=cache)
        served = lint_files([str(path)], CONFIG, jobs=1, cache_dir=cache)
        expected = pack(plain[0].diagnostics)
        assert pack(filled[0].diagnostics) == expected
        assert pack(served[0].diagnostics) == expected


def check_fix(data: bytes, name: str) -> None:
    result = lint_bytes(data, f"_news/{name}", CONFIG)
    outcome = fix_result(result, CONFIG)
    if outcome is None or not outcome.changed:
        return
    again = fix_result(lint_bytes(outcome.encoded(), f"_news/{name}", CONFIG), CONFIG)
    assert again is None or not again.changed, "a second --fix changed the file"
    doc = result.document
    assert doc is not None
    body = doc.text[doc.front.yaml_end :]
    assert outcome.text.endswith(body), "the body changed"
    # the byte-order mark is kept, unless the fix of SL013 (a safe one) took it away
    had_bom = data.startswith(b"\xef\xbb\xbf")
    assert outcome.removes_bom == (had_bom and "SL013" in {d.code for d in outcome.applied})
    assert outcome.encoded().startswith(b"\xef\xbb\xbf") == (had_bom and not outcome.removes_bom)
    before = outcome.original.splitlines(keepends=True)
    after = outcome.text.splitlines(keepends=True)
    changed = sum(
        i2 - i1
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, before, after).get_opcodes()
        if tag != "equal"
    )
    # each applied fix rewrites at most the lines of its value (a deleted list entry: a few)
    assert changed <= 4 * len(outcome.applied), (changed, len(outcome.applied))


@QUICK
@given(name=st.sampled_from(sorted(SOURCES)), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutants_lint_without_error_and_inside_the_file(
    name: str, mutations: list[tuple[str, int, bytes]]
) -> None:
    check_lint(mutate(SOURCES[name], mutations), name)


@QUICK
@given(
    name=st.sampled_from(sorted(SOURCES)),
    where=st.integers(0, 1 << 20),
    inserted=st.text(
        alphabet=st.sampled_from(["\ud800", "\udc00", "\u2028", "\x85", "é", "\x00", "a"]),
        min_size=1,
        max_size=5,
    ),
)
def test_lint_text_takes_any_str(name: str, where: int, inserted: str) -> None:
    text = SOURCES[name].decode("utf-8")
    at = where % (len(text) + 1)
    found = lint_text(text[:at] + inserted + text[at:], f"_news/{name}")
    assert [d for d in found if d.code == "SL000"] == []


@QUICK
@given(name=st.sampled_from(sorted(MD_SOURCES)), mutations=st.lists(mutation, max_size=2))
def test_the_cache_gives_the_result_of_a_run_without_it(
    name: str, mutations: list[tuple[str, int, bytes]]
) -> None:
    check_cache(mutate(MD_SOURCES[name], mutations), name)


@QUICK
@given(
    name=st.sampled_from(sorted(MD_SOURCES)),
    defect=st.sampled_from(["spaced-date", "impossible-date", "typo-key"]),
    mutations=st.lists(mutation, max_size=2),
)
def test_fix_is_idempotent_and_byte_exact_elsewhere(
    name: str, defect: str, mutations: list[tuple[str, int, bytes]]
) -> None:
    text = DEFECTS[defect](MD_SOURCES[name].decode("utf-8"))
    text = text.replace("\n---\n", "\npublished: &p no  # kept\n---\n", 1)
    check_fix(mutate(text.encode("utf-8"), mutations), name)


def test_the_injected_defects_are_fixed() -> None:
    """The fix property is not vacuous: the unmutated inputs do get fixed."""
    applied = 0
    for name, data in MD_SOURCES.items():
        text = DEFECTS["spaced-date"](data.decode("utf-8"))
        text = text.replace("\n---\n", "\npublished: &p no  # kept\n---\n", 1)
        result = lint_bytes(text.encode(), f"_news/{name}", CONFIG)
        outcome = fix_result(result, CONFIG)
        assert outcome is not None and outcome.changed
        assert "published: &p false  # kept" in outcome.text
        applied += len(outcome.applied)
        check_fix(text.encode(), name)
    assert applied >= 2 * len(MD_SOURCES)


@pytest.mark.fuzz
@LONG
@given(name=st.sampled_from(sorted(SOURCES)), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_long_mutants(name: str, mutations: list[tuple[str, int, bytes]]) -> None:
    check_lint(mutate(SOURCES[name], mutations), name)


@pytest.mark.fuzz
@LONG
@given(
    name=st.sampled_from(sorted(MD_SOURCES)),
    defect=st.sampled_from(sorted(DEFECTS)),
    mutations=st.lists(mutation, max_size=3),
)
def test_long_fix_and_cache(
    name: str, defect: str, mutations: list[tuple[str, int, bytes]]
) -> None:
    data = mutate(DEFECTS[defect](MD_SOURCES[name].decode("utf-8")).encode(), mutations)
    check_fix(data, name)
    check_cache(data, name)
