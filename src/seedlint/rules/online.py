"""Online rules (``--online``): the real size of remote images, dead links, redirects,
timeouts. Pure like every rule: they read the outcomes a run fetched before (see
:mod:`seedlint.online.run`), and outside such a run they find nothing to report."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..diagnostics import Edit, Severity
from ..online.outcome import UrlOutcome
from ..online.urls import IMAGE, LINK, UrlRef
from . import Rule, RuleContext, rule
from ._support import field_name, fix_of, replace_text, scalar_inner

# A declared width : height this far (relative) from the real one distorts the picture:
# an error. Closer, the picture keeps its shape (a scaled size, or a pixel of rounding):
# a warning.
SHAPE_TOLERANCE = 0.02


@dataclass
class OnlineContext(RuleContext):
    """A rule context with the URLs of the record and what fetching them found."""

    refs: list[UrlRef] = field(default_factory=list)
    outcomes: Mapping[str, UrlOutcome] = field(default_factory=dict)


def _checked(ctx: RuleContext, kinds: tuple[str, ...]) -> Iterator[tuple[UrlRef, UrlOutcome]]:
    """The record's URLs of ``kinds`` with their outcomes (none outside an online run)."""
    if not isinstance(ctx, OnlineContext):
        return
    for ref in ctx.refs:
        outcome = ctx.outcomes.get(ref.target)
        if ref.kind in kinds and outcome is not None:
            yield ref, outcome


def shape_deviation(declared: tuple[int, int], real: tuple[int, int]) -> float:
    """How far the declared aspect ratio is from the real one (0: the same shape)."""
    return abs(math.log((declared[0] / declared[1]) / (real[0] / real[1])))


def size_severity(width: int | None, height: int | None, real: tuple[int, int]) -> Severity:
    """Error when the declared size distorts the picture, warning when it keeps its shape."""
    if width is None or height is None or width <= 0 or height <= 0:
        return Severity.ERROR
    far = shape_deviation((width, height), real) > math.log1p(SHAPE_TOLERANCE)
    return Severity.ERROR if far else Severity.WARNING


def _number_edit(ctx: RuleContext, pointer: str, value: int) -> Edit | None:
    inner = scalar_inner(ctx.doc, pointer)
    if inner is None or inner[2] != "":
        return None
    return Edit(inner[0], inner[1], str(value))


@rule(
    "SL220",
    "remote-image-size",
    Severity.ERROR,
    "a remote image whose real width or height differs from the declared one (--online)",
    fix="safe",
)
def remote_image_size(ctx: RuleContext) -> None:
    """
    ## What it does
    With `--online`, reads the first bytes of each remote image (`images[].url`, at any
    depth) and compares its real width and height with the declared ones. A wrong value
    is reported at that value, with the real size.

    The severity weighs the harm: when the declared width : height is more than 2% off
    the real one, the picture is distorted or cropped: an **error**. When the declared
    size keeps the picture's shape (a scaled size, or a pixel of rounding), it is a
    **warning**.

    ## Why is this bad?
    The page reserves the declared size before the picture loads: a wrong one stretches,
    squeezes or crops it, and moves the layout when it arrives.

    ## Example
    When `https://example.com/card.png` is 1200 × 630 pixels:
    ```yaml
    ---
    images:
      - url: https://example.com/card.png
        width: 1240
        height: 697
    ---
    ```

    ## Use instead
    ```yaml
    ---
    images:
      - url: https://example.com/card.png
        width: 1200
        height: 630
    ---
    ```

    ## Fix
    Safe: writes the real width or height in place of the declared one.
    """
    for ref, outcome in _checked(ctx, (IMAGE,)):
        real = outcome.size
        if real is None or outcome.kind != "ok":
            continue
        severity = size_severity(ref.width, ref.height, real)
        for name, declared, actual in (
            ("width", ref.width, real[0]),
            ("height", ref.height, real[1]),
        ):
            if declared is None or declared == actual:
                continue
            pointer = f"{ref.owner}/{name}"
            shape = "" if severity is Severity.WARNING else "; the declared shape distorts it"
            ctx.report(
                remote_image_size,
                pointer,
                f"{field_name(pointer)} is {declared} but the image {ref.url} is "
                f"{real[0]} × {real[1]} pixels{shape}; write {actual}",
                severity=severity,
                fix=fix_of(f"write the real {name}, {actual}", _number_edit(ctx, pointer, actual)),
            )


