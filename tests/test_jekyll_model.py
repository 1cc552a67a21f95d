"""seedlint's model of Jekyll (seedlint.jekyll) against the truth table made by running the
real Jekyll (tests/data/jekyll): every scalar form in every field kind, every whole file, in
both flavours. No Ruby needed: the table is committed."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jekyll_table import (
    ABSENT,
    FLAVOURS,
    RECURSIVE,
    TOO_DEEP,
    NotOneItem,
    ReadError,
    RubyObject,
    RubySymbol,
    document_rows,
    scalar_rows,
)
from seedlint import jekyll

SCALARS = list(scalar_rows())
DOCUMENTS = list(document_rows())


def agree(mine: Any, theirs: Any) -> bool:
    """The model's value is the table's: same Ruby class and value (a Time: same instant
    and offset)."""
    if isinstance(theirs, RubyObject):  # a year Python lacks
        return isinstance(mine, jekyll.RubyDateText) and mine.kind == theirs.ruby_class
    if isinstance(theirs, RubySymbol):
        return isinstance(mine, jekyll.RubySymbol) and str(mine) == str(theirs)
    if isinstance(theirs, datetime.datetime):
        return (
            isinstance(mine, datetime.datetime)
            and mine == theirs
            and mine.utcoffset() == theirs.utcoffset()
        )
    if isinstance(theirs, dict):
        return (
            isinstance(mine, dict)
            and len(mine) == len(theirs)
            and all(
                agree(a, b) and agree(mine[a], theirs[b]) for a, b in zip(mine, theirs, strict=True)
            )
        )
    if isinstance(theirs, (list, tuple)):
        return (
            isinstance(mine, (list, tuple))
            and len(mine) == len(theirs)
            and all(map(agree, mine, theirs))
        )
    if isinstance(theirs, float) and math.isnan(theirs):
        return isinstance(mine, float) and math.isnan(mine)
    return mine.__class__ is theirs.__class__ and mine == theirs


def field_value(reading: jekyll.Reading, field: str) -> Any:
    if reading.outcome is not jekyll.Outcome.DOCUMENT or not isinstance(reading.data, dict):
        return ABSENT
    value = reading.data.get(field, ABSENT)
    if field == "topics" and value is not ABSENT:
        return value[0] if isinstance(value, list) and len(value) == 1 else NotOneItem(value)
    return value


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_model_reads_every_scalar_form_as_jekyll_does(flavour):
    wrong = []
    for row in SCALARS:
        expected = row.readings[flavour].value
        reading = jekyll.read_front_matter(row.yaml, flavour)
        if isinstance(expected, ReadError):
            if reading.outcome is not jekyll.Outcome.NO_FRONT_MATTER or not reading.reason:
                wrong.append((row.field, row.form, expected, reading))
            continue
        got = field_value(reading, row.field)
        if isinstance(expected, NotOneItem):
            ok = isinstance(got, NotOneItem) and agree(got.value, expected.value)
        else:
            ok = agree(got, expected)
        if not ok:
            wrong.append((row.field, row.form, expected, got))
    assert wrong == []


READ_AS = {
    jekyll.Outcome.DOCUMENT: "document",
    jekyll.Outcome.NO_FRONT_MATTER: "document_without_front_matter",
    jekyll.Outcome.STATIC_FILE: "static_file",
}


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_model_reads_every_whole_file_as_jekyll_does(flavour):
    """Delimiters, BOMs, bytes, directives, merge keys, tags, aliases (documents.json)."""
    wrong = []
    for row in DOCUMENTS:
        expected = row.readings[flavour]
        reading = jekyll.read_file(row.data, flavour)
        ok = READ_AS[reading.outcome] == expected.read_as
        if ok and reading.outcome is jekyll.Outcome.DOCUMENT:
            ok = agree(reading.data, expected.front_matter) or _holds_marker(expected.front_matter)
        if not ok:
            wrong.append((row.id, expected.read_as, expected.front_matter, reading))
    assert wrong == []


def _holds_marker(value: Any) -> bool:
    """A recursive or too deep value: the table marks it instead of writing it out."""
    if isinstance(value, dict):
        return any(map(_holds_marker, value.values()))
    if isinstance(value, list):
        return any(map(_holds_marker, value))
    return value is RECURSIVE or value is TOO_DEEP


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789+-.:_,eExXbBoO~ TtZz/yesnoulfaIiNn!&*<", max_size=24)
    | st.text(max_size=12)
)
def test_the_model_never_fails_on_a_scalar(text: str) -> None:
    """Any plain text: a reading in both loaders, or Lost (what Jekyll rescues); nothing else."""
    for flavour in FLAVOURS:
        try:
            jekyll.plain(text, flavour)
        except jekyll.Lost:
            pass
        reading = jekyll.read_front_matter(f"v: {text}\n", flavour)
        assert reading.outcome in jekyll.Outcome
    if jekyll.obviously_text(text):  # the parser's fast path: text to every reader
        readings = jekyll.plain_readings(text)
        assert readings.agree and readings.yaml12 == text


# errors that say Jekyll reads the record otherwise than its data as written
SAYS_JEKYLL_READS_OTHERWISE = {"SL001", "SL011", "SL014", "SL015", "SL016"}


def _plain_json(value: Any) -> bool:
    """A reading the parser's data holds as is (no date, bytes or non-text key)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(map(_plain_json, value))
    return not isinstance(value, (datetime.date, bytes, jekyll.RubyDateText))


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_parser_builds_what_the_model_reads(flavour):
    """The parser (parse.builder.Builder, on the hot path) and the whole-file reader agree on
    every table file whose reading is plain JSON: merges, aliases, tags, in both loaders."""
    from seedlint.frontmatter import DecodeProblem, decode, split
    from seedlint.parse import parse

    texts = [row.data for row in DOCUMENTS] + [row.text.encode() for row in SCALARS]
    differ = []
    for data in texts:
        reading = jekyll.read_file(data, flavour)
        try:  # (a recursive alias makes a value that holds itself)
            plain = reading.outcome is jekyll.Outcome.DOCUMENT and _plain_json(reading.data)
        except RecursionError:
            continue
        if not plain:
            continue
        try:
            front = split(*decode(data, "x.md"), "x.md")
        except DecodeProblem:
            continue
        doc = parse(front, "x.md", flavour=flavour)
        if any(d.code in SAYS_JEKYLL_READS_OTHERWISE for d in doc.diagnostics):
            continue  # the parser keeps the data as written, and reports the difference
        if doc.data is not None and not agree(doc.data, reading.data or {}):
            differ.append((data, doc.data, reading.data))
    assert differ == []
