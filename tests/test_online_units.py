"""The parts of online checks that need no server: settings, URL collection, retry
timing, error names, cache lifetimes, severity weighing."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from seedlint.config import ConfigError, from_section
from seedlint.diagnostics import Severity
from seedlint.online.options import OnlineOptions, parse_duration
from seedlint.online.outcome import UrlOutcome
from seedlint.online.urlcache import FILE_NAME, VERSION, UrlCache
from seedlint.online.urls import link_refs
from seedlint.rules.online import size_severity


def test_online_settings_from_the_configuration() -> None:
    config = from_section(
        {
            "online": True,
            "exclude-urls": ["https://intranet.example/*"],
            "online-links": ["webUrl"],
            "online-host-limit": 2,
            "online-timeout": 3,
            "online-max-age": "12h",
        },
        "seedlint.toml",
    )
    online = config.online
    assert (online.enabled, online.links, online.host_limit, online.timeout) == (
        True,
        ("webUrl",),
        2,
        3.0,
    )
    assert online.max_age == 12 * 3600
    assert online.excluded("https://intranet.example/a") and not online.excluded("https://x.org")
    # the result cache's key does not depend on online settings
    assert config.digest() == from_section({}, "seedlint.toml").digest()


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"online": "yes"}, "'online' must be true or false"),
        ({"online-host-limit": 9}, "'online-host-limit' must be an integer from 1 to 8"),
        ({"online-max-age": "a week"}, "'online-max-age': 'a week' is not a duration"),
        ({"online-timeout": 0}, "'online-timeout' must be a positive number"),
        ({"exclude-urls": [1]}, "'exclude-urls' must be a list of strings"),
    ],
)
def test_bad_online_settings_name_the_key(section: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        from_section(section, "seedlint.toml")


def test_durations() -> None:
    assert [parse_duration(t) for t in ("7d", "12h", "30m", "90s", "45", "1w", 0)] == [
        7 * 86400,
        12 * 3600,
        1800,
        90,
        45,
        7 * 86400,
        0,
    ]


def test_link_fields_with_lists() -> None:
    data = {
        "webUrl": "https://a.example/x",
        "originalUrl": "not a url",
        "related": [{"webUrl": "https://b.example/y"}, {"title": "no url"}, "text"],
    }
    refs = link_refs(data, ("webUrl", "originalUrl", "related[].webUrl", "missing.deep[]"))
    assert [(r.pointer, r.url) for r in refs] == [
        ("/webUrl", "https://a.example/x"),
        ("/related/0/webUrl", "https://b.example/y"),
    ]


def test_retry_after_in_seconds_or_as_a_date() -> None:
    from email.utils import formatdate

    from seedlint.online.fetcher import retry_after

    now = time.time()
    assert retry_after("7", now) == 7
    assert retry_after(formatdate(now + 30, usegmt=True), now) == pytest.approx(30, abs=1)
    assert retry_after(formatdate(now - 30, usegmt=True), now) == 0
    assert retry_after("soon", now) is None and retry_after(None, now) is None


def test_error_names() -> None:
    import socket

    import httpx

    from seedlint.online.fetcher import error_of

    def caused(error: BaseException, cause: BaseException) -> BaseException:
        error.__cause__ = cause
        return error

    assert error_of(caused(httpx.ConnectError("x"), socket.gaierror(-2, "nope")))[0] == "dns"
    assert error_of(caused(httpx.ConnectError("x"), ConnectionRefusedError()))[0] == "refused"
    # no DNS answer at all (no network) is not "no such host"
    again = caused(httpx.ConnectError("x"), socket.gaierror(socket.EAI_AGAIN, "try again"))
    assert error_of(again) == ("network", "the DNS lookup failed: try again")
    assert error_of(httpx.ReadTimeout("x"))[0] == "timeout"
    assert error_of(httpx.TooManyRedirects("x"))[0] == "redirects"


def test_failures_are_cached_for_less_time(tmp_path: Path) -> None:
    now = time.time()
    options = OnlineOptions(max_age=7 * 86400)
    outcomes = {
        "https://a/ok": UrlOutcome("https://a/ok", status=200, checked_at=now - 2 * 86400),
        "https://a/dead": UrlOutcome("https://a/dead", status=404, checked_at=now - 2 * 86400),
        "https://a/dead-new": UrlOutcome("https://a/dead-new", status=410, checked_at=now - 60),
        "https://a/slow": UrlOutcome("https://a/slow", error="timeout", checked_at=now - 7200),
        "https://a/late": UrlOutcome("https://a/late", error="deadline", checked_at=now),
    }
    # as a run with a longer max age left them
    saved = {f"link {url}": outcome.to_json() for url, outcome in outcomes.items()}
    (tmp_path / FILE_NAME).write_text(json.dumps({"version": VERSION, "urls": saved}))
    again = UrlCache(str(tmp_path), options)
    kept = [url for url in outcomes if again.get("link", url) is not None]
    assert kept == ["https://a/ok", "https://a/dead-new"]
    assert again.get("image", "https://a/ok") is None  # an image needs an image's probe
    assert UrlCache(str(tmp_path), OnlineOptions(max_age=0)).get("link", "https://a/ok") is None


def test_a_corrupt_url_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "online-urls.json").write_text('{"version": 1, "urls": {"link x": {"url": 3}}')
    assert UrlCache(str(tmp_path), OnlineOptions()).get("link", "x") is None
    (tmp_path / "online-urls.json").write_text('{"version": 1, "urls": {"link x": [1]}}')
    assert UrlCache(str(tmp_path), OnlineOptions()).get("link", "x") is None


@pytest.mark.parametrize(
    ("declared", "real", "severity"),
    [
        ((1240, 697), (1200, 630), Severity.ERROR),  # another shape
        ((600, 315), (1200, 630), Severity.WARNING),  # scaled
        ((1240, 697), (1241, 697), Severity.WARNING),  # a pixel of rounding
        ((None, 630), (1200, 630), Severity.ERROR),  # the shape is unknown
    ],
)
def test_the_severity_weighs_the_shape(
    declared: tuple[int | None, int | None], real: tuple[int, int], severity: Severity
) -> None:
    assert size_severity(declared[0], declared[1], real) is severity


def test_fetching_from_inside_a_running_event_loop() -> None:
    import asyncio

    import httpx

    from seedlint.online.fetcher import fetch_all

    transport = httpx.MockTransport(lambda request: httpx.Response(410))

    async def inside() -> str | None:
        found = fetch_all({"https://example.com/x": "link"}, OnlineOptions(), transport=transport)
        return found["https://example.com/x"].kind

    assert asyncio.run(inside()) == "dead"


def test_a_busy_host_does_not_hold_the_other_hosts_back() -> None:
    """200 URLs on one slow host and one URL on another: the other host's request does
    not wait for the slow host's queue (the global slots are not held while waiting)."""
    import asyncio

    import httpx

    from seedlint.online.fetcher import fetch_all

    order: list[str] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "slow.example":
            await asyncio.sleep(0.01)
        order.append(request.url.host)
        return httpx.Response(200)

    wanted = {f"https://slow.example/{n}": "link" for n in range(200)}
    wanted["https://quick.example/"] = "link"
    found = fetch_all(wanted, OnlineOptions(total_limit=8), transport=httpx.MockTransport(answer))
    assert len(found) == 201 and all(outcome.kind == "ok" for outcome in found.values())
    assert order.index("quick.example") < 20  # not behind the 200 of the slow host