def _dead(rule_: Rule, ctx: RuleContext, kind: str, what: str) -> None:
    for ref, outcome in _checked(ctx, (kind,)):
        if outcome.kind == "dead":
            ctx.report(
                rule_,
                ref.pointer,
                f"{field_name(ref.pointer)}: {what} {ref.url} is gone ({outcome.describe()})",
            )


@rule("SL221", "dead-image", Severity.ERROR, "a remote image that is gone (--online)")
def dead_image(ctx: RuleContext) -> None:
    """
    ## What it does
    With `--online`, reports an image URL whose server answers 404 or 410, whose host
    does not exist, or that refuses the connection.

    ## Why is this bad?
    The page and its social cards show a broken image.

    ## Example
    When `https://example.com/gone.png` answers 404:
    ```yaml
    ---
    images:
      - url: https://example.com/gone.png
        width: 1200
        height: 630
    ---
    ```

    ## Use instead
    ```yaml
    ---
    images:
      - url: https://example.com/card.png
        width: 1200
        height: 630
    ---
    ```

    ## Fix
    Point at the image's new address, or at another image, or remove the entry.
    """
    _dead(dead_image, ctx, IMAGE, "the image")


@rule("SL222", "dead-link", Severity.ERROR, "a link that is gone (--online)")
def dead_link(ctx: RuleContext) -> None:
    """
    ## What it does
    With `--online`, reports a link (`webUrl`, `ampWebUrl`, `originalUrl`,
    `related[].webUrl`; the `online-links` setting) whose server answers 404 or 410,
    whose host does not exist, or that refuses the connection. A link is checked with
    `HEAD`, and with a small `GET` when `HEAD` gets an error (a 404 is confirmed so).
    A 429 (too many requests) is never a dead link.

    ## Why is this bad?
    Readers who follow the link find nothing: the story has moved or been deleted.

    ## Example
    When `https://example.com/gone` answers 404:
    ```yaml
    ---
    webUrl: https://example.com/gone
    ---
    ```

    ## Use instead
    ```yaml
    ---
    webUrl: https://example.com/story
    ---
    ```

    ## Fix
    Find where the story went (a search, the Wayback Machine) or remove the record.
    """
    _dead(dead_link, ctx, LINK, "the link")


@rule(
    "SL223",
    "permanent-redirect",
    Severity.INFO,
    "a URL that redirects permanently to a new address (--online)",
    fix="unsafe",
)
def permanent_redirect(ctx: RuleContext) -> None:
    """
    ## What it does
    With `--online`, reports a link or image whose server answers with a permanent
    redirect (301 or 308), with the address the redirects lead to. Temporary redirects
    (302, 303, 307) are followed silently.

    ## Why is this bad?
    It works today, but each visit takes a detour, and the old address may stop
    redirecting one day.

    ## Example
    When `https://example.com/old` answers 301 to `https://example.com/story`:
    ```yaml
    ---
    webUrl: https://example.com/old
    ---
    ```

    ## Use instead
    ```yaml
    ---
    webUrl: https://example.com/story
    ---
    ```

    ## Fix
    Unsafe: writes the new address (check that it is the same story, not a home page).
    """
    for ref, outcome in _checked(ctx, (IMAGE, LINK)):
        if not outcome.moved_permanently or outcome.final_url is None:
            continue
        new = outcome.final_url
        ctx.report(
            permanent_redirect,
            ref.pointer,
            f"{field_name(ref.pointer)}: {ref.url} moved permanently "
            f"(HTTP {outcome.redirect_status}) to {new}",
            fix=fix_of(f"write {new}", replace_text(ctx.doc, ref.pointer, new), safe=False),
        )


