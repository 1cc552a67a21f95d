"""A plain scalar as every reader reads it: YAML 1.2 tools (the schema's view) and the two
Jekyll loaders; and the JSON value the schema and rules judge.

The parser calls :func:`plain_readings` for every plain scalar that is not obviously text
(:func:`.scalars.obviously_text`), so it is cached: real records repeat their numbers,
dates and words.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from .ruby import Lost
from .scalars import Flavour, _plain, same

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_INF = frozenset((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"))
_NEG_INF = frozenset(("-.inf", "-.Inf", "-.INF"))
_NAN = frozenset((".nan", ".NaN", ".NAN"))


def resolve_plain(text: str) -> Any:
    """A plain scalar as YAML 1.2 tools read it (the core schema; timestamps are text)."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return text
    if first.isdigit() or first in "+-.":
        return _yaml12_number(text)
    return text


def _yaml12_number(text: str) -> Any:
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts: keep the text
            return text
    for prefix, base in (("0o", 8), ("0x", 16)):
        if text.startswith(prefix) and len(text) > 2:
            try:
                return int(text[2:], base)
            except ValueError:
                return text
    if _FLOAT.fullmatch(text):
        return float(text)
    if text in _INF:
        return math.inf
    if text in _NEG_INF:
        return -math.inf
    if text in _NAN:
        return math.nan
    return text


class Divergence(NamedTuple):
    """A scalar that YAML 1.2 tools and Jekyll do not read alike. ``jekyll`` is the
    reading of the configured loader, ``other`` the other loader's; either may be a
    :class:`~.ruby.Lost` (that loader cannot read the front matter at all)."""

    text: str
    yaml12: Any
    jekyll: Any
    other: Any


class PlainReadings(NamedTuple):
    yaml12: Any
    safe_yaml: Any
    psych: Any
    agree: bool  # all three are the same value


@lru_cache(maxsize=8192)
def plain_readings(text: str) -> PlainReadings:
    """``text`` as YAML 1.2 and as both loaders read it (a ``Lost`` where one raises)."""
    yaml12 = resolve_plain(text) if text else None
    safe, psych = _plain(text, "safe_yaml"), _plain(text, "psych")
    agree = not isinstance(safe, Lost) and same(yaml12, safe) and same(safe, psych)
    return PlainReadings(yaml12, safe, psych, agree)


def pick(readings: PlainReadings, flavour: Flavour) -> tuple[Any, Any]:
    """(the configured loader's reading, the other loader's)."""
    if flavour == "safe_yaml":
        return readings.safe_yaml, readings.psych
    return readings.psych, readings.safe_yaml


def as_json(value: Any, text: str) -> Any:
    """The value the schema judges: a Date or Time as the text it was written as (JSON
    has neither; a date-time field checks that text), a Symbol as its text."""
    if isinstance(value, (date, bytes)):
        return text
    if isinstance(value, str) and value.__class__ is not str:
        return text
    return value