def _refs_point_at_their_values(path: Path) -> int:
    from seedlint.config import Config
    from seedlint.online.run import refs_of
    from seedlint.online.urls import parse
    from seedlint.rules.online import ONLINE_RULES

    config = Config()
    doc = parse(path.read_bytes(), str(path), config)
    assert doc is not None
    refs = refs_of(doc.data, config, ONLINE_RULES)
    for ref in refs:
        span = doc.values[ref.pointer]
        written = doc.text[span[4] : span[5]].strip("'\"")
        assert written.strip() == ref.url  # spaces around a URL are dropped, as browsers do
        for name, declared in (("width", ref.width), ("height", ref.height)):
            if declared is not None:
                size = doc.values[f"{ref.owner}/{name}"]
                assert int(doc.text[size[4] : size[5]]) == declared
    return len(refs)


def test_every_url_of_the_real_records_is_found_at_its_value() -> None:
    from conftest import real_records

    assert sum(_refs_point_at_their_values(path) for path in real_records()) > 20


@pytest.mark.slow
def test_every_url_of_a_corpus_sample_is_found_at_its_value() -> None:
    from conftest import corpus_files

    files = [path for path in corpus_files() if "_news" in str(path)][:100]
    assert sum(_refs_point_at_their_values(path) for path in files) > 1000


