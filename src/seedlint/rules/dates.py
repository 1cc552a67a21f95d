"""Dates: the date-time form, the date in the file name, and dates in the future."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from .. import jekyll
from ..diagnostics import Edit, Severity
from ..parse import Document
from . import RuleContext, rule
from ._support import (
    VALUE_CACHE_SIZE,
    child,
    field_name,
    fix_of,
    records,
    replace_text,
    scalar_inner,
    texts,
)

DATE_TIME_FORM = "%Y-%m-%dT%H:%M:%SZ"
# Real records are up to a day off: the file is named in the author's time zone.
TOLERANCE = timedelta(days=1)

_LENIENT = re.compile(
    r"""(?P<lead>\s*)
    (?P<date>\d{4}-\d{2}-\d{2})(?P<sep>[Tt]|[ \t]+)
    (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>\.\d+)?)?
    (?P<gap>[ \t]*)(?P<zone>[Zz]|[+-](?:[01]\d|2[0-3]):?[0-5]\d)
    (?P<trail>\s*)""",
    re.VERBOSE,
)
_FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})-")
_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_DATE_START = re.compile(r"\s*\d{4}-\d\d-\d\d[Tt \t]")


@lru_cache(maxsize=VALUE_CACHE_SIZE)
def parse_date_time(text: str) -> tuple[datetime, tuple[str, ...]] | None:
    """A date-time written in any form YAML 1.1 or ISO 8601 accepts, in UTC, with what
    differs from ``YYYY-MM-DDTHH:MM:SSZ``; ``None`` when it is not one (or has no zone,
    or a fraction of a second that would be lost)."""
    if _CANONICAL.fullmatch(text):  # nearly every real value: skip the general parse
        try:
            return datetime(
                int(text[:4]),
                int(text[5:7]),
                int(text[8:10]),
                int(text[11:13]),
                int(text[14:16]),
                int(text[17:19]),
                tzinfo=timezone.utc,
            ), ()
        except ValueError:
            return None
    match = _LENIENT.fullmatch(text)
    if match is None:
        return None
    parts = match.groupdict()
    if parts["fraction"] and parts["fraction"].strip(".0"):
        return None
    zone = parts["zone"]
    offset = timedelta()
    if zone not in ("Z", "z"):  # an offset of hours and minutes: -24:00, +10:60, +01 are not
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == "-" else offset
    try:
        local = datetime.strptime(
            f"{parts['date']} {parts['hour']}:{parts['minute']}:{parts['second'] or '00'}",
            "%Y-%m-%d %H:%M:%S",
        )
        value = (local - offset).replace(tzinfo=timezone.utc)
    except (ValueError, OverflowError):  # no such day or hour
        return None
    differences = tuple(
        reason
        for present, reason in (
            (parts["lead"] or parts["trail"], "spaces around it"),
            (
                parts["sep"] not in ("T", "t"),
                "a space instead of the 'T' between the date and the time",
            ),
            (parts["sep"] == "t" or zone == "z", "a lower-case 't' or 'z'"),
            (len(parts["hour"]) == 1, "a one-digit hour"),
            (not parts["second"], "no seconds"),
            (parts["fraction"], "a zero fraction of a second"),
            (parts["gap"], "a space before the time zone"),
            (zone not in ("Z", "z") and not offset, f"{zone} instead of Z"),
            (offset, f"the time zone {zone} instead of UTC (Z)"),
        )
        if present
    )
    return value, differences


def utc_text(value: datetime) -> str:
    return value.strftime(DATE_TIME_FORM)


def _other_date_time(value: str) -> bool:
    """A text that starts like a date-time and is not in the canonical form."""
    return _CANONICAL.fullmatch(value) is None and _DATE_START.match(value) is not None


@rule(
    "SL209",
    "date-time-form",
    Severity.ERROR,
    "a date-time that is not written YYYY-MM-DDTHH:MM:SSZ",
    fix="safe",
    supersedes_schema=True,
)
def date_time_form(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports a date-time the schema rejects only for the way it is written, such as
    `2020-11-05 07:30:00Z` (a space instead of `T`), a lower-case `t` or `z`, missing
    seconds or `+00:00` instead of `Z`, and says the exact value to write. It replaces
    the schema's format error at that value.

    ## Why is this bad?
    Jekyll reads these forms, but the site's scripts, feeds and sitemaps expect one
    form; records in another one sort and display wrongly.

    ## Example
    ```yaml
    ---
    publishedDateTime: 2020-11-05 07:30:00Z
    ---
    ```

    ## Use instead
    ```yaml
    ---
    publishedDateTime: 2020-11-05T07:30:00Z
    ---
    ```

    ## Fix
    The value is rewritten in the `YYYY-MM-DDTHH:MM:SSZ` form (another time zone is
    converted to UTC, the same instant). Safe only where Jekyll reads the new text exactly
    as the old one in both loaders (`2020-11-05 07:30:00Z`); unsafe where Jekyll reads
    another value (a text it took for no time, another time zone shown on the page). An
    offset that is no offset (`-24:00`, `+10:60`, `+01`) gets no fix: the schema reports
    the value.
    """
    for parent, key, value in texts(ctx).date_candidates:
        parsed = parse_date_time(value) if _other_date_time(value) else None
        if parsed is None:
            continue
        pointer = child(parent, key)
        canonical = utc_text(parsed[0])
        if not ctx.schema_accepts(pointer, canonical) or ctx.schema_accepts(pointer, value):
            continue
        inner = scalar_inner(ctx.doc, pointer)
        if inner is not None and not inner[2]:  # plain stays plain: Jekyll reads a Time
            edit: Edit | None = Edit(inner[0], inner[1], canonical)
        else:
            edit = replace_text(ctx.doc, pointer, canonical)
        safe = _reads_alike(ctx.doc, pointer, value, canonical)
        ctx.report(
            date_time_form,
            pointer,
            f"{field_name(pointer)}: '{value}' has {' and '.join(parsed[1])}; write {canonical}",
            fix=fix_of(f"write {canonical}", edit, safe=safe),
        )


