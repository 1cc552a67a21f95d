"""seedlint's model of the consumer: what Jekyll reads from a record's front matter.

Every statement seedlint makes about what Jekyll reads comes from here. The model is
built from the consumer's code and checked against it (``tests/data/jekyll``, made by
running the real Jekyll), not from the YAML 1.1 specification:

- ``"safe_yaml"`` (the default): upstream Jekyll and GitHub Pages, which load front
  matter with SafeYAML 1.0.5 (its ``PsychHandler``: events, streamed; a scalar's type is
  guessed by ``Transform::To*`` even when it carries a standard tag).
- ``"psych"``: Debian's packaged Jekyll 4.3.1, which loads it with ``Psych.safe_load``
  (Psych 4, ``permitted_classes: [Date, Time]``, aliases allowed).

Ruby values map to Python: String -> ``str``, Integer -> ``int``, Float -> ``float``,
nil/true/false -> ``None``/``bool``, Date -> ``datetime.date``, Time -> an aware
``datetime.datetime`` (a Psych ``Time.utc`` has ``tzinfo is timezone.utc``; other
offsets, zero included, are fixed offsets), Symbol -> :class:`RubySymbol`.
When the loader raises, Jekyll logs "could not read file" and keeps the record without
its front matter: the model raises :class:`Lost`.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Literal

from ..lazyre import lazy_compile

Flavour = Literal["safe_yaml", "psych"]
FLAVOURS: tuple[Flavour, Flavour] = ("safe_yaml", "psych")
DEFAULT_FLAVOUR: Flavour = "safe_yaml"
FLAVOUR_NAMES: dict[str, str] = {
    "safe_yaml": "Jekyll (upstream, SafeYAML)",
    "psych": "Debian's Jekyll (Psych)",
}
SHORT_NAMES: dict[str, str] = {"safe_yaml": "upstream Jekyll", "psych": "Debian's Jekyll"}

STR_TAG = "tag:yaml.org,2002:str"
_BINARY_TAGS = frozenset(("tag:yaml.org,2002:binary", "x-private:binary", "!binary"))
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


def other(flavour: Flavour) -> Flavour:
    return "psych" if flavour == "safe_yaml" else "safe_yaml"


# --- Ruby's own number parsing -----------------------------------------------------------

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


def _ruby_to_i(text: str) -> int:
    """``String#to_i``: the leading integer, 0 when there is none."""
    found = re.match(r"[ \t]*([-+]?[0-9]+(?:_[0-9]+)*)", text)
    return int(found.group(1).replace("_", "")) if found else 0


def _ruby_to_f(text: str) -> float:
    found = re.match(r"[ \t]*([-+]?[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?)", text)
    return float(found.group(1).replace("_", "")) if found else 0.0


# --- SafeYAML 1.0.5: Transform.to_guessed_type -------------------------------------------
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


def _date(year: int, month: int, day: int, text: str) -> Any:
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


def _year_zero_time(text: str, month: int, day: int) -> Any:
    found = _date(0, month, day, text)
    if isinstance(found, RubyDateText):
        found = RubyDateText(text)
        found.kind = "Time"
    return found


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
        return _year_zero_time(text, month, day)
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
        return _date(int(found.group(1)), int(found.group(2)), int(found.group(3)), text)
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


# --- Psych 4: ScalarScanner#tokenize ------------------------------------------------------
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
    before = _year_zero_time(text, month, day) if year == 0 else text
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
        return _date(year, month, day, text)
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
        return _psych_sexagesimal(text, _ruby_to_i)
    if _P_SEXAGESIMAL_FLOAT.fullmatch(text):
        return _psych_sexagesimal(text, _ruby_to_f)
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


# --- scalars ------------------------------------------------------------------------------

# Plain scalars that cannot read as anything but text, in YAML 1.2 and in both loaders:
# every other reading starts with one of these, or is one of these words in some case.
# (The parser inlines this test: it runs on every plain scalar and key.)
NOT_TEXT_STARTS = frozenset("0123456789+-.:~_,<")
SPECIAL_WORDS = frozenset(("yes", "no", "on", "off", "true", "false", "null"))


def obviously_text(text: str) -> bool:
    """A cheap test for most plain scalars: true when every reader reads the text."""
    return (
        bool(text)
        and text[0] not in NOT_TEXT_STARTS
        and (len(text) > 5 or text.lower() not in SPECIAL_WORDS)
    )


@lru_cache(maxsize=4096)
def _plain(text: str, flavour: Flavour) -> Any:
    try:
        return safe_yaml_guess(text) if flavour == "safe_yaml" else psych_tokenize(text)
    except Lost as lost:
        return lost


def plain(text: str, flavour: Flavour) -> Any:
    """What the loader makes of an untagged plain scalar; raises :class:`Lost`."""
    value = _plain(text, flavour)
    if isinstance(value, Lost):
        raise Lost(value.reason)
    return value


def scalar(value: str, style: str | None, tag: str | None, flavour: Flavour) -> Any:
    """What the loader makes of any scalar node. ``style`` is ruamel's (``None`` or ``""``
    for plain), ``tag`` the resolved tag or ``None`` when there is none (``!`` counts as
    none: libyaml reports such a scalar as plain-implicit)."""
    if tag is None:
        return plain(value, flavour) if not style else value
    if flavour == "safe_yaml":
        if tag in _BINARY_TAGS:
            return _decode_base64(value)
        return safe_yaml_guess(value)
    return _psych_tagged(value, tag)


