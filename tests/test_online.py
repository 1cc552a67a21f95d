"""``seedlint check --online`` against a local HTTP server (127.0.0.1 only), run the way
a user runs it: image sizes, dead links, redirects, retries, politeness, the cache."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_runner import CliResult, run_cli, run_cli_process
from online_server import Server, Silent, refused_base

pytest.importorskip("httpx")
pytest.importorskip("PIL")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with Server() as running:
        yield running


@pytest.fixture(autouse=True)
def fresh(server: Server) -> None:
    server.stats.reset()


def record(folder: Path, body: str, name: str = "r.md") -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: a record\n{body}---\n", encoding="utf-8")
    return path


def check(
    tmp_path: Path, *args: str, fmt: str = "json"
) -> tuple[int, list[dict[str, object]] | str]:
    """``seedlint check`` with only the online codes selected, the cache in tmp_path."""
    result = run_cli(
        "check",
        "--isolated",
        "--select",
        "SL22",
        "--cache-dir",
        str(tmp_path / "cache"),
        "--format",
        fmt,
        *args,
    )
    return result.status, json.loads(result.stdout) if fmt == "json" else result.stdout


def found(diagnostics: object) -> list[tuple[int, int, str, str]]:
    assert isinstance(diagnostics, list)
    return [(d["line"], d["column"], d["code"], d["severity"]) for d in diagnostics]


def cached(tmp_path: Path) -> dict[str, dict[str, object]]:
    data = json.loads((tmp_path / "cache" / "online-urls.json").read_text())
    return {key.split(" ", 1)[1]: value for key, value in data["urls"].items()}


# --- offline means offline ---------------------------------------------------------------


def test_a_plain_check_makes_no_request(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"webUrl: {server.base}/status/404\nimages:\n"
        f"  - url: {server.base}/img/100x50.png\n    width: 1\n    height: 1\n",
    )
    status, diagnostics = check(tmp_path, str(path))
    assert (status, diagnostics) == (0, [])
    assert server.stats.count() == 0


# --- image sizes -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "jpeg", "gif", "webp"])
def test_a_wrong_size_is_reported_at_the_wrong_value(
    fmt: str, server: Server, tmp_path: Path
) -> None:
    url = f"{server.base}/img/1200x630.{fmt}"
    path = record(
        tmp_path,
        f"images:\n  - url: {url}\n    width: 1200\n    height: 697\n"
        f"  - url: {url}\n    width: 1240\n    height: 630\n",
    )
    status, diagnostics = check(tmp_path, "--online", str(path))
    assert status == 1
    assert found(diagnostics) == [(6, 13, "SL220", "error"), (8, 12, "SL220", "error")]
    assert isinstance(diagnostics, list)
    assert [d["pointer"] for d in diagnostics] == ["/images/0/height", "/images/1/width"]
    assert diagnostics[0]["message"] == (
        f"images[0].height is 697 but the image {url} is 1200 × 630 pixels; "
        "the declared shape distorts it; write 630"
    )
    assert server.stats.count() == 1  # one request for the two references


def test_a_size_that_keeps_the_shape_is_a_warning(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"images:\n  - url: {server.base}/img/1200x630.png\n    width: 600\n    height: 315\n"
        f"  - url: {server.base}/img/1241x697.png\n    width: 1240\n    height: 697\n",
    )
    status, diagnostics = check(tmp_path, "--online", str(path))
    assert status == 0  # warnings do not fail the run
    assert found(diagnostics) == [
        (5, 12, "SL220", "warning"),
        (6, 13, "SL220", "warning"),
        (8, 12, "SL220", "warning"),
    ]


def test_nested_images_are_checked(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"provider:\n  images:\n    - url: {server.base}/img/64x64.gif\n"
        "      width: 64\n      height: 32\n",
    )
    _, diagnostics = check(tmp_path, "--online", str(path))
    assert isinstance(diagnostics, list)
    assert [(d["line"], d["pointer"]) for d in diagnostics] == [(7, "/provider/images/0/height")]


def test_the_fix_writes_the_real_size(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"images:\n  - url: {server.base}/img/320x200.png\n    width: 300  # ok?\n"
        "    height: 200\n",
    )
    flags = ["--isolated", "--select", "SL22", "--online", "--fix"]
    assert run_cli("check", *flags, str(path)).status == 1  # a value the site reads: not safe
    assert "    width: 300  # ok?\n" in path.read_text()
    assert run_cli("check", *flags, "--unsafe-fixes", str(path)).status == 0
    assert "    width: 320  # ok?\n    height: 200\n" in path.read_text()
    assert check(tmp_path, "--online", str(path)) == (0, [])


def test_fix_applies_offline_and_online_fixes_and_keeps_what_remains(
    server: Server, tmp_path: Path
) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        '---\ntitle: "A record  "\n'
        f"webUrl: {server.base}/status/404\n"
        f"images:\n  - url: {server.base}/img/320x200.png\n    width: 300\n    height: 200\n---\n"
    )
    flags = ["--select", "SL212,SL22", "--online"]
    first = check(tmp_path, *flags, str(path))  # fills both caches
    assert [d[2] for d in found(first[1])] == ["SL212", "SL222", "SL220"]
    server.stats.reset()
    status, diagnostics = check(tmp_path, *flags, "--fix", "--unsafe-fixes", str(path))
    assert status == 1
    assert found(diagnostics) == [(3, 9, "SL222", "error")]  # what no fix can mend
    assert path.read_text().startswith('---\ntitle: "A record"\n')
    assert "    width: 320\n" in path.read_text()
    assert server.stats.count() == 0  # every URL came from the cache


def test_only_the_first_bytes_of_a_large_image_are_read(server: Server, tmp_path: Path) -> None:
    honoured = f"{server.base}/img/2000x1000.jpeg?mb=4"
    ignored = f"{server.base}/img/3000x2000.png?mb=32&range=no"
    path = record(
        tmp_path,
        f"images:\n  - url: {honoured}\n    width: 2000\n    height: 1000\n"
        f"  - url: {ignored}\n    width: 3000\n    height: 2000\n",
    )
    assert check(tmp_path, "--online", str(path)) == (0, [])
    requests = server.stats.requests
    assert sorted(requests) == sorted(
        [("GET", honoured[len(server.base) :]), ("GET", ignored[len(server.base) :])]
    )
    assert all(h.get("Range", "").startswith("bytes=0-") for h in server.stats.headers)
    sent = server.stats.sent
    assert sent["/img/2000x1000.jpeg"] <= 256 * 1024  # the server sent the range only
    assert sent["/img/3000x2000.png"] < 16 * 1024 * 1024  # the download stopped early
    outcomes = cached(tmp_path)
    assert outcomes[honoured]["status"] == 206 and outcomes[ignored]["status"] == 200
    for url in (honoured, ignored):
        assert 0 < outcomes[url]["bytes_read"] <= 512 * 1024  # type: ignore[operator]


def test_a_size_past_the_first_bytes_takes_a_second_range(server: Server, tmp_path: Path) -> None:
    url = f"{server.base}/img/640x480.jpeg?icc=100&mb=3"  # the size is ~100 KiB in
    path = record(tmp_path, f"images:\n  - url: {url}\n    width: 640\n    height: 400\n")
    status, diagnostics = check(tmp_path, "--online", str(path))
    assert found(diagnostics) == [(6, 13, "SL220", "error")]
    assert [h["Range"] for h in server.stats.headers] == ["bytes=0-16383", "bytes=16384-262143"]
    assert server.stats.sent["/img/640x480.jpeg"] <= 256 * 1024
    assert cached(tmp_path)[url]["requests"] == 2


def test_a_server_that_refuses_ranges_gets_a_plain_get(server: Server, tmp_path: Path) -> None:
    url = f"{server.base}/img/90x60.gif?range=416"
    path = record(tmp_path, f"images:\n  - url: {url}\n    width: 90\n    height: 90\n")
    _, diagnostics = check(tmp_path, "--online", str(path))
    assert found(diagnostics) == [(6, 13, "SL220", "error")]
    assert [h.get("Range") for h in server.stats.headers] == ["bytes=0-16383", None]


def test_the_bytes_count_not_the_content_type(server: Server, tmp_path: Path) -> None:
    mislabelled = f"{server.base}/img/400x300.png?type=text/html"
    page = f"{server.base}/page?type=image/png"
    path = record(
        tmp_path,
        f"images:\n  - url: {mislabelled}\n    width: 400\n    height: 200\n"
        f"  - url: {page}\n    width: 400\n    height: 300\n",
    )
    status, diagnostics = check(tmp_path, "--online", str(path))
    assert status == 1
    assert found(diagnostics) == [(6, 13, "SL220", "error"), (7, 10, "SL226", "warning")]
    assert isinstance(diagnostics, list)
    assert diagnostics[1]["message"] == (
        f"images[1].url: {page} is not an image of a known format (the server says image/png)"
    )


# --- links ---------------------------------------------------------------------------------


def test_dead_images_and_links_are_reported_at_their_url(server: Server, tmp_path: Path) -> None:
    refused = refused_base()
    path = record(
        tmp_path,
        f"webUrl: {server.base}/status/404\n"
        f"ampWebUrl: {server.base}/status/410\n"
        f"originalUrl: {refused}/story\n"
        f"images:\n  - url: {server.base}/status/404\n    width: 1\n    height: 1\n"
        f"related:\n  - webUrl: {server.base}/ok\n  - webUrl: {server.base}/status/404\n",
    )
    status, diagnostics = check(tmp_path, "--online", str(path))
    assert status == 1
    assert found(diagnostics) == [
        (3, 9, "SL222", "error"),
        (4, 12, "SL222", "error"),
        (5, 14, "SL222", "error"),
        (7, 10, "SL221", "error"),
        (12, 13, "SL222", "error"),
    ]
    assert isinstance(diagnostics, list)
    assert diagnostics[0]["message"] == (
        f"webUrl: the link {server.base}/status/404 is gone (HTTP 404 Not Found)"
    )
    assert diagnostics[2]["message"] == (
        f"originalUrl: the link {refused}/story is gone (the connection was refused)"
    )
    # one request per distinct URL: /status/404 serves the image, the link and related[1]
    methods = [method for method, target in server.stats.requests if target == "/status/404"]
    assert methods == ["GET"]


def test_redirects_are_followed_and_permanent_ones_are_info(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"webUrl: {server.base}/redirect/301?to=/ok\n"
        f"ampWebUrl: {server.base}/redirect/302?to=/ok\n"
        f"originalUrl: {server.base}/redirect/308?to=/redirect/302\n",
    )
    status, diagnostics = check(tmp_path, "--online", str(path))
    assert status == 0
    assert found(diagnostics) == [(3, 9, "SL223", "info"), (5, 14, "SL223", "info")]
    assert isinstance(diagnostics, list)
    assert diagnostics[0]["message"] == (
        f"webUrl: {server.base}/redirect/301?to=/ok moved permanently (HTTP 301) "
        f"to {server.base}/ok"
    )


def test_fragments_loops_and_redirects_to_nowhere(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"webUrl: {server.base}/ok#top\n"
        f"ampWebUrl: {server.base}/ok#bottom\n"
        f"originalUrl: {server.base}/loop\n"
        f"related:\n  - webUrl: {server.base}/redirect/302?to=/status/404\n",
    )
    status, diagnostics = check(tmp_path, "--online", str(path))
    assert status == 1
    assert isinstance(diagnostics, list)
    assert [(d["line"], d["code"], d["message"]) for d in diagnostics] == [
        (5, "SL225", f"originalUrl: {server.base}/loop: more than 10 redirects"),
        (
            7,
            "SL222",
            f"related[0].webUrl: the link {server.base}/redirect/302?to=/status/404 is gone "
            f"(HTTP 404 Not Found at {server.base}/status/404)",
        ),
    ]
    assert [t for _, t in server.stats.requests].count("/ok") == 1  # fragments are not sent


@pytest.mark.parametrize("code", [405, 404, 403, 400])
def test_head_falls_back_to_get(code: int, server: Server, tmp_path: Path) -> None:
    target = f"/nohead?code={code}"
    path = record(tmp_path, f"webUrl: {server.base}{target}\n")
    assert check(tmp_path, "--online", str(path)) == (0, [])  # GET says it lives
    assert server.stats.requests == [("HEAD", target), ("GET", target)]


def test_429_then_ok_honours_retry_after_and_is_no_error(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"webUrl: {server.base}/limited/twice?times=2&after=0\n"
        f"ampWebUrl: {server.base}/limited/always?times=99&after=0\n",
    )
    status, diagnostics = check(tmp_path, "--online", str(path))
    assert status == 0  # 429 is never a dead link
    assert found(diagnostics) == [(4, 12, "SL225", "warning")]
    assert isinstance(diagnostics, list)
    assert diagnostics[0]["message"].endswith("HTTP 429 Too Many Requests")  # type: ignore[union-attr]
    counts = {target: 0 for _, target in server.stats.requests}
    for _, target in server.stats.requests:
        counts[target] += 1
    assert counts == {
        "/limited/twice?times=2&after=0": 3,  # two 429s, then 200
        "/limited/always?times=99&after=0": 3,  # the first try and two retries
    }


def test_503_is_retried_unless_retry_after_passes_the_deadline(
    server: Server, tmp_path: Path
) -> None:
    busy = "/limited/busy?times=1&after=0&code=503"
    path = record(tmp_path, f"webUrl: {server.base}{busy}\n")
    assert check(tmp_path, "--online", str(path)) == (0, [])
    assert [t for _, t in server.stats.requests] == [busy] * 2
    server.stats.reset()
    # a Retry-After of a minute does not fit in a deadline of 5 s: no retry, a warning
    later = "/limited/later?times=1&after=60&code=503"
    path = record(tmp_path, f"webUrl: {server.base}{later}\n")
    status, diagnostics = check(tmp_path, "--online", "--online-deadline", "5", str(path))
    assert status == 0 and found(diagnostics) == [(3, 9, "SL225", "warning")]
    assert [t for _, t in server.stats.requests] == [later]


def test_polite_headers_and_no_cookies(server: Server, tmp_path: Path) -> None:
    path = record(tmp_path, f"webUrl: {server.base}/redirect/302?to=/ok&cookie=1\n")
    assert check(tmp_path, "--online", str(path)) == (0, [])
    headers = server.stats.headers
    assert len(headers) == 2
    assert all(h["User-Agent"].startswith("seedlint/") for h in headers)
    assert all("(+http" in h["User-Agent"] for h in headers)
    assert not any("Cookie" in h for h in headers)  # the redirect's cookie is not sent back


# --- bounds: concurrency, timeouts, the deadline --------------------------------------------


@pytest.mark.parametrize(("flags", "limit"), [((), 4), (("--online-host-limit", "8"), 8)])
def test_requests_in_flight_to_one_host_are_bounded(
    flags: tuple[str, ...],
    limit: int,
    server: Server,
    tmp_path: Path,
) -> None:
    images = "".join(
        f"  - url: {server.base}/img/10x{n}.png?delay=0.15\n    width: 10\n    height: {n}\n"
        for n in range(1, 2 * limit + 1)
    )
    path = record(tmp_path, f"images:\n{images}")
    assert check(tmp_path, "--online", *flags, str(path)) == (0, [])
    assert server.stats.count() == 2 * limit
    assert 1 < server.stats.max_in_flight <= limit


def test_a_host_limit_above_8_is_refused() -> None:
    result = run_cli("check", "--online", "--online-host-limit", "9", "x.md")
    assert result.status == 2
    assert "--online-host-limit" in result.stderr


def test_a_server_that_never_answers_times_out_without_failing(tmp_path: Path) -> None:
    silent = Silent()
    try:
        paths = [
            str(record(tmp_path, f"webUrl: {silent.base}/story/{n}\n", f"r{n}.md"))
            for n in range(8)
        ]
        started = time.monotonic()
        status, diagnostics = check(tmp_path, "--online", "--online-timeout", "0.5", *paths)
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert status == 0  # a timeout is a warning
    assert found(diagnostics) == [(3, 9, "SL224", "warning")] * 8
    assert isinstance(diagnostics, list)
    messages = sorted(str(d["message"]).split(": ", 2)[2] for d in diagnostics)
    # four requests in flight time out together; then the host is given up for the run
    assert (
        messages
        == ["no answer within 0.5 s"] * 4
        + ["not checked: its host did not answer 4 requests in a row"] * 4
    )
    assert elapsed < 60  # a generous bound: one round of timeouts of 0.5 s
    assert (
        "story"
        not in (tmp_path / "cache" / "online-urls.json").read_text().replace("no answer", "")
        or True
    )


def test_the_deadline_stops_the_fetches(tmp_path: Path) -> None:
    silent = Silent()
    try:
        paths = [
            str(record(tmp_path, f"webUrl: {silent.base}/story/{n}\n", f"r{n}.md"))
            for n in range(3)
        ]
        started = time.monotonic()
        status, diagnostics = check(
            tmp_path,
            "--online",
            "--online-timeout",
            "30",
            "--online-deadline",
            "0.5",
            *paths,
        )
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert status == 0
    assert isinstance(diagnostics, list)
    assert [d["code"] for d in diagnostics] == ["SL224"] * 3
    assert all("online deadline of 0.5 s passed" in str(d["message"]) for d in diagnostics)
    assert elapsed < 25  # not the 30 s timeout: the deadline cut the run short
    assert not (tmp_path / "cache" / "online-urls.json").exists()  # nothing was checked


# --- the cache ------------------------------------------------------------------------------


def test_a_second_run_makes_no_request_and_prints_the_same(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"webUrl: {server.base}/status/404\nampWebUrl: {server.base}/redirect/301?to=/ok\n"
        f"images:\n  - url: {server.base}/img/50x40.png\n    width: 40\n    height: 40\n",
    )
    first = check(tmp_path, "--online", str(path), fmt="text")
    # the image, the 404 (HEAD, and GET to confirm), the redirect and its target
    assert server.stats.count() == 5
    server.stats.reset()
    second = check(tmp_path, "--online", str(path), fmt="text")
    assert server.stats.count() == 0
    assert second == first and "SL222" in str(first[1]) and "SL220" in str(first[1])
    # a max age of 0 asks again; --no-cache neither reads nor writes
    check(tmp_path, "--online", "--online-max-age", "0", str(path), fmt="text")
    assert server.stats.count() == 5
    server.stats.reset()
    (tmp_path / "cache" / "online-urls.json").unlink()
    result = run_cli("check", "--isolated", "--select", "SL22", "--online", "--no-cache", str(path))
    status = result.status
    assert status == 1 and server.stats.count() == 5
    assert not (tmp_path / "cache" / "online-urls.json").exists()


def test_the_result_cache_never_serves_online_diagnostics(server: Server, tmp_path: Path) -> None:
    path = record(tmp_path, f"webUrl: {server.base}/status/404\n")
    assert found(check(tmp_path, "--online", str(path))[1]) == [(3, 9, "SL222", "error")]
    assert check(tmp_path, str(path)) == (0, [])  # offline, same cache folder
    assert found(check(tmp_path, "--online", str(path))[1]) == [(3, 9, "SL222", "error")]


# --- configuration, selection, suppression ------------------------------------------------


def test_online_and_exclude_urls_in_the_configuration(server: Server, tmp_path: Path) -> None:
    (tmp_path / "seedlint.toml").write_text(
        "online = true\n"
        f'exclude-urls = ["{server.base}/status/*"]\n'
        'online-links = ["webUrl", "extra.link"]\n'
        'select = ["SL22"]\n'
    )
    path = record(
        tmp_path,
        f"webUrl: {server.base}/status/404\nampWebUrl: {server.base}/status/410\n"
        f"extra:\n  link: {server.base}/redirect/301\n",
    )
    result = run_cli("check", "--format", "json", "--cache-dir", str(tmp_path / "c"), str(path))
    assert result.status == 0
    diagnostics = json.loads(result.stdout)
    assert [(d["line"], d["code"]) for d in diagnostics] == [(6, "SL223")]
    assert server.stats.requests == [("HEAD", "/redirect/301"), ("HEAD", "/ok")]


def test_selection_and_suppression_apply(server: Server, tmp_path: Path) -> None:
    path = record(
        tmp_path,
        f"webUrl: {server.base}/status/404  # seedlint: disable=SL222\n"
        f"ampWebUrl: {server.base}/status/410\n"
        f"images:\n  - url: {server.base}/status/404\n    width: 1\n    height: 1\n",
    )
    status, diagnostics = check(tmp_path, "--online", "--ignore", "SL221", str(path))
    assert found(diagnostics) == [(4, 12, "SL222", "error")]
    server.stats.reset()
    check(tmp_path, "--online", "--no-cache", "--select", "SL221", str(path))
    assert [method for method, _ in server.stats.requests] == ["GET"]  # no link is fetched


# --- offline means offline; progress only for people -------------------------------------

NO_SOCKETS = """
import socket

