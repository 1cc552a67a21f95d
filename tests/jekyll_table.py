"""The Jekyll truth table (tests/data/jekyll/*.json) as typed rows with Python values.

The table is what the real Jekyll reads, in both flavours (tools/jekyll/regenerate.py makes it;
tests/data/jekyll/README.md describes it). Ruby values decode to Python as:
nil -> None, true/false -> bool, Integer -> int, Float -> float, String -> str (bytes when not
valid UTF-8), Symbol -> RubySymbol, Date -> datetime.date, Time -> aware datetime.datetime (to the
microsecond), Array -> list, Hash -> dict; a Date or Time whose year Python lacks -> RubyObject.
What is not a value is a marker: ReadError (the loader raised, so Jekyll kept the document without
front matter), ABSENT, FILE_TITLE, RubyObject...
"""

from __future__ import annotations

import base64
import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

TABLE = Path(__file__).parent / "data" / "jekyll"
FLAVOURS = ("safe_yaml", "psych")
# What a built site made of a file (the "outcome" of a reading)
OUTCOMES = (
    "document",  # a document with its front matter
    "document_without_front_matter",  # a document; Jekyll logged an error or found no closing line
    "document_not_written",  # in the collection, but no page (published: nil)
    "not_output",  # neither a document nor a file in the site (published: false)
    "static_file",  # copied raw into the site, front matter and all
    "build_failed",  # `jekyll build` stopped: no site at all
    "static_file_not_copied",  # a static file missing from the site (never seen: a test guards it)
)


class RubySymbol(str):
    """A Ruby Symbol: Jekyll's data holds :foo, not the text "foo".

    It compares equal to the str of the same name: check the type where the difference matters.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"RubySymbol({str.__repr__(self)})"


@dataclass(frozen=True)
class RubyObject:
    """A Ruby value of a class the table has no Python type for (its class and #inspect)."""

    ruby_class: str
    inspect: str


@dataclass(frozen=True)
class ReadError:
    """The loader raised: Jekyll logged this and kept the document without its front matter."""

    message: str  # "Psych::DisallowedClass: Tried to load unspecified class: Symbol"

    @property
    def exception_class(self) -> str:
        return self.message.split(": ", 1)[0]


@dataclass(frozen=True)
class Marker:
    """A place in the table where there is no Ruby value."""

    name: str


ABSENT = Marker("absent")  # the field is not in the data read
FILE_TITLE = Marker("file_title")  # Jekyll's own title, made from the file name
RECURSIVE = Marker("recursive")  # a container that contains itself
TOO_DEEP = Marker("too_deep")


@dataclass(frozen=True)
class NotOneItem:
    """A list-item row whose `topics` did not read as a list of one item: what it read as."""

    value: Any


_TIME = re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-])(\d\d):(\d\d)$")


def _time(text: str) -> datetime.datetime | RubyObject:
    match = _TIME.match(text)
    if match is None:
        raise ValueError(f"not a time in the table's form: {text!r}")
    year, month, day, hour, minute, second, fraction, sign, off_h, off_m = match.groups()
    offset = datetime.timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
    micro = int((fraction or "0").ljust(6, "0")[:6])
    zone = datetime.timezone(offset)
    fields = (int(year), int(month), int(day), int(hour), int(minute), int(second), micro)
    if not 1 <= fields[0] <= 9999:  # a year Ruby has and Python lacks
        return RubyObject("Time", text)
    return datetime.datetime(*fields, zone)


def _date(text: str) -> datetime.date | RubyObject:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:  # a year Ruby has and Python lacks (0000, or beyond 9999)
        return RubyObject("Date", text)


def _float(value: float | str) -> float:
    return float(value)  # "inf", "-inf" and "nan" included


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(item) for item in value)
    if isinstance(value, dict):
        return tuple((_hashable(k), _hashable(v)) for k, v in value.items())
    return value


def _hash(pairs: list[list[Any]]) -> dict[Any, Any]:
    result = {_hashable(decode(key)): decode(value) for key, value in pairs}
    if len(result) != len(pairs):  # Ruby keeps 1 and 1.0 (or true and 1) apart; Python cannot
        raise ValueError(f"keys that Python cannot keep apart: {pairs!r}")
    return result


_MARKERS = {
    "absent": ABSENT,
    "file_title": FILE_TITLE,
    "recursive": RECURSIVE,
    "too_deep": TOO_DEEP,
}
_DECODERS: dict[str, Any] = {
    "nil": lambda encoded: None,
    "bool": lambda encoded: bool(encoded["v"]),
    "int": lambda encoded: int(encoded["v"]),
    "float": lambda encoded: _float(encoded["v"]),
    "str": lambda encoded: str(encoded["v"]),
    "bytes": lambda encoded: base64.b64decode(encoded["v"]),
    "symbol": lambda encoded: RubySymbol(encoded["v"]),
    "date": lambda encoded: _date(encoded["v"]),
    "time": lambda encoded: _time(encoded["v"]),
    "array": lambda encoded: [decode(item) for item in encoded["v"]],
    "hash": lambda encoded: _hash(encoded["v"]),
    "error": lambda encoded: ReadError(encoded["v"]),
    "ruby": lambda encoded: RubyObject(encoded["class"], encoded["v"]),
    "not_one_item": lambda encoded: NotOneItem(decode(encoded["v"])),
}