def _reads_alike(doc: Document, pointer: str, value: str, canonical: str) -> bool:
    """Whether both Jekyll loaders read ``canonical`` as they read the value now (a quoted
    value is text to both: the fix, which keeps the quotes, changes that text)."""
    inner = scalar_inner(doc, pointer)
    if inner is None or inner[2]:
        return False
    return all(
        jekyll.same(_read(value, flavour), _read(canonical, flavour)) for flavour in jekyll.FLAVOURS
    )


def _read(text: str, flavour: jekyll.Flavour) -> object:
    try:
        return jekyll.plain(text, flavour)
    except jekyll.Lost as lost:
        return lost


def _published(ctx: RuleContext) -> list[tuple[str, datetime]]:
    """``(pointer, UTC date-time)`` of each readable ``publishedDateTime``, record first."""
    return ctx.shared("dates.published", _find_published)  # type: ignore[no-any-return]


def _find_published(ctx: RuleContext) -> list[tuple[str, datetime]]:
    found = []
    for pointer, record in records(ctx):
        value = record.get("publishedDateTime")
        parsed = parse_date_time(value) if isinstance(value, str) else None
        if parsed is not None:
            found.append((f"{pointer}/publishedDateTime", parsed[0]))
    return found


@rule(
    "SL210",
    "file-name-date",
    Severity.WARNING,
    "the date in the file name is more than a day away from publishedDateTime",
)
def file_name_date(ctx: RuleContext) -> None:
    """
    ## What it does
    Compares the date a file name starts with (`2020-04-13-title.md`) with the
    record's `publishedDateTime`, and reports a difference of more than one day (real
    records differ by one day because of time zones).

    ## Why is this bad?
    Jekyll dates and orders the page by its file name: the record shows up under the
    wrong day, or one of the two dates was copied from another record.

    ## Example
    In a file named `_news/2021-03-04-example.md`:
    ```yaml
    ---
    publishedDateTime: 2021-02-04T10:00:00Z
    ---
    ```

    ## Use instead
    ```yaml
    ---
    publishedDateTime: 2021-03-04T10:00:00Z
    ---
    ```

    ## Fix
    Correct the date that is wrong, or rename the file.
    """
    match = _FILE_DATE.match(os.path.basename(ctx.path))
    published = _published(ctx)
    if match is None or not published or published[0][0] != "/publishedDateTime":
        return  # (no readable date of the record's own)
    try:
        named = date(*map(int, match.groups()))
    except ValueError:  # 2021-02-30-...: not a date
        return
    day = published[0][1].date()
    days = (named - day).days
    if abs(days) > TOLERANCE.days:
        ctx.report(
            file_name_date,
            "/publishedDateTime",
            f"publishedDateTime is {day}, {abs(days)} days "
            f"{'before' if days > 0 else 'after'} the date {named} the file name "
            "starts with; correct the wrong one",
        )


@rule("SL211", "future-date", Severity.WARNING, "publishedDateTime is in the future")
def future_date(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports a `publishedDateTime` (of the record or of a `related` entry) more than a day
    after the current time. The current time can be set with `seedlint check --now
    2024-01-01T00:00:00Z`.

    ## Why is this bad?
    Nothing is published in the future: the year or the month is mistyped, and the
    record sorts above every real one.

    ## Example
    ```yaml
    ---
    publishedDateTime: 2999-04-13T08:00:00Z
    ---
    ```

    ## Use instead
    ```yaml
    ---
    publishedDateTime: 2020-04-13T08:00:00Z
    ---
    ```

    ## Fix
    Correct the date.
    """
    now = ctx.now if ctx.now.tzinfo else ctx.now.replace(tzinfo=timezone.utc)
    for pointer, value in _published(ctx):
        if value - now > TOLERANCE:
            ctx.report(
                future_date,
                pointer,
                f"{field_name(pointer)} {utc_text(value)} is in the future (now is "
                f"{utc_text(now.astimezone(timezone.utc))}); is the year or month "
                "mistyped?",
            )