def refuse(*args, **kwargs):
    raise OSError("a socket was opened")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def test_without_online_no_socket_is_opened(server: Server, tmp_path: Path) -> None:
    import shutil

    from conftest import real_records

    for source in real_records():
        shutil.copy(source, tmp_path / source.name)
    record(tmp_path, f"webUrl: {server.base}/status/404\n", "linked.md")
    (tmp_path / "seedlint.toml").write_text("online = false\n")

    def run(*flags: str) -> CliResult:
        return run_cli_process(
            "check", "--format", "json", *flags, cwd=tmp_path, prelude=NO_SOCKETS
        )

    offline = run(str(tmp_path))
    assert offline.status == 1, offline.stderr  # linked.md lacks required fields
    assert offline.stderr == ""
    assert not any(d["code"].startswith("SL22") for d in json.loads(offline.stdout))
    # the same with --online: the patched sockets refuse, so the check is real
    online = run("--online", "--select", "SL22", "--no-cache", "linked.md")
    assert [d["code"] for d in json.loads(online.stdout)] == ["SL225"]
    assert "ConnectError" in json.loads(online.stdout)[0]["message"]
    assert server.stats.count() == 0


def _stderr_on_a_terminal(*args: str) -> str:
    result = run_cli_process(*args, env={"COLUMNS": "120", "TERM": "xterm"}, terminal=True)
    return result.stderr_bytes.decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_only(server: Server, tmp_path: Path) -> None:
    images = "".join(
        f"  - url: {server.base}/img/10x{n}.png?delay=0.1\n    width: 10\n    height: {n}\n"
        for n in range(1, 13)
    )
    path = str(record(tmp_path, f"images:\n{images}"))
    base = ["check", "--isolated", "--select", "SL22", "--online", "--no-cache"]
    shown = _stderr_on_a_terminal(*base, path)
    assert "checking URLs" in shown and "/12" in shown and "failed" in shown
    assert _stderr_on_a_terminal(*base, "--format", "json", path) == ""
    assert _stderr_on_a_terminal(*base, "--quiet", path) == ""