def decode(encoded: dict[str, Any]) -> Any:
    """A Python value from the table's JSON encoding of a Ruby value."""
    kind = encoded["t"]
    if kind in _MARKERS:
        return _MARKERS[kind]
    if kind not in _DECODERS:
        raise ValueError(f"unknown value type in the Jekyll table: {kind!r}")
    return _DECODERS[kind](encoded)


class ScalarReading(NamedTuple):
    value: Any  # what the flavour's loader yields for the field, or ReadError
    outcome: str  # what the real build made of the file (one of OUTCOMES)
    site_value: Any  # the field in the built document's data (ABSENT when no document)


class ScalarRow(NamedTuple):
    kind: str  # "boolean", "integer", "text", "date-time", "list item"
    field: str  # published, quality, title, publishedDateTime, topics
    form: str  # what is written after "key: " (or "- "); further lines unindented
    yaml: str  # the front matter's lines, exactly
    readings: dict[str, ScalarReading]

    @property
    def text(self) -> str:
        """The whole file that was read."""
        return f"---\n{self.yaml}---\nBody.\n"


class DocumentReading(NamedTuple):
    read_as: str  # read_front_matter.rb: document, document_without_front_matter, static_file
    reason: str | None  # no_closing_line or read_error
    error: str | None  # the exception the loader raised
    front_matter: Any  # what the loader yields (None when it did not load)
    outcome: str  # what the real build made of the file (one of OUTCOMES)
    site_front_matter: Any  # the built document's data without Jekyll's own keys, or ABSENT
    site_error: str | None  # the read error the build logged for the file


class DocumentRow(NamedTuple):
    id: str
    description: str
    text: str  # the whole file; a lone surrogate \udcXX stands for the byte XX (not UTF-8)
    readings: dict[str, DocumentReading]

    @property
    def data(self) -> bytes:
        """The file's bytes, exactly."""
        return self.text.encode("utf-8", "surrogateescape")


class SiteReading(NamedTuple):
    outcome: str  # what the real build made of the file (one of OUTCOMES)
    site_front_matter: Any  # the built page's data without Jekyll's own keys, or ABSENT
    site_error: str | None  # the read error the build logged, or why the build failed


class PlaceRow(NamedTuple):
    """A document case built as a post (in _posts) or a page, which Jekyll reads by other paths."""

    id: str
    description: str
    place: str  # "post" or "page"
    path: str  # where it was in the site: _posts/2020-01-01-p123.md, p123.md
    text: str
    readings: dict[str, SiteReading]


def _load(name: str, table: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((table / name).read_text(encoding="utf-8"))
    return rows


def scalar_rows(table: Path = TABLE) -> Iterator[ScalarRow]:
    for row in _load("scalars.json", table):
        readings = {}
        for flavour in FLAVOURS:
            site = row["site"][flavour]
            readings[flavour] = ScalarReading(
                decode(row["read"][flavour]),
                site["outcome"],
                decode(site["value"]) if "value" in site else ABSENT,
            )
        yield ScalarRow(row["kind"], row["field"], row["form"], row["yaml"], readings)


def _document_reading(read: dict[str, Any], site: dict[str, Any]) -> DocumentReading:
    front_matter = decode(read["front_matter"]) if "front_matter" in read else None
    site_front_matter = decode(site["front_matter"]) if "front_matter" in site else ABSENT
    return DocumentReading(
        read["read_as"],
        read.get("reason"),
        read.get("error"),
        front_matter,
        site["outcome"],
        site_front_matter,
        site.get("error"),
    )


def document_rows(table: Path = TABLE) -> Iterator[DocumentRow]:
    for row in _load("documents.json", table):
        readings = {
            flavour: _document_reading(row["read"][flavour], row["site"][flavour])
            for flavour in FLAVOURS
        }
        yield DocumentRow(row["id"], row["description"], row["text"], readings)


def place_rows(table: Path = TABLE) -> Iterator[PlaceRow]:
    for row in _load("places.json", table):
        readings = {}
        for flavour in FLAVOURS:
            site = row["site"][flavour]
            front_matter = decode(site["front_matter"]) if "front_matter" in site else ABSENT
            readings[flavour] = SiteReading(site["outcome"], front_matter, site.get("error"))
        yield PlaceRow(
            row["id"], row["description"], row["place"], row["path"], row["text"], readings
        )
