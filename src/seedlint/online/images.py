"""The real size of a remote image, from the first bytes of its body.

A ``Range`` request asks for the first :data:`RANGE_BYTES` only; a server that ignores it
sends the whole image, so the body is streamed and the download stops as soon as the
header gives a size, and in any case after :data:`RANGE_BYTES`. Every format ``imagesize``
reads (PNG, JPEG, GIF, WebP, AVIF/HEIC, TIFF, ...) keeps its size in the first few hundred
bytes, a JPEG after its metadata (EXIF, ICC profile), which is rarely more than 64 KiB.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .links import redirect_fields
from .outcome import UrlOutcome

if TYPE_CHECKING:
    import httpx

RANGE_BYTES = 256 * 1024
# A size is looked for once this many more bytes came in (a PNG's is in the first 33)
_FIRST_TRY = 64


def size_of(head: bytes) -> tuple[int, int] | None:
    """Width and height from an image's first bytes; ``None`` when they do not tell."""
    import imagesize

    try:
        width, height = imagesize.get(io.BytesIO(head))
    except Exception:  # noqa: BLE001 - imagesize raises many kinds on truncated or odd data
        return None
    return (int(width), int(height)) if width > 0 and height > 0 else None


async def probe_image(client: httpx.AsyncClient, url: str) -> tuple[UrlOutcome, httpx.Response]:
    """GET the first bytes of an image; the outcome and the final response (its headers
    say when to retry)."""
    headers = {"Range": f"bytes=0-{RANGE_BYTES - 1}", "Accept-Encoding": "identity"}
    async with client.stream("GET", url, headers=headers) as response:
        head = bytearray()
        size = None
        if response.status_code < 300:
            next_try = _FIRST_TRY
            async for chunk in response.aiter_bytes():
                head += chunk
                if len(head) >= next_try or len(head) >= RANGE_BYTES:
                    size = size_of(bytes(head[:RANGE_BYTES]))
                    next_try = len(head) * 2
                if size is not None or len(head) >= RANGE_BYTES:
                    break  # closing the stream stops the download
            else:
                size = size_of(bytes(head))
        outcome = UrlOutcome(
            url,
            status=response.status_code,
            detail=response.reason_phrase,
            content_type=response.headers.get("content-type"),
            width=None if size is None else size[0],
            height=None if size is None else size[1],
            image_read=response.status_code < 300,
            bytes_read=response.num_bytes_downloaded,
            requests=1 + len(response.history),
            **redirect_fields(response),  # type: ignore[arg-type]
        )
        return outcome, response
