"""The Jekyll truth table: it is what the real Jekyll reads, and it decodes to the right Python."""

from __future__ import annotations

import datetime
import importlib.util
import json
import math
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from jekyll_table import (
    ABSENT,
    FILE_TITLE,
    FLAVOURS,
    OUTCOMES,
    TABLE,
    ReadError,
    RubySymbol,
    ScalarRow,
    decode,
    document_rows,
    place_rows,
    scalar_rows,
)

TOOLS = Path(__file__).resolve().parents[1] / "tools" / "jekyll"
UTC = datetime.timezone.utc


def _regenerate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jekyll_regenerate", TOOLS / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_committed_table_is_what_jekyll_reads_today(tmp_path: Path) -> None:
    regenerate = _regenerate_module()
    missing = regenerate.missing_requirements()
    if missing:
        pytest.skip("cannot run Jekyll here: " + "; ".join(missing))
    regenerate.regenerate(tmp_path, regenerate.safe_yaml_dir())
    for name in regenerate.TABLE_FILES:
        now, committed = (tmp_path / name).read_bytes(), (TABLE / name).read_bytes()
        assert now == committed, f"{name} is stale: {_first_differences(now, committed)}"


def _first_differences(now: bytes, committed: bytes) -> str:
    """A short account of how two versions of a table file differ (not a 2 MB diff)."""
    new, old = json.loads(now), json.loads(committed)
    if not isinstance(new, list) or not isinstance(old, list):
        return f"now {new!r}, committed {old!r}"
    new_rows = [json.dumps(row, sort_keys=True) for row in new]
    old_rows = [json.dumps(row, sort_keys=True) for row in old]
    old_set, new_set = set(old_rows), set(new_rows)
    added = [row for row in new_rows if row not in old_set]
    gone = [row for row in old_rows if row not in new_set]
    shown = [f"now: {row[:300]}" for row in added[:3]]
    shown += [f"committed: {row[:300]}" for row in gone[:3]]
    return f"{len(added)} rows new or changed, {len(gone)} gone; " + " | ".join(shown)


def test_regeneration_skips_where_jekyll_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    regenerate = _regenerate_module()
    monkeypatch.setenv("PATH", str(tmp_path))  # no ruby, no jekyll
    assert regenerate.main(["--safe-yaml", str(tmp_path), "--out", str(tmp_path / "out")]) == 77
    assert capsys.readouterr().err == (
        "skipped: `ruby` is not on PATH; `jekyll` is not on PATH; "
        "SafeYAML 1.0.5 not found (set SEEDLINT_SAFE_YAML)\n"
    )
    assert not (tmp_path / "out").exists()


def _scalars() -> dict[tuple[str, str], ScalarRow]:
    return {(row.field, row.form): row for row in scalar_rows()}


SCALARS = _scalars()


def _read(field: str, form: str) -> tuple[object, object]:
    readings = SCALARS[(field, form)].readings
    return readings["safe_yaml"].value, readings["psych"].value


def test_every_form_is_read_in_every_field_kind() -> None:
    forms = Counter(form for _, form in SCALARS)
    assert len(forms) >= 150
    assert set(forms.values()) == {5}
    assert {field for field, _ in SCALARS} == {
        "published",
        "quality",
        "title",
        "publishedDateTime",
        "topics",
    }
    keys = [(row.field, row.form) for row in scalar_rows()]
    assert keys == sorted(keys)


def test_rows_say_exactly_what_was_written() -> None:
    row = SCALARS[("topics", "|\nline one\nline two")]
    assert row.kind == "list item"
    assert row.yaml == "topics:\n  - |\n    line one\n    line two\n"
    assert row.text == "---\ntopics:\n  - |\n    line one\n    line two\n---\nBody.\n"
    assert SCALARS[("quality", "08")].yaml == "quality: 08\n"


@pytest.mark.parametrize(
    ("field", "form", "upstream", "debian"),
    [
        ("published", "y", "y", "y"),
        ("published", "N", "N", "N"),
        ("published", "tRuE", True, True),
        ("published", "FaLsE", False, False),
        ("title", "nUlL", None, None),
        ("quality", "08", "08", "08"),
        ("quality", "0o10", "0o10", "0o10"),
        ("quality", "1e3", "1e3", "1e3"),
        ("quality", "1.0e+3", 1000.0, 1000.0),
        ("quality", "685.230_15e+03", 685230.15, "685.230_15e+03"),
        ("quality", "010", 8, 8),
        ("quality", "0_10", 8, 8),
        ("quality", "-010", "-010", -8),
        ("quality", "1__0", 10, "1__0"),
        ("quality", "1,000", 1000, 1000),
        ("quality", "1:20", 80.0, 4800),
        ("quality", "-1:20", 40.0, -2400),
        ("quality", "!!str 1", 1, "1"),
        ("published", "!!str yes", True, "yes"),
        ("quality", "!!int 010", 8, 8),
        ("title", "!custom x", "x", "x"),
        ("topics", "0x1F", 31, 31),
    ],
)
def test_known_readings(field: str, form: str, upstream: object, debian: object) -> None:
    read = _read(field, form)
    assert read == (upstream, debian)
    assert [type(value) for value in read] == [type(upstream), type(debian)]


