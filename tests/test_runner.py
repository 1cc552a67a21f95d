"""Many files: --jobs gives the output of one job, and the result cache is never stale."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

import seedlint.run
from conftest import NOW, SMALL, real_records
from defects import DEFECTS, write_fixture_tree
from seedlint import Config, Rule, Severity, linter, rules
from seedlint.cache import (
    CACHEDIR_TAG,
    INDEX_SUFFIX,
    LAYOUT,
    ResultCache,
    default_cache_dir,
    index_data,
    pack,
    read_index,
    unpack,
)
from seedlint.cache import context as cache_context
from seedlint.cli import main
from seedlint.config import load_config, parse_now, resolve_schema
from seedlint.diagnostics import Diagnostic, Edit, Fix, LintResult
from seedlint.run import iter_lint_files, lint_files, plan, tuning, worker
from seedlint.run import pool as worker_pool
from seedlint.schemafile import schema_digest
from seedlint.snippets import source_lines

CLOCK = parse_now(NOW)


def config(**changes: object) -> Config:
    return replace(Config(now=CLOCK), **changes)  # type: ignore[arg-type]


def outcome(results: list[LintResult]) -> list[tuple[str, list[list[object]]]]:
    """Everything a run produced, fixes included (Diagnostic equality ignores them)."""
    return [(result.path, pack(result.diagnostics)) for result in results]


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of the pools a test's runs started."""
    started: list[int] = []
    real = worker_pool.run_pool

    def spy(
        tasks: list[plan.Task], configs: object, hashing: bool, jobs: int
    ) -> Iterator[tuple[plan.Task, worker.Outcome]]:
        started.append(jobs)
        yield from real(tasks, configs, hashing, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(worker_pool, "run_pool", spy)
    return started


@pytest.fixture
def linted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths really linted (not served from the cache) by in-process runs."""
    paths: list[str] = []
    real = linter.lint_bytes

    def spy(data: bytes, path: str, *args: object) -> LintResult:
        paths.append(path)
        return real(data, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(linter, "lint_bytes", spy)
    return paths


@pytest.fixture
def small_tree(tmp_path: Path) -> list[str]:
    """The real records and a few broken ones, as files."""
    folder = tmp_path / "records"
    folder.mkdir()
    files = []
    for record in real_records():
        target = folder / (record.stem + ".md")
        target.write_bytes(record.read_bytes())
        files.append(str(target))
    broken = folder / "broken.md"
    broken.write_text(
        DEFECTS["quoted-integer"](SMALL.read_text(encoding="utf-8")), encoding="utf-8"
    )
    return files + [str(broken)]


# A file written by a test has a ctime of now, which nothing can set back, and the cache
# trusts stat data only when both mtime and ctime are outside the racy window: the runs
# of these tests read the files this much "later" (see settled_ctimes).
LATER_NS = 120 * 10**9


@pytest.fixture(autouse=True)
def settled_ctimes(monkeypatch: pytest.MonkeyPatch) -> None:
    class Later:
        @staticmethod
        def time_ns() -> int:
            return time.time_ns() + LATER_NS

    monkeypatch.setattr(worker, "time", Later)


def _age(path: str, seconds: float = 60) -> None:
    """Make a file look modified a while ago (outside the cache's racy window)."""
    when = time.time_ns() - int(seconds * 1e9)
    os.utime(path, ns=(when, when))


def _aged(files: list[str]) -> list[str]:
    for file in files:
        _age(file)
    return files


# --- jobs ------------------------------------------------------------------------------


def test_jobs_give_exactly_the_output_of_one_job(tmp_path: Path, pools: list[int]) -> None:
    files = [str(f) for f in write_fixture_tree(tmp_path)]
    one = lint_files(files, config(), jobs=1)
    assert pools == []
    assert [r.path for r in one] == files
    codes = {d.code for r in one for d in r.diagnostics}
    assert {
        "SL001",
        "SL002",
        "SL003",
        "SL004",
        "SL006",
        "SL007",
        "SL008",
        "SL101",
        "SL102",
        "SL103",
        "SL104",
        "SL105",
        "SL106",
        "SL107",
    } <= codes
    for jobs in (2, 3):
        assert outcome(lint_files(files, config(), jobs=jobs)) == outcome(one)
    assert pools == [2, 3]


def test_a_small_run_stays_in_this_process(small_tree: list[str], pools: list[int]) -> None:
    lint_files(small_tree[:3], config(), jobs=4)
    assert pools == []


def test_the_default_is_one_job_per_cpu(
    small_tree: list[str], pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "MIN_FILES_FOR_POOL", 2)
    monkeypatch.setattr(worker_pool, "default_jobs", lambda: 3)
    lint_files(small_tree, config())
    assert pools == [3]


def test_an_internal_error_is_a_diagnostic_in_every_mode(
    small_tree: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = linter.lint_bytes

    def failing(data: bytes, path: str, *args: object) -> LintResult:
        if path.endswith("broken.md"):
            raise RuntimeError("boom")
        return real(data, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(linter, "lint_bytes", failing)
    monkeypatch.setattr(plan, "MIN_FILES_FOR_POOL", 2)
    for jobs in (1, 2):
        results = lint_files(small_tree, config(), jobs=jobs)
        assert [(d.code, d.line, d.message) for d in results[-1].diagnostics] == [
            (
                "SL000",
                1,
                "internal error while linting this file: RuntimeError: boom; please report it",
            )
        ]
        assert all(d.code != "SL000" for r in results[:-1] for d in r.diagnostics)


@pytest.mark.skipif(sys.platform != "linux", reason="the crash is injected through fork")
def test_a_crashing_worker_costs_only_its_file(
    small_tree: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = outcome(lint_files(small_tree, config(), jobs=1))
    real = linter.lint_bytes

    def crashing(data: bytes, path: str, *args: object) -> LintResult:
        if path.endswith("broken.md"):
            os._exit(3)  # as a segfault in a C extension would
        return real(data, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(linter, "lint_bytes", crashing)
    monkeypatch.setattr(plan, "MIN_FILES_FOR_POOL", 2)
    results = lint_files(small_tree, config(), jobs=2)
    assert outcome(results)[:-1] == expected[:-1]
    assert [d.code for d in results[-1].diagnostics] == ["SL000"]
    assert "worker process crashed" in results[-1].diagnostics[0].message


# --- streaming -------------------------------------------------------------------------


def test_results_come_one_at_a_time_as_files_are_linted(
    small_tree: list[str],
    linted: list[str],
) -> None:
    results = iter_lint_files(small_tree, config(), jobs=1)
    assert linted == []  # nothing is linted before it is asked for
    first = next(results)
    assert (first.path, linted) == (small_tree[0], small_tree[:1])
    rest = list(results)
    assert [first.path] + [r.path for r in rest] == linted == small_tree


def test_a_pool_hands_out_only_a_few_chunks_ahead(
    small_tree: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concurrent.futures import ProcessPoolExecutor

    submitted: list[int] = []
    real_submit = ProcessPoolExecutor.submit

    def spy(pool: ProcessPoolExecutor, *args: object, **kwargs: object) -> object:
        submitted.append(len(args[1]))  # type: ignore[arg-type] # (function, chunk)
        return real_submit(pool, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ProcessPoolExecutor, "submit", spy)
    monkeypatch.setattr(plan, "MIN_FILES_FOR_POOL", 2)
    monkeypatch.setattr(worker_pool, "MAX_CHUNK", 1)
    monkeypatch.setattr(worker_pool, "CHUNKS_PER_WORKER", 1)
    files = small_tree * 3  # more chunks than a pool of two gets at once
    results = iter_lint_files(files, config(), jobs=2)
    first = next(results)
    assert first.path == files[0]
    assert len(submitted) <= 3  # two ahead, and the one after the first result
    assert len(files) == 1 + sum(1 for _ in results)
    assert submitted == [1] * len(files)


def test_the_cache_is_written_once_the_last_result_is_out(
    small_tree: list[str],
    tmp_path: Path,
) -> None:
    cache_dir = tmp_path / "cache"
    results = iter_lint_files(_aged(small_tree), config(), jobs=1, cache_dir=str(cache_dir))
    for _ in small_tree:
        assert not (cache_dir / LAYOUT).exists()
        next(results)
    (index,) = (cache_dir / LAYOUT).glob(f"*{INDEX_SUFFIX}")  # without asking for more
    assert len(read_index(str(index))) == len(small_tree)


def test_results_keep_the_source_lines_of_their_diagnostics_cached_or_not(
    small_tree: list[str],
    tmp_path: Path,
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    for jobs in (1, 2):
        fresh = lint_files(files, config(), jobs=jobs)
        assert outcome(lint_files(files, config(), jobs=jobs, cache_dir=cache_dir)) == outcome(
            fresh
        )
        cached = lint_files(files, config(), jobs=jobs, cache_dir=cache_dir)
        assert [r.source is None for r in cached] == [not r.diagnostics for r in cached]
        assert [None if r.source is None else dict(r.source.lines) for r in cached] == [
            None if r.source is None else dict(r.source.lines) for r in fresh
        ]
    broken = cached[-1]
    assert broken.source is not None and broken.diagnostics
    text = Path(broken.path).read_text(encoding="utf-8")
    assert dict(broken.source.lines) == dict(source_lines(text, broken.diagnostics).lines)
    lines = text.split("\n")
    assert all(broken.source.lines[d.line] == lines[d.line - 1] for d in broken.diagnostics)


# --- the cache -------------------------------------------------------------------------


def test_an_unchanged_file_is_served_from_the_cache(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    first = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    assert linted == files
    linted.clear()
    second = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    assert linted == []
    assert outcome(second) == outcome(first)
    assert any(r.diagnostics for r in second)  # the cached results are not all empty
    assert (tmp_path / "cache" / "CACHEDIR.TAG").read_text() == CACHEDIR_TAG
    assert (tmp_path / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_every_spelling_of_a_path_finds_its_cached_result(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    first = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    monkeypatch.chdir(tmp_path / "records")
    names = [os.path.basename(file) for file in files]
    spellings = [
        names,
        [f"./{name}" for name in names],
        [f"../records//{name}" for name in names],
        [os.path.join(os.path.abspath("."), name) for name in names],
    ]
    for paths in spellings:
        linted.clear()
        again = lint_files(paths, config(), jobs=1, cache_dir=cache_dir)
        assert linted == []  # a folder's files looked up together
        assert [pack(r.diagnostics) for r in again] == [pack(r.diagnostics) for r in first]
        assert [r.path for r in again] == paths
        one = ResultCache(cache_dir)  # and one file at a time
        context = one.context(config(), schema_digest(resolve_schema(config(), paths[0])))
        assert all(one.lookup(context, path)[0] is not None for path in paths)
    linted.clear()
    results = lint_files([names[0], "."], config(), jobs=1, cache_dir=cache_dir)
    assert linted == []  # the file from the cache; "." found nowhere, and not a file
    assert [d.code for d in results[1].diagnostics] == ["SL012"]


def test_cached_results_keep_their_fixes(tmp_path: Path, linted: list[str]) -> None:
    record = tmp_path / "2020-04-13-x.md"
    record.write_text(
        SMALL.read_text(encoding="utf-8").replace("published: false", "published: no"),
        encoding="utf-8",
    )
    _age(str(record))
    fresh = lint_files([str(record)], config(), jobs=1, cache_dir=str(tmp_path / "c"))
    assert any(d.fix is not None for d in fresh[0].diagnostics)
    cached = lint_files([str(record)], config(), jobs=1, cache_dir=str(tmp_path / "c"))
    assert linted == [str(record)]
    assert [d.fix for d in cached[0].diagnostics] == [d.fix for d in fresh[0].diagnostics]


def test_a_changed_file_is_linted_again_even_with_the_same_size_and_mtime(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    target = files[0]
    before = os.stat(target)
    text = Path(target).read_text(encoding="utf-8")
    changed = re.sub(
        r"^heat: (\d+)$", lambda m: "heat: " + "x" * len(m[1]), text, count=1, flags=re.M
    )
    assert len(changed) == len(text) and changed != text
    Path(target).write_text(changed, encoding="utf-8", newline="")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    linted.clear()
    results = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    assert linted == [target]
    assert "SL103" in {d.code for d in results[0].diagnostics}


def test_a_touched_file_is_hashed_not_linted_then_trusted(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    first = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    _age(files[1], seconds=30)  # a new mtime, the same content (git checkout does this)
    hashed: list[int] = []
    real_hash = worker.content_hash
    monkeypatch.setattr(worker, "content_hash", lambda data: hashed.append(1) or real_hash(data))
    linted.clear()
    second = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    assert (linted, len(hashed)) == ([], 1)
    assert outcome(second) == outcome(first)
    third = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    assert (linted, len(hashed)) == ([], 1)  # the refreshed stat data stands for the content
    assert outcome(third) == outcome(first)


def test_a_file_modified_just_before_the_run_is_hashed_again_next_time(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _aged(small_tree)
    now = time.time_ns() + LATER_NS  # when the run reads it
    os.utime(files[0], ns=(now, now))  # a second write within the same tick could follow
    cache_dir = str(tmp_path / "cache")
    lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    hashed: list[str] = []
    real_hash = worker.content_hash
    monkeypatch.setattr(worker, "content_hash", lambda data: hashed.append("x") or real_hash(data))
    linted.clear()
    lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    assert (linted, hashed) == ([], ["x"])


def test_a_schema_change_is_never_served_stale(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
) -> None:
    schema = tmp_path / "record.schema.json"
    schema.write_text(json.dumps({"type": "object", "required": ["title"]}))
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    first = lint_files(files, config(schema=str(schema)), jobs=1, cache_dir=cache_dir)
    assert all(d.code != "SL101" for r in first for d in r.diagnostics)
    schema.write_text(json.dumps({"type": "object", "required": ["title", "rating"]}))
    linted.clear()
    second = lint_files(files, config(schema=str(schema)), jobs=1, cache_dir=cache_dir)
    assert linted == files
    assert all(
        "missing required field 'rating'" in {d.message for d in r.diagnostics} for r in second
    )


def test_a_config_change_is_never_served_stale(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    full = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    assert any(d.code.startswith("SL1") for r in full for d in r.diagnostics)
    linted.clear()
    fewer = lint_files(files, config(ignore=("SL1",)), jobs=1, cache_dir=cache_dir)
    assert linted == files
    assert not any(d.code.startswith("SL1") for r in fewer for d in r.diagnostics)
    linted.clear()
    again = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    assert linted == []  # the first context's entries are still there
    assert outcome(again) == outcome(full)


def test_results_with_the_real_clock_are_cached_for_the_day_only(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    today = datetime(2026, 3, 1, 23, 59, tzinfo=timezone.utc)
    clock = SimpleNamespace(gmtime=lambda: today.utctimetuple(), strftime=time.strftime)
    monkeypatch.setattr(cache_context, "time", clock)
    real_clock = Config()
    lint_files(files, real_clock, jobs=1, cache_dir=cache_dir)
    today = datetime(2026, 3, 1, 0, 1, tzinfo=timezone.utc)
    linted.clear()
    lint_files(files, real_clock, jobs=1, cache_dir=cache_dir)
    assert linted == []
    today = datetime(2026, 3, 2, 0, 1, tzinfo=timezone.utc)
    lint_files(files, real_clock, jobs=1, cache_dir=cache_dir)
    assert linted == files


def test_a_fixed_clock_is_part_of_the_key(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    linted.clear()
    lint_files(files, config(now=parse_now("2019-01-01T00:00:00Z")), jobs=1, cache_dir=cache_dir)
    assert linted == files


def test_a_new_rule_is_never_served_stale(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _aged(small_tree)
    cache_dir = str(tmp_path / "cache")
    lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    rules.all_rules()  # load the built-in rules before adding one

    def check(ctx: rules.RuleContext) -> None:
        ctx.report(extra, "", "seen by the new rule")

    extra = Rule(
        "SL299",
        "test-extra-rule",
        Severity.WARNING,
        "a rule added later",
        check=check,
        origin="testplugin.rules:RULES",
    )
    rules.register(extra)
    try:
        linted.clear()
        results = lint_files(files, config(), jobs=1, cache_dir=cache_dir)
    finally:
        rules.unregister(extra.code)
    assert linted == files
    assert all("SL299" in {d.code for d in r.diagnostics} for r in results)


def test_a_local_image_is_a_dependency_of_the_record(tmp_path: Path, linted: list[str]) -> None:
    site = tmp_path / "site"
    (site / "_news").mkdir(parents=True)
    record = site / "_news" / "2020-04-13-x.md"
    record.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            '"https://azurecomcdn.azureedge.net/mediahandler/acomblog/updates/UpdatesV2/blog/'
            'd0ede978-fc61-4ae5-bcd7-dac3ef5c3f9a.jpg"',
            "/assets/a.png",
        ),
        encoding="utf-8",
    )
    _age(str(record))
    settings = config(site_root=str(site))
    cache_dir = str(tmp_path / "cache")
    (site / "assets").mkdir()  # the site holds assets/, but not this image
    first = lint_files([str(record)], settings, jobs=1, cache_dir=cache_dir)
    assert "SL213" in {d.code for d in first[0].diagnostics}
    image = site / "assets" / "a.png"
    image.write_bytes(_png(752, 379))
    _age(str(image))
    second = lint_files([str(record)], settings, jobs=1, cache_dir=cache_dir)
    assert {"SL213", "SL214"}.isdisjoint(d.code for d in second[0].diagnostics)
    image.write_bytes(_png(10, 10))
    _age(str(image), seconds=30)
    third = lint_files([str(record)], settings, jobs=1, cache_dir=cache_dir)
    assert "SL214" in {d.code for d in third[0].diagnostics}
    assert linted == [str(record)] * 3


def test_the_files_that_locate_the_site_are_dependencies(tmp_path: Path, linted: list[str]) -> None:
    """Without site-root, the nearest Jekyll _config.yml decides where /assets/ is."""
    from seedlint.config import jekyll_site

    site = tmp_path / "repo" / "site"
    (site / "_news").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "a.png").write_bytes(_png(752, 379))
    record = site / "_news" / "2020-04-13-x.md"
    record.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            '"https://azurecomcdn.azureedge.net/mediahandler/acomblog/updates/UpdatesV2/blog/'
            'd0ede978-fc61-4ae5-bcd7-dac3ef5c3f9a.jpg"',
            "/assets/a.png",
        ),
        encoding="utf-8",
    )
    for path in (record, site / "assets" / "a.png"):
        _age(str(path))
    # the outer _config.yml makes repo/ the site, whose assets/ lacks the image
    (tmp_path / "repo" / "_config.yml").write_text("title: repo\n")
    (tmp_path / "repo" / "assets").mkdir()
    settings = config(root=str(tmp_path / "repo"))
    cache_dir = str(tmp_path / "cache")
    first = lint_files([str(record)], settings, jobs=1, cache_dir=cache_dir)
    assert "SL213" in {d.code for d in first[0].diagnostics}
    (site / "_config.yml").write_text("title: site\n")
    jekyll_site.cache_clear()  # as a new process would
    second = lint_files([str(record)], settings, jobs=1, cache_dir=cache_dir)
    assert "SL213" not in {d.code for d in second[0].diagnostics}
    assert linted == [str(record)] * 2


def _png(width: int, height: int) -> bytes:
    """The header of a PNG file, which is all an image-size check reads."""
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + width.to_bytes(4, "big")
        + height.to_bytes(4, "big")
        + b"\x08\x02\x00\x00\x00"
        + b"\x00" * 8
    )


def test_cached_diagnostics_come_back_equal_and_malformed_ones_are_refused(
    tmp_path: Path,
) -> None:
    fix = Fix("lowercase the scheme", (Edit(10, 14, "http"), Edit(20, 20, "/")), safe=False)
    found = [
        Diagnostic("a.md", 3, 5, 3, 9, "SL205", Severity.WARNING, "bad URL", "/webUrl", fix),
        Diagnostic("a.md", 1, 1, 1, 1, "SL012", Severity.ERROR, "cannot read", ""),
    ]
    index = tmp_path / "a.index"
    index.write_bytes(index_data({"a.md": pack(found)}))
    stored = read_index(str(index))["a.md"]
    restored = unpack("a.md", stored)
    assert restored == found and [d.fix for d in restored] == [fix, None]
    assert hash(restored[0]) == hash(found[0]) and vars(restored[0]) == vars(found[0])
    assert replace(restored[0], line=4).line == 4  # a real frozen dataclass instance
    with pytest.raises(AttributeError):
        restored[0].line = 9  # type: ignore[misc]
    for broken in (
        [*stored[0][:8], ["message", "yes", []]],  # safe is not a bool
        [*stored[0][:8], ["message", True, [[1, "2", "x"]]]],  # an edit's end
        [3.0, *stored[0][1:]],  # a line that is not an int
        stored[0][:7],  # a field missing
        [*stored[0][:5], "fatal", *stored[0][6:]],
    ):  # an unknown severity
        with pytest.raises(ValueError, match="malformed cached diagnostics"):
            unpack("a.md", [broken])


def test_a_schema_made_invalid_after_a_cached_run_stops_the_next_one(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    schema = tmp_path / "record.schema.json"
    schema.write_text(json.dumps({"type": "object", "required": ["title"]}))
    record = tmp_path / "a.md"
    record.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    _age(str(record))
    args = [
        "check",
        "--isolated",
        "--now",
        NOW,
        "--cache-dir",
        str(tmp_path / "cache"),
        "--schema",
        str(schema),
        str(record),
    ]
    assert main(args) == 0
    assert main(args) == 0  # served from the cache: the schema is not even compiled
    schema.write_text(json.dumps({"type": "objekt"}))
    assert main(args) == 2
    assert "not a valid JSON Schema at /type" in capsys.readouterr().err


def test_a_corrupt_entry_or_index_is_ignored(
    small_tree: list[str],
    tmp_path: Path,
    linted: list[str],
) -> None:
    files = _aged(small_tree)
    cache_dir = tmp_path / "cache"
    first = lint_files(files, config(), jobs=1, cache_dir=str(cache_dir))
    (index,) = (cache_dir / LAYOUT).glob(f"*{INDEX_SUFFIX}")
    entries = read_index(str(index))
    entries[os.path.abspath(files[0])][2] = [["not", "a", "diagnostic"]]
    entries[os.path.abspath(files[1])] = "garbage"  # type: ignore[assignment]
    index.write_bytes(index_data(entries))
    linted.clear()
    assert outcome(lint_files(files, config(), jobs=1, cache_dir=str(cache_dir))) == outcome(first)
    assert linted == files[:2]
    for damage in (
        lambda data: data[:100],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit changed
        lambda data: b"{" + data,
    ):  # not an index
        index.write_bytes(damage(index_data(read_index(str(index)))))
        assert read_index(str(index)) == {}
        linted.clear()
        assert outcome(lint_files(files, config(), jobs=1, cache_dir=str(cache_dir))) == outcome(
            first
        )
        assert linted == files


def test_a_cache_that_cannot_be_written_only_warns(
    small_tree: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    expected = outcome(lint_files(small_tree, config(), jobs=1))
    results = lint_files(small_tree, config(), jobs=1, cache_dir=str(blocker / "cache"))
    assert outcome(results) == expected
    assert "seedlint: warning: cannot write the cache" in capsys.readouterr().err


def test_runs_sharing_a_cache_concurrently_agree(small_tree: list[str], tmp_path: Path) -> None:
    files = _aged(small_tree)
    command = [
        sys.executable,
        "-m",
        "seedlint",
        "check",
        "--format",
        "json",
        "--now",
        NOW,
        "--isolated",
    ]
    expected = subprocess.run(command + ["--no-cache"] + files, capture_output=True, text=True)
    cache_dir = str(tmp_path / "cache")
    runs = [
        subprocess.Popen(
            command + ["--cache-dir", cache_dir, "--jobs", "2"] + files,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert outputs == [expected.stdout] * 3
    again = subprocess.run(
        command + ["--cache-dir", cache_dir] + files, capture_output=True, text=True
    )
    assert again.stdout == expected.stdout
    (index,) = (tmp_path / "cache" / LAYOUT).glob(f"*{INDEX_SUFFIX}")
    assert sorted(read_index(str(index))) == sorted(os.path.abspath(f) for f in files)
    assert not list((tmp_path / "cache" / LAYOUT).glob(".tmp-*"))  # no temporary file left


# --- where the cache lives -------------------------------------------------------------


def test_the_cache_lives_next_to_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.seedlint]\nselect = ['SL1']\n")
    assert default_cache_dir(load_config(str(project / "pyproject.toml"))) == str(
        project / ".seedlint_cache"
    )
    (project / "pyproject.toml").write_text("[tool.seedlint]\ncache-dir = 'build/lint'\n")
    assert default_cache_dir(load_config(str(project / "pyproject.toml"))) == str(
        project / "build" / "lint"
    )
    monkeypatch.chdir(tmp_path)
    assert default_cache_dir(Config()) == str(tmp_path / ".seedlint_cache")


def test_the_cache_folder_does_not_change_the_config_digest() -> None:
    assert Config(cache_dir="elsewhere").digest() == Config().digest()


def test_the_command_line_uses_and_skips_the_cache(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    record = tmp_path / "2020-04-13-x.md"
    record.write_bytes(SMALL.read_bytes())
    assert main(["check", "--isolated", "--now", NOW, "--no-cache", str(record)]) == 0
    assert not (tmp_path / ".seedlint_cache").exists()
    assert main(["check", "--isolated", "--now", NOW, str(record)]) == 0
    assert (tmp_path / ".seedlint_cache" / "CACHEDIR.TAG").is_file()
    assert main(["check", "--isolated", "--now", NOW, "--cache-dir", "elsewhere", str(record)]) == 0
    assert list((tmp_path / "elsewhere" / LAYOUT).glob(f"*{INDEX_SUFFIX}"))
    capsys.readouterr()


def test_one_file_imports_only_what_it_uses(tmp_path: Path) -> None:
    """The pre-commit case: no pool, no python-jsonschema (~0.2 s) while jsonschema-rs
    validates, no image library for a record without local images; and once the result
    is cached, no parser, schema engine, rules or schema compiler at all, nor the standard
    modules only they need (OpenSSL behind hashlib, pathlib, shutil)."""
    record = tmp_path / "2020-04-13-x.md"
    record.write_bytes(SMALL.read_bytes())
    os.utime(record, (time.time() - 60, time.time() - 60))  # outside the racy window
    never = {"jsonschema", "multiprocessing", "concurrent.futures", "imagesize"}
    linting = {
        "jsonschema_rs",
        "ruamel.yaml",
        "seedlint.linter",
        "seedlint.rules",
        "seedlint.schema",
    }
    watched = never | linting | {"hashlib", "pathlib", "shutil", "urllib.parse"}
    script = (
        "import sys, time; from seedlint.run import worker; from seedlint.cli import main; "
        "worker.time = type('Later', (), {'time_ns': staticmethod("
        f"lambda: time.time_ns() + {LATER_NS})}}); "
        f"status = main(['check', '--isolated', '--now', {NOW!r}, '--jobs', sys.argv[1], "
        f"'--cache-dir', sys.argv[2], {str(record)!r}]); "
        f"print(status, sorted(m for m in sys.modules if m in {watched!r}))"
    )
    imported = []
    # linted in this process, then served from the cache; linted in a forked child
    for jobs, cache in (("1", "cache"), ("1", "cache"), ("2", "other-cache")):
        run = subprocess.run(
            [sys.executable, "-c", script, jobs, str(tmp_path / cache)],
            capture_output=True,
            text=True,
        )
        status, found = run.stdout.splitlines()[-1].split(" ", 1)
        assert status == "0", run.stderr
        imported.append(set(json.loads(found.replace("'", '"'))))
    assert linting <= imported[0] and not imported[0] & never
    assert imported[1] == set()
    # the child loads the linting stack (see seedlint.isolation); the parent needs none
    assert not imported[2] & (never | linting)


def test_worker_processes_run_the_collector_rarely() -> None:
    import gc
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        1,
        mp_context=worker_pool.pool_context(),
        initializer=worker.start_worker,
        initargs=([Config()], False),
    ) as pool:
        assert pool.submit(gc.get_threshold).result()[0] == tuning.COLLECTOR_THRESHOLD


@pytest.mark.parametrize("own_process", [True, False])
def test_only_a_process_of_its_own_is_tuned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_process: bool
) -> None:
    """``seedlint`` and ``python -m seedlint`` tune the collector; ``main()`` called by
    another program leaves its process alone."""
    calls: list[None] = []
    monkeypatch.setattr(seedlint.run, "collect_rarely", lambda: calls.append(None))
    record = tmp_path / "a.md"
    record.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    main(["check", "--isolated", "--no-cache", "-q", str(record)], own_process=own_process)
    assert len(calls) == (1 if own_process else 0)
