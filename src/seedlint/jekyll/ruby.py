"""Ruby's values as Python holds them, and Ruby's own parsing of numbers and dates, which
both loaders call (:mod:`.safe_yaml` and :mod:`.psych`).

Ruby values map to Python: String -> ``str``, Integer -> ``int``, Float -> ``float``,
nil/true/false -> ``None``/``bool``, Date -> ``datetime.date``, Time -> an aware
``datetime.datetime`` (a Psych ``Time.utc`` has ``tzinfo is timezone.utc``; other
offsets, zero included, are fixed offsets), Symbol -> :class:`RubySymbol`.
When the loader raises, Jekyll logs "could not read file" and keeps the record without
its front matter: the model raises :class:`Lost`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta, timezone
from typing import Any

from ..lazyre import lazy_compile

# A Time with a zero offset that is not Ruby's UTC time (``Time#utc?`` is false).
ZERO_OFFSET = timezone(timedelta(0), "+00:00")


class RubySymbol(str):
    """A Ruby Symbol (``:foo``): only Psych makes them, and Debian's Jekyll refuses them."""

    def __repr__(self) -> str:
        return ":" + str.__str__(self)


class RubyDateText(str):
    """A Ruby Date or Time whose year Python's ``datetime`` lacks (``0000-01-01``): its
    text, and ``kind`` ("Date" or "Time")."""

    kind = "Date"
    rolled = False  # the text is not the day Ruby holds (a negative year, a day rolled over)


class Lost(Exception):
    """The loader raises: Jekyll logs "could not read file" and the record keeps no
    front matter. ``reason`` is what Ruby says."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_RUBY_FLOAT = lazy_compile(
    r"[ \t\n\v\f\r]*[-+]?(?:[0-9]+(?:_[0-9]+)*)?(?:\.[0-9]+(?:_[0-9]+)*)?"
    r"(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?[ \t\n\v\f\r]*",
    re.ASCII,
)


def ruby_float(text: str) -> float:
    """``Float(text)``; raises :class:`Lost` where Ruby raises ArgumentError."""
    body = text.strip(" \t\n\v\f\r")
    mantissa = body.lstrip("+-").split("e")[0].split("E")[0]
    if not _RUBY_FLOAT.fullmatch(text) or not any(c.isdigit() for c in mantissa):
        raise Lost(f'ArgumentError: invalid value for Float(): "{text}"')
    return float(body.replace("_", ""))


def ruby_integer(text: str) -> int:
    """``Integer(text)`` for the underscore-free texts the loaders pass it."""
    body = text.strip(" \t\n\v\f\r")
    sign = -1 if body.startswith("-") else 1
    digits = body.lstrip("+-") if body[:1] in "+-" else body
    base = 10
    if digits[:2].lower() in ("0b", "0o", "0x", "0d"):
        base = {"b": 2, "o": 8, "x": 16, "d": 10}[digits[1].lower()]
        digits = digits[2:]
    elif digits.startswith("0") and len(digits) > 1:
        base, digits = 8, digits[1:]
    try:
        if not digits or not all(c.isascii() and c.isalnum() for c in digits):
            raise ValueError
        return sign * int(digits, base)
    except ValueError:
        raise Lost(f'ArgumentError: invalid value for Integer(): "{text}"') from None


def ruby_to_i(text: str) -> int:
    """``String#to_i``: the leading integer, 0 when there is none."""
    found = re.match(r"[ \t]*([-+]?[0-9]+(?:_[0-9]+)*)", text)
    return int(found.group(1).replace("_", "")) if found else 0


def ruby_to_f(text: str) -> float:
    found = re.match(r"[ \t]*([-+]?[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?)", text)
    return float(found.group(1).replace("_", "")) if found else 0.0


def ruby_date(year: int, month: int, day: int, text: str) -> Any:
    """A valid (proleptic Gregorian) date, as Ruby's Date; the text when there is none."""
    if year == 0:  # a leap year, as 2000
        try:
            date(2000, month, day)
        except ValueError:
            return text
        return RubyDateText(f"0000-{month:02d}-{day:02d}")
    try:
        return date(year, month, day)
    except ValueError:
        return text


def year_zero_time(text: str, month: int, day: int) -> Any:
    """A Time in the year 0, which Python cannot hold: its text marked as a Time (the
    bare text when there is no such day)."""
    found = ruby_date(0, month, day, text)
    if isinstance(found, RubyDateText):
        found = RubyDateText(text)
        found.kind = "Time"
    return found
