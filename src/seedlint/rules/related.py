"""The ``related`` list: the same story twice, or the record listed as related to itself."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..diagnostics import Severity
from . import RuleContext, rule
from ._support import VALUE_CACHE_SIZE, delete_item, fix_of, line_of, records

_URL_PARTS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)([^?#]*)(\?[^#]*)?")


def identity_field(entry: dict[str, Any]) -> str:
    """The field holding the story's URL: ``webUrl``, else ``originalUrl`` (videos)."""
    return "webUrl" if entry.get("webUrl") else "originalUrl"


def story_identity(entry: dict[str, Any]) -> str | None:
    """What makes two entries the same story: the URL without scheme, host case, final
    slash and fragment (``http://Example.com/a/`` is ``https://example.com/a``)."""
    url = entry.get(identity_field(entry))
    return _url_identity(url) if isinstance(url, str) else None


@lru_cache(maxsize=VALUE_CACHE_SIZE)
def _url_identity(url: str) -> str | None:
    url = url.strip()
    if not url:
        return None
    match = _URL_PARTS.match(url)
    if match is None:
        return url
    host, path, query = match.groups()
    return f"{host.lower()}{path.rstrip('/')}{query or ''}"


def _related_identities(ctx: RuleContext) -> list[tuple[str, dict[str, Any], str | None]]:
    """``(pointer, entry, story identity)`` of each related entry, shared by both rules."""
    return ctx.shared(  # type: ignore[no-any-return]
        "related.identities",
        lambda ctx: [
            (pointer, entry, story_identity(entry)) for pointer, entry in records(ctx) if pointer
        ],
    )


@rule(
    "SL207",
    "duplicate-related",
    Severity.WARNING,
    "the same story is listed twice in related",
    fix="unsafe",
)
def duplicate_related(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports a `related` entry whose URL (`webUrl`, else `originalUrl`) an earlier entry
    already has, at the later entry's `- ` line, naming the earlier one's line. URLs are
    compared without their scheme, host case and final slash.

    ## Why is this bad?
    The reader sees the same story twice under "related", and the list holds one story
    fewer than it seems to.

    ## Example
    ```yaml
    ---
    related:
      - title: "Azure Arc is now generally available"
        webUrl: "https://azure.microsoft.com/blog/azure-arc-ga/"
      - title: "Azure Arc is now generally available"
        webUrl: "https://azure.microsoft.com/blog/azure-arc-ga/"
    ---
    ```

    ## Use instead
    ```yaml
    ---
    related:
      - title: "Azure Arc is now generally available"
        webUrl: "https://azure.microsoft.com/blog/azure-arc-ga/"
    ---
    ```

    ## Fix
    Unsafe: the later entry's lines are deleted (its fields may differ from the first's).
    """
    first: dict[str, str] = {}
    for pointer, _, identity in _related_identities(ctx):
        if identity is None:
            continue
        if identity not in first:
            first[identity] = pointer
            continue
        earlier = ctx.doc.item_span(first[identity])[0] + ctx.doc.line_offset + 1
        ctx.report(
            duplicate_related,
            pointer,
            f"related[{pointer.rsplit('/', 1)[1]}] repeats the story of the entry on "
            f"line {earlier} ({identity}); remove one of them",
            at="item",
            fix=fix_of(
                "delete the repeated related entry", delete_item(ctx.doc, pointer), safe=False
            ),
        )


@rule("SL208", "self-related", Severity.WARNING, "a related entry that is the record itself")
def self_related(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports a `related` entry whose URL is the record's own URL (compared like
    `duplicate-related` does).

    ## Why is this bad?
    A story listed as related to itself sends the reader back to the page they are on.

    ## Example
    ```yaml
    ---
    webUrl: "https://azure.microsoft.com/blog/azure-arc-ga/"
    related:
      - title: "Azure Arc is now generally available"
        webUrl: "https://azure.microsoft.com/blog/azure-arc-ga/"
    ---
    ```

    ## Use instead
    ```yaml
    ---
    webUrl: "https://azure.microsoft.com/blog/azure-arc-ga/"
    related:
      - title: "Azure Arc brings Azure services to any infrastructure"
        webUrl: "https://azure.microsoft.com/blog/azure-arc-anywhere/"
    ---
    ```

    ## Fix
    Remove the entry, or point it to another story.
    """
    data = ctx.data
    own = story_identity(data) if isinstance(data, dict) else None
    if own is None:
        return
    for pointer, entry, identity in _related_identities(ctx):
        if identity == own:
            own_field = identity_field(data)
            ctx.report(
                self_related,
                f"{pointer}/{identity_field(entry)}",
                f"related[{pointer.rsplit('/', 1)[1]}] is this record itself (its URL "
                f"is the record's {own_field} on line {line_of(ctx.doc, '/' + own_field)})"
                "; remove it",
            )
