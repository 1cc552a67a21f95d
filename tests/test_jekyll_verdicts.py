"""seedlint's verdicts against what the real Jekyll reads (tests/data/jekyll): for every scalar
form in every field kind and both flavours, an error exactly where the value Jekyll reads
breaks the schema for that field (or Jekyll loses the front matter), and what SL204 says
about Jekyll's reading is what the table holds."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest

from jekyll_table import FLAVOURS, NotOneItem, ReadError, RubyObject, scalar_rows
from seedlint import Config, jekyll
from seedlint.diagnostics import Severity
from seedlint.linter import lint_bytes

ROOT = Path(__file__).resolve().parents[1]
SCALARS = list(scalar_rows())
NEWS = json.loads((ROOT / "schemas" / "news.schema.json").read_text(encoding="utf-8"))
FIELDS = ("published", "quality", "title", "publishedDateTime", "topics")
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {name: NEWS["properties"][name] for name in FIELDS},
}
UTC_FORM = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z")


@pytest.fixture(scope="module")
def configs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Config]:
    path = tmp_path_factory.mktemp("schema") / "fields.schema.json"
    path.write_text(json.dumps(SCHEMA), encoding="utf-8")
    return {flavour: Config(schema=str(path), jekyll_yaml=flavour) for flavour in FLAVOURS}


def breaks_schema(field: str, value: Any, written: Any) -> bool:
    """Whether the value Jekyll reads breaks the field's schema. ``written`` is the JSON
    value seedlint judges: a Date or Time as the text it was written as."""
    if isinstance(value, ReadError):
        return True
    if field == "topics":
        if not isinstance(value, NotOneItem):
            value, written = value, written[0] if isinstance(written, list) else written
        else:
            return True
    if isinstance(value, bytes):
        return True  # !!binary that is no UTF-8 text
    if isinstance(value, (datetime.date, RubyObject)) and field != "publishedDateTime":
        return True  # a Ruby Date or Time, not the text or number the field takes
    if field == "published":
        return not isinstance(value, bool)
    if field == "quality":
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        whole = isinstance(value, int) or (number and float(value).is_integer())
        return not (number and whole and value >= 0)
    if field in ("title", "topics"):
        return not (isinstance(value, str) and value != "")
    # publishedDateTime: a Time or a text, judged by the form it is written in
    return not (isinstance(written, str) and UTC_FORM.fullmatch(written) and _real(written))


def _real(text: str) -> bool:
    try:
        day = text[:17] + text[17:19].replace("60", "59")  # a leap second
        day = "2000" + day[4:] if day.startswith("0000") else day  # RFC 3339 has year 0 (leap)
        datetime.datetime.strptime(day, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return False
    return True


def verdicts(flavour: str, configs: dict[str, Config], rows: list[Any]) -> list[tuple[Any, ...]]:
    wrong = []
    for row in rows:
        expected = row.readings[flavour].value
        result = lint_bytes(row.text.encode("utf-8"), "_news/x.md", configs[flavour])
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        data = result.document.data if result.document is not None else None
        written = data.get(row.field) if isinstance(data, dict) else None
        if breaks_schema(row.field, expected, written) != bool(errors):
            wrong.append((row.field, row.form, expected, [(d.code, d.message) for d in errors]))
        wrong.extend(
            (row.field, row.form, expected, d.code, d.message)
            for d in result.diagnostics
            if d.code == "SL000"  # an internal error is an error, but never a verdict
            or (
                d.pointer in (f"/{row.field}", "/topics/0", "")
                and contradicts(d.code, d.message, expected, flavour)
            )
        )
    return wrong


def contradicts(code: str, message: str, expected: Any, flavour: str) -> bool:
    """Whether a diagnostic says something about what Jekyll reads that the table denies."""
    if code == "SL014":  # "Jekyll cannot read ... publishes the record without its front matter"
        return not isinstance(expected, ReadError)
    if code != "SL204" or isinstance(expected, ReadError):
        return isinstance(expected, ReadError) and code == "SL204"
    name = jekyll.FLAVOUR_NAMES[flavour]
    said = message.split(f"{name} reads ", 1)[-1] if f"{name} reads " in message else None
    if said is None:  # "... is the date 2020-02-22 to Jekyll (...)" or "... in YAML 1.2 and Jekyll"
        return False
    if isinstance(expected, NotOneItem):
        expected = expected.value[0] if expected.value else expected.value
    return not said.startswith(jekyll.describe(expected))


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_error_where_what_jekyll_reads_breaks_the_schema_sampled(flavour, configs):
    """Every 7th row (the whole table is the slow test below)."""
    assert verdicts(flavour, configs, SCALARS[::7]) == []


@pytest.mark.slow
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_error_exactly_where_what_jekyll_reads_breaks_the_schema(flavour, configs):
    assert verdicts(flavour, configs, SCALARS) == []


def _same(first: Any, second: Any) -> bool:
    if isinstance(first, ReadError) or isinstance(second, ReadError):
        return isinstance(first, ReadError) and isinstance(second, ReadError)
    if isinstance(first, float) and isinstance(second, float) and first != first:
        return second != second
    if isinstance(first, datetime.datetime) and isinstance(second, datetime.datetime):
        return first == second and first.utcoffset() == second.utcoffset()
    return first.__class__ is second.__class__ and first == second


def safe_fixes_that_change_a_reading(
    configs: dict[str, Config], rows: list[Any]
) -> tuple[list[Any], int]:
    """Fix every row with safe fixes only; the fixed form must read, in both flavours, as
    the table says the original reads (the fixed form's reading comes from the table when it
    holds that form, else from the model)."""
    from seedlint.fixer import fix_result

    by_form = {(row.field, row.form): row for row in SCALARS}
    changed, fixed = [], 0
    for row in rows:
        for flavour in FLAVOURS:
            config = configs[flavour]
            outcome = fix_result(lint_bytes(row.text.encode("utf-8"), "_news/x.md", config), config)
            if outcome is None or not outcome.changed:
                continue
            fixed += 1
            fixed_yaml = outcome.text.split("---\n", 2)[1]
            form = fixed_yaml.split(": ", 1)[-1].removesuffix("\n").removeprefix("- ")
            if row.field == "topics":
                form = fixed_yaml.split("- ", 1)[-1].removesuffix("\n")
            for reader in FLAVOURS:
                before = row.readings[reader].value
                known = by_form.get((row.field, form))
                if known is not None:
                    after = known.readings[reader].value
                else:
                    reading = jekyll.read_front_matter(fixed_yaml, reader)
                    after = (
                        ReadError(reading.reason)
                        if reading.outcome is not jekyll.Outcome.DOCUMENT
                        else (reading.data or {}).get(row.field)
                    )
                    if row.field == "topics" and isinstance(after, list) and len(after) == 1:
                        after = after[0]
                if not _same(before, after):
                    changed.append((flavour, row.field, row.form, form, reader, before, after))
    return changed, fixed


def test_safe_fixes_never_change_what_jekyll_reads_sampled(configs):
    changed, fixed = safe_fixes_that_change_a_reading(configs, SCALARS[::5])
    assert changed == [] and fixed > 20


@pytest.mark.slow
def test_safe_fixes_never_change_what_jekyll_reads(configs):
    changed, fixed = safe_fixes_that_change_a_reading(configs, SCALARS)
    assert changed == [] and fixed > 200


LOST = ("static_file", "document_without_front_matter", "build_failed")


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_every_file_jekyll_drops_or_publishes_raw_is_an_error(flavour):
    """documents.json: a record the real build made a static file, a document without its
    front matter, or that failed the build, never passes (with only the reading checks)."""
    from jekyll_table import document_rows

    config = Config(jekyll_yaml=flavour, select=["SL0"])
    passed = []
    for row in document_rows():
        if row.readings[flavour].outcome not in LOST:
            continue
        result = lint_bytes(row.data, "_news/x.md", config)
        if not any(d.severity is Severity.ERROR for d in result.diagnostics):
            passed.append((row.id, row.readings[flavour].outcome))
    assert passed == []


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_posts_and_pages_jekyll_drops_are_errors_and_a_post_may_hold_a_bom(flavour):
    """places.json: the same cases as a post (`_posts/...`) and a page."""
    from jekyll_table import place_rows

    config = Config(jekyll_yaml=flavour, select=["SL0"])
    wrong = []
    for row in place_rows():
        data = row.text.encode("utf-8", "surrogateescape")
        result = lint_bytes(data, row.path, config)
        errors = [d.code for d in result.diagnostics if d.severity is Severity.ERROR]
        if row.readings[flavour].outcome in LOST and not errors:
            wrong.append((row.id, row.readings[flavour].outcome))
        if row.id == "post-bom" and errors:
            wrong.append((row.id, errors))
    assert wrong == []
