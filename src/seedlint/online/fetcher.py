"""Fetch many URLs once each, politely: bounded concurrency in all and per host, timeouts,
a deadline for the whole run, and ``Retry-After`` honoured on 429 and 503.

One ``httpx.AsyncClient`` serves the run: connections are reused, redirects followed,
cookies refused, and every request says who sends it (:data:`USER_AGENT`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .._version import __version__
from .options import OnlineOptions
from .outcome import UrlOutcome
from .urls import IMAGE

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"seedlint/{__version__} (+https://pypi.org/project/seedlint/)"
MAX_REDIRECTS = 10
# A host whose requests time out this many times in a row, with no answer between, is
# given up for the run: its other URLs are not checked (reported as timeouts). Otherwise a
# host that never answers holds the run for (its URLs / host limit) x the timeout.
HOST_TIMEOUTS = 4
# Without Retry-After, a 429 or 503 is retried after 1 s, then 2 s...
DEFAULT_RETRY_WAIT = 1.0

OnDone = Callable[[UrlOutcome], None]


class _NoCookies(DefaultCookiePolicy):
    """Keep no cookie and send none: every request is a first visit."""

    def set_ok(self, cookie: Any, request: Any) -> bool:
        return False

    def return_ok(self, cookie: Any, request: Any) -> bool:
        return False


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now)


def _no_such_host() -> frozenset[int]:
    import socket

    names = ("EAI_NONAME", "EAI_NODATA", "EAI_ADDRFAMILY")
    return frozenset(getattr(socket, name) for name in names if hasattr(socket, name))


_NO_SUCH_HOST = _no_such_host()


def _cause_chain(error: BaseException) -> list[BaseException]:
    """``error`` and what caused it, outermost first (at most ten)."""
    chain: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(chain) < 10:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    return chain


def _lookup_error(lookup: OSError) -> tuple[str, str]:
    if lookup.errno in _NO_SUCH_HOST:
        return "dns", "no such host (the DNS lookup failed)"
    # EAI_AGAIN and the like: no DNS answer at all (often no network), not "gone"
    return "network", f"the DNS lookup failed: {lookup.strerror or lookup}"


def error_of(error: BaseException) -> tuple[str, str]:
    """``(error, detail)`` of a failed request (see ``UrlOutcome.error``)."""
    import socket
    import ssl

    import httpx

    chain = _cause_chain(error)
    text = " ".join(str(e) for e in chain)
    if isinstance(error, (httpx.TimeoutException, asyncio.TimeoutError, TimeoutError)):
        return "timeout", "no answer in time"
    if isinstance(error, httpx.TooManyRedirects):
        return "redirects", f"more than {MAX_REDIRECTS} redirects"
    lookup = next((e for e in chain if isinstance(e, socket.gaierror)), None)
    if lookup is not None:
        return _lookup_error(lookup)
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in text.lower():
        return "refused", "the connection was refused"
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return "tls", f"TLS error: {error}"
    if isinstance(error, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return "invalid", f"cannot be fetched: {error}"
    if isinstance(error, httpx.ProtocolError):
        return "protocol", f"the server broke the HTTP protocol: {error}"
    return "network", f"{type(error).__name__}: {error}"


class Fetcher:
    """Checks URLs; :meth:`run` returns every URL's outcome."""

    def __init__(
        self,
        options: OnlineOptions,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        on_done: OnDone | None = None,
    ) -> None:
        self.options = options
        self.transport = transport
        self.on_done = on_done
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._timeouts: dict[str, int] = {}  # host -> requests timed out in a row

    def _client(self) -> httpx.AsyncClient:
        import httpx

        options = self.options
        limits = httpx.Limits(
            max_connections=options.total_limit, max_keepalive_connections=options.total_limit
        )
        return httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
            cookies=CookieJar(policy=_NoCookies()),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            timeout=httpx.Timeout(options.timeout),
            limits=limits,
            transport=self.transport,
        )

    def _host(self, host: str) -> asyncio.Semaphore:
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.options.host_limit)
        return self._hosts[host]

    async def run(self, wanted: Mapping[str, str]) -> dict[str, UrlOutcome]:
        """``wanted``: URL -> ``image`` or ``link``."""
        found: dict[str, UrlOutcome] = {}
        if not wanted:
            return found
        self._all = asyncio.Semaphore(self.options.total_limit)
        self._deadline = time.monotonic() + self.options.deadline
        async with self._client() as client:
            tasks = {
                asyncio.ensure_future(self._check(client, url, kind)): url
                for url, kind in wanted.items()
            }
            done, pending = await asyncio.wait(tasks, timeout=self.options.deadline)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending)
            for task, url in tasks.items():
                if task in done and not task.cancelled() and task.exception() is None:
                    found[url] = task.result()
                else:
                    found[url] = self._not_checked(url, task)
        return found

    def _not_checked(self, url: str, task: asyncio.Future[UrlOutcome]) -> UrlOutcome:
        if task.cancelled():
            detail = f"not checked: the run's online deadline of {self.options.deadline:g} s passed"
            outcome = UrlOutcome(url, error="deadline", detail=detail, checked_at=time.time())
        else:
            error = task.exception()
            assert error is not None
            outcome = UrlOutcome(url, error="network", detail=f"{type(error).__name__}: {error}")
        self._done(outcome)
        return outcome

    def _done(self, outcome: UrlOutcome) -> None:
        if self.on_done is not None:
            self.on_done(outcome)

    async def _check(self, client: httpx.AsyncClient, url: str, kind: str) -> UrlOutcome:
        """One URL, with its retries."""
        requests = 0
        attempt = 0
        while True:
            outcome, limited, wait = await self._attempt(client, url, kind)
            requests += outcome.requests
            if not limited or attempt >= self.options.retries:
                break
            if wait is None:
                wait = DEFAULT_RETRY_WAIT * 2**attempt
            wait = min(wait, self.options.max_retry_wait)
            if time.monotonic() + wait >= self._deadline:
                break
            await asyncio.sleep(wait)
            attempt += 1
        from dataclasses import replace

        outcome = replace(outcome, requests=requests, checked_at=time.time())
        self._done(outcome)
        return outcome

    async def _attempt(
        self, client: httpx.AsyncClient, url: str, kind: str
    ) -> tuple[UrlOutcome, bool, float | None]:
        """One try: the outcome, whether the server asked to come back later (429, 503),
        and when (its ``Retry-After``, if any)."""
        from .images import probe_image
        from .links import probe_link

        probe = probe_image if kind == IMAGE else probe_link
        host = _host_of(url)
        # the host's turn first: a task waiting for a busy host holds no slot that a
        # request to another host could use
        async with self._host(host), self._all:
            if self._timeouts.get(host, 0) >= HOST_TIMEOUTS:
                detail = f"not checked: its host did not answer {HOST_TIMEOUTS} requests in a row"
                return UrlOutcome(url, error="skipped", detail=detail), False, None
            try:
                # a server that trickles bytes resets each read timeout: a cap in all
                outcome, response = await asyncio.wait_for(
                    probe(client, url), timeout=2 * self.options.timeout
                )
            except Exception as error:  # noqa: BLE001 - every failure is an outcome
                name, detail = error_of(error)
                if name == "timeout":
                    self._timeouts[host] = self._timeouts.get(host, 0) + 1
                return UrlOutcome(url, error=name, detail=detail, requests=1), False, None
        self._timeouts[host] = 0
        if outcome.status not in (429, 503):
            return outcome, False, None
        return outcome, True, retry_after(response.headers.get("retry-after"), time.time())


def _host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or ''}"


def fetch_all(
    wanted: Mapping[str, str],
    options: OnlineOptions,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    on_done: OnDone | None = None,
) -> dict[str, UrlOutcome]:
    """Check every URL of ``wanted`` (URL -> ``image`` or ``link``) once; blocks."""
    fetcher = Fetcher(options, transport=transport, on_done=on_done)
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop in this thread (the command line)
        return asyncio.run(fetcher.run(wanted))
    # called from a running loop (an editor's server): a loop of its own, in a thread
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, fetcher.run(wanted)).result()
