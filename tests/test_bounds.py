"""Linear work per file: a file's diagnostics cost the same each, however many there are;
and the caps that keep one file's report finite (SL017, SL304).

The scaling test measures ratios between sizes in the same process, never a time.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable

import pytest

from conftest import lint
from seedlint import Config
from seedlint.config import Limits
from seedlint.linter import lint_bytes
from seedlint.parse import Document
from seedlint.report import ReportContext, render


def unknown_keys(count: int) -> str:
    return "---\ntitle: x\n" + "".join(f"k{i}: v\n" for i in range(count)) + "---\n"


def one_long_line(count: int) -> str:
    """Every unknown key on one flow-mapping line: each excerpt shows that line."""
    return "---\n{title: x, " + ", ".join(f"k{i}: v" for i in range(count)) + "}\n---\n"


def nested_keys(count: int) -> str:
    return "---\ntitle: x\nprovider:\n" + "".join(f"  k{i}: v\n" for i in range(count)) + "---\n"


def comment_lines(count: int) -> str:
    """A suppression comment on every line: the comments are read in one pass."""
    return (
        "---\ntitle: x\n"
        + "".join(f"k{i}: v  # seedlint: disable=SL102,SL999\n" for i in range(count))
        + "---\n"
    )


def uncapped() -> Config:
    return Config(limits=Limits(max_diagnostics=10**6))


def seconds_per_diagnostic(make: Callable[[int], str], count: int) -> float:
    """The best of two runs of the whole work for one file: lint and its text report.

    Without cyclic collections meanwhile, as in seedlint's own processes (see
    ``seedlint.run.collect_rarely``): the test measures seedlint's work, not the collector's.
    """
    data = make(count).encode()
    best = float("inf")
    found = 0
    for _ in range(2):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            result = lint_bytes(data, "_news/2020-04-13-x.md", uncapped())
            sources = {} if result.source is None else {result.path: result.source}
            render("text", result.diagnostics, ReportContext(), sources)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
        found = len(result.diagnostics)
    assert found >= count  # every key is reported (or each comment's unknown code)
    return best / found


@pytest.mark.slow
@pytest.mark.parametrize(
    "make",
    [
        unknown_keys,
        one_long_line,
        # with the long runs (pytest -m fuzz): the default run stays short
        pytest.param(nested_keys, marks=pytest.mark.fuzz),
        pytest.param(comment_lines, marks=pytest.mark.fuzz),
    ],
    ids=lambda f: f.__name__,
)
def test_the_time_per_diagnostic_stays_flat_from_1000_to_16000(
    make: Callable[[int], str],
) -> None:
    seconds_per_diagnostic(make, 500)  # warm up: imports, the schema, caches
    per = {count: seconds_per_diagnostic(make, count) for count in (1000, 4000, 16000)}
    # linear work keeps the time per diagnostic flat (the issue asks t(16k) <= 6 t(4k): a
    # per-diagnostic ratio of 1.5); quadratic work makes it 4 from 4k to 16k, 16 from 1k.
    # The bounds leave room for a machine shared with other jobs
    assert per[16000] / per[4000] <= 2.0, per
    assert per[16000] / per[1000] <= 3.0, per


def test_a_span_is_found_without_scanning_its_mapping_per_diagnostic() -> None:
    """The keys of a mapping are indexed once per document (O(depth) per span)."""
    result = lint_bytes(unknown_keys(3000).encode(), "_news/2020-04-13-x.md", uncapped())
    doc = result.document
    assert isinstance(doc, Document)
    assert len(doc._key_tables) == 1  # the root mapping, indexed once for 3000 spans
    assert len([d for d in result.diagnostics if d.code == "SL102"]) == 3000
    last = next(d for d in result.diagnostics if d.pointer == "/k2999")
    assert (last.line, last.column) == (3002, 1)


def test_a_duplicate_key_names_its_first_line_in_a_big_mapping() -> None:
    text = (
        "---\ntitle: x\n"
        + "".join(f"k{i}: v\n" for i in range(2000))
        + "".join(f"k{i}: w\n" for i in range(2000))
        + "---\n"
    )
    found = [d for d in lint(text) if d.code == "SL002"]
    assert len(found) == 2000
    assert found[-1].line == 4002 and "first defined on line 2002" in found[-1].message


def test_diagnostics_beyond_the_cap_are_one_sl017_where_the_first_left_out_is() -> None:
    found = lint(unknown_keys(60), limits=Limits(max_diagnostics=20))
    assert len(found) == 21
    assert Counter(d.code for d in found)["SL017"] == 1
    cap = found[-1]
    assert cap.code == "SL017" and cap.severity.value == "warning"
    # the first diagnostic left out: the 21st in report order
    everything = lint(unknown_keys(60))
    assert (cap.line, cap.column) == (everything[20].line, everything[20].column)
    assert f"the {len(everything) - 20:,} from here on are not shown" in cap.message


def test_the_cap_can_be_ignored_and_is_far_above_real_records() -> None:
    found = lint(unknown_keys(60), limits=Limits(max_diagnostics=20), ignore=("SL017",))
    assert len(found) == 20 and "SL017" not in {d.code for d in found}
    assert Limits().max_diagnostics >= 16_000


def test_a_comment_naming_too_many_codes_is_reported_once() -> None:
    from seedlint.suppression import MAX_CODES

    codes = ",".join(f"X{i}" for i in range(5000))
    text = f"---\ntitle: x  # seedlint: disable={codes}\n---\n"
    found = lint(text)
    counts = Counter(d.code for d in found)
    assert counts["SL304"] == 1 and counts["SL302"] == MAX_CODES
    too_many = next(d for d in found if d.code == "SL304")
    column = text.splitlines()[1].index(f"X{MAX_CODES},") + 1
    assert (too_many.line, too_many.column) == (2, column)