def _decode_base64(value: str) -> str | bytes:
    """``!!binary``: the decoded text, or the bytes when they are not UTF-8 text."""
    try:
        raw = base64.b64decode("".join(value.split()) + "==", validate=False)
    except (binascii.Error, ValueError):
        raw = b""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def is_date(value: Any) -> bool:
    """A Ruby Date or Time (of any year)."""
    return isinstance(value, (date, RubyDateText))


_PSYCH_REFUSED_SCALAR = lazy_compile(
    r"^!(?:str|ruby/string):.+$|^!ruby/(?:object:(?:BigDecimal|DateTime|Complex|Rational)"
    r"|class|module|regexp|range|sym(?:bol)?:?.*)$"
)


def _psych_tagged(value: str, tag: str) -> Any:
    """``ToRuby#deserialize`` for a tagged scalar under ``Psych.safe_load``."""
    if tag in ("!binary", "tag:yaml.org,2002:binary"):
        return _decode_base64(value)
    if tag in (STR_TAG, "!str", "!ruby/string"):
        return value
    if _PSYCH_REFUSED_SCALAR.match(tag):
        name = "Symbol" if "sym" in tag else tag.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
        raise Lost(f"Psych::DisallowedClass: Tried to load unspecified class: {name}")
    if tag in ("tag:yaml.org,2002:float", "!float"):
        token = psych_tokenize(value)
        if isinstance(token, bool) or token is None:
            raise Lost(f"TypeError: can't convert {token!r} into Float")
        if isinstance(token, (int, float)):
            return float(token)
        if isinstance(token, str):
            return ruby_float(token)
        raise Lost(f"TypeError: can't convert {type(token).__name__} into Float")
    return psych_tokenize(value)


def alias_value(value: Any, flavour: Flavour) -> Any:
    """An alias's value: SafeYAML guesses the type of an anchored text again."""
    if flavour == "safe_yaml" and value.__class__ is str:
        return safe_yaml_guess(value)
    return value


# --- comparing and describing readings ----------------------------------------------------


def same(first: Any, second: Any) -> bool:
    """Whether two readings are the same Ruby value: same class, same value; a Time
    also keeps its offset and whether it is UTC (they show on the page)."""
    if first.__class__ is not second.__class__:
        return False
    if isinstance(first, float) and math.isnan(first):
        return math.isnan(second)
    if isinstance(first, datetime):
        return (
            first == second
            and first.utcoffset() == second.utcoffset()
            and (first.tzinfo is timezone.utc) == (second.tzinfo is timezone.utc)
        )
    if isinstance(first, dict):
        return list(first) == list(second) and all(same(first[key], second[key]) for key in first)
    if isinstance(first, list):
        return len(first) == len(second) and all(map(same, first, second))
    return bool(first == second)


def describe(value: Any) -> str:
    """A reading in words: ``true``, ``the number 80.0``, ``the text 'yes'``, ``the date
    2020-02-22``, ``nil (no value)``."""
    if value is None:
        return "nil (no value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {_number(value)}"
    if isinstance(value, RubySymbol):
        return f"the Ruby symbol {value!r}"
    if isinstance(value, RubyDateText):
        if value.rolled:
            return f"a {value.kind.lower()} before the year 1"
        return f"the {value.kind.lower()} {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, datetime):
        return f"the time {value.isoformat()}" + (" UTC" if value.tzinfo is timezone.utc else "")
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, bytes):
        return "bytes that are not UTF-8 text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _number(value: int | float) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
    return repr(value)


def spelling(value: Any) -> str | None:
    """A plain YAML spelling of a boolean, nil or number that YAML 1.2 and both loaders
    read as exactly ``value``; ``None`` when there is none."""
    if value is None:
        candidate = "null"
    elif isinstance(value, bool):
        candidate = "true" if value else "false"
    elif isinstance(value, int):
        candidate = str(value)
    elif isinstance(value, float) and math.isfinite(value):
        candidate = repr(value)
        if "e" in candidate or "." not in candidate:
            return None
    else:
        return None
    return candidate if agreed(candidate, value) else None


def agreed(text: str, value: Any) -> bool:
    """Whether the plain scalar ``text`` reads as ``value`` in both loaders."""
    return all(
        not isinstance(_plain(text, flavour), Lost) and same(_plain(text, flavour), value)
        for flavour in FLAVOURS
    )


_PSYCH_REFUSED_MAPPING = lazy_compile(
    r"^(?:!ruby/(?:struct|object|exception|array:|range|marshalable|hash:)|!map:"
    r"|!set$|tag:yaml\.org,2002:set$|!omap$|tag:yaml\.org,2002:omap$)"
)


def collection_tag_refused(tag: str, mapping: bool) -> Lost | None:
    """Why ``Psych.safe_load`` refuses a mapping (or list) with this tag (SafeYAML ignores
    every tag on a collection); ``None`` when it builds a Hash or Array."""
    if mapping:
        refused = _PSYCH_REFUSED_MAPPING.match(tag)
    else:
        refused = re.match(r"^!(?:seq|ruby/array):", tag)
    if mapping and (tag == STR_TAG or re.match(r"^!(?:str|ruby/string)(?::.*)?$", tag)):
        return Lost("FrozenError: can't modify frozen NilClass: nil")
    if refused:
        name = "Psych::Set" if "set" in tag else tag.rsplit(":", 1)[-1]
        return Lost(f"Psych::DisallowedClass: Tried to load unspecified class: {name}")
    return None
