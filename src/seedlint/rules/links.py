"""Rules about URLs: the provider's domain, the AMP cache URL, http and unencoded characters."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..diagnostics import Edit, Fix, Severity
from ..formats import is_domain_name, is_http_url
from . import RuleContext, rule
from ._support import (
    VALUE_CACHE_SIZE,
    child,
    field_name,
    fix_of,
    line_of,
    quoted,
    records,
    replace_text,
    scalar_inner,
    short,
    texts,
)

if TYPE_CHECKING:
    from ..parse import Document

AMP_CACHE_DOMAIN = "cdn.ampproject.org"
_MAX_LABEL = 63


_HOST = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://(?:[^/?#@\s]*@)?([^/?#:\s@]+)(?=[/?#:]|$)")


@lru_cache(maxsize=VALUE_CACHE_SIZE)
def url_host(url: str) -> str | None:
    """The host of an http(s) URL, lower-case ASCII (IDN hosts in punycode), or ``None``."""
    match = _HOST.match(url.strip())
    return ascii_domain(match.group(1)) if match else None


@lru_cache(maxsize=VALUE_CACHE_SIZE)
def ascii_domain(name: str) -> str:
    """A domain name lower-cased, without a final dot, in punycode when it is an IDN."""
    name = name.strip().lower().rstrip(".")
    if name.isascii():
        return name
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:  # not a valid IDN: compare it as written
        return name


@lru_cache(maxsize=VALUE_CACHE_SIZE)
def amp_cache_url(amp_url: str) -> str | None:
    """The Google AMP cache URL of ``amp_url``, or ``None`` when it is not an http(s) URL.

    The cache host is the source host in Unicode with every ``-`` doubled and every ``.``
    turned into ``-``, back in punycode; a label longer than 63 characters becomes the
    base32 SHA-256 of the host. ``/c/s/`` serves an https source, ``/c/`` an http one.
    """
    try:
        parts = urlsplit(amp_url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in ("http", "https") or not host or not is_http_url(amp_url):
        return None
    try:
        unicode_host = host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        return None
    label = unicode_host.replace("-", "--").replace(".", "-")
    if not label.isascii():
        try:
            label = label.encode("idna").decode("ascii")
        except UnicodeError:  # no valid punycode label: the cache uses the hash
            label = ""
    if not label or len(label) > _MAX_LABEL:
        digest = hashlib.sha256(ascii_domain(host).encode("ascii")).digest()
        label = base64.b32encode(digest).decode("ascii").rstrip("=").lower()
    secure = "s/" if scheme == "https" else ""
    return f"https://{label}.{AMP_CACHE_DOMAIN}/c/{secure}{amp_url.split('://', 1)[1]}"


@lru_cache(maxsize=VALUE_CACHE_SIZE)  # records repeat the same (URL, provider) pairs
def foreign_host(web_url: str, domain: str) -> str | None:
    """The host of ``web_url`` when ``domain`` is neither that host nor a parent domain of
    it; ``None`` when it is, and when either is malformed (the schema reports those)."""
    host = url_host(web_url)
    if host is None:
        return None
    wanted = ascii_domain(domain)
    if (
        host == wanted
        or host.endswith("." + wanted)
        or not is_domain_name(domain)
        or not is_http_url(web_url)
    ):
        return None
    return host


@rule(
    "SL201",
    "provider-domain",
    Severity.ERROR,
    "provider.domain is neither the webUrl host nor a parent domain of it",
)
def provider_domain(ctx: RuleContext) -> None:
    """
    ## What it does
    Checks that `provider.domain` is the host of `webUrl` or a parent domain of it
    (`www.theverge.com` may be provided by `theverge.com`), for the record and for each
    `related` entry. Records without a `webUrl` (videos with only an `originalUrl`) are
    not checked.

    ## Why is this bad?
    The site shows the provider's name and logo next to the link: a domain that does not
    match the URL credits the story to the wrong publisher, and usually means one of the
    two fields was copied from another record.

    ## Example
    ```yaml
    ---
    webUrl: "https://www.theverge.com/2020/4/1/azure"
    provider:
      name: The Verge
      domain: vox.com
    ---
    ```

    ## Use instead
    ```yaml
    ---
    webUrl: "https://www.theverge.com/2020/4/1/azure"
    provider:
      name: The Verge
      domain: theverge.com
    ---
    ```

    ## Fix
    Correct whichever of the two is wrong; seedlint cannot tell which.
    """
    for pointer, record in records(ctx):
        provider = record.get("provider")
        web_url = record.get("webUrl")
        if not isinstance(provider, dict) or not isinstance(web_url, str):
            continue
        domain = provider.get("domain")
        host = foreign_host(web_url, domain) if isinstance(domain, str) else None
        if host is None:
            continue
        parent = host[4:] if host.startswith("www.") else host
        ctx.report(
            provider_domain,
            f"{pointer}/provider/domain",
            f"{field_name(pointer + '/provider/domain')} {short(domain)} does not match "
            f"the host '{host}' of webUrl (line {line_of(ctx.doc, pointer + '/webUrl')}); "
            f"it must be that host or a parent domain such as '{parent}'",
        )


@rule(
    "SL202",
    "amp-cache-url",
    Severity.ERROR,
    "cdnAmpWebUrl is not the AMP cache form of ampWebUrl, or one of the two is missing",
    fix="unsafe",
    supersedes_schema=True,
)
def amp_cache(ctx: RuleContext) -> None:
    """
    ## What it does
    Checks that `cdnAmpWebUrl` is the Google AMP cache URL of `ampWebUrl`:
    `https://<host with - doubled and . as ->.cdn.ampproject.org/c/s/<host><path>` (`/c/`
    without `s/` for an http source), and that neither is given without the other. It
    replaces the schema's error about a malformed `cdnAmpWebUrl`, since it knows the value
    to write.

    ## Why is this bad?
    The cache URL is derived from the AMP URL; when they disagree, readers on the AMP
    link land on another article, or on an error page.

    ## Example
    ```yaml
    ---
    ampWebUrl: "https://www.example-news.com/azure/amp/"
    cdnAmpWebUrl: "https://www-example--news-com.cdn.ampproject.org/c/s/www.example-news.com/aws/amp/"
    ---
    ```

    ## Use instead
    ```yaml
    ---
    ampWebUrl: "https://www.example-news.com/azure/amp/"
    cdnAmpWebUrl: "https://www-example--news-com.cdn.ampproject.org/c/s/www.example-news.com/azure/amp/"
    ---
    ```

    ## Fix
    Unsafe (the site gets another URL): `cdnAmpWebUrl` is rewritten from `ampWebUrl` (or
    added on the line after it).
    """
    doc = ctx.doc
    for pointer, record in records(ctx):
        amp, cdn = record.get("ampWebUrl"), record.get("cdnAmpWebUrl")
        if amp is None and isinstance(cdn, str):
            cdn_at = f"{pointer}/cdnAmpWebUrl"
            ctx.report(
                amp_cache,
                cdn_at,
                f"{field_name(cdn_at)} is given without ampWebUrl; "
                "add the AMP URL it caches, or remove it",
                at="key",
            )
            continue
        if not isinstance(amp, str):
            continue
        expected = amp_cache_url(amp)
        if expected is None or cdn == expected:
            continue
        amp_at, cdn_at = f"{pointer}/ampWebUrl", f"{pointer}/cdnAmpWebUrl"
        if cdn is None:
            ctx.report(
                amp_cache,
                amp_at,
                f"{field_name(amp_at)} has no cdnAmpWebUrl next to "
                f"it; add cdnAmpWebUrl: {expected}",
                at="key",
                fix=_insert_after(doc, amp_at, "cdnAmpWebUrl", expected),
            )
        elif isinstance(cdn, str):
            edit = replace_text(doc, cdn_at, expected)
            ctx.report(
                amp_cache,
                cdn_at,
                f"{field_name(cdn_at)} is not the AMP cache form of ampWebUrl (line "
                f"{line_of(doc, amp_at)}){_difference(cdn, expected)}; expected {expected}",
                fix=fix_of("regenerate cdnAmpWebUrl from ampWebUrl", edit, safe=False),
            )


def _difference(found: str, expected: str) -> str:
    """Say which part of a cache URL is off: its host or the page it points to."""
    found_host, expected_host = url_host(found), url_host(expected)
    if found_host is None:
        return " (it is not an http(s) URL)"
    if found_host != expected_host:
        return f" (its host is '{found_host}', not '{expected_host}')"
    return " (it points to another page)"


def _insert_after(doc: Document, pointer: str, key: str, value: str) -> Fix | None:
    """A fix adding ``key: value`` on a new line after the value at ``pointer``."""
    inner = scalar_inner(doc, pointer)
    key_span = doc.keys.get(pointer)
    if inner is None or key_span is None:
        return None
    text = doc.text
    key_start = key_span[4]
    if text[text.rfind("\n", 0, key_start) + 1 : key_start].strip(" -"):
        return None  # not a block mapping key at the start of its line (a flow mapping?)
    written = quoted(value, inner[2] or '"')
    line_end = text.find("\n", inner[1])
    if written is None or line_end == -1:
        return None
    at = line_end - 1 if text[line_end - 1] == "\r" else line_end
    indent = " " * key_span[1]
    new_line = doc.front.newline + indent + f"{key}: {written}"
    return Fix(
        f"add {key} after {pointer.rsplit('/', 1)[-1]}", (Edit(at, at, new_line),), safe=False
    )


def schema_reports(url: str) -> bool:
    """Whether ``url`` is an http(s) URL so malformed that the schema reports it (then the
    URL warnings would only repeat that error)."""
    return url.lstrip()[:6].lower() in ("http:/", "https:") and not is_http_url(url)


@rule(
    "SL205", "http-url", Severity.WARNING, "an http:// URL where https:// is expected", fix="unsafe"
)
def http_url(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports URL fields (`webUrl`, `ampWebUrl`, `originalUrl`, image `url`, ...) that
    start with `http://`.

    ## Why is this bad?
    The site is served over https: an http link downgrades the reader's connection, and
    an http image is mixed content that browsers upgrade or block (it breaks when its
    host has no https).

    ## Example
    ```yaml
    ---
    webUrl: "http://azure.microsoft.com/blog/announcing-azure-arc/"
    ---
    ```

    ## Use instead
    ```yaml
    ---
    webUrl: "https://azure.microsoft.com/blog/announcing-azure-arc/"
    ---
    ```

    ## Fix
    Unsafe: `http` becomes `https`; check that the host serves the same page over https.
    """
    for parent, key, url in texts(ctx).urls:
        if url.startswith("https:") or url[:7].lower() != "http://" or schema_reports(url):
            continue
        pointer = child(parent, key)
        inner = scalar_inner(ctx.doc, pointer)
        fix = None
        if inner is not None and ctx.doc.text[inner[0] : inner[0] + 7].lower() == "http://":
            fix = Fix("use https", (Edit(inner[0] + 4, inner[0] + 4, "s"),), safe=False)
        ctx.report(
            http_url,
            pointer,
            f"{field_name(pointer)} uses http://; use https:// (the site is served over https)",
            fix=fix,
        )