def test_dates_times_symbols_and_special_floats_decode() -> None:
    assert _read("publishedDateTime", "2020-02-22") == (datetime.date(2020, 2, 22),) * 2
    upstream, debian = _read("publishedDateTime", "2020-02-22T10:00:00Z")
    assert upstream == debian == datetime.datetime(2020, 2, 22, 10, tzinfo=UTC)
    plus_eleven = datetime.timezone(datetime.timedelta(hours=11))
    assert (
        _read("publishedDateTime", "2020-02-22T10:00:00+10:60")
        == (datetime.datetime(2020, 2, 22, 10, tzinfo=plus_eleven),) * 2
    )
    upstream, debian = _read("title", ":foo")
    assert upstream == ":foo" and not isinstance(upstream, RubySymbol)
    assert isinstance(debian, ReadError)
    assert debian.exception_class == "Psych::DisallowedClass"
    assert _read("quality", "!!binary /w==") == (b"\xff", b"\xff")
    assert _read("quality", "-.Inf") == (-math.inf, -math.inf)
    assert all(math.isnan(value) for value in _read("quality", ".NaN"))  # type: ignore[arg-type]


def _same(left: object, right: object) -> bool:
    """Equal, counting NaN equal to NaN."""
    return left == right or repr(left) == repr(right)


def test_the_build_agrees_with_the_loader() -> None:
    """The site gets the loader's value, but for Jekyll's own title and published false/nil."""
    for row in SCALARS.values():
        for flavour in FLAVOURS:
            reading = row.readings[flavour]
            assert reading.outcome in OUTCOMES[:-1]
            if isinstance(reading.value, ReadError):
                assert reading.outcome == "document_without_front_matter", row
                assert reading.site_value is ABSENT
            elif row.field == "published" and reading.value is False:
                assert reading.outcome == "not_output"
            elif row.field == "published" and reading.value is None:
                assert reading.outcome == "document_not_written"
            elif row.field == "title" and (reading.value is None or reading.value is False):
                assert reading.site_value is FILE_TITLE
            else:
                assert reading.outcome == "document", row
                assert _same(reading.site_value, reading.value), row


def test_documents_cover_delimiters_merges_and_tags() -> None:
    rows = {row.id: row for row in document_rows()}
    assert len(rows) >= 60
    assert sorted(rows) == [row.id for row in document_rows()]
    for case in ("bom", "bom-twice", "open-four-dashes", "empty-file"):
        assert {r.outcome for r in rows[case].readings.values()} == {"static_file"}, case
    assert rows["bom"].text.startswith("\ufeff---\n")
    no_close = rows["no-close"].readings["safe_yaml"]
    assert (no_close.outcome, no_close.reason) == (
        "document_without_front_matter",
        "no_closing_line",
    )
    merged = rows["merge-after-own"].readings["safe_yaml"].front_matter
    assert merged["news"] == {"published": False, "quality": 1}  # << after own keys overrides
    listed = rows["merge-list-one"].readings
    assert listed["safe_yaml"].outcome == "document_without_front_matter"
    assert listed["safe_yaml"].site_front_matter == {}
    assert listed["psych"].front_matter["news"] == {"published": False, "quality": 9}
    assert rows["latin1-in-body"].data.endswith(b"caf\xe9\n")
    assert {r.outcome for r in rows["latin1-in-body"].readings.values()} == {"build_failed"}
    assert rows["published-null"].readings["psych"].outcome == "document_not_written"
    for row in rows.values():
        for reading in row.readings.values():
            assert reading.outcome in OUTCOMES[:-1], row.id
    symbol = rows["symbol-value"].readings["psych"]
    assert symbol.site_error == "Psych::DisallowedClass: Tried to load unspecified class: Symbol"


def test_posts_and_pages_are_read_by_other_paths() -> None:
    rows = {row.id: row for row in place_rows()}
    assert {row.place for row in rows.values()} == {"post", "page"}

    def outcomes(case: str) -> set[str]:
        return {reading.outcome for reading in rows[case].readings.values()}

    assert outcomes("post-bom") == {"document"}  # only posts tolerate a BOM
    assert outcomes("page-bom") == {"static_file"}
    assert outcomes("post-latin1-in-body") == {"not_output"}  # posts that are not UTF-8: skipped
    assert outcomes("page-list-front-matter") == {"build_failed"}  # a page's data must be a Hash
    assert rows["post-plain"].path == "_posts/2020-01-01-p" + rows["post-plain"].path[-6:]
    assert rows["page-symbol-value"].readings["psych"].site_error == (
        "Error reading file: Tried to load unspecified class: Symbol"
    )


def test_decode_keeps_ruby_types() -> None:
    assert decode({"t": "symbol", "v": "foo"}) == RubySymbol("foo")
    assert repr(RubySymbol("foo")) == "RubySymbol('foo')"
    time = decode({"t": "time", "v": "2020-02-22T10:00:00.123456789-05:30", "utc": False})
    offset = datetime.timezone(-datetime.timedelta(hours=5, minutes=30))
    assert time == datetime.datetime(2020, 2, 22, 10, 0, 0, 123456, offset)
    assert time.utcoffset() == offset.utcoffset(None)
    pairs = [
        [{"t": "int", "v": 1}, {"t": "nil"}],
        [{"t": "array", "v": []}, {"t": "str", "v": "x"}],
    ]
    assert decode({"t": "hash", "v": pairs}) == {1: None, (): "x"}
    assert decode({"t": "float", "v": "inf"}) == math.inf
    assert decode({"t": "error", "v": "TypeError: no"}) == ReadError("TypeError: no")


def test_decode_refuses_what_it_cannot_keep() -> None:
    one_and_true = [[{"t": "int", "v": 1}, {"t": "nil"}], [{"t": "bool", "v": True}, {"t": "nil"}]]
    with pytest.raises(ValueError, match="cannot keep apart"):
        decode({"t": "hash", "v": one_and_true})
    with pytest.raises(ValueError, match="unknown value type"):
        decode({"t": "complex", "v": "1+2i"})
    with pytest.raises(ValueError, match="not a time"):
        decode({"t": "time", "v": "2020-02-22 10:00:00 UTC"})