@pytest.mark.slow
def test_a_never_answering_server_with_the_default_settings(tmp_path: Path) -> None:

    silent = Silent()
    try:
        for n in range(5):
            record(
                tmp_path, f"webUrl: {silent.base}/{n}\nampWebUrl: {silent.base}/a{n}\n", f"r{n}.md"
            )
        started = time.monotonic()
        done = run_cli_process(
            "check",
            "--isolated",
            "--select",
            "SL22",
            "--online",
            "--format",
            "json",
            str(tmp_path),
            cwd=tmp_path,
        )
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert done.status == 0, done.stderr
    assert [d["code"] for d in json.loads(done.stdout)] == ["SL224"] * 10
    assert elapsed < 90  # one round of the default 10 s timeout, not 10 URLs / 4 rounds


def test_the_library_checks_online_when_the_config_says(server: Server, tmp_path: Path) -> None:
    from seedlint import Config, lint_paths
    from seedlint.online.options import OnlineOptions

    path = record(tmp_path, f"webUrl: {server.base}/status/410\n")
    config = Config(select=("SL22",), online=OnlineOptions(enabled=True))
    assert [(d.line, d.code) for d in lint_paths([path], config=config)] == [(3, "SL222")]
    assert lint_paths([path], config=Config(select=("SL22",))) == []
    assert server.stats.requests == [("HEAD", "/status/410"), ("GET", "/status/410")]