# What RFC 3986 never allows unencoded in a URL (non-ASCII letters are fine: IRIs), and
# a '%' that starts no escape (the look-behind drops it: a pattern that starts with one
# character class is searched for several times faster than an alternative)
_MUST_ENCODE = re.compile(r'[\s\x00-\x1f\x7f"<>\\^`{|}%](?<!%(?=[0-9A-Fa-f]{2}))')
_CHARACTER_NAMES = {
    " ": "a space",
    "\u00a0": "a no-break space",
    "\t": "a tab",
    "%": "a '%' not followed by two hex digits",
}


@lru_cache(maxsize=VALUE_CACHE_SIZE)
def first_unencoded(url: str) -> int:
    """The index of the first character of ``url`` that must be percent-encoded, or -1."""
    match = _MUST_ENCODE.search(url)
    return -1 if match is None else match.start()


def character_name(character: str) -> str:
    """``'|'`` -> ``the character '|'``; an invisible one by its Unicode name."""
    if character.isprintable() and not character.isspace():
        return f"the character '{character}'"
    import unicodedata

    name = unicodedata.name(character, "control character").lower()
    return f"the invisible {name} (U+{ord(character):04X})"


@rule(
    "SL206",
    "unencoded-url",
    Severity.WARNING,
    "a URL with characters that must be percent-encoded, such as spaces",
)
def unencoded_url(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports URL fields holding characters that must be percent-encoded: spaces and other
    white space, control characters, `"`, `<`, `>`, `\\`, `^`, `` ` ``, `{`, `|`, `}`, and a
    `%` that does not start an escape. Non-ASCII letters are allowed (they are valid in
    IRIs and browsers encode them).

    ## Why is this bad?
    Browsers repair some of these and not others; feeds, link checkers and social cards
    often cut the URL at the first space. A space at the end is usually a copy-paste
    accident that breaks the link.

    ## Example
    ```yaml
    ---
    webUrl: "https://apnews.com/PR Newswire/f5b85ffe40d0191068bb0e60ed78df05"
    ---
    ```

    ## Use instead
    ```yaml
    ---
    webUrl: "https://apnews.com/PR%20Newswire/f5b85ffe40d0191068bb0e60ed78df05"
    ---
    ```

    ## Fix
    Percent-encode the character (a space is `%20`), or remove spaces around the URL.
    """
    for parent, key, url in texts(ctx).urls:
        at = first_unencoded(url)
        if at < 0 or schema_reports(url):
            continue
        pointer = child(parent, key)
        character = url[at]  # (the pattern matches one character)
        name = _CHARACTER_NAMES.get(character) or character_name(character)
        if not url[at:].strip():
            where = "at its end"
        elif at == 0:
            where = "at its start"
        else:
            where = f"at character {at + 1}"
        count = len(_MUST_ENCODE.findall(url))
        more = f" (and {count - 1} more)" if count > 1 else ""
        encoded = "%" + character.encode("utf-8").hex().upper() if character != "%" else "%25"
        ctx.report(
            unencoded_url,
            pointer,
            f"{field_name(pointer)} has {name} {where}{more}; percent-encode it "
            f"({encoded}) or remove it",
        )
