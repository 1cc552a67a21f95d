"""seedlint's own JSON Schema formats, registered in jsonschema-rs.

Each check is one plain function from a string to a verdict; the rules use the same
functions, so a rule and the schema never disagree about a URL, a date or a host.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# Browsers accept an unencoded space or other printable character in the path and query
# (864 real records have one), but never in the host, and never without http(s)://.
_HTTP_URL = re.compile(
    r"""
    [Hh][Tt][Tt][Pp][Ss]?://
    (?:[^\s/?#@\[\]]*@)?                     # userinfo
    (?P<host>\[[0-9A-Fa-f:.]+\]|[^\s/?#:@\[\]\\]+)
    (?::[0-9]{0,5})?                         # port
    (?:[/?#][^\x00-\x1f\x7f]*)?              # path, query, fragment
    """,
    re.VERBOSE,
)
_LABEL = re.compile(r"(?!-)[\w-]{1,63}", re.UNICODE)
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_UTC_DATE_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z")
# Records repeat the same values (related entries are shared from record to record, 400k
# URLs in the corpus are 10k distinct ones), and both the schema engine and the rules ask
# about each: verdicts are remembered for this many distinct values.
VERDICT_CACHE_SIZE = 8192


def is_domain_name(value: str) -> bool:
    """A DNS host name such as ``news.example.com`` (IDN labels allowed, no scheme or path)."""
    if not isinstance(value, str):
        return True  # formats only constrain strings (and a list cannot key the cache)
    return _is_domain_name(value)


@lru_cache(maxsize=VERDICT_CACHE_SIZE)
def _is_domain_name(value: str) -> bool:
    if not value or len(value) > 253:
        return False
    labels = value[:-1].split(".") if value.endswith(".") else value.split(".")
    return all(_LABEL.fullmatch(label) for label in labels)


def _is_host(host: str) -> bool:
    if host.startswith("["):
        return True  # IPv6 literal, already restricted by the pattern
    if _IPV4.fullmatch(host):
        return all(int(part) <= 255 for part in host.split("."))
    return is_domain_name(host)


def is_http_url(value: str) -> bool:
    """An absolute http(s) URL with a valid host, as a browser accepts it.

    Spaces and other printable characters are allowed after the host (the rule SL206
    warns about them); leading and trailing spaces are tolerated like browsers do.
    """
    if not isinstance(value, str):
        return True  # formats only constrain strings
    return _is_http_url(value)


@lru_cache(maxsize=VERDICT_CACHE_SIZE)
def _is_http_url(value: str) -> bool:
    match = _HTTP_URL.fullmatch(value.strip(" "))
    return match is not None and _is_host(match.group("host"))


def is_utc_date_time(value: str) -> bool:
    """An RFC 3339 timestamp in UTC, ``YYYY-MM-DDTHH:MM:SSZ``, that exists on the calendar."""
    if not isinstance(value, str):
        return True
    return _is_utc_date_time(value)


@lru_cache(maxsize=VERDICT_CACHE_SIZE)
def _is_utc_date_time(value: str) -> bool:
    match = _UTC_DATE_TIME.fullmatch(value)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(g) for g in match.groups())
    if not 1 <= month <= 12 or hour > 23 or minute > 59 or second > 60:
        return False
    import calendar  # on first use: it costs a few ms to import, which a cached run saves

    return 1 <= day <= calendar.monthrange(year, month)[1]


FORMATS: dict[str, Callable[[str], bool]] = {
    "http-url": is_http_url,
    "utc-date-time": is_utc_date_time,
    "domain-name": is_domain_name,
}

# What a contributor is told when a value fails a format: every format jsonschema-rs
# asserts (the README's format table says what each checks), and seedlint's own.
FORMAT_EXPECTATIONS: dict[str, str] = {
    "http-url": "an absolute http(s) URL",
    "utc-date-time": "a UTC timestamp written YYYY-MM-DDTHH:MM:SSZ that exists on the calendar",
    "domain-name": "a host name such as example.com (no scheme, path or spaces)",
    "date-time": "an RFC 3339 date-time such as 2021-09-20T16:44:00Z",
    "date": "a date written YYYY-MM-DD",
    "time": "an RFC 3339 time such as 16:44:00Z",
    "duration": "an ISO 8601 duration such as P3DT4H",
    "email": "an e-mail address",
    "idn-email": "an e-mail address",
    "hostname": "a host name",
    "idn-hostname": "a host name",
    "ipv4": "an IPv4 address such as 192.0.2.1",
    "ipv6": "an IPv6 address such as 2001:db8::1",
    "uri": "an absolute URI",
    "uri-reference": "a URI reference",
    "iri": "an absolute IRI",
    "iri-reference": "an IRI reference",
    "uri-template": "a URI template (RFC 6570)",
    "json-pointer": "a JSON pointer such as /a/0",
    "relative-json-pointer": "a relative JSON pointer such as 1/a",
    "regex": "a regular expression (ECMA-262)",
    "uuid": "a UUID such as 123e4567-e89b-12d3-a456-426614174000",
}
