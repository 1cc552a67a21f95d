"""Outcomes of URLs kept in the cache folder, each for a time that depends on what it was
(see ``OnlineOptions.kept_for``): one JSON file, written whole and atomically."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Mapping

from .options import OnlineOptions
from .outcome import NOT_CHECKED, UrlOutcome

FILE_NAME = "online-urls.json"
VERSION = 1


def _key(kind: str, url: str) -> str:
    return f"{kind} {url}"


class UrlCache:
    """What the cache knows of URLs; :meth:`get` serves only outcomes still fresh."""

    def __init__(self, folder: str | None, options: OnlineOptions) -> None:
        self.path = None if folder is None else os.path.join(folder, FILE_NAME)
        self.options = options
        self._entries: dict[str, UrlOutcome] = {}
        self._changed = False
        if self.path is not None:
            self._entries = self._read(self.path)

    def _fresh(self, outcome: UrlOutcome, now: float) -> bool:
        if outcome.error in NOT_CHECKED:
            return False
        return 0 <= now - outcome.checked_at < self.options.kept_for(outcome.kind)

    def _read(self, path: str) -> dict[str, UrlOutcome]:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}  # none yet, or unreadable: checked again
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return {}
        entries = data.get("urls")
        found: dict[str, UrlOutcome] = {}
        now = time.time()
        for key, value in entries.items() if isinstance(entries, dict) else ():
            outcome = UrlOutcome.from_json(value)
            if outcome is not None and self._fresh(outcome, now):
                found[key] = outcome
        return found

    def get(self, kind: str, url: str) -> UrlOutcome | None:
        return self._entries.get(_key(kind, url))

    def put_all(self, kinds: Mapping[str, str], outcomes: Mapping[str, UrlOutcome]) -> None:
        now = time.time()
        for url, outcome in outcomes.items():
            if self._fresh(outcome, now):
                self._entries[_key(kinds[url], url)] = outcome
                self._changed = True

    def save(self) -> None:
        """Write the entries (a failure to write is not an error: the cache is an aid)."""
        if self.path is None or not self._changed:
            return
        folder = os.path.dirname(self.path)
        # another run may have saved since this one read the file: keep what it found
        # (for URLs this run did not check), else the last run to finish loses the rest
        entries = {**self._read(self.path), **self._entries}
        data = {
            "version": VERSION,
            "urls": {key: outcome.to_json() for key, outcome in sorted(entries.items())},
        }
        try:
            os.makedirs(folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".online-", dir=folder)
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, separators=(",", ":"))
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.remove(temporary)
