"""Whether a link is alive: ``HEAD``, falling back to a small ``GET`` when the server does
not answer ``HEAD`` properly (many answer 405, 403 or 400 to it). A 404 or 410 to ``HEAD``
is confirmed by a ``GET`` too: some servers answer ``HEAD`` 404 for pages that exist, and
a dead link is an error (one more request for each link that looks dead: few)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .outcome import UrlOutcome

if TYPE_CHECKING:
    import httpx

# A GET reads at most this much of the body before closing
GET_BYTES = 16 * 1024


def _head_is_final(status: int) -> bool:
    """Whether a HEAD answer stands: a success, or "come back later"."""
    return status < 400 or status in (429, 503)


def _outcome(url: str, response: httpx.Response, requests: int) -> UrlOutcome:
    return UrlOutcome(
        url,
        status=response.status_code,
        detail=response.reason_phrase,
        content_type=response.headers.get("content-type"),
        bytes_read=response.num_bytes_downloaded,
        requests=requests + len(response.history),  # each redirect is a request
        **redirect_fields(response),  # type: ignore[arg-type]
    )


def redirect_fields(response: httpx.Response) -> dict[str, object]:
    if not response.history:
        return {}
    return {"final_url": str(response.url), "redirect_status": response.history[0].status_code}


async def probe_link(client: httpx.AsyncClient, url: str) -> tuple[UrlOutcome, httpx.Response]:
    """HEAD, then GET when HEAD's answer does not stand."""
    response = await client.head(url)
    requests = 1 + len(response.history)
    if _head_is_final(response.status_code):
        return _outcome(url, response, 1), response
    async with client.stream("GET", url) as streamed:
        read = 0
        async for chunk in streamed.aiter_bytes():
            read += len(chunk)
            if read >= GET_BYTES:
                break
        return _outcome(url, streamed, requests + 1), streamed
