"""The settings of online checks (``online``, ``exclude-urls``, ``online-*`` keys and the
``--online*`` flags). Only the standard library: the configuration imports it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase

# The fields whose URLs are links (``[]`` is each item of a list); image URLs are found
# by the image rules wherever an ``images`` list is.
DEFAULT_LINK_FIELDS = ("webUrl", "ampWebUrl", "originalUrl", "related[].webUrl")

DAY = 24 * 3600.0
# The most requests in flight to one host that a user may ask for: more is impolite
MAX_HOST_LIMIT = 8
# Failures are kept for a shorter time than successes: a dead link may come back, and a
# timeout or a 5xx is often gone within the hour.
DEAD_MAX_AGE = DAY
TRANSIENT_MAX_AGE = 3600.0

_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", re.I)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": DAY, "w": 7 * DAY}


@dataclass(frozen=True)
class OnlineOptions:
    """How online checks run. ``enabled`` is off by default: no socket is opened."""

    enabled: bool = False
    links: tuple[str, ...] = DEFAULT_LINK_FIELDS
    exclude_urls: tuple[str, ...] = ()  # globs matched against the whole URL
    host_limit: int = 4  # requests in flight to one host
    total_limit: int = 32  # requests in flight in all
    timeout: float = 10.0  # seconds per request (connect, each read, and in all x2)
    deadline: float = 600.0  # seconds for every fetch of a run; what is left is not checked
    max_age: float = 7 * DAY  # how long a good answer is kept in the cache
    retries: int = 2  # more attempts after a 429 or 503
    max_retry_wait: float = 30.0  # the longest Retry-After honoured

    def excluded(self, url: str) -> bool:
        return any(fnmatchcase(url, pattern) for pattern in self.exclude_urls)

    def kept_for(self, kind: str) -> float:
        """Seconds an outcome of this kind (see ``UrlOutcome.kind``) stays in the cache."""
        if kind == "ok":
            return self.max_age
        if kind == "dead":
            return min(self.max_age, DEAD_MAX_AGE)
        return min(self.max_age, TRANSIENT_MAX_AGE)


def parse_duration(text: str | float | int) -> float:
    """``7d``, ``12h``, ``30m``, ``90s`` or a number of seconds -> seconds."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if text < 0:
            raise ValueError(f"a duration cannot be negative: {text}")
        return float(text)
    match = _DURATION.fullmatch(str(text))
    if match is None:
        raise ValueError(f"{text!r} is not a duration such as 7d, 12h, 30m or 90s")
    return float(match.group(1)) * _UNIT[match.group(2).lower()]


def _positive(key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"'{key}' must be a positive number, got {value!r}")
    return float(value)


def _strings(key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"'{key}' must be a list of strings, got {value!r}")
    return tuple(value)


CONFIG_KEYS = (
    "online",
    "exclude-urls",
    "online-links",
    "online-host-limit",
    "online-timeout",
    "online-deadline",
    "online-max-age",
)


def from_section(section: dict[str, object], base: OnlineOptions) -> OnlineOptions:
    """The options a configuration table sets; ``ValueError`` names the bad key."""
    changes: dict[str, object] = {}
    if "online" in section:
        if not isinstance(section["online"], bool):
            raise ValueError(f"'online' must be true or false, got {section['online']!r}")
        changes["enabled"] = section["online"]
    if "exclude-urls" in section:
        changes["exclude_urls"] = _strings("exclude-urls", section["exclude-urls"])
    if "online-links" in section:
        changes["links"] = _strings("online-links", section["online-links"])
    if "online-host-limit" in section:
        value = section["online-host-limit"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_HOST_LIMIT:
            raise ValueError(
                f"'online-host-limit' must be an integer from 1 to {MAX_HOST_LIMIT}, got {value!r}"
            )
        changes["host_limit"] = value
    for key, name in (("online-timeout", "timeout"), ("online-deadline", "deadline")):
        if key in section:
            changes[name] = _positive(key, section[key])
    if "online-max-age" in section:
        try:
            changes["max_age"] = parse_duration(section["online-max-age"])  # type: ignore[arg-type]
        except ValueError as error:
            raise ValueError(f"'online-max-age': {error}") from None
    return replace(base, **changes) if changes else base  # type: ignore[arg-type]


def host_limit(text: str) -> int:
    """``--online-host-limit``: an integer from 1 to :data:`MAX_HOST_LIMIT`."""
    value = int(text)
    if not 0 < value <= MAX_HOST_LIMIT:
        raise ValueError(f"must be from 1 to {MAX_HOST_LIMIT}")
    return value


def seconds(text: str) -> float:
    """``--online-timeout`` and ``--online-deadline``: a positive number of seconds."""
    value = float(text)
    if not value > 0:
        raise ValueError("must be positive")
    return value
