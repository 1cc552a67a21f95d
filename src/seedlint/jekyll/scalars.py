"""seedlint's model of the consumer: what Jekyll reads from a record's front matter.

Every statement seedlint makes about what Jekyll reads comes from here. The model is
built from the consumer's code and checked against it (``tests/data/jekyll``, made by
running the real Jekyll), not from the YAML 1.1 specification:

- ``"safe_yaml"`` (the default): upstream Jekyll and GitHub Pages, which load front
  matter with SafeYAML 1.0.5 (its ``PsychHandler``: events, streamed; a scalar's type is
  guessed by ``Transform::To*`` even when it carries a standard tag).
- ``"psych"``: Debian's packaged Jekyll 4.3.1, which loads it with ``Psych.safe_load``
  (Psych 4, ``permitted_classes: [Date, Time]``, aliases allowed).

This module reads one scalar node as either loader does, by its tag, and compares and
describes readings; each loader's guess of a plain scalar's type is in :mod:`.safe_yaml`
and :mod:`.psych`, Ruby's values and number parsing in :mod:`.ruby`.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, Literal

from ..lazyre import lazy_compile
from .psych import psych_tokenize
from .ruby import Lost, RubyDateText, RubySymbol, ruby_float
from .safe_yaml import safe_yaml_guess

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


def other(flavour: Flavour) -> Flavour:
    return "psych" if flavour == "safe_yaml" else "safe_yaml"


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
