"""Psych 4's reading of a scalar (``ScalarScanner#tokenize``), as Debian's Jekyll loads
front matter with ``Psych.safe_load``."""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from ..lazyre import lazy_compile
from .ruby import (
    ZERO_OFFSET,
    Lost,
    RubyDateText,
    ruby_date,
    ruby_float,
    ruby_integer,
    ruby_to_f,
    ruby_to_i,
    year_zero_time,
)

# Ruby's ^ and $ match at line breaks; texts with one take the first branch anyway.
_P_STRINGY = lazy_compile(r"^[^\d.:-]?(?:[^\W\d]|[_ \t\r\n\f\v!@#$%^&*(){}<>|/\\~;=])+", re.M)
_P_TIME = lazy_compile(
    r"-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?"
    r"(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?",
    re.ASCII,
)
_P_DATE = lazy_compile(r"\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)", re.ASCII)
_P_SEXAGESIMAL_INT = lazy_compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}")
_P_SEXAGESIMAL_FLOAT = lazy_compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*")
_P_FLOAT = lazy_compile(r"[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?")
_P_INTEGER = lazy_compile(
    r"[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)"
    r"|[-+]?0x[0-9a-fA-F_,]+"
)
_P_TIME_PARTS = lazy_compile(r"(\d+:\d+:\d+)(?:\.(\d*))?\s*(Z|[-+]\d+(:\d\d)?)?", re.ASCII)
_P_ZONE = lazy_compile(r"([+\-]?\d{1,2}):?(\d{1,2})?", re.ASCII)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _psych_short_word(text: str) -> Any:
    if re.search(r"^[^ytonf~]", text, re.M | re.I):
        return text
    if text == "~" or re.search(r"^null$", text, re.M | re.I):
        return None
    if re.search(r"^(yes|true|on)$", text, re.M | re.I):
        return True
    if re.search(r"^(no|false|off)$", text, re.M | re.I):
        return False
    return text


def _psych_in_range(month: int, day: int, hour: int, minute: int, second: int, micro: int) -> bool:
    """Whether Time takes these fields (a short month and a 60th second roll over)."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 24 and minute <= 59 and second <= 60):
        return False
    return not (hour == 24 and (minute or second or micro))


def _psych_zone(zone_text: str | None) -> timezone | None:
    """The zone of a time's ``Z`` or offset; ``None`` when Time refuses the offset."""
    if zone_text == "Z":
        return timezone.utc
    if zone_text is None:
        return ZERO_OFFSET  # Time.at: the build machine's zone (UTC where the table was made)
    hours, minutes = _P_ZONE.fullmatch(zone_text).groups()  # type: ignore[union-attr]
    offset = int(hours) * 3600
    offset += -(int(minutes or 0) * 60) if offset < 0 else int(minutes or 0) * 60
    if abs(offset) >= 86400:
        return None
    return ZERO_OFFSET if offset == 0 else timezone(timedelta(seconds=offset))


def _psych_early_time(text: str, year: int, month: int, day: int) -> RubyDateText:
    """A Time before year 1, which Python cannot hold: the text, marked as a Time."""
    before = year_zero_time(text, month, day) if year == 0 else text
    found_time = before if isinstance(before, RubyDateText) else RubyDateText(text)
    found_time.kind = "Time"
    found_time.rolled = found_time is not before
    return found_time


def psych_time(text: str) -> Any:
    """``ScalarScanner#parse_time`` (``Time.utc``/``Time.new`` roll over short months
    and a 60th second; ArgumentError gives the text back)."""
    parts = re.split(r"[ tT]", text, maxsplit=1)
    day_part = re.match(r"(-?\d{4})-(\d{1,2})-(\d{1,2})", parts[0], re.ASCII)
    found = _P_TIME_PARTS.search(parts[1]) if len(parts) > 1 else None
    if day_part is None or found is None:
        raise Lost("NoMethodError: undefined method `match' for nil:NilClass")
    year, month, day = (int(g) for g in day_part.groups())
    hour, minute, second = (int(g) for g in found.group(1).split(":"))
    micro = int((found.group(2) or "").ljust(6, "0")[:6])
    if not _psych_in_range(month, day, hour, minute, second, micro):
        return text
    zone = _psych_zone(found.group(3))
    if zone is None:
        return text
    if year < 1:  # Time.utc takes any year (and rolls a short month over); Python has none
        return _psych_early_time(text, year, month, day)
    extra_days = day - _month_days(year, month) if day > _month_days(year, month) else 0
    try:
        start = datetime(year, month, day - extra_days, 0, 0, 0, micro, zone)
        return start + timedelta(days=extra_days, hours=hour, minutes=minute, seconds=second)
    except (ValueError, OverflowError):
        return text


def _month_days(year: int, month: int) -> int:
    if month == 2 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 28
    return _DAYS[month - 1]


def psych_tokenize(text: str) -> Any:
    """``ScalarScanner#tokenize`` as ``Psych.safe_load`` runs it (no Symbol allowed)."""
    if not text:
        return None
    if _P_STRINGY.search(text) or "\n" in text:
        return text if len(text) > 5 else _psych_short_word(text)
    if _P_TIME.fullmatch(text):
        return psych_time(text)
    if _P_DATE.fullmatch(text):
        year, month, day = (int(part) for part in text.split("-"))
        return ruby_date(year, month, day, text)
    lowered = text.lower()
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    if lowered == ".nan":
        return math.nan
    if text.startswith(":") and len(text) > 1:
        raise Lost("Psych::DisallowedClass: Tried to load unspecified class: Symbol")
    return _psych_number(text)


def _psych_number(text: str) -> Any:
    """The number Psych reads in ``text`` (sexagesimal, float, integer), or the text."""
    if _P_SEXAGESIMAL_INT.fullmatch(text):
        return _psych_sexagesimal(text, ruby_to_i)
    if _P_SEXAGESIMAL_FLOAT.fullmatch(text):
        return _psych_sexagesimal(text, ruby_to_f)
    if _P_FLOAT.fullmatch(text):
        if re.fullmatch(r"[-+]?\.", text):
            return text
        return ruby_float(re.sub(r"[,_]|\.([Ee]|$)", r"\1", text))
    if _P_INTEGER.fullmatch(text):
        return ruby_integer(re.sub(r"[,_]", "", text))
    return text


def _psych_sexagesimal(text: str, number: Any) -> Any:
    total = 0
    for index, part in enumerate(text.split(":")):
        total += number(part) * 60 ** abs(index - 2)
    return total
