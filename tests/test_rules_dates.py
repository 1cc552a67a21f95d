"""Dates: date-time-form (SL209), file-name-date (SL210) and future-date (SL211)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from cli_runner import run_cli
from conftest import SMALL, apply_fix, errors, line_with, lint, of, where
from seedlint.rules.dates import parse_date_time

PUBLISHED = "publishedDateTime: 2020-04-13T16:00:05Z"


# --- SL209 date-time-form ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical", "said"),
    [
        (
            "2020-11-05 07:30:00Z",
            "2020-11-05T07:30:00Z",
            "a space instead of the 'T' between the date and the time",
        ),
        ("2020-11-05t07:30:00z", "2020-11-05T07:30:00Z", "a lower-case 't' or 'z'"),
        ("2020-11-05T7:30:00Z", "2020-11-05T07:30:00Z", "a one-digit hour"),
        ("2020-11-05T07:30Z", "2020-11-05T07:30:00Z", "no seconds"),
        ("2020-11-05T07:30:00.000Z", "2020-11-05T07:30:00Z", "a zero fraction of a second"),
        (
            "2020-11-05 07:30:00 Z",
            "2020-11-05T07:30:00Z",
            "a space instead of the 'T' between the date and the time"
            " and a space before the time zone",
        ),
        ("2020-11-05T07:30:00+00:00", "2020-11-05T07:30:00Z", "+00:00 instead of Z"),
        (
            "2020-11-05T01:30:00-06:00",
            "2020-11-05T07:30:00Z",
            "the time zone -06:00 instead of UTC (Z)",
        ),
        (
            "2020-11-05T00:30:00+0100",
            "2020-11-04T23:30:00Z",
            "the time zone +0100 instead of UTC (Z)",
        ),
    ],
)
def test_forms_that_have_one_right_rewriting(written: str, canonical: str, said: str) -> None:
    parsed = parse_date_time(written)
    assert parsed is not None
    assert parsed[0].strftime("%Y-%m-%dT%H:%M:%SZ") == canonical
    assert " and ".join(parsed[1]) == said


@pytest.mark.parametrize(
    "written",
    [
        "2020-11-05",
        "2020-11-05 07:30:00",
        "2020-02-30T07:30:00Z",
        "2020-11-05T07:30:00.5Z",
        "2020-11-05T25:30:00Z",
        "soon",
    ],
)
def test_forms_without_one_right_rewriting(written: str) -> None:
    assert parse_date_time(written) is None


def test_a_space_instead_of_t_replaces_the_schema_error(small_record: str) -> None:
    text = small_record.replace(PUBLISHED, "publishedDateTime: 2020-04-13 16:00:05Z")
    found = lint(text)
    assert of("SL104", found) == []
    assert where(of("SL209", found)) == [(5, 20, "SL209")]
    (diagnostic,) = of("SL209", found)
    assert diagnostic.severity.value == "error"
    assert diagnostic.message == (
        "publishedDateTime: '2020-04-13 16:00:05Z' has a space instead of the 'T' between the "
        "date and the time; write 2020-04-13T16:00:05Z"
    )
    assert diagnostic.fix is not None and diagnostic.fix.safe
    assert apply_fix(text, diagnostic) == small_record


def test_a_quoted_date_keeps_its_quotes_inside_related(related_record: str) -> None:
    text = related_record.replace(
        "publishedDateTime: 2020-02-20T18:14:00Z", "publishedDateTime: '2020-02-20 19:14:00+01:00'"
    )
    (found,) = of("SL209", lint(text))
    assert (found.line, found.column) == (line_with(text, "19:14:00+01:00"), 24)
    assert found.message.startswith(
        "related[0].publishedDateTime: '2020-02-20 19:14:00+01:00' has "
    )
    assert apply_fix(text, found) == related_record.replace(
        "publishedDateTime: 2020-02-20T18:14:00Z", "publishedDateTime: '2020-02-20T18:14:00Z'"
    )
    assert errors(lint(apply_fix(text, found))) == []


def test_a_date_that_does_not_exist_stays_a_schema_error(small_record: str) -> None:
    text = small_record.replace(PUBLISHED, "publishedDateTime: 2020-02-30 16:00:05Z")
    found = lint(text)
    assert of("SL209", found) == [] and where(of("SL104", found)) == [(5, 20, "SL104")]


def test_text_that_the_schema_accepts_is_left_alone(small_record: str) -> None:
    text = small_record.replace("type: article", 'type: "2020-11-05 07:30:00Z"')
    assert of("SL209", lint(text)) == []


# --- SL210 file-name-date ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["2020-04-13-x.md", "2020-04-14-x.md", "2020-04-12-x.md", "x.md", "2020-02-30-x.md"]
)
def test_file_names_within_a_day_or_without_a_date(small_record: str, name: str) -> None:
    assert of("SL210", lint(small_record, path=f"_news/{name}")) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "2020-04-15-x.md",
            "publishedDateTime is 2020-04-13, 2 days before the date 2020-04-15 the "
            "file name starts with; correct the wrong one",
        ),
        (
            "2019-04-13-x.md",
            "publishedDateTime is 2020-04-13, 366 days after the date 2019-04-13 "
            "the file name starts with; correct the wrong one",
        ),
    ],
)
def test_file_name_date_far_from_published(small_record: str, name: str, message: str) -> None:
    found = of("SL210", lint(small_record, path=f"_news/{name}"))
    assert where(found) == [(5, 20, "SL210")]
    assert found[0].severity.value == "warning" and found[0].message == message


def test_only_the_record_date_is_compared_with_the_file_name(related_record: str) -> None:
    """The record is dated 2020-02-22, its related entry 2020-02-20."""
    assert of("SL210", lint(related_record, path="_news/2020-02-21-x.md")) == []
    assert len(of("SL210", lint(related_record, path="_news/2020-02-20-x.md"))) == 1


# --- SL211 future-date -------------------------------------------------------------------


def test_a_far_future_date(small_record: str) -> None:
    text = small_record.replace(PUBLISHED, "publishedDateTime: 2620-04-13T16:00:05Z")
    found = of("SL211", lint(text, path="_news/x.md"))
    assert where(found) == [(5, 20, "SL211")]
    assert found[0].message == (
        "publishedDateTime 2620-04-13T16:00:05Z is in the future (now "
        "is 2026-01-01T00:00:00Z); is the year or month mistyped?"
    )


def test_within_a_day_of_now_is_not_the_future(small_record: str) -> None:
    now = datetime(2020, 4, 12, 17, tzinfo=timezone.utc)
    assert of("SL211", lint(small_record, now=now)) == []
    assert len(of("SL211", lint(small_record, now=now.replace(hour=15)))) == 1


def test_a_future_date_inside_related(related_record: str) -> None:
    text = related_record.replace(
        "publishedDateTime: 2020-02-20T18:14:00Z", "publishedDateTime: 2092-02-20T18:14:00Z"
    )
    found = of("SL211", lint(text))
    assert where(found) == [(line_with(text, "2092-02-20"), 24, "SL211")]
    assert found[0].message.startswith("related[0].publishedDateTime 2092-02-20T18:14:00Z is in")


def test_now_comes_from_the_command_line(tmp_path: Path) -> None:
    record = tmp_path / SMALL.name
    record.write_bytes(SMALL.read_bytes())
    arguments = [
        "check",
        str(record),
        "--isolated",
        "--no-cache",
        "--select",
        "SL211",
        "--fail-on",
        "warning",
        "--format",
        "concise",
    ]
    result = run_cli(*arguments, "--now", "2020-04-11T00:00:00Z")
    assert result.status == 1
    assert f"{record}:5:20: SL211" in result.stdout
    assert run_cli(*arguments, "--now", "2020-04-13T00:00:00Z").status == 0