@rule(
    "SL224",
    "url-timeout",
    Severity.WARNING,
    "a URL that did not answer in time, or was not checked before the deadline (--online)",
)
def url_timeout(ctx: RuleContext) -> None:
    """
    ## What it does
    With `--online`, reports a link or image whose server did not answer within the
    request timeout (`online-timeout`), or that the run had no time left to check
    (`online-deadline`), or that was not asked for because its host did not answer four
    requests in a row. A warning: a slow server is not a dead link, and the run does
    not fail for it unless `fail-on` asks.

    ## Why is this bad?
    Readers wait too, and the URL's life is unknown.

    ## Example
    When `https://example.com/slow` never answers:
    ```yaml
    ---
    webUrl: https://example.com/slow
    ---
    ```

    ## Use instead
    ```yaml
    ---
    webUrl: https://example.com/story
    ---
    ```

    ## Fix
    Check the URL later (timeouts are cached for an hour at most), raise
    `online-timeout`, or list it in `exclude-urls`.
    """
    for ref, outcome in _checked(ctx, (IMAGE, LINK)):
        if outcome.kind == "timeout":
            said = (
                f"no answer within {_seconds(ctx)} s"
                if outcome.error == "timeout"
                else outcome.detail
            )
            ctx.report(url_timeout, ref.pointer, f"{field_name(ref.pointer)}: {ref.url}: {said}")


def _seconds(ctx: RuleContext) -> str:
    return f"{ctx.config.online.timeout:g}"


@rule(
    "SL225",
    "url-error",
    Severity.WARNING,
    "a URL whose server answers with an error other than 'gone' (--online)",
)
def url_error(ctx: RuleContext) -> None:
    """
    ## What it does
    With `--online`, reports a link or image whose server answers with an error that
    does not say the page is gone: 401, 403, 5xx, a 429 or 503 still there after the
    retries its `Retry-After` asked for, a TLS or protocol error, too many redirects.

    ## Why is this bad?
    Readers may get the same error. Some sites refuse robots only (403), so this is a
    warning.

    ## Example
    When `https://example.com/broken` answers 500:
    ```yaml
    ---
    webUrl: https://example.com/broken
    ---
    ```

    ## Use instead
    ```yaml
    ---
    webUrl: https://example.com/story
    ---
    ```

    ## Fix
    Open the URL in a browser; if it works there, list it in `exclude-urls`.
    """
    for ref, outcome in _checked(ctx, (IMAGE, LINK)):
        if outcome.kind in ("failed", "limited"):
            ctx.report(
                url_error,
                ref.pointer,
                f"{field_name(ref.pointer)}: {ref.url}: {outcome.describe()}",
            )


@rule(
    "SL226",
    "not-an-image",
    Severity.WARNING,
    "an image URL whose content is not an image (--online)",
)
def not_an_image(ctx: RuleContext) -> None:
    """
    ## What it does
    With `--online`, reports an image URL that answers successfully with content whose
    first bytes are not an image of a known format (PNG, JPEG, GIF, WebP, AVIF, ...):
    often an HTML page where the image was. What the bytes are counts, not the
    `Content-Type` the server claims.

    ## Why is this bad?
    The page shows a broken image, and its size cannot be checked.

    ## Example
    When `https://example.com/page` is an HTML page:
    ```yaml
    ---
    images:
      - url: https://example.com/page
        width: 1200
        height: 630
    ---
    ```

    ## Use instead
    ```yaml
    ---
    images:
      - url: https://example.com/card.png
        width: 1200
        height: 630
    ---
    ```

    ## Fix
    Point at the image itself, not at a page that shows it.
    """
    for ref, outcome in _checked(ctx, (IMAGE,)):
        if outcome.kind == "ok" and outcome.image_read and outcome.size is None:
            claimed = f" (the server says {outcome.content_type})" if outcome.content_type else ""
            ctx.report(
                not_an_image,
                ref.pointer,
                f"{field_name(ref.pointer)}: {ref.url} is not an image of a known format{claimed}",
            )


# What each online rule needs fetched
NEEDS: dict[str, tuple[str, ...]] = {
    "SL220": (IMAGE,),
    "SL221": (IMAGE,),
    "SL222": (LINK,),
    "SL223": (IMAGE, LINK),
    "SL224": (IMAGE, LINK),
    "SL225": (IMAGE, LINK),
    "SL226": (IMAGE,),
}
ONLINE_RULES = (
    remote_image_size,
    dead_image,
    dead_link,
    permanent_redirect,
    url_timeout,
    url_error,
    not_an_image,
)
