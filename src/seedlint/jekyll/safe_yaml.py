"""SafeYAML 1.0.5's reading of a scalar (``Transform.to_guessed_type``), as upstream
Jekyll and GitHub Pages load front matter."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..lazyre import lazy_compile
from .ruby import ZERO_OFFSET, ruby_date, ruby_float, ruby_integer, year_zero_time

# Ruby's \Z is Python's $ (end, or before a final line break); \d is ASCII.
_S_DECIMAL = lazy_compile(r"\A[-+]?(0|([1-9][0-9_,]*))$", re.ASCII)
_S_OCTAL = lazy_compile(r"\A0[0-7]+$")
_S_HEX = lazy_compile(r"\A0x[0-9a-f]+$", re.IGNORECASE)
_S_BINARY = lazy_compile(r"\A0b[01_]+$")
_S_HEX_EDGE = lazy_compile(r"\A[-+]?0x[0-9a-fA-F_]+$")
_S_SEXAGESIMAL_INT = lazy_compile(r"\A[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+$")
_S_FLOAT = lazy_compile(r"\A[-+]?(?:\d[\d_]*)?\.[\d_]+(?:[eE][-+][\d]+)?$", re.ASCII)
_S_SEXAGESIMAL_FLOAT = lazy_compile(r"\A[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*$")
_S_SPECIAL_FLOATS = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_S_NULLS = frozenset(("", "~", "null"))
_S_BOOLEANS = {"yes": True, "on": True, "true": True, "no": False, "off": False, "false": False}
_S_DATE = lazy_compile(r"\A(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_S_TIME = lazy_compile(
    r"\A(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d*))?\s*"
    r"(?:(Z)|([-+])(\d{1,2})(?::?(\d{2}))?)?$",
    re.ASCII,
)


def _safe_sexagesimal(text: str) -> float:
    """``Parse::Sexagesimal.value``: always a Float; each part goes through ``Float()``."""
    before, _, after = text.partition(".")
    whole, multiplier = 0.0, 1
    for part in reversed(before.split(":")):
        whole += ruby_float(part) * multiplier
        multiplier *= 60
    if after:
        whole += ruby_float("." + after)
    return -whole if text.startswith("-") else whole


def _safe_integer(text: str) -> Any:
    value = text.replace("_", "").replace(",", "")
    if _S_DECIMAL.match(value) or _S_OCTAL.match(value):
        return ruby_integer(value)
    if _S_HEX.match(value) or _S_BINARY.match(value) or _S_HEX_EDGE.match(value):
        return ruby_integer(value)
    if _S_SEXAGESIMAL_INT.match(value):
        return _safe_sexagesimal(value)
    return NotImplemented


def _safe_float(text: str) -> Any:
    if _S_FLOAT.match(text):
        return ruby_float(text)
    if text in _S_SPECIAL_FLOATS:
        return _S_SPECIAL_FLOATS[text]
    if _S_SEXAGESIMAL_FLOAT.match(text):
        return _safe_sexagesimal(text)
    return NotImplemented


def _offset(sign: str, hours: str, minutes: str | None) -> int:
    seconds = int(hours) * 3600 + int(minutes or 0) * 60
    return -seconds if sign == "-" else seconds


def _safe_offset(found: re.Match[str]) -> int | None:
    """The offset in seconds of a time ``_S_TIME`` matched; ``None`` when Time refuses it."""
    if found.group(8) or not found.group(9):
        return 0
    offset = _offset(found.group(9), found.group(10), found.group(11))
    if abs(offset) > 86400:
        return 0  # Date._parse: "invalid offset is ignored"
    if abs(offset) == 86400:
        return None  # a valid DateTime, but Time refuses the offset
    return offset


def _safe_time(found: re.Match[str], text: str) -> Any:
    """``DateTime.parse(text).to_time`` for a text ``_S_TIME`` matched."""
    year, month, day, hour, minute, second = (int(found.group(i)) for i in range(1, 7))
    micro = int((found.group(7) or "").ljust(6, "0")[:6])
    if year == 0:
        return year_zero_time(text, month, day)
    try:
        start = date(year, month, day)
    except ValueError:
        return text  # invalid date: ArgumentError, rescued by ToDate
    if hour > 24 or minute > 59 or second > 60 or (hour == 24 and (minute or second or micro)):
        return text
    second = min(second, 59)  # DateTime clamps a leap second
    offset = _safe_offset(found)
    if offset is None:
        return text
    zone = ZERO_OFFSET if offset == 0 else timezone(timedelta(seconds=offset))
    try:
        return datetime(start.year, start.month, start.day, 0, minute, second, micro, zone) + (
            timedelta(hours=hour)
        )
    except (ValueError, OverflowError):
        return text


def _safe_date(text: str) -> Any:
    found = _S_DATE.match(text)
    if found:
        return ruby_date(int(found.group(1)), int(found.group(2)), int(found.group(3)), text)
    found = _S_TIME.match(text)
    if found:
        return _safe_time(found, text)
    return NotImplemented


def safe_yaml_guess(text: str) -> Any:
    """``Transform.to_guessed_type``: SafeYAML's reading of a scalar it does not treat as
    quoted (plain, or carrying any tag but binary)."""
    value = _safe_integer(text)
    if value is NotImplemented:
        value = _safe_float(text)
    if value is not NotImplemented:
        return value
    if len(text) <= 4 and text.lower() in _S_NULLS:
        return None
    if len(text) <= 5 and text.lower() in _S_BOOLEANS:
        return _S_BOOLEANS[text.lower()]
    value = _safe_date(text)
    return text if value is NotImplemented else value
