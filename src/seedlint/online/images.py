"""The real size of a remote image, from the first bytes of its body.

Every format ``imagesize`` reads (PNG, JPEG, GIF, WebP, AVIF/HEIC, TIFF, ...) keeps its
size in the first bytes: a PNG's in the first 33, a JPEG's after its metadata (EXIF with a
thumbnail, an ICC profile), nearly always within the first 16 KiB, rarely past 64 KiB.

So a ``Range`` request asks for the first :data:`FIRST_BYTES`, read whole so that the
connection is kept for the next request; when they do not hold the size, a second one asks
for the rest up to :data:`MAX_BYTES`, streamed and closed as soon as the size is known. A
server that ignores ``Range`` sends the whole image: it is streamed and the download stops
as soon as the size is known, and in any case after :data:`MAX_BYTES`.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from .links import redirect_fields
from .outcome import UrlOutcome

if TYPE_CHECKING:
    import httpx

FIRST_BYTES = 16 * 1024
MAX_BYTES = 256 * 1024
_IDENTITY = {"Accept-Encoding": "identity"}  # the bytes as stored: no compression
# zlib's window bits for the encodings a server may use anyway (47: gzip or zlib header)
_INFLATE = {"gzip": 47, "x-gzip": 47, "deflate": 47}


def size_of(head: bytes) -> tuple[int, int] | None:
    """Width and height from an image's first bytes; ``None`` when they do not tell."""
    import imagesize

    try:
        width, height = imagesize.get(io.BytesIO(head))
    except Exception:  # noqa: BLE001 - imagesize raises many kinds on truncated or odd data
        return None
    return (int(width), int(height)) if width > 0 and height > 0 else None


async def _body(response: httpx.Response) -> AsyncIterator[bytes]:
    """The body's bytes, decompressed when the server compressed it anyway (we ask for
    ``identity``): at most :data:`MAX_BYTES` of output, however small the input. httpx
    would inflate each chunk whole, and a few KB of gzip can inflate to gigabytes."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in _INFLATE or response.is_stream_consumed:  # (read already: a mock)
        raw = encoding == "identity" and not response.is_stream_consumed
        chunks = response.aiter_raw() if raw else response.aiter_bytes()
        async for chunk in chunks:
            yield chunk
        return
    inflate = zlib.decompressobj(_INFLATE[encoding])
    given = 0
    async for chunk in response.aiter_raw():
        while chunk and given < MAX_BYTES:
            try:
                out = inflate.decompress(chunk, MAX_BYTES - given)
            except zlib.error:
                return  # not what it says it is: what came out so far is all there is
            given += len(out)
            chunk = inflate.unconsumed_tail
            if out:
                yield out
        if given >= MAX_BYTES or inflate.eof:
            return


async def _read(response: httpx.Response, head: bytearray) -> None:
    """Add the body to ``head``, up to :data:`MAX_BYTES` in all."""
    async for chunk in _body(response):
        head += chunk
        if len(head) >= MAX_BYTES:
            del head[MAX_BYTES:]
            return


async def _stream_until_size(response: httpx.Response, head: bytearray) -> tuple[int, int] | None:
    """Add the body to ``head`` until the size is known or :data:`MAX_BYTES` came in."""
    next_try = len(head) + 64
    async for chunk in _body(response):
        head += chunk
        if len(head) >= next_try or len(head) >= MAX_BYTES:
            size = size_of(bytes(head[:MAX_BYTES]))
            if size is not None:
                return size  # leaving the stream closes it: the download stops
            next_try = len(head) * 2
        if len(head) >= MAX_BYTES:
            return None
    return size_of(bytes(head))


def _more_to_read(response: httpx.Response, read: int) -> bool:
    """Whether a partial answer (206) left bytes of the image unread."""
    total = response.headers.get("content-range", "").rpartition("/")[2]
    more = not total.isdigit() or int(total) > read
    return response.status_code == 206 and more and read < MAX_BYTES


async def probe_image(client: httpx.AsyncClient, url: str) -> tuple[UrlOutcome, httpx.Response]:
    """GET the first bytes of an image; the outcome and the last response (its headers
    say when to retry)."""
    head = bytearray()
    size = None
    requests = 0
    downloaded = 0
    headers = {"Range": f"bytes=0-{FIRST_BYTES - 1}", **_IDENTITY}
    async with client.stream("GET", url, headers=headers) as response:
        requests += 1 + len(response.history)
        first = response
        if response.status_code == 206:  # the range only: read whole, the connection stays
            await _read(response, head)  # (but no more than MAX_BYTES of a server that
            size = size_of(bytes(head))  # sends more than it was asked)
        elif response.status_code < 300:
            size = await _stream_until_size(response, head)
        downloaded += response.num_bytes_downloaded
    if first.status_code == 416:  # a server that cannot serve the range: the whole body
        async with client.stream("GET", url, headers=_IDENTITY) as response:
            requests += 1 + len(response.history)
            first = response
            if response.status_code < 300:
                size = await _stream_until_size(response, head)
            downloaded += response.num_bytes_downloaded
    elif size is None and _more_to_read(first, len(head)):
        headers = {"Range": f"bytes={len(head)}-{MAX_BYTES - 1}", **_IDENTITY}
        async with client.stream("GET", str(first.url), headers=headers) as response:
            requests += 1 + len(response.history)
            if response.status_code == 206:
                size = await _stream_until_size(response, head)
            downloaded += response.num_bytes_downloaded
    outcome = UrlOutcome(
        url,
        status=first.status_code,
        detail=first.reason_phrase,
        content_type=first.headers.get("content-type"),
        width=None if size is None else size[0],
        height=None if size is None else size[1],
        image_read=first.status_code < 300,
        bytes_read=downloaded,
        requests=requests,
        **redirect_fields(first),  # type: ignore[arg-type]
    )
    return outcome, first