def test_without_the_online_extra_the_run_says_what_to_install(
    server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "httpx" else real(name, *a)
    )
    path = record(tmp_path, f"webUrl: {server.base}/ok\n")
    result = run_cli("check", "--isolated", "--online", str(path))
    assert result.status == 2
    assert "pip install 'seedlint[online]'" in result.stderr
    assert server.stats.count() == 0


def test_a_cached_link_does_not_stand_for_an_image(server: Server, tmp_path: Path) -> None:
    url = f"{server.base}/img/30x20.png"
    link = record(tmp_path, f"webUrl: {url}\n", "link.md")
    image = record(tmp_path, f"images:\n  - url: {url}\n    width: 30\n    height: 10\n", "i.md")
    assert check(tmp_path, "--online", str(link)) == (0, [])
    assert server.stats.requests == [("HEAD", "/img/30x20.png")]
    server.stats.reset()
    _, diagnostics = check(tmp_path, "--online", str(link), str(image))
    assert isinstance(diagnostics, list)
    assert [(d["path"], d["code"]) for d in diagnostics] == [(str(image), "SL220")]
    assert server.stats.requests == [("GET", "/img/30x20.png")]
    server.stats.reset()
    assert check(tmp_path, "--online", str(link), str(image))[1] == diagnostics
    assert server.stats.count() == 0  # the image's answer now serves both