def _probe(answer: object) -> UrlOutcome:
    import httpx

    from seedlint.online.fetcher import fetch_all

    url = "https://img.example/a.png"
    transport = httpx.MockTransport(answer)  # type: ignore[arg-type]
    return fetch_all({url: "image"}, OnlineOptions(), transport=transport)[url]


def test_a_partial_answer_longer_than_asked_is_read_no_further_than_the_cap() -> None:
    """A server that answers the Range request 206 with the whole 8 MB image: the probe
    stops at MAX_BYTES (it read all 8 MB before)."""
    import httpx

    from online_server import png_header
    from seedlint.online.images import MAX_BYTES

    body = png_header(1200, 630) + bytes(8 * 1024 * 1024)
    pulled: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 65536):
            pulled.append(start)
            yield body[start : start + 65536]

    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"content-range": f"bytes 0-{len(body) - 1}/{len(body)}"}
        return httpx.Response(206, headers=headers, content=chunks())

    outcome = _probe(answer)
    assert (outcome.kind, outcome.size, outcome.requests) == ("ok", (1200, 630), 1)
    assert outcome.bytes_read == len(pulled) * 65536 <= MAX_BYTES + 65536


def test_a_compressed_image_is_inflated_no_further_than_the_cap() -> None:
    """A server that gzips the image though asked for ``identity``: the size is read from
    the inflated bytes, and a gzip bomb is inflated only up to MAX_BYTES (httpx inflated
    it whole: 64 MB from 64 KB)."""
    import gzip
    import tracemalloc

    import httpx

    from online_server import png_header

    image = gzip.compress(png_header(1200, 630) + bytes(1000))
    bomb = gzip.compress(bytes(64 * 1024 * 1024), 9)

    async def chunks(body: bytes) -> AsyncIterator[bytes]:
        for start in range(0, len(body), 65536):  # as a server sends them
            yield body[start : start + 65536]

    def answer(request: httpx.Request) -> httpx.Response:
        body = bomb if request.url.path == "/bomb.png" else image
        headers = {"content-encoding": "gzip", "content-range": "bytes 0-16383/99999999"}
        return httpx.Response(206, headers=headers, content=chunks(body))

    assert _probe(answer).size == (1200, 630)
    import seedlint.online.fetcher as fetcher

    tracemalloc.start()
    try:
        url = "https://img.example/bomb.png"
        transport = httpx.MockTransport(answer)
        outcome = fetcher.fetch_all({url: "image"}, OnlineOptions(), transport=transport)[url]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (outcome.kind, outcome.size) == ("ok", None)
    assert outcome.bytes_read <= 65536  # the first chunk inflates past the cap
    assert peak < 8 * 1024 * 1024, peak


def test_runs_sharing_a_url_cache_keep_each_others_outcomes(tmp_path: Path) -> None:
    """Two runs read the cache, check different URLs and save one after the other: the
    file keeps both runs' outcomes (the second run's save dropped the first's)."""
    now = time.time()
    first = UrlCache(str(tmp_path), OnlineOptions())
    second = UrlCache(str(tmp_path), OnlineOptions())
    for cache, url in ((first, "https://a/1"), (second, "https://a/2")):
        cache.put_all({url: "link"}, {url: UrlOutcome(url, status=200, checked_at=now)})
    first.save()
    second.save()
    again = UrlCache(str(tmp_path), OnlineOptions())
    assert [again.get("link", f"https://a/{n}") is not None for n in (1, 2)] == [True, True]
