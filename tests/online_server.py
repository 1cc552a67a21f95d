"""A local HTTP server for the online tests and benchmark: 127.0.0.1 only, a port of its
own, and counts of what it was asked and what it sent.

Paths:
- ``/img/W x H.FMT`` (``/img/1200x630.png``; png, jpeg, gif, webp): an image of that
  size padded to ``?mb=N`` megabytes (default 4); ``?hdr=1`` serves a PNG's header only;
  ``?icc=K`` puts K KiB of colour profile before a JPEG's size.
  ``Range`` is honoured; ``?range=no`` ignores it (the whole body, in 16 KiB writes),
  ``?range=416`` refuses it;
  ``?type=text/html`` claims another type; ``?delay=S`` waits before answering.
- ``/page``: an HTML page (``?type=`` claims another type).
- ``/status/N``: answers N. ``/ok``: 200. ``/nohead``: 405 (``?code=N``: N) to HEAD,
  200 to GET.
- ``/redirect/N?to=PATH``: answers N with ``Location: PATH`` (and ``?cookie=1`` a cookie).
- ``/limited/KEY?times=N&after=S``: 429 (``&code=503``: 503) with ``Retry-After: S`` the
  first N times, then 200.
- ``/cookie``: 200 with a ``Set-Cookie``. ``/loop``: redirects to itself.
"""

from __future__ import annotations

import io
import socket
import threading
import time
from collections import Counter
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CHUNK = 16 * 1024


@lru_cache(maxsize=64)
def image_bytes(
    width: int, height: int, fmt: str, megabytes: float, header: bool, icc: int = 0
) -> bytes:
    """A real image (Pillow) of that size, or only a PNG's header (``header``: quick for
    any size), padded with zeros after its end; ``icc`` KiB of colour profile come before
    the size in a JPEG."""
    if header:
        data = png_header(width, height)
    else:
        from PIL import Image

        out = io.BytesIO()
        extra = {"icc_profile": bytes(icc * 1024)} if icc else {}
        Image.new("RGB", (width, height), (200, 80, 40)).save(out, format=fmt.upper(), **extra)
        data = out.getvalue()
    return data + bytes(max(0, int(megabytes * 1024 * 1024) - len(data)))


def png_header(width: int, height: int) -> bytes:
    """A PNG's signature and IHDR chunk: all a reader of its size needs."""
    import struct
    import zlib

    data = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    crc = zlib.crc32(b"IHDR" + data) & 0xFFFFFFFF
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + data + struct.pack(">I", crc)


class Stats:
    """What the server saw, safe to read from the tests' thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []  # (method, path with query)
        self.headers: list[dict[str, str]] = []
        self.sent: Counter[str] = Counter()  # body bytes written per path
        self.in_flight = 0
        self.max_in_flight = 0
        self.limited: Counter[str] = Counter()

    def count(self) -> int:
        with self.lock:
            return len(self.requests)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.headers.clear()
            self.sent.clear()
            self.max_in_flight = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: connections are reused
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        stats = self.server.stats
        with stats.lock:
            stats.requests.append((self.command, self.path))
            stats.headers.append(dict(self.headers.items()))
            stats.in_flight += 1
            stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        try:
            self._route(head)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with stats.lock:
                stats.in_flight -= 1

    def _route(self, head: bool) -> None:
        parts = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        if "delay" in query:
            time.sleep(float(query["delay"]))
        segments = parts.path.strip("/").split("/")
        kind = segments[0]
        if kind == "img":
            size, _, fmt = segments[1].partition(".")
            width, height = (int(n) for n in size.split("x"))
            megabytes = float(query.get("mb", 4))
            icc = int(query.get("icc", 0))
            data = image_bytes(width, height, fmt, megabytes, "hdr" in query, icc)
            self._image(data, query.get("type", f"image/{fmt}"), query.get("range") != "no", head)
        elif kind == "page":
            body = b"<!doctype html><title>a page</title><p>not an image</p>"
            self._send(200, body, head, query.get("type", "text/html"))
        elif kind == "status":
            self._send(int(segments[1]), b"status\n", head)
        elif kind == "ok":
            self._send(200, b"ok\n", head)
        elif kind == "nohead":
            self._send(int(query.get("code", 405)) if head else 200, b"no head\n", head)
        elif kind == "redirect":
            extra = {"Location": query.get("to", "/ok")}
            if "cookie" in query:
                extra["Set-Cookie"] = "session=abc; Path=/"
            self._send(int(segments[1]), b"", head, extra=extra)
        elif kind == "limited":
            self._limited(segments[1], query, head)
        elif kind == "loop":
            self._send(302, b"", head, extra={"Location": "/loop"})
        elif kind == "cookie":
            self._send(200, b"ok\n", head, extra={"Set-Cookie": "session=abc; Path=/"})
        else:
            self._send(404, b"not found\n", head)

    def _limited(self, key: str, query: dict[str, str], head: bool) -> None:
        stats = self.server.stats
        with stats.lock:
            stats.limited[key] += 1
            seen = stats.limited[key]
        if seen <= int(query.get("times", 1)):
            status = int(query.get("code", 429))
            self._send(status, b"slow down\n", head, extra={"Retry-After": query.get("after", "0")})
        else:
            self._send(200, b"ok\n", head)

    def _send(
        self,
        status: int,
        body: bytes,
        head: bool,
        content_type: str = "text/plain",
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self._write(body)

    def _write(self, body: bytes) -> None:
        for start in range(0, len(body), CHUNK):
            piece = body[start : start + CHUNK]
            self.wfile.write(piece)
            with self.server.stats.lock:
                self.server.stats.sent[urlsplit(self.path).path] += len(piece)

    def _image(self, data: bytes, content_type: str, ranges: bool, head: bool) -> None:
        wanted = self.headers.get("Range", "")
        if wanted and self.path.endswith("range=416"):
            self._send(416, b"", head, extra={"Content-Range": f"bytes */{len(data)}"})
            return
        if ranges and wanted.startswith("bytes="):
            first, _, last = wanted[6:].partition("-")
            start, end = int(first or 0), min(int(last or len(data) - 1), len(data) - 1)
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
            body = data[start : end + 1]
        else:
            self.send_response(200)
            body = data
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes" if ranges else "none")
        self.end_headers()
        if not head:
            self._write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.stats = Stats()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class Silent:
    """A server that accepts connections (the kernel does) and never answers."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(128)
        self.base = f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    def close(self) -> None:
        self.socket.close()


def refused_base() -> str:
    """An address on 127.0.0.1 where nothing listens: connecting is refused."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}"
