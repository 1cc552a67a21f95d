"""What fetching one URL found: a plain record the cache keeps and the rules read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

# Errors that say the address is gone, as a 404 or 410 does
DEAD_STATUSES = frozenset({404, 410})
DEAD_ERRORS = frozenset({"dns", "refused"})
TIMEOUT_ERRORS = frozenset({"timeout", "deadline", "skipped"})
# Outcomes of URLs that were not checked: never cached
NOT_CHECKED = frozenset({"deadline", "skipped"})
PERMANENT_REDIRECTS = frozenset({301, 308})


@dataclass(frozen=True)
class UrlOutcome:
    """The answer for one URL. ``error`` is set when no final HTTP answer came: ``dns``,
    ``refused``, ``timeout``, ``deadline`` (the run's deadline passed first), ``skipped``
    (its host did not answer the requests before), ``tls``,
    ``redirects`` (too many), ``protocol`` or ``network``."""

    url: str
    status: int | None = None  # of the final answer, after redirects
    error: str | None = None
    detail: str = ""  # the error's or status' wording, for messages
    final_url: str | None = None  # where redirects led, when they did
    redirect_status: int | None = None  # the first redirect's status
    content_type: str | None = None
    width: int | None = None  # an image's real size, when its header was read
    height: int | None = None
    image_read: bool = False  # the body was read as an image
    bytes_read: int = 0  # body bytes received
    requests: int = 0  # HTTP requests made (retries and fallbacks included)
    checked_at: float = 0.0  # time.time() of the check

    @property
    def kind(self) -> str:
        """``ok``, ``dead`` (404, 410, no such host, connection refused), ``timeout``,
        ``limited`` (429 or 503 after every retry) or ``failed`` (any other failure)."""
        if self.error in TIMEOUT_ERRORS:
            return "timeout"
        if self.error in DEAD_ERRORS or self.status in DEAD_STATUSES:
            return "dead"
        if self.status in (429, 503):
            return "limited"
        if self.error is not None or self.status is None or self.status >= 400:
            return "failed"
        return "ok"

    @property
    def moved_permanently(self) -> bool:
        return (
            self.redirect_status in PERMANENT_REDIRECTS
            and self.final_url is not None
            and self.kind == "ok"
        )

    @property
    def size(self) -> tuple[int, int] | None:
        if self.width is None or self.height is None:
            return None
        return self.width, self.height

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> UrlOutcome | None:
        """An outcome read back from the cache; ``None`` when the entry is not one."""
        if not isinstance(data, dict):
            return None
        names = {f.name for f in fields(cls)}
        if set(data) != names or not isinstance(data.get("url"), str):
            return None
        try:
            return cls(**data)
        except TypeError:
            return None

    def describe(self) -> str:
        """What went wrong, in words: ``HTTP 404 Not Found``, ``no such host``..."""
        if self.error is not None:
            return self.detail or self.error
        said = f"HTTP {self.status}" + (f" {self.detail}" if self.detail else "")
        return said if self.final_url is None else f"{said} at {self.final_url}"
